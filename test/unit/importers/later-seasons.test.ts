/**
 * Small differences of later seasons of the same sources that keep their meaning: trailing
 * empty header columns (and matching empty fields) and `NL` ("no line", any letter case) in a
 * line or price cell. An ambiguous price such as `a100` stays an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseHistoryCsv, type ImportResult } from '../../../core/importers';
import type { Sport } from '../../../core/sports';

const DIR = path.join(__dirname, '../../fixtures/history');

interface Format {
  sport: Sport;
  file: string;
  /** A line whose game has totals, spreads and moneyline quotes. */
  line: number;
  /** The lines of that game (two for the SBRO sheets). */
  gameLines: number[];
  /** Cells set to an `NL` spelling on `line` (or the rows named), and the quote that goes. */
  nl: { cells: [line: number, column: string, value: string][]; drops: string }[];
  /** A price cell of `line`. */
  price: string;
}

const FORMATS: Format[] = [
  {
    sport: 'nfl',
    file: 'nfl/games.csv',
    line: 17,
    gameLines: [17],
    nl: [
      { cells: [[17, 'total_line', 'NL']], drops: 'totals' },
      { cells: [[17, 'spread_line', 'nl']], drops: 'spreads' },
      { cells: [[17, 'home_moneyline', 'Nl']], drops: 'h2h' },
    ],
    price: 'over_odds',
  },
  {
    sport: 'nba',
    file: 'nba/games.csv',
    line: 2,
    gameLines: [2],
    nl: [
      { cells: [[2, 'total', 'NL']], drops: 'totals' },
      { cells: [[2, 'spread', 'nl']], drops: 'spreads' },
      { cells: [[2, 'moneyline_away', 'NL']], drops: 'h2h' },
    ],
    price: 'moneyline_home',
  },
  {
    sport: 'mlb',
    file: 'mlb/games.csv',
    line: 29,
    gameLines: [29],
    nl: [
      { cells: [[29, 'ou_close', 'NL']], drops: 'totals' },
      {
        cells: [
          [29, 'h_rl', 'nl'],
          [29, 'v_rl', 'NL'],
        ],
        drops: 'spreads',
      },
      { cells: [[29, 'h_ml_close', 'nL']], drops: 'h2h' },
    ],
    price: 'ou_close_ovr',
  },
  {
    sport: 'ncaaf',
    file: 'ncaaf/cfb_odds_2014.csv',
    line: 2,
    gameLines: [2],
    nl: [
      { cells: [[2, 'o/u', 'nl']], drops: 'totals' },
      { cells: [[2, 'spread', 'Nl']], drops: 'spreads' },
      { cells: [[2, 'away_ml', 'nl']], drops: 'h2h' },
    ],
    price: 'home_ml',
  },
  {
    sport: 'nhl',
    file: 'nhl/nhl_odds_2019-20.csv',
    line: 2,
    gameLines: [2, 3],
    nl: [
      {
        cells: [
          [2, 'CloseOU', 'NL'],
          [3, 'CloseOU', 'nl'],
        ],
        drops: 'totals',
      },
      {
        cells: [
          [2, 'PuckLine', 'NL'],
          [3, 'PuckLine', 'NL'],
        ],
        drops: 'spreads',
      },
      { cells: [[3, 'Close', 'nl']], drops: 'h2h' },
    ],
    price: 'Close',
  },
  {
    sport: 'ncaab',
    file: 'ncaab/ncaab_odds_2015-16.csv',
    line: 4,
    gameLines: [4, 5],
    nl: [
      // Row 4 holds the total (138), row 5 the spread: the lone 5.5 stays a spread.
      { cells: [[4, 'Close', 'nl']], drops: 'totals' },
      { cells: [[5, 'Close', 'Nl']], drops: 'spreads' },
      { cells: [[4, 'ML', 'nl']], drops: 'h2h' },
    ],
    price: 'ML',
  },
];

const baseName = (file: string): string => path.basename(file);

