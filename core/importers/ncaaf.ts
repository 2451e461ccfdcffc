/**
 * SBRO NCAA football, cleaned to one row per FBS game (`jackschooley/cfb-betting`,
 * `cfb_odds_2014.csv` …). See shared/data/README.md § ncaaf.
 */
import { h2hQuote, negate, spreadsQuote, totalsQuote } from './closing-quotes';
import { parseCsvTable } from './csv';
import { easternToUtc } from '../calendar';
import { columnsByName, RowReader, rowWidth } from './fields';
import { ImportBuilder, type ImportOptions, type ImportResult } from './import-result';
import { SeasonCalendar, singleSeasonYear } from './season-dates';

/** Kick-off assumed for every game (the source has no times): 1 pm US/Eastern. */
export const NCAAF_DEFAULT_LOCAL_TIME = '13:00';

const COLUMNS = [
  'date',
  'away',
  'home',
  'away_score',
  'home_score',
  'away_ml',
  'home_ml',
  'spread',
  'o/u',
] as const;

const NO_LINE = ['NL', ''];

/**
 * Parses one NCAAF season file; the season year comes from the file name and January dates
 * (bowls) fall in the next calendar year. Neutral sites are not flagged in this source.
 */
export function parseNcaafCsv(
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  const season = singleSeasonYear(fileName);
  const { header, rows } = parseCsvTable(text, fileName);
  const columns = columnsByName(header, fileName, COLUMNS);
  const width = rowWidth(header);
  const out = new ImportBuilder('ncaaf', options);
  const calendar = new SeasonCalendar(season);

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
    const date = row.seasonMonthDay('date', calendar);
    const away = out.team(row, 'away', season);
    const home = out.team(row, 'home', season);

    const gameId = out.allocateGameId(season, date.iso, away, home, row);
    const commenceTime = easternToUtc(date.iso, NCAAF_DEFAULT_LOCAL_TIME);
    const target = { gameId, commenceTime };
    // `spread` is the AWAY team's line (−7 = away favoured by 7), so home handicap = −spread.
    const spreadRaw = row.text('spread');
    const awayLine = spreadRaw.toLowerCase() === 'pk' ? 0 : row.optionalLine('spread', NO_LINE);

    out.addGame(
      {
        gameId,
        sport: 'ncaaf',
        season,
        gameDate: date.iso,
        commenceTime,
        homeTeam: home,
        awayTeam: away,
        neutralSite: false,
        homeScore: row.count('home_score'),
        awayScore: row.count('away_score'),
        homePeriods: null,
        awayPeriods: null,
        overtime: null,
        meta: {},
      },
      [
        totalsQuote(target, row.optionalLine('o/u', NO_LINE), null, null),
        spreadsQuote(target, awayLine === null ? null : negate(awayLine), null, null),
        h2hQuote(
          target,
          row.optionalLine('home_ml', NO_LINE),
          row.optionalLine('away_ml', NO_LINE),
        ),
      ],
    );
  }
}
