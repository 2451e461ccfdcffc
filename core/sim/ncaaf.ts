/**
 * NCAAF (FBS) engine parameters (drive model, see football.ts).
 *
 * Calibration sources: SBRO FBS-vs-FBS games 2014–2016 (shared/data/ncaaf, 2,151 games):
 * mean total 57.1 (home 30.5, away 26.6), total SD 16.9 around the closing total, margin SD
 * 16.1 around the closing spread (20.8 unconditional: FBS mismatches are large). Drive stats
 * for the era: ≈12.8 drives per team, ≈27% TD and ≈12% made-FG drives; OT from the 25 ends in
 * a TD about half the time.
 */
import type { FootballParams } from './football';
import { prepareFootball } from './football';
import type { SportEngine } from './types';

export const NCAAF_PARAMS: FootballParams = {
  sport: 'ncaaf',
  drivesPerTeam: 12.8,
  halfDrivesSd: 1.8,
  classShape: [0.61, 0.12, 0.27],
  tdPoints: [0.061, 0.912, 0.027],
  overtime: { kind: 'ncaaf', classShape: [0.2, 0.3, 0.5], twoPointRate: 0.45, maxRounds: 12 },
};

export const ncaafEngine: SportEngine = {
  sport: 'ncaaf',
  segments: { totals_h1: 'h1' },
  sideBounds: [3, 80],
  leagueAverage: { homeExpected: 30.5, awayExpected: 26.6 },
  prepare: (inputs) => prepareFootball(NCAAF_PARAMS, inputs),
};
