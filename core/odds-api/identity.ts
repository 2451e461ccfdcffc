/**
 * Game identity for Odds API events: the same natural key the history importers build
 * (`<sport>:<season>:<date>:<away>@<home>[#n]`). Team names ("Kansas City Chiefs", or a
 * history code) go through the team registry, so a live event lands on the same game — and
 * the same ratings — as the imported history of that game.
 */
import type { Sport } from '../sports';
import { provisionalCode, resolveTeamInSeason } from '../teams/resolve';
import { seasonOf } from '../teams/season';
import type { IsoDate, IsoInstant } from '../types';
import { utcToEasternDate } from '../calendar';

export { seasonOf };

/**
 * History code of `name` in `season`, or — when the registry cannot resolve it — the
 * provisional code of the text plus the reason (the caller blocks the game: UNKNOWN_TEAM).
 */
export function teamCodeOf(
  sport: Sport,
  name: string,
  season: number,
): { code: string; unresolved: string | null } {
  const r = resolveTeamInSeason(sport, name, season);
  return r.ok
    ? { code: r.code, unresolved: null }
    : { code: provisionalCode(name), unresolved: r.message };
}

/** Where a game sits in the calendar and its natural key (before doubleheader numbering). */
export interface GameIdentity {
  readonly gameId: string;
  readonly season: number;
  readonly gameDate: IsoDate;
  readonly homeTeam: string;
  readonly awayTeam: string;
  /** One message per team the registry could not resolve (empty when both resolved). */
  readonly unresolvedTeams: readonly string[];
}

/**
 * Natural key of the game `away @ home` commencing at `commenceTime` (UTC). Team names are
 * resolved through the registry exactly as the importers resolve theirs.
 */
export function gameIdentity(
  sport: Sport,
  commenceTime: IsoInstant,
  awayTeam: string,
  homeTeam: string,
): GameIdentity {
  const gameDate = utcToEasternDate(commenceTime);
  const season = seasonOf(sport, gameDate);
  const away = teamCodeOf(sport, awayTeam, season);
  const home = teamCodeOf(sport, homeTeam, season);
  return {
    gameId: `${sport}:${season}:${gameDate}:${away.code}@${home.code}`,
    season,
    gameDate,
    homeTeam: home.code,
    awayTeam: away.code,
    unresolvedTeams: [away.unresolved, home.unresolved].filter((m): m is string => m !== null),
  };
}
