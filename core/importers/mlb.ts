/**
 * SBRO MLB odds reshaped to one row per game (`cswaters/scrape-mlb-odds`); missing values are
 * the literal `NA`. See shared/data/README.md § mlb/games.csv.
 */
import { h2hQuote, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByName, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';

/** First pitch assumed for every game (the source has no times): 7 pm US/Eastern. */
export const MLB_DEFAULT_LOCAL_TIME = '19:00';

const COLUMNS = [
  'seas',
  'date',
  'v_rot',
  'v_team',
  'v_final',
  'h_rot',
  'h_team',
  'h_final',
  'v_ml_close',
  'v_rl',
  'v_rl_odds',
  'h_ml_close',
  'h_rl',
  'h_rl_odds',
  'ou_open',
  'ou_close',
  'ou_close_ovr',
  'ou_close_und',
  'neutral',
] as const;

const NA = ['NA'];

/**
 * Parses MLB games. Rows with `NA` runs (a game without a result) are skipped. The run line is
 * emitted only when both sides' lines are present and mirror each other; one 2017 row lists
 * −1.5 for both teams, which cannot be graded, so that game keeps no spreads quote
 * (`meta.runLineNote` says why) rather than guessing which side is wrong.
 */
export function parseMlbCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByName(header, fileName, COLUMNS);
  const width = rowWidth(header);
  const out = new ImportBuilder('mlb', options);

  for (const record of rows) {
    out.attempt([record.line], () => readRow(new RowReader(record, fileName, columns)));
  }
  return out.result();

  function readRow(row: RowReader): void {
    row.expectWidth(width);
    if (row.text('v_final') === 'NA' || row.text('h_final') === 'NA') {
      out.skip(row.line, 'no final score (v_final/h_final NA)');
      return;
    }
    const season = row.integer('seas');
    const date = row.isoDate('date');
    const away = out.team(row, 'v_team', season);
    const home = out.team(row, 'h_team', season);

    const gameId = out.allocateGameId(season, date.iso, away, home, row);
    const commenceTime = easternToUtc(date.iso, MLB_DEFAULT_LOCAL_TIME);
    const target = { gameId, commenceTime };

    const homeRunLine = row.optionalLine('h_rl', NA);
    const awayRunLine = row.optionalLine('v_rl', NA);
    let runLineNote: string | null = null;
    let homePoint: number | null = null;
    if (homeRunLine !== null && awayRunLine !== null && homeRunLine === -awayRunLine) {
      homePoint = homeRunLine;
    } else if (homeRunLine !== null || awayRunLine !== null) {
      runLineNote = `inconsistent run line v_rl=${row.text('v_rl')} h_rl=${row.text('h_rl')}; omitted`;
    }

    out.addGame(
      {
        gameId,
        sport: 'mlb',
        season,
        gameDate: date.iso,
        commenceTime,
        homeTeam: home,
        awayTeam: away,
        neutralSite: row.oneOf('neutral', ['0', '1']) === '1',
        homeScore: row.count('h_final'),
        awayScore: row.count('v_final'),
        homePeriods: null,
        awayPeriods: null,
        // The source has no innings, so extra innings cannot be told apart.
        overtime: null,
        meta: {
          awayRot: row.integer('v_rot'),
          homeRot: row.integer('h_rot'),
          openTotal: row.optionalLine('ou_open', NA),
          runLineNote,
        },
      },
      [
        totalsQuote(
          target,
          row.optionalLine('ou_close', NA),
          row.optionalLine('ou_close_ovr', NA),
          row.optionalLine('ou_close_und', NA),
        ),
        spreadsQuote(
          target,
          homePoint,
          homePoint === null ? null : row.optionalLine('h_rl_odds', NA),
          homePoint === null ? null : row.optionalLine('v_rl_odds', NA),
        ),
        h2hQuote(target, row.optionalLine('h_ml_close', NA), row.optionalLine('v_ml_close', NA)),
      ],
      [
        totalsQuote(
          target,
          row.optionalLine('ou_open', NA),
          row.optionalLine('ou_open_ovr', NA),
          row.optionalLine('ou_open_und', NA),
        ),
      ],
    );
  }
}
