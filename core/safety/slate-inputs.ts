/** Input contract of {@link classifySlate}. Structural, JSON-safe; see classify-slate.ts. */
import type { SideCounts } from './layers/slate-guard';
import type { DecompositionResult } from './decomposition';
import type { RclResult } from './rcl';
import type { CalibrationState } from './layers/calibration-state';
import type { VarianceStats } from './layers/l4-high-variance';
import type { SimSummary } from '../simulation-types';
import type { MarketKey, Sport } from '../sports';
import type { BlockReason, IsoDate } from '../types';
import type { HardBlockReason } from './types';

/**
 * One verified market (R2 output). Structurally a subset of integrity's `MarketVerdict`, so
 * verdicts can be passed as they are. Side a = Over (totals) / home (spreads).
 */
export interface VerifiedMarket {
  readonly gameId: string;
  readonly market: MarketKey;
  /** '' for single-line markets; the line's key for alternate_totals / team_totals. */
  readonly lineKey: string;
  /** Hard block reasons; empty when the line may be priced. */
  readonly reasons: readonly BlockReason[];
  /** Non-blocking notes (ASSUMED_PRICE, OUTLIER_BOOK_DROPPED:…, WOULD_BLOCK:…). */
  readonly notes: readonly string[];
  /** Totals: the consensus total; spreads: the consensus home handicap; null when none. */
  readonly consensusPoint: number | null;
  /** American prices of side a / b; null → −110 assumed (note ASSUMED_PRICE). */
  readonly priceA: number | null;
  readonly priceB: number | null;
  /** No-vig probabilities 0–1 (sum 1); null → derived from the prices. */
  readonly noVigA: number | null;
  readonly noVigB: number | null;
}

/** Games behind each team's rating (R3). */
export interface RatingSamples {
  readonly home: number;
  readonly away: number;
}

/** Everything known about one game of the slate. */
export interface GameSafetyInput {
  readonly gameId: string;
  readonly sport: Sport;
  /** Every market the verify step examined for this game (h2h is skipped with a warning). */
  readonly markets: readonly VerifiedMarket[];
  /**
   * Reasons that apply to all markets of the game (e.g. INVALID_PAYLOAD, GAME_STARTED,
   * DECOMPOSITION_INPUT_ERROR).
   */
  readonly gameReasons?: readonly HardBlockReason[];
  /** Engine output; null when the game was blocked before simulation or the simulation failed. */
  readonly sim: SimSummary | null;
  /** R5 result for `sim` ({@link decomposeGame}); null when not computed. */
  readonly decomposition: DecompositionResult | null;
  /** R6 result for `sim` ({@link checkRcl}); null when not computed. */
  readonly rcl: RclResult | null;
  /** null when unknown (treated as LOW_SAMPLE). */
  readonly ratingSamples: RatingSamples | null;
}

/** One sport's slate. Calibration state and variance history are per sport, hence per slate. */
export interface SlateInputs {
  readonly sport: Sport;
  /** When set, the calibration state must be dated strictly before it (no look-ahead). */
  readonly slateDate?: IsoDate;
  /** Newest calibration_daily row before the slate, or NEUTRAL_CALIBRATION_STATE. */
  readonly calibration: CalibrationState;
  /** Recent distribution of simulated SDs; null when there is no history (L4 off, warning). */
  readonly variance: VarianceStats | null;
  readonly games: readonly GameSafetyInput[];
  /**
   * Published full-game totals (decisions of record) of the sport's slates in the trailing
   * window before this one (`slateGuard.windowDays`): the slate guard's stage 3 keeps the over
   * share of these plus the slate's own in band. Absent: no window (a bare slate).
   */
  readonly publishedWindow?: SideCounts;
}