function lines(text: string): string[] {
  return text.split('\n');
}

/** Index of a header cell (whitespace-free comparison, first match). */
function columnIndex(text: string, column: string): number {
  const header = (lines(text)[0] ?? '').split(',').map((c) => c.replace(/\s+/g, ''));
  const index = header.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return index;
}

function setCell(text: string, line: number, column: string, value: string): string {
  const index = columnIndex(text, column);
  const all = lines(text);
  const cells = (all[line - 1] ?? '').split(',');
  cells[index] = value;
  all[line - 1] = cells.join(',');
  return all.join('\n');
}

/** Appends `suffix` to the header (line 1) and, if `rows`, to every non-empty data line. */
function withTrailing(text: string, suffix: string, rows: boolean): string {
  return lines(text)
    .map((l, i) => (i === 0 || (rows && l !== '') ? `${l}${suffix}` : l))
    .join('\n');
}

/** `market` of every quote of `before` that `after` no longer has. */
function droppedMarkets(before: ImportResult, after: ImportResult): string[] {
  const key = (q: { gameId: string; market: string }) => `${q.gameId}|${q.market}`;
  const kept = new Set(after.quotes.map(key));
  return before.quotes.filter((q) => !kept.has(key(q))).map((q) => q.market);
}

describe.each(FORMATS)('$sport: later-season spellings', (format) => {
  const text = fs.readFileSync(path.join(DIR, format.file), 'utf8');
  const name = baseName(format.file);
  const parse = (t: string, skipInvalid = false): ImportResult =>
    parseHistoryCsv(format.sport, t, name, { skipInvalid });
  const original = parse(text);

  it('accepts a header with extra trailing empty columns, with or without matching empty fields', () => {
    expect(parse(withTrailing(text, ',,', true))).toEqual(original);
    expect(parse(withTrailing(text, ', ,', true))).toEqual(original);
    expect(parse(withTrailing(text, ',,', false))).toEqual(original);
  });

  it('fails a row that holds a value in an unnamed trailing column', () => {
    const widened = withTrailing(text, ',,', true);
    const bad = lines(widened);
    bad[format.line - 1] = `${bad[format.line - 1] ?? ''}x`;
    const columns = (bad[0] ?? '').split(',').length;
    expect(() => parse(bad.join('\n'))).toThrow(
      `${name}:${format.line}: column ${columns} has no name in the header but holds "x"`,
    );
  });

  it('still fails a row with more fields than the header', () => {
    expect(() => parse(withTrailing(text, ',', true).replace(/,\n/, '\n'))).toThrow(CsvFormatError);
  });

  it.each(format.nl.map((c) => [c.drops, c] as const))(
    'reads NL (any case) as "no line": the game stays, its %s quote goes',
    (_market, { cells, drops }) => {
      let edited = text;
      for (const [line, column, value] of cells) edited = setCell(edited, line, column, value);
      const result = parse(edited);
      expect(result.games).toEqual(original.games);
      expect(result.skipped).toEqual(original.skipped);
      expect(droppedMarkets(original, result)).toEqual([drops]);
      expect(droppedMarkets(result, original)).toEqual([]);
    },
  );

  it('keeps a price like a100 an error naming file:line and column', () => {
    const edited = setCell(text, format.line, format.price, 'a100');
    let error: unknown;
    try {
      parse(edited);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).message).toMatch(
      new RegExp(
        `^${name.replace(/[.]/g, '\\.')}:${format.line}: \\S+: expected a number or .*NL.*, got "a100"$`,
      ),
    );
    // With skipInvalid the game's rows are rejected and everything else is imported.
    const lenient = parse(edited, true);
    expect(lenient.rejected.map((r) => r.line)).toEqual(format.gameLines);
    expect(lenient.rejected.every((r) => r.reason.includes('got "a100"'))).toBe(true);
    expect(lenient.games).toHaveLength(original.games.length - 1);
  });
});
