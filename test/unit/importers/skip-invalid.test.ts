/**
 * Per-row error mode: with `{ skipInvalid: true }` a malformed row (or both rows of a malformed
 * SBRO pair) is rejected with its line and reason and the import goes on; whole-file problems
 * still throw, and without the option the first bad row still fails the file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseHistoryCsv, type ImportResult } from '../../../core/importers';
import type { Sport } from '../../../core/sports';

const DIR = path.join(__dirname, '../../fixtures/history');
const read = (file: string): string => fs.readFileSync(path.join(DIR, file), 'utf8');

const NFL = read('nfl/games.csv');
const NBA = read('nba/games.csv');
const MLB = read('mlb/games.csv');
const NHL = read('nhl/nhl_odds_2019-20.csv');
const NCAAF = read('ncaaf/cfb_odds_2014.csv');

const strict = (sport: Sport, text: string, name: string): ImportResult =>
  parseHistoryCsv(sport, text, name);
const lenient = (sport: Sport, text: string, name: string): ImportResult =>
  parseHistoryCsv(sport, text, name, { skipInvalid: true });

/** Sets field `index` (0-based) of file line `line` (1-based). */
function setField(text: string, line: number, index: number, value: string): string {
  const lines = text.split('\n');
  const cells = (lines[line - 1] ?? '').split(',');
  cells[index] = value;
  lines[line - 1] = cells.join(',');
  return lines.join('\n');
}

/** Appends copies of file lines (1-based) at the end; returns the text and their new lines. */
function appendCopies(text: string, ...lineNumbers: number[]): { text: string; at: number[] } {
  const lines = text.replace(/\n$/, '').split('\n');
  const at = lineNumbers.map((_, i) => lines.length + 1 + i);
  const copies = lineNumbers.map((n) => lines[n - 1] ?? '');
  return { text: `${[...lines, ...copies].join('\n')}\n`, at };
}

function error(fn: () => unknown): CsvFormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsvFormatError) return e;
    throw e;
  }
  throw new Error('expected a CsvFormatError');
}

