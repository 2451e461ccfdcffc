/**
 * Kaggle "NBA Betting Data" `games.csv`, one row per game, lowercase ESPN-style team codes.
 * See shared/data/README.md § nba/games.csv.
 */
import { h2hQuote, negate, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByName, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';

/** Tip-off assumed for every game (the source has no times): 7 pm US/Eastern. */
export const NBA_DEFAULT_LOCAL_TIME = '19:00';

const COLUMNS = [
  'season',
  'date',
  'regular',
  'playoffs',
  'away',
  'home',
  'score_away',
  'score_home',
  'q1_away',
  'q2_away',
  'q3_away',
  'q4_away',
  'ot_away',
  'q1_home',
  'q2_home',
  'q3_home',
  'q4_home',
  'ot_home',
  'whos_favored',
  'spread',
  'total',
  'moneyline_away',
  'moneyline_home',
  'h2_spread',
  'h2_total',
] as const;

const BLANK = [''];
const BOOL = ['True', 'False'] as const;

/**
 * Parses NBA games. The file's `season` is the season's END year (2008 = 2007-08); the stored
 * season is the start year. Quarter points go to `*Periods` (q1–q4, plus one entry with the
 * summed OT points when the game went to OT).
 */
export function parseNbaCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByName(header, fileName, COLUMNS);
  const width = rowWidth(header);
  const out = new ImportBuilder('nba', options);

  for (const record of rows) {
    out.attempt([record.line], () => readRow(new RowReader(record, fileName, columns)));
  }
  return out.result();

  function readRow(row: RowReader): void {
    row.expectWidth(width);
    if (row.text('score_home') === '' && row.text('score_away') === '') {
      out.skip(row.line, 'no final score (game not played)');
      return;
    }
    const season = row.integer('season') - 1;
    const date = row.isoDate('date');
    const away = out.team(row, 'away', season);
    const home = out.team(row, 'home', season);
    const quarters = (side: 'home' | 'away'): number[] =>
      [1, 2, 3, 4].map((q) => row.count(`q${q}_${side}`));
    const otHome = row.count('ot_home');
    const otAway = row.count('ot_away');
    // Either side scoring in OT means OT was played (a side can be shut out in an OT period).
    const overtime = otHome > 0 || otAway > 0;
    const homePeriods = quarters('home');
    const awayPeriods = quarters('away');
    if (overtime) {
      homePeriods.push(otHome);
      awayPeriods.push(otAway);
    }

    const gameId = out.allocateGameId(season, date.iso, away, home, row);
    const commenceTime = easternToUtc(date.iso, NBA_DEFAULT_LOCAL_TIME);
    const target = { gameId, commenceTime };
    // `spread` is a magnitude; `whos_favored` says which side gives the points.
    const spread = row.optionalLine('spread', BLANK);
    let homePoint: number | null = null;
    if (spread !== null) {
      const favoured = row.oneOf('whos_favored', ['home', 'away']);
      homePoint = favoured === 'home' ? negate(Math.abs(spread)) : Math.abs(spread);
    }

    out.addGame(
      {
        gameId,
        sport: 'nba',
        season,
        gameDate: date.iso,
        commenceTime,
        homeTeam: home,
        awayTeam: away,
        // The 2020 bubble games were neutral but the source does not flag them.
        neutralSite: false,
        homeScore: row.count('score_home'),
        awayScore: row.count('score_away'),
        homePeriods,
        awayPeriods,
        overtime,
        meta: {
          regular: row.oneOf('regular', BOOL) === 'True',
          playoffs: row.oneOf('playoffs', BOOL) === 'True',
          secondHalfSpread: row.optionalLine('h2_spread', BLANK),
          secondHalfTotal: row.optionalLine('h2_total', BLANK),
        },
      },
      [
        totalsQuote(target, row.optionalLine('total', BLANK), null, null),
        spreadsQuote(target, homePoint, null, null),
        h2hQuote(
          target,
          row.optionalLine('moneyline_home', BLANK),
          row.optionalLine('moneyline_away', BLANK),
        ),
      ],
    );
  }
}
