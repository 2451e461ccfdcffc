/**
 * The record that flows through the five safety layers (R7): one per priced
 * (game, market, lineKey). Each layer returns a new candidate (never mutates) with one more entry
 * in `layers`.
 *
 * Probability convention: `pA`/`qA` are probabilities of side a (OVER for totals, HOME for
 * spreads) **conditional on no push**, i.e. pOver / (pOver + pUnder). That is the quantity a
 * no-vig market probability prices (a push refunds the stake), so model and market are
 * comparable and side b is simply 1 − pA.
 */
import type { MarketKey, Sport } from '../../sports';
import type { DecompositionFlag } from '../decomposition';
import {
  jsonSafe,
  type CalibrationAdjustment,
  type HardBlockReason,
  type LayerTrace,
  type Side,
  type SoftTrigger,
} from '../types';

/** Where a skill weight came from: estimated from graded lines, or the configured prior. */
export type SkillWeightSource = 'estimate' | 'prior';

/**
 * One market kind's skill weight (skill-weight.ts) as stored on `calibration_daily` and stamped
 * on every pick.
 */
export interface SkillWeight {
  /** The weight applied, 0–1. */
  readonly w: number;
  /** Graded lines behind it. */
  readonly n: number;
  /** Unshrunk least-squares estimate (null without disagreement to measure). */
  readonly raw: number | null;
  readonly source: SkillWeightSource;
  /**
   * Base-rate shift of side A (Over, home) in probability at a 50% line, within ±maxShift: how
   * far side A's results ran from the market's no-vig probability over the shift window, shrunk
   * toward 0. 0 when too few lines (and on rows stored before it existed).
   */
  readonly shift: number;
  /** Graded lines behind the shift (the shift window). */
  readonly shiftN: number;
  /**
   * Standard error of `w` (binomial variance bounded by ¼, the prior's pull included); null for
   * the prior and on rows stored before it existed, where the skill counts as not established.
   */
  readonly se: number | null;
}

/** Per market kind. */
export type SkillWeights = Readonly<Record<MarketKind, SkillWeight>>;

export type MarketKind = 'total' | 'spread';

/** The price-related output of L5 ({@link applyPublishGates}). */
export interface PublishGates {
  /** The side with the larger calibrated edge (ties go to side a; a zero edge is NO_PLAY anyway). */
  readonly side: Side;
  /** Model probability of `side` given no push, before any layer (0–1). */
  readonly modelProbRaw: number;
  /**
   * Model probability of `side` given no push after L2's bias correction, i.e. what entered the
   * skill weight (0–1). The daily calibration measures the weight on this quantity.
   */
  readonly modelProbCorrected: number;
  /**
   * The published probability that `side` wins given no push (0–1): the market moved toward the
   * model by the skill weight, then L3/L4 and the penalties (sample, variance, soft triggers).
   */
  readonly modelProbCalibrated: number;
  /** The skill weight applied (0–1). */
  readonly skillWeight: number;
  /** The base-rate shift of side A applied (probability at a 50% line; skill-weight.ts). */
  readonly baseRateShift: number;
  /** No-vig market probability of `side` (0–1). */
  readonly marketProbNoVig: number;
  /** Simulated push probability at the line (0–1). */
  readonly pushProb: number;
  /** (modelProbCalibrated − marketProbNoVig) × 100, in probability points; ≥ 0 by side choice. */
  readonly edgePp: number;
  /** American price of `side`. */
  readonly price: number;
  /** Expected profit per 1 unit staked at `price`, push refunded. */
  readonly ev: number;
  /** 100 × modelProbCalibrated: the published probability that the pick wins, in percent. */
  readonly confidence: number;
}

