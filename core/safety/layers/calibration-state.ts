/**
 * R7 L2 / R11 — the state the daily calibration job hands to the next slate, and the rule that
 * produces tomorrow's state from today's stats. The caller reads the newest `calibration_daily`
 * row of the sport dated strictly before the slate; with none, {@link NEUTRAL_CALIBRATION_STATE}.
 */
import type { IsoDate } from '../../types';
import { DEFAULT_SAFETY_CONFIG, type SafetyConfig, type SportSafetyThresholds } from '../config';
import { CalibrationStateError } from '../errors';
import type { MarketKind } from './candidate';
import { estimateSkillWeight, type SkillSums, type SkillWeights } from './skill-weight';

/** What an update decided (stored on the calibration_daily row and stamped on runs, R9/R11). */
export type CalibrationUpdateTrigger =
  | 'BIAS_CLAMP'
  | 'OVER_RATE_OUT_OF_BAND'
  | 'DAMP_RELAXED'
  | 'INSUFFICIENT_SAMPLE'
  /** A market kind's skill weight is the configured prior: too few graded lines to earn one. */
  | 'SKILL_WEIGHT_PRIOR';

export interface CalibrationState {
  /**
   * Scoring units subtracted from full-game projected totals (projection − offset). Derivative
   * segments get it scaled by segment mean / full mean. 0 = no shift.
   */
  readonly offset: number;
  /** d ∈ [dampMin, 1]: the model's disagreement with the market is multiplied by d. 1 = none. */
  readonly dampFactor: number;
  /** Date of the calibration_daily row this came from; null for the neutral default. */
  readonly asOfDate: IsoDate | null;
  /** Id of that row (audit trail); null for the neutral default. */
  readonly sourceRowId: string | null;
  /** What the producing update did (empty for the neutral default). */
  readonly triggers: readonly CalibrationUpdateTrigger[];
  /**
   * Skill weight per market kind (see skill-weight.ts); null: none measured yet, the layer uses
   * the configured prior.
   */
  readonly skillWeights: SkillWeights | null;
}

export const NEUTRAL_CALIBRATION_STATE: CalibrationState = Object.freeze({
  offset: 0,
  dampFactor: 1,
  asOfDate: null,
  sourceRowId: null,
  triggers: Object.freeze([]),
  skillWeights: null,
});

