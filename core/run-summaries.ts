/**
 * What the steps of a slate run hand back to the workflow: small records of counts and IDs
 * (never simulation arrays; the rows themselves are in Postgres). Types only, shared by the
 * workflows, the activities and the CLI from below both.
 */
import type { CalibrationState, VarianceStats } from './safety';

export type RunKind = 'scheduled' | 'backfill' | 'manual';

/** What the fetch step found (counts only: the lines themselves are in Postgres). */
export interface FetchSummary {
  games: number;
  quotes: number;
  quarantined: number;
  quota: Record<string, string> | null;
}

/** What the fetch step hands on: its counts, and what every later step reads the slate with. */
export interface FetchOddsResult extends FetchSummary {
  flagsDisabled: string[];
  /** Live runs check GAME_STARTED; history and replays of past dates do not. */
  live: boolean;
  /** The as-of time every later step uses (no look-ahead past it). */
  asOf: string;
  /** Games whose payload was quarantined (NO_PLAY INVALID_PAYLOAD). */
  quarantinedGameIds: string[];
  /** Games with a team the registry could not resolve (NO_PLAY UNKNOWN_TEAM), with why. */
  unknownTeams: { gameId: string; reason: string }[];
  /**
   * The games of this run's own fetch (odds-api, file): the run prices these and their freshly
   * fetched lines only, never games or lines left by earlier runs. null for history runs.
   */
  fetchedGameIds: string[] | null;
}

/** What the verify step decided (small: IDs and counts). */
export interface VerifySummary {
  games: number;
  verifiedGameIds: string[];
  blockedGameIds: string[];
  marketsChecked: number;
  marketsBlocked: number;
  reasons: Record<string, number>;
}

export interface PersistSummary {
  auditRows: number;
  noPlay: number;
  picksPublished: number;
}

export interface RatingsSummary {
  games: number;
  historyGames: number;
  lowSample: number;
  clamped: number;
  baselineTotal: number;
}

export interface SimulateSummary {
  simulated: number;
  modelHash: string;
}

export interface DecomposeSummary {
  games: number;
  logged: boolean;
  doubleCounting: number;
  paceOutliers: number;
  efficiencyOutliers: number;
  rclFail: number;
  /** Games R5 could not decompose: blocked with DECOMPOSITION_INPUT_ERROR, slate goes on. */
  inputErrors?: number;
}

export interface CalibrationInputs {
  calibration: CalibrationState;
  variance: VarianceStats | null;
  /**
   * Published full-game totals of the chain's slates in the slate guard's trailing window
   * (absent on runs recorded before it existed).
   */
  publishedWindow?: { over: number; under: number };
}

export interface ClassifySummary {
  decisions: number;
  states: { PICK: number; LEAN: number; NO_PLAY: number };
  published: number;
  triggers: string[];
  warnings: string[];
}

export interface StampSummary {
  modelHash: string;
  configHash: string;
  gitCommit: string;
  gitDirty: boolean | null;
}
