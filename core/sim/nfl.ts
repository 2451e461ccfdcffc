/**
 * NFL engine parameters (drive model, see football.ts).
 *
 * Calibration sources: nflverse games 2015–2023 (shared/data/nfl/games.csv, 2,458 games):
 * mean total 45.6 (home 23.7, away 21.9), total SD 14.0 (13.3 around the closing total),
 * margin SD 14.1 (12.8 around the closing spread), OT in 5.9% of games. League drive
 * stats (public play-by-play summaries, same era): ≈11.3 regulation drives per team, ≈22.5%
 * of drives end in a TD and ≈14.5% in a made FG; XP ≈94%, two-point tries ≈9% of TDs at ≈48%.
 */
import type { FootballParams } from './football';
import { prepareFootball } from './football';
import type { SportEngine } from './types';

export const NFL_PARAMS: FootballParams = {
  sport: 'nfl',
  drivesPerTeam: 11.3,
  halfDrivesSd: 1.0,
  classShape: [0.63, 0.145, 0.225],
  tdPoints: [0.101, 0.855, 0.044],
  overtime: { kind: 'nfl', maxDrives: 5 },
};

export const nflEngine: SportEngine = {
  sport: 'nfl',
  segments: { totals_h1: 'h1' },
  sideBounds: [3, 60],
  leagueAverage: { homeExpected: 23.7, awayExpected: 21.9 },
  prepare: (inputs) => prepareFootball(NFL_PARAMS, inputs),
};
