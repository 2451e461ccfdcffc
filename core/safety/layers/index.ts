/** R7 calibration engine: composable layers over a per-line {@link Candidate}. */
export {
  addUnique,
  shrinkTowardMarket,
  withTrace,
  type Candidate,
  type MarketKind,
  type PublishGates,
} from './candidate';
export {
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
  validateCalibrationState,
  type CalibrationState,
  type CalibrationUpdateTrigger,
  type DailyCalibrationStats,
} from './calibration-state';
export { applyDataIntegrity } from './l1-data-integrity';
export { applyBaselineClamp } from './l2-baseline-clamp';
export { applyMarketDeviation } from './l3-market-deviation';
export {
  applyHighVariance,
  usableStats,
  varianceReduction,
  type RecentSdStats,
  type VarianceStats,
} from './l4-high-variance';
export {
  americanProfit,
  applyPublishGates,
  computeGates,
  expectedValue,
  penaltyKeep,
  publishedProbability,
  sideNames,
  type PenaltyInputs,
} from './l5-publish-gates';
export {
  addSkillLine,
  applySkillWeight,
  EMPTY_SKILL_SUMS,
  estimateSkillWeight,
  priorSkillWeights,
  type SkillSums,
  type SkillWeight,
  type SkillWeights,
  type SkillWeightSource,
} from './skill-weight';
export { normCdf, normQuantile } from './normal';
export { runSafetyLayers, type LayerContext } from './run-layers';
export {
  planSlateGuard,
  slateSideShares,
  type GuardAction,
  type GuardItem,
  type SlateGuardPlan,
} from './slate-guard';
