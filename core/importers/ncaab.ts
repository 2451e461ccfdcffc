/**
 * SBRO NCAA basketball season sheets (`ncaab_odds_2015-16.csv` …): two rows per game.
 * See shared/data/README.md § ncaab.
 *
 * SBRO convention for `Open`/`Close`: the favourite's row holds the point spread (magnitude),
 * the other row the total; `pk` = pick'em (spread 0), `NL` = no line. When both rows are
 * numeric the larger value is the total. When only one row is numeric (the other `NL`), its
 * size decides what it is: basketball totals in these files are never below 100 and spreads
 * never above 50, so {@link NCAAB_LONE_TOTAL_THRESHOLD} splits them with a wide margin.
 */
import { h2hQuote, negate, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByPosition, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';
import { overtimeFromPeriods, periodsExceedFinal, readSbroPairs, type SbroPair } from './sbro';
import { SeasonCalendar, splitSeasonStartYear } from './season-dates';

/** Tip-off assumed for every game (the source has no times): 7 pm US/Eastern. */
export const NCAAB_DEFAULT_LOCAL_TIME = '19:00';
/** A lone `Close` value at or above this many points is a total, below it a spread. */
export const NCAAB_LONE_TOTAL_THRESHOLD = 75;

const HEADER = [
  ['date', 'Date'],
  ['rot', 'Rot'],
  ['vh', 'VH'],
  ['team', 'Team'],
  ['h1', '1st'],
  ['h2', '2nd'],
  ['final', 'Final'],
  ['open', 'Open'],
  ['close', 'Close'],
  ['ml', 'ML'],
  ['secondHalf', '2H'],
] as const;

const BLANK = [''];
const NO_LINE = ['NL', ''];
/** `ML` absent markers. One 2017-18 row (line 5517, Villanova −16) has `pk` as its moneyline,
 * which cannot be a price for a 16-point favourite: read it as no moneyline. */
const NO_MONEYLINE = ['NL', '', 'pk'];

/** One row's decoded `Close` cell (points). */
export type CloseCell = { kind: 'number'; value: number } | { kind: 'pk' } | { kind: 'none' };

/** Closing total and home handicap decoded from the two `Close` cells. */
export interface NcaabClosingLines {
  /** Closing total (points) or null. */
  readonly total: number | null;
  /** Home handicap, Odds API convention (−4.5 = home favoured by 4.5), or null. */
  readonly homePoint: number | null;
}

/** Decodes the SBRO favourite-row/total-row convention for one game. */
export function decodeNcaabClose(away: CloseCell, home: CloseCell): NcaabClosingLines {
  let total: number | null = null;
  let spreadRow: 'away' | 'home' | null = null;
  let spread = 0;
  if (away.kind === 'number' && home.kind === 'number') {
    if (away.value !== home.value) {
      total = Math.max(away.value, home.value);
      spread = Math.min(away.value, home.value);
      spreadRow = away.value < home.value ? 'away' : 'home';
    } else if (away.value >= NCAAB_LONE_TOTAL_THRESHOLD) {
      total = away.value; // equal values: cannot tell the favourite, keep only the total
    }
  } else {
    for (const [side, cell] of [
      ['away', away],
      ['home', home],
    ] as const) {
      if (cell.kind === 'pk') {
        spreadRow = side;
        spread = 0;
      } else if (cell.kind === 'number') {
        if (cell.value >= NCAAB_LONE_TOTAL_THRESHOLD) total = cell.value;
        else {
          spreadRow = side;
          spread = cell.value;
        }
      }
    }
  }
  // The row holding the spread is the favourite: the home side gives points when it is home.
  const homePoint = spreadRow === null ? null : spreadRow === 'home' ? negate(spread) : spread;
  return { total, homePoint };
}

/** Parses one NCAAB season sheet; the season start year comes from the file name. */
export function parseNcaabCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const seasonStart = splitSeasonStartYear(fileName);
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByPosition(header, fileName, HEADER);
  const width = rowWidth(header, HEADER.length);
  const out = new ImportBuilder('ncaab', options);
  const calendar = new SeasonCalendar(seasonStart);
  readSbroPairs(rows, fileName, columns, width, out, readPair);
  return out.result();

  function readPair(pair: SbroPair, away: RowReader, home: RowReader): void {
    if (away.text('final') === '' || home.text('final') === '') {
      const reason = 'no final score (Final blank)';
      out.skip(away.line, reason);
      out.skip(home.line, reason);
      return;
    }

    const date = away.seasonMonthDay('date', calendar);
    const awayTeam = out.team(away, 'team', seasonStart);
    const homeTeam = out.team(home, 'team', seasonStart);
    const homeScore = home.count('final');
    const awayScore = away.count('final');
    const homePeriods = halves(home);
    const awayPeriods = halves(away);
    const lines = decodeNcaabClose(closeCell(away), closeCell(home));
    // The `Open` cells follow the same favourite-row/total-row convention.
    const opening = decodeNcaabClose(lineCell(away, 'open'), lineCell(home, 'open'));

    if (periodsExceedFinal(homePeriods, homeScore) || periodsExceedFinal(awayPeriods, awayScore)) {
      const reason = 'inconsistent score: halves add up to more than Final';
      out.skip(away.line, reason);
      out.skip(home.line, reason);
      return;
    }

    const gameId = out.allocateGameId(seasonStart, date.iso, awayTeam, homeTeam, home);
    const commenceTime = easternToUtc(date.iso, NCAAB_DEFAULT_LOCAL_TIME);
    const target = { gameId, commenceTime };

    out.addGame(
      {
        gameId,
        sport: 'ncaab',
        season: seasonStart,
        gameDate: date.iso,
        commenceTime,
        homeTeam,
        awayTeam,
        neutralSite: pair.neutral,
        homeScore,
        awayScore,
        homePeriods,
        awayPeriods,
        overtime: overtimeFromPeriods(homePeriods, homeScore, awayPeriods, awayScore),
        meta: {
          awayRot: away.integer('rot'),
          homeRot: home.integer('rot'),
          homeRowFirst: pair.homeRowFirst,
        },
      },
      [
        totalsQuote(target, lines.total, null, null),
        spreadsQuote(target, lines.homePoint, null, null),
        h2hQuote(
          target,
          home.optionalLine('ml', NO_MONEYLINE),
          away.optionalLine('ml', NO_MONEYLINE),
        ),
      ],
      [
        totalsQuote(target, opening.total, null, null),
        spreadsQuote(target, opening.homePoint, null, null),
      ],
    );
  }
}

function closeCell(row: RowReader): CloseCell {
  return lineCell(row, 'close');
}

/**
 * One row's `Open` or `Close` cell, decoded. The closing cell is what games are graded and
 * priced on, so a malformed one fails the row; the opening cell only feeds opening-line runs,
 * and the sheets carry typos there (`p` for `pk`), so anything but a number or `pk` is no line.
 */
function lineCell(row: RowReader, column: 'open' | 'close'): CloseCell {
  const raw = row.text(column);
  if (raw.toLowerCase() === 'pk') return { kind: 'pk' };
  if (column === 'open') {
    const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
    return value === null ? { kind: 'none' } : { kind: 'number', value };
  }
  const value = row.optionalLine(column, NO_LINE);
  return value === null ? { kind: 'none' } : { kind: 'number', value };
}

/** 1st/2nd half points, or null when the sheet left them blank. */
function halves(row: RowReader): number[] | null {
  const values = (['h1', 'h2'] as const).map((c) => row.optionalCount(c, BLANK));
  return values.every((v): v is number => v !== null) ? values : null;
}
