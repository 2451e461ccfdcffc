/** Point-in-time ratings, league baselines and matchup projection (R3). */
export { computeRatings, usableGames } from './compute';
export type { UsedGame } from './compute';
export { DEFAULT_RATINGS_CONFIG, defaultRatingsConfig, validateRatingsConfig } from './config';
export { BASELINE_ITERATIONS, BASELINE_SEED, leagueBaseline } from './baseline';
export { projectGame } from './project';
export type {
  ClosingLine,
  GameProjection,
  RatingsConfig,
  RatingsOptions,
  RatingsSnapshot,
  TeamRating,
} from './types';
