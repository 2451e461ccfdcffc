/**
 * Season labels, shared by the importers, the team registry and Odds API identity. A season
 * label is a year: the calendar year for football and baseball (NFL/NCAAF January–February
 * games belong to the previous year's season), the START year for basketball and hockey
 * (2018 = 2018-19).
 */
import type { Sport } from '../sports';
import type { IsoDate } from '../types';

/** Sports whose season label is the calendar year of the opening game (football, baseball). */
const CALENDAR_SEASON: ReadonlySet<Sport> = new Set(['nfl', 'ncaaf', 'mlb']);

/**
 * Season label year of a game on the US/Eastern date `gameDate`, matching the importers:
 * * nfl / ncaaf: the year, except January–February games (playoffs, bowls) belong to the
 *   previous year's season; mlb: the year.
 * * nba / nhl / ncaab: the start year (month ≥ August → year, else year − 1), except that the
 *   COVID-extended 2019-20 NBA and NHL seasons ran into August–October 2020 (the bubbles), so
 *   those months of 2020 are still season 2019 — the history files say so.
 */
export function seasonOf(sport: Sport, gameDate: IsoDate): number {
  const year = Number(gameDate.slice(0, 4));
  const month = Number(gameDate.slice(5, 7));
  if (CALENDAR_SEASON.has(sport)) {
    return (sport === 'nfl' || sport === 'ncaaf') && month <= 2 ? year - 1 : year;
  }
  if ((sport === 'nba' || sport === 'nhl') && year === 2020 && month >= 8 && month <= 10)
    return 2019;
  return month >= 8 ? year : year - 1;
}
