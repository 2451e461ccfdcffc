/**
 * The run-level warnings of a slate (R15: loud): what the configuration and the calibration
 * state switch off or leave unearned. The caller logs them and records them on the run.
 */
import type { SafetyConfig } from './config';
import { usableStats } from './layers/l4-high-variance';
import { skillEstablished, slateSkillWeights } from './layers/skill-weight';
import type { SlateInputs } from './slate-inputs';

export type SafetyWarningCode =
  | 'MARKET_INTEGRITY_DISABLED'
  | 'DECOMPOSITION_LOGGING_DISABLED'
  | 'STATE_MACHINE_DISABLED'
  | 'VARIANCE_HISTORY_MISSING'
  | 'SKILL_WEIGHT_NOT_EARNED'
  | 'SKILL_NOT_ESTABLISHED'
  | 'H2H_NOT_PRICED'
  | 'SLATE_GUARD_FIRED';

/** A run-level message; the caller logs it and records it on the run (R15: loud). */
export interface SafetyWarning {
  readonly code: SafetyWarningCode;
  readonly message: string;
}

/** The warnings a slate gets before any line is priced (h2h and slate guard ones come later). */
export function runWarnings(inputs: SlateInputs, config: SafetyConfig): SafetyWarning[] {
  const warnings: SafetyWarning[] = [];
  if (!config.flags.ENABLE_MARKET_INTEGRITY)
    warnings.push({
      code: 'MARKET_INTEGRITY_DISABLED',
      message:
        'ENABLE_MARKET_INTEGRITY=false: R2 quality checks do not block (verdict notes WOULD_BLOCK:…)',
    });
  if (!config.flags.ENABLE_DECOMPOSITION_LOGGING)
    warnings.push({
      code: 'DECOMPOSITION_LOGGING_DISABLED',
      message: 'ENABLE_DECOMPOSITION_LOGGING=false: double-counting demotion (R5) is skipped',
    });
  if (!config.flags.ENABLE_PICK_STATE_MACHINE)
    warnings.push({
      code: 'STATE_MACHINE_DISABLED',
      message:
        'ENABLE_PICK_STATE_MACHINE=false: every priced line is LEAN (STATE_MACHINE_DISABLED), no PICK, no parlays',
    });
  if (!usableStats(inputs.variance?.totalSd, config.highVariance.minHistory))
    warnings.push({
      code: 'VARIANCE_HISTORY_MISSING',
      message: `no usable ${inputs.sport} variance history (n < ${config.highVariance.minHistory}): L4 high-variance suppression not applied`,
    });

  const skill = slateSkillWeights(inputs.calibration, config.skillWeight);
  const unearned = (['total', 'spread'] as const).filter((k) => skill[k].source === 'prior');
  if (unearned.length > 0)
    warnings.push({
      code: 'SKILL_WEIGHT_NOT_EARNED',
      message:
        `no earned ${inputs.sport} skill weight for ${unearned.map((k) => `${k}s (${skill[k].n} graded lines < ${config.skillWeight.minLines})`).join(', ')}: ` +
        `prior w=${config.skillWeight.prior}, published probabilities stay ${config.skillWeight.prior === 0 ? 'the market’s (no PICK possible)' : 'near the market’s'}`,
    });
  // Earned but not established: the weight moves probabilities, but below publishZ nothing is
  // published and below pickZ (when that bar is the higher one) nothing is PICK.
  const sw = config.skillWeight;
  const estimated = (['total', 'spread'] as const).filter((k) => skill[k].source === 'estimate');
  const groups = [
    {
      kinds: estimated.filter((k) => !skillEstablished(skill[k], sw.publishZ)),
      consequence: `w − ${sw.publishZ}·se ≤ 0, so nothing is published there (NO_PLAY SKILL_NOT_ESTABLISHED)`,
    },
    {
      kinds: estimated.filter(
        (k) => skillEstablished(skill[k], sw.publishZ) && !skillEstablished(skill[k], sw.pickZ),
      ),
      consequence: `w − ${sw.pickZ}·se ≤ 0, so no PICK; lines at PICK's bars are LEAN (SKILL_NOT_ESTABLISHED)`,
    },
  ];
  for (const { kinds, consequence } of groups)
    if (kinds.length > 0)
      warnings.push({
        code: 'SKILL_NOT_ESTABLISHED',
        message:
          `${inputs.sport} skill weight not established for ${kinds.map((k) => `${k}s (w=${skill[k].w}, se=${skill[k].se ?? 'none'}, ${skill[k].n} graded lines)`).join(', ')}: ` +
          consequence,
      });
  return warnings;
}
