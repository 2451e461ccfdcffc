/**
 * The output of the safety stack per (game, market, lineKey): one `pick_audit` row's content.
 * A discriminated union on `state`, so e.g. a PICK with a soft trigger or a NO_PLAY without a
 * reason does not type-check.
 */
import type { MarketKey, Sport } from '../sports';
import type { PublishGates } from './layers/candidate';
import type { LeanVerdict, NoPlayVerdict, PickVerdict } from './state-machine';
import type { CalibrationAdjustment, LayerTrace } from './types';

/** Price fields of a line that reached L5 (units in {@link PublishGates}). */
export interface Pricing extends PublishGates {
  /** The line as seen from `side` (totals: the total; HOME: home handicap; AWAY: −home handicap). */
  readonly sideLine: number;
  /**
   * Engine projection, scoring units: total (totals), the side's own points (team totals) or
   * home margin (spreads).
   */
  readonly projectionRaw: number;
  /** After L2 (offset, damp). */
  readonly projectionCalibrated: number;
}

export interface DecisionCommon {
  readonly gameId: string;
  readonly sport: Sport;
  readonly market: MarketKey;
  /** '' for single-line markets. */
  readonly lineKey: string;
  /**
   * Consensus point (totals: total; team totals: that side's points; spreads: home handicap);
   * null when the market had none.
   */
  readonly line: number | null;
  /** L2 adjustments applied (numbers changed, not demoting). */
  readonly adjustments: readonly CalibrationAdjustment[];
  /** Verdict notes and stack annotations (ASSUMED_PRICE, LINE_PROBS_APPROXIMATED, PACE_OUTLIER…). */
  readonly notes: readonly string[];
  /** R7 layer trace (JSON-safe); empty when the line was blocked before calibration. */
  readonly layers: readonly LayerTrace[];
}

export type PickDecision =
  | (DecisionCommon & PickVerdict & { readonly pricing: Pricing })
  | (DecisionCommon & LeanVerdict & { readonly pricing: Pricing })
  | (DecisionCommon & NoPlayVerdict & { readonly pricing: Pricing | null });

/** Published decisions are exactly PICK and LEAN. */
export type PublishedDecision = Extract<PickDecision, { readonly publishDecision: true }>;

export function isPublished(d: PickDecision): d is PublishedDecision {
  return d.publishDecision;
}