describe('skipInvalid: per-row error mode', () => {
  it('leaves the default all-or-nothing: the first bad row fails the file, nothing is rejected', () => {
    expect(strict('nfl', NFL, 'games.csv').rejected).toEqual([]);
    expect(lenient('nfl', NFL, 'games.csv')).toEqual(strict('nfl', NFL, 'games.csv'));
    const bad = setField(setField(NFL, 5, 7, 'ZZZ'), 20, 10, 'x');
    expect(error(() => strict('nfl', bad, 'games.csv')).message).toMatch(
      /^games\.csv:5: away_team: .*ZZZ/,
    );
  });

  it('pro league: rejects the row with an unknown team (and any other bad row), imports the rest', () => {
    const bad = setField(setField(NFL, 5, 7, 'ZZZ'), 20, 10, 'x');
    const result = lenient('nfl', bad, 'games.csv');
    expect(result.rejected).toEqual([
      { line: 5, reason: expect.stringMatching(/^away_team: .*"?ZZZ"?/) as string },
      { line: 20, reason: 'home_score: expected an integer, got "x"' },
    ]);
    const all = strict('nfl', NFL, 'games.csv');
    expect(result.games).toHaveLength(all.games.length - 2);
    expect(result.games.some((g) => g.awayTeam === 'ZZZ')).toBe(false);
    // Nothing of a rejected row survives: its game has no quotes either.
    const ids = new Set(result.games.map((g) => g.gameId));
    expect(result.quotes.every((q) => ids.has(q.gameId))).toBe(true);
  });

  it('NBA: a second row of the same game is rejected, naming both lines', () => {
    const { text, at } = appendCopies(NBA, 3);
    expect(at).toEqual([77]);
    expect(error(() => strict('nba', text, 'games.csv')).message).toBe(
      'games.csv:77: BOS@BKN on 2022-02-24 is already the game on line 3 (a second row for the same game)',
    );
    const result = lenient('nba', text, 'games.csv');
    expect(result.rejected).toEqual([
      {
        line: 77,
        reason:
          'BOS@BKN on 2022-02-24 is already the game on line 3 (a second row for the same game)',
      },
    ]);
    expect(result.games).toHaveLength(75);
  });

  it('a rejected row leaves no trace: a later valid row of that game is imported as the game', () => {
    // NBA line 3's home score is read after its game id is taken; MLB likewise (doubleheaders).
    const nba = appendCopies(setField(NBA, 3, 7, 'x'), 3);
    const fixed = nba.text.split('\n');
    fixed[nba.at[0]! - 1] = NBA.split('\n')[2]!;
    const nbaResult = lenient('nba', fixed.join('\n'), 'games.csv');
    expect(nbaResult.rejected).toEqual([
      { line: 3, reason: 'score_home: expected an integer, got "x"' },
    ]);
    expect(nbaResult.games).toHaveLength(75);
    expect(nbaResult.games.find((g) => g.gameId === 'nba:2021:2022-02-24:BOS@BKN')).toBeDefined();

    const mlbLines = MLB.split('\n');
    const mlb = appendCopies(setField(MLB, 29, 7, 'x'), 29);
    const mlbFixed = mlb.text.split('\n');
    mlbFixed[mlb.at[0]! - 1] = mlbLines[28]!;
    const mlbResult = lenient('mlb', mlbFixed.join('\n'), 'games.csv');
    expect(mlbResult.rejected).toEqual([
      { line: 29, reason: 'h_final: expected an integer, got "x"' },
    ]);
    const ids = mlbResult.games.map((g) => g.gameId).filter((id) => id.includes('STL@MIL'));
    expect(ids).toContain('mlb:2016:2016-06-01:STL@MIL');
    expect(ids).not.toContain('mlb:2016:2016-06-01:STL@MIL#2');
  });

  it('NHL: a bad pair rejects both of its lines, and so do a misaligned pair and a duplicate game', () => {
    let text = setField(NHL, 10, 3, 'Atlantis'); // unknown team on the visitor row of 10-11
    text = setField(text, 13, 2, 'V'); // lines 12-13 become V,V
    const dup = appendCopies(text, 2, 3); // Chicago@Montreal again, lines 102-103
    expect(dup.at).toEqual([102, 103]);
    expect(() => strict('nhl', dup.text, 'nhl_odds_2019-20.csv')).toThrow(CsvFormatError);

    const result = lenient('nhl', dup.text, 'nhl_odds_2019-20.csv');
    const team = result.rejected.find((r) => r.line === 10)?.reason ?? '';
    expect(team).toMatch(/^team: NHL team "Atlantis" is not in the team registry/);
    const dupReason =
      'CHICAGO@MONTREAL on 2020-01-15 is already the game on line 3 (a second row for the same game)';
    const vh = 'rows 12-13 do not form a visitor/home pair (VH V,V)';
    expect(result.rejected).toEqual([
      { line: 10, reason: team },
      { line: 11, reason: `pair with line 10: ${team}` },
      { line: 12, reason: `pair with line 13: ${vh}` },
      { line: 13, reason: vh },
      { line: 102, reason: `pair with line 103: ${dupReason}` },
      { line: 103, reason: dupReason },
    ]);
    expect(result.games).toHaveLength(48);
    expect(result.games.some((g) => g.gameId.includes('PITTSBURGH@BOSTON'))).toBe(false);
  });

  it('NHL: a trailing row without a partner is rejected alone', () => {
    const { text, at } = appendCopies(NHL, 2);
    expect(error(() => strict('nhl', text, 'nhl_odds_2019-20.csv')).message).toBe(
      `nhl_odds_2019-20.csv:${at[0]}: row has no partner row (odd number of rows)`,
    );
    const result = lenient('nhl', text, 'nhl_odds_2019-20.csv');
    expect(result.rejected).toEqual([
      { line: at[0], reason: 'row has no partner row (odd number of rows)' },
    ]);
    expect(result.games).toHaveLength(50);
  });

  it('college: unknown teams are listed as provisional, unless their only row was rejected', () => {
    let text = setField(NCAAF, 2, 1, 'NEW-PROGRAM');
    text = setField(text, 3, 1, 'ANOTHER-NEW');
    text = setField(text, 3, 4, 'x'); // home_score, read after the teams
    const result = lenient('ncaaf', text, 'cfb_odds_2014.csv');
    expect(result.rejected).toEqual([
      { line: 3, reason: 'home_score: expected an integer, got "x"' },
    ]);
    expect(result.provisionalTeams).toEqual([
      { code: 'NEW-PROGRAM', name: 'NEW-PROGRAM', line: 2, reason: expect.any(String) as string },
    ]);
    expect(result.games.find((g) => g.awayTeam === 'NEW-PROGRAM')).toBeDefined();
    expect(result.games).toHaveLength(109);
  });

  it('whole-file problems still throw', () => {
    const noColumn = NFL.replace('total_line', 'total_lines');
    expect(() => lenient('nfl', noColumn, 'games.csv')).toThrow(
      'games.csv:1: header lacks column(s): total_line',
    );
    expect(() => lenient('nhl', NHL, 'nhl_odds.csv')).toThrow('nhl_odds.csv:0:');
    const namedExtra = NHL.replace('CloseOU,\n', 'CloseOU,,Extra\n');
    expect(() => lenient('nhl', namedExtra, 'nhl_odds_2019-20.csv')).toThrow(
      'nhl_odds_2019-20.csv:1: unexpected header',
    );
  });
});
