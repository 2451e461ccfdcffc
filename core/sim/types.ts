/**
 * Request types and the engine-module contract shared by the sport kernels, the in-process
 * runner and the worker pool. Everything in a {@link SimRequest} is plain JSON so it can be
 * posted to a worker thread or passed between Temporal activities.
 */
import type { DerivativeMarket, Sport } from '../sports';
import type { Accumulator, AccumulatorLayout, TeamTotalLines } from './histogram';
import type { Sfc32 } from './prng';

/** Per-game engine inputs, usually from `projectGame` (core/ratings). */
export interface GameInputs {
  /** Expected full-game score of the home side, overtime included (points/runs/goals). */
  readonly homeExpected: number;
  /** Expected full-game score of the away side, overtime included. */
  readonly awayExpected: number;
  /**
   * Multiplier on the league-average number of scoring events (drives, possessions, shots).
   * 1 = league average, allowed range [0.7, 1.4]. Expected points are still honoured exactly:
   * a faster game gets a lower efficiency, so pace and efficiency never both absorb the same
   * scoring signal (R5). MLB ignores it (innings are structural).
   */
  readonly paceFactor?: number;
}

/** A derivative segment the caller wants priced (R2b: only where a real line exists). */
export interface SegmentRequest {
  /** `totals_h1`, `totals_q1`…`totals_q4`, `totals_p1`…`totals_p3`, `totals_1st_5_innings`. */
  readonly market: DerivativeMarket;
  /** Offered total lines for this segment (scoring units). */
  readonly totalLines: readonly number[];
  /** Offered home handicaps for this segment (Odds API convention), if any. */
  readonly spreadLines?: readonly number[];
}

export type { TeamTotalLines } from './histogram';

export interface EngineOptions {
  /**
   * MLB only: extra innings start with a runner on second (MLB regular season since 2020).
   * Default false, which matches the 2010–2017 history the parameters were calibrated on.
   */
  readonly mlbExtraInningRunner?: boolean;
}

export interface SimRequest {
  readonly sport: Sport;
  readonly gameId: string;
  /** Run seed (R9). Chunk i of this game is seeded from (seed, gameId, i). */
  readonly seed: string;
  /** Number of simulated games, integer in [1_000, 1_000_000]. */
  readonly iterations: number;
  readonly inputs: GameInputs;
  /** Offered full-game totals (incl. alternate totals). The first one drives `mcStandardError`. */
  readonly totalLines: readonly number[];
  /** Offered full-game home handicaps. */
  readonly spreadLines: readonly number[];
  readonly derivatives?: readonly SegmentRequest[];
  /**
   * Offered full-game team totals per side. Omit when none is offered: the summary then has no
   * `full.teamTotals` (and is bit-identical to what it was before team totals existed).
   */
  readonly teamTotalLines?: TeamTotalLines;
  readonly options?: EngineOptions;
}

/** Bad input, raised before any simulation work. */
export class SimInputError extends Error {
  readonly code = 'SIM_INPUT_INVALID' as const;
  constructor(
    /** Request field at fault, e.g. `inputs.homeExpected`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'SimInputError';
  }
}

/** A game ready to simulate: tables built, histograms laid out. Immutable after creation. */
export interface PreparedModel {
  readonly sport: Sport;
  readonly layout: AccumulatorLayout;
  /**
   * Simulates `iterations` games drawing from `rng`, adding counts into `acc`.
   * Must not allocate: it runs in the hot path.
   */
  runChunk(rng: Sfc32, iterations: number, acc: Accumulator): void;
  /** Derived model parameters (for diagnostics and the model hash). */
  readonly params: Readonly<Record<string, number>>;
}

/** What each sport module exports. */
export interface SportEngine {
  readonly sport: Sport;
  /** Derivative market → segment name for the segments this engine simulates. */
  readonly segments: Readonly<Partial<Record<DerivativeMarket, string>>>;
  /** Plausible expected score per side [lo, hi]; outside is rejected as implausible input. */
  readonly sideBounds: readonly [number, number];
  /**
   * League-average inputs (home, away expected points, overtime included) the parameters were
   * calibrated against; source and seasons are in the sport module.
   */
  readonly leagueAverage: { readonly homeExpected: number; readonly awayExpected: number };
  prepare(inputs: GameInputs, options: EngineOptions): PreparedModel;
}
