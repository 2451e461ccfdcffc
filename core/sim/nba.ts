/**
 * NBA engine parameters (possession model, see basketball.ts).
 *
 * Calibration sources: SBRO/Kaggle NBA games, seasons 2015-16 to 2022-23
 * (shared/data/nba/games.csv, 10,206 games): mean total 218.2 (home 110.3, away 107.9),
 * total SD 21.3 (18.1 around the closing total), margin SD 14.2 (12.8 around the closing
 * spread), quarter totals 54.9 / 54.9 / 54.3 / 52.8, OT in 5.6% of games. League pace for the
 * era ≈ 98.5 possessions per team per 48 minutes (≈1.10 points per possession).
 */
import type { BasketballParams } from './basketball';
import { prepareBasketball } from './basketball';
import type { SportEngine } from './types';

export const NBA_PARAMS: BasketballParams = {
  sport: 'nba',
  periods: 4,
  periodSegments: ['q1', 'q2', 'q3', 'q4'],
  cumulativeSegments: [{ name: 'h1', periods: 2 }],
  possessionsPerTeam: 98.5,
  // Quarter scoring shares 0.253/0.253/0.250/0.244 of regulation points.
  periodPaceWeights: [1.012, 1.012, 1.0, 0.976],
  gamePaceSd: 0.025,
  periodPossSd: 1.0,
  possessionShape: [0.49, 0.045, 0.305, 0.14, 0.02],
  reversion: 0.22,
  maxDeviation: 30,
  otPossessions: 10.3,
  otPossSd: 1.0,
  maxOvertimes: 6,
};

export const nbaEngine: SportEngine = {
  sport: 'nba',
  segments: { totals_h1: 'h1', totals_q1: 'q1', totals_q2: 'q2', totals_q3: 'q3', totals_q4: 'q4' },
  sideBounds: [70, 160],
  leagueAverage: { homeExpected: 110.3, awayExpected: 107.9 },
  prepare: (inputs) => prepareBasketball(NBA_PARAMS, inputs),
};
