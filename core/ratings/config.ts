/**
 * *default* rating settings per sport (R3). Half-lives are about a third to a half of a season;
 * shrinkage (priorGames) is larger where single games are noisier relative to team differences
 * (baseball, hockey). NFL values were picked by a small grid search on 2016–2023 (one-step-ahead
 * RMSE of projected totals and margins). Callers may override any field; the effective config belongs in the
 * config hash (R9).
 */
import type { Sport } from '../sports';
import type { RatingsConfig } from './types';

const BASE: Omit<
  RatingsConfig,
  'halfLifeDays' | 'priorGames' | 'minGames' | 'baselineGames' | 'seasonRegression'
> = {
  leaguePriorGames: 50,
  lookbackSeasons: 3,
  marketBlend: 0.5,
  // Half of a matchup's scoring signal is modelled as pace (more events), half as efficiency
  // (points per event), so R5's decomposition has both parts to measure (issue #20: with 0 the
  // pace part was 0 by construction and DOUBLE_COUNTING_LIKELY / PACE_OUTLIER could never fire).
  paceShare: 0.5,
};

export const DEFAULT_RATINGS_CONFIG: Readonly<Record<Sport, RatingsConfig>> = {
  nfl: {
    ...BASE,
    halfLifeDays: 90,
    seasonRegression: 0.4,
    priorGames: 8,
    minGames: 3,
    baselineGames: 544,
  },
  ncaaf: {
    ...BASE,
    halfLifeDays: 90,
    seasonRegression: 0.4,
    priorGames: 3,
    minGames: 3,
    baselineGames: 1500,
  },
  nba: {
    ...BASE,
    halfLifeDays: 45,
    seasonRegression: 0.3,
    priorGames: 8,
    minGames: 8,
    baselineGames: 2460,
  },
  ncaab: {
    ...BASE,
    halfLifeDays: 45,
    seasonRegression: 0.4,
    priorGames: 6,
    minGames: 6,
    baselineGames: 5000,
  },
  mlb: {
    ...BASE,
    halfLifeDays: 60,
    seasonRegression: 0.4,
    priorGames: 25,
    minGames: 15,
    baselineGames: 4860,
  },
  nhl: {
    ...BASE,
    halfLifeDays: 60,
    seasonRegression: 0.35,
    priorGames: 15,
    minGames: 10,
    baselineGames: 2624,
  },
};

export function defaultRatingsConfig(sport: Sport): RatingsConfig {
  return DEFAULT_RATINGS_CONFIG[sport];
}

/** Throws RangeError naming the first invalid field. */
export function validateRatingsConfig(c: RatingsConfig): void {
  const check = (name: keyof RatingsConfig, ok: boolean) => {
    if (!ok) throw new RangeError(`RatingsConfig.${name} invalid: ${String(c[name])}`);
  };
  const fin = (x: number) => typeof x === 'number' && Number.isFinite(x);
  check('halfLifeDays', fin(c.halfLifeDays) && c.halfLifeDays > 0);
  check(
    'seasonRegression',
    fin(c.seasonRegression) && c.seasonRegression >= 0 && c.seasonRegression <= 1,
  );
  check('priorGames', fin(c.priorGames) && c.priorGames >= 0);
  check('leaguePriorGames', fin(c.leaguePriorGames) && c.leaguePriorGames >= 0);
  check('lookbackSeasons', Number.isInteger(c.lookbackSeasons) && c.lookbackSeasons >= 1);
  check('marketBlend', fin(c.marketBlend) && c.marketBlend >= 0 && c.marketBlend <= 1);
  check('minGames', fin(c.minGames) && c.minGames >= 0);
  check('paceShare', fin(c.paceShare) && c.paceShare >= 0 && c.paceShare <= 1);
  check('baselineGames', Number.isInteger(c.baselineGames) && c.baselineGames >= 1);
}
