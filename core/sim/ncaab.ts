/**
 * NCAAB engine parameters (possession model, see basketball.ts; two 20-minute halves).
 *
 * Calibration sources: SBRO NCAA basketball 2015-16 to 2018-19 (shared/data/ncaab, 17,715
 * games): mean total 144.9 (home 75.0, away 70.0, neutral sites included), total SD 17.1 around
 * the closing total, margin SD 11.0 around the closing spread, first half 67.6 (46.6% of the
 * total). League pace for the era ≈ 69.5 possessions per team per 40 minutes.
 */
import type { BasketballParams } from './basketball';
import { prepareBasketball } from './basketball';
import type { SportEngine } from './types';

export const NCAAB_PARAMS: BasketballParams = {
  sport: 'ncaab',
  periods: 2,
  periodSegments: ['h1', null],
  cumulativeSegments: [],
  possessionsPerTeam: 69.5,
  // Second halves score more (bonus free throws, late fouling): 0.47 / 0.53 of regulation.
  periodPaceWeights: [0.94, 1.06],
  gamePaceSd: 0.05,
  periodPossSd: 2.0,
  possessionShape: [0.51, 0.05, 0.3, 0.12, 0.02],
  reversion: 0.45,
  maxDeviation: 30,
  otPossessions: 7.2,
  otPossSd: 1.0,
  maxOvertimes: 6,
};

export const ncaabEngine: SportEngine = {
  sport: 'ncaab',
  segments: { totals_h1: 'h1' },
  sideBounds: [35, 120],
  leagueAverage: { homeExpected: 75.0, awayExpected: 70.0 },
  prepare: (inputs) => prepareBasketball(NCAAB_PARAMS, inputs),
};
