/**
 * Vocabulary shared by the safety stack (SPEC R5–R8). Units, stated once:
 * - probability: a number in [0, 1];
 * - pp (probability points): probability × 100, used only for edges (3.0 pp = 0.03);
 * - scoring units: points / runs / goals of the sport;
 * - confidence: 0–100;
 * - EV: expected profit per 1 unit staked at the offered American price.
 */
import type { BlockReason } from '../types';

/** A bet side. Totals: OVER/UNDER (side a/b); spreads: HOME/AWAY (side a/b). */
export type Side = 'OVER' | 'UNDER' | 'HOME' | 'AWAY';

/** The three publication states of R8. */
export type PickState = 'PICK' | 'LEAN' | 'NO_PLAY';

/**
 * Soft triggers demote PICK to LEAN but never block on their own (R8). STATE_MACHINE_DISABLED
 * marks every line when ENABLE_PICK_STATE_MACHINE is off (R15), so such a run cannot publish a PICK.
 */
export const SOFT_TRIGGERS = [
  'MARKET_DEVIATION',
  'HIGH_VARIANCE',
  'DOUBLE_COUNTING_LIKELY',
  'SLATE_GUARD',
  'LOW_SAMPLE',
  'STATE_MACHINE_DISABLED',
  // Set by the state machine itself (never a candidate's): PICK's bars met without skill
  // established at pickZ (skill-weight.ts), so the line is LEAN. It carries no penalty. (Below
  // publishZ the same words are a NO_PLAY reason.)
  'SKILL_NOT_ESTABLISHED',
] as const;
export type SoftTrigger = (typeof SOFT_TRIGGERS)[number];

/**
 * L2 adjustments that change the numbers but do not demote: they fire on every line of a sport
 * whose calibration is active, so treating them as soft triggers would ban PICK for days.
 */
export const CALIBRATION_ADJUSTMENTS = ['BASELINE_CLAMP', 'DAMP_FACTOR'] as const;
export type CalibrationAdjustment = (typeof CALIBRATION_ADJUSTMENTS)[number];

/** Everything R9 stamps as "dampening triggers that fired". */
export type DampeningTrigger = SoftTrigger | CalibrationAdjustment;

/**
 * Hard blocks: R2/R2b/R1 verdict reasons plus the safety stack's own.
 * - RCL_FAIL: R6 reality check on the projected total failed (whole game).
 * - INCOMPLETE_INPUT: L1 found missing or non-finite inputs (fail closed).
 * - MC_ERROR_TOO_HIGH: L1, Monte Carlo standard error of P(over) above the configured max.
 * - LOW_SAMPLE: L1 with `dataIntegrity.lowSampleAction = 'block'` (default is the soft trigger).
 * - UNPRICED_MARKET: a real line exists but the engine produced no probabilities for that exact
 *   market (R2b spirit: we never derive one market from another).
 * - NO_SIMULATION: the game passed R2 but no SimSummary was supplied.
 * - UNATTRIBUTED_TEAM_TOTAL: a `team_totals` line whose lineKey names neither side
 *   (`home:<point>` / `away:<point>`); which team's points it prices is never guessed.
 * - DECOMPOSITION_INPUT_ERROR: R5 could not decompose the game (non-finite or non-positive
 *   pace/efficiency inputs): that game is blocked, the rest of the slate goes on.
 */
export type HardBlockReason =
  | BlockReason
  | 'RCL_FAIL'
  | 'INCOMPLETE_INPUT'
  | 'MC_ERROR_TOO_HIGH'
  | 'LOW_SAMPLE'
  | 'UNPRICED_MARKET'
  | 'NO_SIMULATION'
  | 'UNATTRIBUTED_TEAM_TOTAL'
  | 'DECOMPOSITION_INPUT_ERROR';

/**
 * Why a line is NO_PLAY: a hard block, or
 * - EDGE_TOO_SMALL: calibrated edge below `stateMachine.noPlayEdgePp` (R8);
 * - SLATE_GUARD_WITHHELD: the L2 slate guard withheld it to keep the published side share in band;
 * - SKILL_NOT_ESTABLISHED: the edge clears LEAN's bar but rests on a skill weight the graded
 *   record does not establish (w − publishZ·se ≤ 0, skill-weight.ts).
 */
export type NoPlayReason =
  HardBlockReason | 'EDGE_TOO_SMALL' | 'SLATE_GUARD_WITHHELD' | 'SKILL_NOT_ESTABLISHED';

/** A non-empty readonly list: a NO_PLAY always says why. */
export type NonEmptyArray<T> = readonly [T, ...T[]];

/**
 * A list that must be empty, typed so that only `[]` is assignable yet `.includes(x: T)` still
 * type-checks on a union with non-empty lists (a bare `readonly []` would make it `never`).
 */
export type EmptyList<T> = readonly T[] & { readonly length: 0 };

/** JSON-safe value (what goes into `pick_audit.layers` and `decomposition_logs`). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** Names of the entries in a layer trace, in pipeline order. */
export type LayerName =
  | 'L1_DATA_INTEGRITY'
  | 'L2_BASELINE_CLAMP'
  | 'SKILL_WEIGHT'
  | 'L3_MARKET_DEVIATION'
  | 'L4_HIGH_VARIANCE'
  | 'L5_PUBLISH_GATES'
  | 'L2_SLATE_GUARD';

/** One layer's record (R7: "every layer records input, output and whether it fired"). */
export interface LayerTrace {
  readonly layer: LayerName;
  readonly input: JsonObject;
  readonly output: JsonObject;
  readonly fired: boolean;
  readonly detail: string;
}

/**
 * Replaces non-finite numbers by null and −0 by 0, so traces survive JSON round trips unchanged.
 */
export function jsonNumber(value: number | null | undefined): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** Deep copy of a JSON value with every number passed through {@link jsonNumber}. */
export function jsonSafe<T extends JsonValue>(value: T): T;
export function jsonSafe(value: JsonValue): JsonValue {
  if (typeof value === 'number') return jsonNumber(value);
  if (Array.isArray(value)) return value.map((v: JsonValue) => jsonSafe(v));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as JsonObject)) out[k] = jsonSafe(v);
    return out;
  }
  return value;
}