export interface Candidate {
  readonly gameId: string;
  readonly sport: Sport;
  readonly market: MarketKey;
  readonly lineKey: string;
  readonly kind: MarketKind;
  /**
   * Consensus point (totals: the total; team totals: that side's points; spreads: home
   * handicap, −3.5 = home gives 3.5).
   */
  readonly line: number;
  /**
   * The market's central estimate that L3 measures deviation from (scoring units): totals → the
   * consensus total (alternate lines use the game's main total, since an alternate line is far
   * from the projection by design); team totals → the side's own line; spreads → −homeLine, the
   * market's home margin.
   */
  readonly marketCenter: number;
  /**
   * Mean of the priced quantity / full-game mean total (1 for full-game totals, ≈ 0.5 for 1H
   * and for one side's team total; 1 for spreads). Scales the L2 offset and the L3 threshold,
   * which the SPEC states for full-game totals.
   */
  readonly segmentScale: number;
  /**
   * Engine projection of the priced quantity (scoring units): the game or segment total
   * (totals), the side's own points (team totals) or the home margin (spreads).
   */
  readonly projectionRaw: number;
  /** The same after the layers so far. */
  readonly projection: number;
  /** Simulated SD of the projected quantity (scoring units). */
  readonly sd: number;
  /** Full-game simulated total SD and margin SD, what L4 compares with the sport's recent SDs. */
  readonly fullTotalSd: number;
  readonly fullMarginSd: number;
  /** Simulated push probability at the line (0–1), kept unchanged by the layers. */
  readonly pPush: number;
  /** Engine's P(side a | no push). */
  readonly pARaw: number;
  /** Current P(side a | no push) after the layers so far. */
  readonly pA: number;
  /** P(side a | no push) that entered the skill weight (= pA until that layer runs). */
  readonly pAModel: number;
  /** The skill weight applied (null until that layer runs). */
  readonly skillWeight: SkillWeight | null;
  /** No-vig market probability of side a (0–1). */
  readonly qA: number;
  /**
   * The market probability of side a after the base-rate shift (skill-weight.ts): what L3–L5
   * shrink toward, and the second reference an edge must clear. Absent until the skill weight
   * layer runs, and equal to qA when the shift is 0.
   */
  readonly anchorA?: number;
  /** American prices of side a / b. */
  readonly priceA: number;
  readonly priceB: number;
  /** Fewer of the two teams' rating sample sizes (games); null when unknown. */
  readonly ratingSample: number | null;
  readonly mcStandardError: number;
  /** R5 flags of the game; null when no decomposition was supplied. */
  readonly decompositionFlags: readonly DecompositionFlag[] | null;
  /** L4's z, once computed (null: not computable). */
  readonly varianceZ: number | null;
  readonly hardReasons: readonly HardBlockReason[];
  readonly softTriggers: readonly SoftTrigger[];
  readonly adjustments: readonly CalibrationAdjustment[];
  /** Upper bound on confidence, i.e. on the published probability in percent (L3); null: none. */
  readonly confidenceCap: number | null;
  /** True once a layer made the line parlay-ineligible regardless of state (L3). */
  readonly parlayBlocked: boolean;
  /** Non-blocking annotations (verdict notes, LINE_PROBS_APPROXIMATED, R5 outlier flags). */
  readonly notes: readonly string[];
  readonly layers: readonly LayerTrace[];
  readonly gates: PublishGates | null;
}

/** Adds `item` to a list once (order of first appearance kept). */
export function addUnique<T>(list: readonly T[], item: T): readonly T[] {
  return list.includes(item) ? list : [...list, item];
}

/** Returns `c` with a trace entry appended (numbers made JSON-safe: NaN → null, −0 → 0). */
export function withTrace(c: Candidate, entry: LayerTrace): Candidate {
  return {
    ...c,
    layers: [
      ...c.layers,
      { ...entry, input: jsonSafe(entry.input), output: jsonSafe(entry.output) },
    ],
  };
}

/** Compresses a probability toward the market: q + (p − q)·keep, keep ∈ [0, 1]. */
/** Side a's anchor: the shifted market once the skill weight layer has run, else qA. */
export const anchorOf = (c: Pick<Candidate, 'qA' | 'anchorA'>): number => c.anchorA ?? c.qA;

export function shrinkTowardMarket(p: number, q: number, keep: number): number {
  const out = q + (p - q) * keep;
  return Math.min(1, Math.max(0, out));
}