/** The rolling-window numbers of one sport measured by the daily job (R11). */
export interface DailyCalibrationStats {
  /** The calibration_daily row's date (results up to and including it). */
  readonly date: IsoDate;
  readonly sourceRowId: string;
  /** Graded games in the window. */
  readonly games: number;
  /** mean(projected − actual total) in scoring units; null when no graded games. */
  readonly bias: number | null;
  /**
   * 'raw': bias measured on the engine's projections before L2 → offset = bias (idempotent).
   * 'calibrated': measured after L2 → offset accumulates: prev.offset + bias.
   */
  readonly biasBasis: 'raw' | 'calibrated';
  /** Share (0–1) of the model's totals leans that were Over; null when there were no leans. */
  readonly overRate: number | null;
  /**
   * Graded priced lines of the skill window per market kind (probabilities entering the skill
   * weight); absent: the weights are not updated (the previous ones are kept).
   */
  readonly skill?: Readonly<Record<MarketKind, SkillSums>>;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Tomorrow's state (R11 "the system corrects itself").
 * - games < `calibration.minGamesForUpdate`: keep prev numbers, trigger INSUFFICIENT_SAMPLE.
 * - offset: |bias| > clamp → raw basis: offset = bias; calibrated basis: offset = prev.offset + bias.
 *   |bias| ≤ clamp → raw basis: 0 (nothing to correct); calibrated basis: prev.offset (working).
 * - d: over rate outside the band → d − dampStep (floored at dampMin), OVER_RATE_OUT_OF_BAND;
 *   inside → d + relaxStep (capped at 1), DAMP_RELAXED when it moved; null over rate → unchanged.
 * Values are rounded to 1e-6 so repeated steps do not accumulate float noise into the config.
 */
export function nextCalibrationState(
  prev: CalibrationState,
  stats: DailyCalibrationStats,
  sport: Pick<SportSafetyThresholds, 'clamp' | 'overRateBand'>,
  config: Pick<SafetyConfig, 'calibration'> &
    Partial<Pick<SafetyConfig, 'skillWeight'>> = DEFAULT_SAFETY_CONFIG,
): CalibrationState {
  const cal = config.calibration;
  validateCalibrationState(prev, config);
  let skillWeights = prev.skillWeights;
  const skillTriggers: CalibrationUpdateTrigger[] = [];
  if (stats.skill !== undefined) {
    const cfg = config.skillWeight ?? DEFAULT_SAFETY_CONFIG.skillWeight;
    skillWeights = {
      total: estimateSkillWeight(stats.skill.total, cfg),
      spread: estimateSkillWeight(stats.skill.spread, cfg),
    };
    if (skillWeights.total.source === 'prior' || skillWeights.spread.source === 'prior')
      skillTriggers.push('SKILL_WEIGHT_PRIOR');
  }
  const base = { asOfDate: stats.date, sourceRowId: stats.sourceRowId, skillWeights };
  if (!Number.isFinite(stats.games) || stats.games < cal.minGamesForUpdate)
    return {
      ...base,
      offset: prev.offset,
      dampFactor: prev.dampFactor,
      triggers: ['INSUFFICIENT_SAMPLE', ...skillTriggers],
    };

  const triggers: CalibrationUpdateTrigger[] = [];
  let offset: number;
  const bias = stats.bias;
  const calibrated = stats.biasBasis === 'calibrated';
  if (bias !== null && Number.isFinite(bias) && Math.abs(bias) > sport.clamp) {
    offset = calibrated ? prev.offset + bias : bias;
    triggers.push('BIAS_CLAMP');
  } else {
    offset = calibrated ? prev.offset : 0;
  }

  let d = prev.dampFactor;
  const rate = stats.overRate;
  if (rate !== null && Number.isFinite(rate)) {
    const [lo, hi] = sport.overRateBand;
    if (rate < lo || rate > hi) {
      d = Math.max(cal.dampMin, d - cal.dampStep);
      triggers.push('OVER_RATE_OUT_OF_BAND');
    } else {
      const relaxed = Math.min(1, d + cal.relaxStep);
      if (relaxed !== d) triggers.push('DAMP_RELAXED');
      d = relaxed;
    }
  }
  return {
    ...base,
    offset: round6(offset),
    dampFactor: Math.min(1, Math.max(cal.dampMin, round6(d))),
    triggers: [...triggers, ...skillTriggers],
  };
}

/**
 * @param slateDate when given, the state must be dated strictly before it (no look-ahead, R11/R12).
 * @throws CalibrationStateError listing every problem.
 */
export function validateCalibrationState(
  state: CalibrationState,
  config: Pick<SafetyConfig, 'calibration'> = DEFAULT_SAFETY_CONFIG,
  slateDate?: IsoDate,
): void {
  const p: string[] = [];
  if (!Number.isFinite(state.offset)) p.push(`offset must be finite, got ${state.offset}`);
  if (
    !Number.isFinite(state.dampFactor) ||
    state.dampFactor < config.calibration.dampMin ||
    state.dampFactor > 1
  )
    p.push(`dampFactor must be in [${config.calibration.dampMin}, 1], got ${state.dampFactor}`);
  for (const [kind, sw] of Object.entries(state.skillWeights ?? {}))
    if (!(sw.w >= 0 && sw.w <= 1)) p.push(`skill weight of ${kind} must be in [0, 1], got ${sw.w}`);
  if (slateDate !== undefined && state.asOfDate !== null && !(state.asOfDate < slateDate))
    p.push(`calibration row dated ${state.asOfDate} is not before slate ${slateDate} (look-ahead)`);
  if (p.length > 0) throw new CalibrationStateError(p);
}
