/**
 * R3 (point-in-time ratings): each game's engine inputs from the games final before the run's
 * as-of, and the league baseline. The load-ratings step and `reproduce` both use it, so a
 * reproduction recomputes exactly what the run computed.
 */
import { leagueBaseline } from '../ratings/baseline';
import { computeRatings } from '../ratings/compute';
import { projectGame } from '../ratings/project';
import type { RatingsConfig, RatingsOptions } from '../ratings/types';
import type { RatingsSummary } from '../run-summaries';
import type { Sport } from '../sports';
import type { GameRecord } from '../types';

const DAY_MS = 86_400_000;

/**
 * Start of the history a run's ratings read: `lookbackSeasons + 1` years before `asOf`, or the
 * start of the newest seasons with data (`oldest`) where history stops seasons before the slate.
 */
export function ratingsWindowStart(
  asOf: string,
  lookbackSeasons: number,
  oldest: string | null,
): string {
  const recent = new Date(Date.parse(asOf) - (lookbackSeasons + 1) * 366 * DAY_MS).toISOString();
  return oldest !== null && oldest < recent ? oldest : recent;
}

/** The engine inputs of `games` (in their order) from `history` final before `asOf`. */
export function projectGames(
  sport: Sport,
  games: readonly GameRecord[],
  history: readonly GameRecord[],
  quotes: RatingsOptions['quotes'],
  asOf: string,
  config: RatingsConfig,
) {
  const season = games[0]?.season;
  const options: RatingsOptions = { quotes, ...(season !== undefined ? { season } : {}) };
  const snapshot = computeRatings(sport, history, asOf, config, options);
  const baseline = leagueBaseline(sport, history, asOf, config, snapshot, options);
  let lowSample = 0;
  let clamped = 0;
  const rows = games.map((g) => {
    const p = projectGame(snapshot, g.homeTeam, g.awayTeam, g.neutralSite);
    if (p.lowSample) lowSample += 1;
    if (p.clamped) clamped += 1;
    return {
      gameId: g.gameId,
      inputs: { ...p.inputs },
      homeSample: p.homeGames,
      awaySample: p.awayGames,
    };
  });
  return { rows, baseline, historyGames: history.length, lowSample, clamped };
}

/** The games of the slate a run prices (`gameIds`), in slate order. */
export function gamesToProject(
  slate: readonly GameRecord[],
  gameIds: readonly string[],
): GameRecord[] {
  const wanted = new Set(gameIds);
  return slate.filter((g) => wanted.has(g.gameId));
}

/** What the load-ratings step reports of a projection. */
export function ratingsSummary(p: ReturnType<typeof projectGames>): RatingsSummary {
  return {
    games: p.rows.length,
    historyGames: p.historyGames,
    lowSample: p.lowSample,
    clamped: p.clamped,
    baselineTotal: p.baseline.totalMean,
  };
}
