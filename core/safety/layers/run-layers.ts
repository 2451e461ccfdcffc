/**
 * The layers composed in order (R7): L1, L2, the skill weight, L3, L4, L5. L1 runs first; if it
 * (or anything before it) hard-blocks the line, the rest is skipped — a blocked line has no price
 * worth calibrating, and its trace says so.
 *
 * Why the skill weight sits after L2 and before L3: L2 corrects the engine's own bias (a model
 * quantity the market does not share), the skill weight then decides how much of the corrected
 * model to publish against the market, and L3/L4 and the L5 penalties act on that published
 * probability.
 */
import type { SafetyConfig } from '../config';
import type { Candidate } from './candidate';
import type { CalibrationState } from './calibration-state';
import { applyDataIntegrity } from './l1-data-integrity';
import { applyBaselineClamp } from './l2-baseline-clamp';
import { applyMarketDeviation } from './l3-market-deviation';
import { applyHighVariance, type VarianceStats } from './l4-high-variance';
import { applyPublishGates } from './l5-publish-gates';
import { applySkillWeight, slateSkillWeights } from './skill-weight';

export interface LayerContext {
  readonly config: SafetyConfig;
  readonly calibration: CalibrationState;
  readonly variance: VarianceStats | null;
}

export function runSafetyLayers(c: Candidate, ctx: LayerContext): Candidate {
  const l1 = applyDataIntegrity(c, ctx.config);
  if (l1.hardReasons.length > 0) return l1;
  const l2 = applyBaselineClamp(l1, ctx.calibration, ctx.config);
  const weighted = applySkillWeight(l2, slateSkillWeights(ctx.calibration, ctx.config.skillWeight));
  const l3 = applyMarketDeviation(weighted, ctx.config);
  const l4 = applyHighVariance(l3, ctx.variance, ctx.config);
  return applyPublishGates(l4, ctx.config);
}
