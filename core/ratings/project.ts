/**
 * Matchup projection: ratings → engine inputs (R3 → R4).
 */
import { ENGINES, PACE_FACTOR_RANGE } from '../sim/engine';
import type { GameProjection, RatingsSnapshot } from './types';

/** Pace multipliers implied by `paceShare` are kept well inside the engine's allowed range. */
const PACE_CLAMP: readonly [number, number] = [
  Math.max(0.85, PACE_FACTOR_RANGE[0]),
  Math.min(1.15, PACE_FACTOR_RANGE[1]),
];

/**
 * Expected points of each side (overtime included, the unit the ratings are fitted in):
 *   home = μ + h/2 + off(home) − def(away),  away = μ − h/2 + off(away) − def(home)
 * with h = 0 at a neutral site. Teams without history count as league average with 0 games.
 * Expected points are clamped into the engine's plausible range (flagged `clamped`).
 *
 * paceFactor = (projected total / league total)^paceShare, so pace × efficiency always
 * reproduces the projected total and the scoring signal is split, never counted twice.
 */
export function projectGame(
  snapshot: RatingsSnapshot,
  home: string,
  away: string,
  neutral: boolean,
): GameProjection {
  const hr = Object.prototype.hasOwnProperty.call(snapshot.teams, home)
    ? snapshot.teams[home]
    : undefined;
  const ar = Object.prototype.hasOwnProperty.call(snapshot.teams, away)
    ? snapshot.teams[away]
    : undefined;
  const half = neutral ? 0 : snapshot.homeAdvantage / 2;
  const mu = snapshot.leagueMean;
  let homeExpected = mu + half + (hr?.offense ?? 0) - (ar?.defense ?? 0);
  let awayExpected = mu - half + (ar?.offense ?? 0) - (hr?.defense ?? 0);
  const [lo, hi] = ENGINES[snapshot.sport].sideBounds;
  const clamp = (x: number) => Math.min(hi, Math.max(lo, x));
  const clamped = clamp(homeExpected) !== homeExpected || clamp(awayExpected) !== awayExpected;
  homeExpected = clamp(homeExpected);
  awayExpected = clamp(awayExpected);
  const share = snapshot.config.paceShare;
  let paceFactor = 1;
  if (share > 0 && mu > 0) {
    const f = Math.pow((homeExpected + awayExpected) / (2 * mu), share);
    paceFactor = Math.min(PACE_CLAMP[1], Math.max(PACE_CLAMP[0], f));
  }
  const homeGames = hr?.games ?? 0;
  const awayGames = ar?.games ?? 0;
  return {
    inputs: { homeExpected, awayExpected, paceFactor },
    homeGames,
    awayGames,
    lowSample: Math.min(homeGames, awayGames) < snapshot.config.minGames,
    clamped,
  };
}
