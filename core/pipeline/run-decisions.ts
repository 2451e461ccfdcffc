/**
 * R7–R9: a run's decisions — the safety stack over every verified line of the slate (its
 * calibration inputs, simulations, decompositions and rating samples), the run's version stamp,
 * and the stamped `pick_audit` rows — plus the warnings to make loud and what classify reports.
 */
import type { EffectiveConfig } from '../effective-config';
import type { CalibrationInputs, ClassifySummary } from '../run-summaries';
import {
  classifySlate,
  NEUTRAL_CALIBRATION_STATE,
  type ClassifySlateResult,
  type SafetyWarning,
} from '../safety';
import type { LeagueBaseline, SimSummary } from '../simulation-types';
import type { Sport } from '../sports';
import { slateAuditRows, versionStampFor, type RunVersions } from './audit-rows';
import { safetyInputs } from './safety-inputs';
import type { AuditRow, StoredGameInput, StoredLineCheck } from './stored-rows';

/** Moneylines are never priced by design; every other warning of the stack is loud (R15). */
export function loudWarnings(warnings: readonly SafetyWarning[]): SafetyWarning[] {
  return warnings.filter((w) => w.code !== 'H2H_NOT_PRICED');
}

/** The run, its calibration inputs (loadCalibration), and what its earlier steps stored. */
export interface RunDecisionsInput extends CalibrationInputs {
  readonly runId: string;
  readonly sport: Sport;
  readonly slateDate: string;
  readonly checks: readonly StoredLineCheck[];
  readonly sims: readonly SimSummary[];
  readonly baseline: LeagueBaseline | null;
  readonly inputs: readonly StoredGameInput[];
  readonly config: EffectiveConfig;
  readonly versions: RunVersions;
  readonly seed: string;
  readonly iterations: number;
}

/**
 * The safety stack over a run's stored steps: the one path from what a run stored to its
 * decisions, for the run itself and for `reproduce` (which must replay it exactly).
 */
export function classifyRun(
  q: Pick<
    RunDecisionsInput,
    'sport' | 'slateDate' | 'checks' | 'sims' | 'baseline' | 'inputs' | 'config'
  > &
    Partial<CalibrationInputs>,
): ClassifySlateResult {
  return classifySlate(
    {
      sport: q.sport,
      slateDate: q.slateDate,
      calibration: q.calibration ?? NEUTRAL_CALIBRATION_STATE,
      variance: q.variance ?? null,
      publishedWindow: q.publishedWindow,
      games: safetyInputs(q.sport, q.checks, q.sims, q.baseline, q.inputs, q.config.safety),
    },
    q.config.safety,
  );
}

/**
 * Classifies the slate and writes its decisions as audit rows, already stamped (R9: nothing
 * updates them afterwards).
 */
export function decideRun(q: RunDecisionsInput): {
  rows: AuditRow[];
  summary: ClassifySummary;
  warnings: SafetyWarning[];
} {
  const result = classifyRun(q);
  const stamp = versionStampFor(q.versions, q.sport, q.config, q.seed, q.iterations, [
    ...result.triggers,
  ]);
  const { rows, states } = slateAuditRows({
    runId: q.runId,
    sport: q.sport,
    slateDate: q.slateDate,
    result,
    checks: q.checks,
    seed: q.seed,
    iterations: q.iterations,
    stamp,
  });
  return {
    rows,
    summary: {
      decisions: rows.length,
      states,
      published: states.PICK + states.LEAN,
      triggers: [...result.triggers],
      warnings: result.warnings.map((w) => w.code),
    },
    warnings: loudWarnings(result.warnings),
  };
}
