/**
 * nflverse `games.csv` (schedules with closing lines), one row per game. See
 * shared/data/README.md § nfl/games.csv.
 */
import { h2hQuote, negate, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByName, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';

/** Kick-off assumed when `gametime` is blank (all of 1999): the Sunday 1 pm ET window. */
export const NFL_DEFAULT_LOCAL_TIME = '13:00';

const COLUMNS = [
  'game_id',
  'season',
  'game_type',
  'week',
  'gameday',
  'gametime',
  'away_team',
  'away_score',
  'home_team',
  'home_score',
  'location',
  'overtime',
  'away_moneyline',
  'home_moneyline',
  'spread_line',
  'away_spread_odds',
  'home_spread_odds',
  'total_line',
  'under_odds',
  'over_odds',
  'div_game',
  'roof',
  'surface',
  'temp',
  'wind',
  'stadium_id',
] as const;

const BLANK = [''];

/**
 * Parses nflverse games. Season = the `season` column; times are US/Eastern local. Rows whose
 * scores are blank (scheduled / cancelled games in newer nflverse files) are skipped.
 */
export function parseNflCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByName(header, fileName, COLUMNS);
  const width = rowWidth(header);
  const out = new ImportBuilder('nfl', options);

  for (const record of rows) {
    out.attempt([record.line], () => readRow(new RowReader(record, fileName, columns)));
  }
  return out.result();

  function readRow(row: RowReader): void {
    row.expectWidth(width);
    if (row.text('home_score') === '' && row.text('away_score') === '') {
      out.skip(row.line, 'no final score (game not played)');
      return;
    }
    const season = row.integer('season');
    const date = row.isoDate('gameday');
    const time = row.text('gametime') || NFL_DEFAULT_LOCAL_TIME;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
      row.fail(`gametime: expected HH:MM, got "${time}"`);
    const away = out.team(row, 'away_team', season);
    const home = out.team(row, 'home_team', season);
    const location = row.oneOf('location', ['Home', 'Neutral']);
    const overtimeFlag = row.text('overtime');
    const overtime = overtimeFlag === '' ? null : row.oneOf('overtime', ['0', '1']) === '1';
    const divGame = row.text('div_game');

    const gameId = out.allocateGameId(season, date.iso, away, home, row);
    const commenceTime = easternToUtc(date.iso, time);
    const target = { gameId, commenceTime };
    // spread_line = points the HOME team is favoured by, so the home handicap is its negation.
    const spreadLine = row.optionalLine('spread_line', BLANK);

    out.addGame(
      {
        gameId,
        sport: 'nfl',
        season,
        gameDate: date.iso,
        commenceTime,
        homeTeam: home,
        awayTeam: away,
        neutralSite: location === 'Neutral',
        homeScore: row.count('home_score'),
        awayScore: row.count('away_score'),
        homePeriods: null,
        awayPeriods: null,
        overtime,
        meta: {
          sourceGameId: row.text('game_id'),
          gameType: row.requiredText('game_type'),
          week: row.integer('week'),
          gametimeKnown: row.text('gametime') !== '',
          divGame: divGame === '' ? null : row.oneOf('div_game', ['0', '1']) === '1',
          roof: row.text('roof') || null,
          surface: row.text('surface') || null,
          tempF: row.optionalNumber('temp', BLANK),
          windMph: row.optionalNumber('wind', BLANK),
          stadiumId: row.text('stadium_id') || null,
        },
      },
      [
        totalsQuote(
          target,
          row.optionalLine('total_line', BLANK),
          row.optionalLine('over_odds', BLANK),
          row.optionalLine('under_odds', BLANK),
        ),
        spreadsQuote(
          target,
          spreadLine === null ? null : negate(spreadLine),
          row.optionalLine('home_spread_odds', BLANK),
          row.optionalLine('away_spread_odds', BLANK),
        ),
        h2hQuote(
          target,
          row.optionalLine('home_moneyline', BLANK),
          row.optionalLine('away_moneyline', BLANK),
        ),
      ],
    );
  }
}
