/**
 * The five layers composed in SPEC order (R7). L1 runs first; if it (or anything before it)
 * hard-blocks the line, L2–L5 are skipped — a blocked line has no price worth calibrating, and
 * its trace says so.
 */
import type { SafetyConfig } from '../config';
import type { Candidate } from './candidate';
import type { CalibrationState } from './calibration-state';
import { applyDataIntegrity } from './l1-data-integrity';
import { applyBaselineClamp } from './l2-baseline-clamp';
import { applyMarketDeviation } from './l3-market-deviation';
import { applyHighVariance, type VarianceStats } from './l4-high-variance';
import { applyPublishGates } from './l5-publish-gates';

export interface LayerContext {
  readonly config: SafetyConfig;
  readonly calibration: CalibrationState;
  readonly variance: VarianceStats | null;
}

export function runCalibrationLayers(c: Candidate, ctx: LayerContext): Candidate {
  const l1 = applyDataIntegrity(c, ctx.config);
  if (l1.hardReasons.length > 0) return l1;
  const l2 = applyBaselineClamp(l1, ctx.calibration, ctx.config);
  const l3 = applyMarketDeviation(l2, ctx.config);
  const l4 = applyHighVariance(l3, ctx.variance, ctx.config);
  return applyPublishGates(l4, ctx.config);
}
