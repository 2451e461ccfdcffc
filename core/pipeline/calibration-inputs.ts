/**
 * R7 L2, L4, R11: what calibration a slate reads — the chain it belongs to, whose calibration
 * states it may fall back on, the slate guard's trailing window — and, from what was read, the
 * calibration inputs of its classify step.
 */
import { addDays } from '../calendar';
import type { EffectiveConfig } from '../effective-config';
import type { CalibrationInputs } from '../run-summaries';
import { NEUTRAL_CALIBRATION_STATE, type CalibrationState } from '../safety';
import { varianceStats } from './safety-inputs';

export interface CalibrationReads {
  /** The run's calibration chain (production for a run recorded without one). */
  readonly chain: string;
  /** Chains whose newest state before the slate it reads, in order of preference. */
  readonly stateChains: string[];
  /** The slate guard's trailing window: the `windowDays` slate dates before the slate. */
  readonly guardWindow: { from: string; to: string };
}

export function calibrationReads(
  runChain: string | undefined,
  date: string,
  config: Pick<EffectiveConfig, 'safety'>,
): CalibrationReads {
  const chain = runChain ?? 'production';
  return {
    chain,
    // A research run without a chain of its own yet reads production's; a backfill only ever
    // reads its own chain (deterministic, and blind to what production learned since).
    stateChains: chain.startsWith('research:') ? [chain, 'production'] : [chain],
    guardWindow: {
      from: addDays(date, -config.safety.slateGuard.windowDays),
      to: addDays(date, -1),
    },
  };
}

/** The classify step's calibration inputs; no state found: the neutral one. */
export function calibrationInputs(
  state: CalibrationState | undefined,
  sds: readonly { total_sd: number; margin_sd: number }[],
  publishedWindow: { over: number; under: number },
): CalibrationInputs {
  return {
    calibration: state ?? NEUTRAL_CALIBRATION_STATE,
    variance: varianceStats(sds),
    publishedWindow,
  };
}
