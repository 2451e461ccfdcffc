/**
 * Game identity for Odds API events: the same natural key the history importers build
 * (`<sport>:<season>:<date>:<away>@<home>[#n]`), so that an event served by the local
 * history server — whose team names are the stored history codes — lands on the imported game.
 * Real Odds API events use full team names ("Kansas City Chiefs") and therefore get their own
 * game rows; matching those to history codes is not attempted here.
 */
import { canonicalTeam } from '../importers/teams';
import type { Sport } from '../sports';
import type { IsoDate, IsoInstant } from '../types';
import { utcToEasternDate } from './eastern-date';

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

/** Where a game sits in the calendar and its natural key (before doubleheader numbering). */
export interface GameIdentity {
  readonly gameId: string;
  readonly season: number;
  readonly gameDate: IsoDate;
  readonly homeTeam: string;
  readonly awayTeam: string;
}

/**
 * Natural key of the game `away @ home` commencing at `commenceTime` (UTC). Team strings are
 * canonicalised exactly as the importers do (trim, uppercase, spaces removed, sport aliases).
 */
export function gameIdentity(
  sport: Sport,
  commenceTime: IsoInstant,
  awayTeam: string,
  homeTeam: string,
): GameIdentity {
  const gameDate = utcToEasternDate(commenceTime);
  const season = seasonOf(sport, gameDate);
  const away = canonicalTeam(sport, awayTeam);
  const home = canonicalTeam(sport, homeTeam);
  return {
    gameId: `${sport}:${season}:${gameDate}:${away}@${home}`,
    season,
    gameDate,
    homeTeam: home,
    awayTeam: away,
  };
}
