/**
 * The safety stack (SPEC R5–R8): pure functions from simulation + verified lines to
 * PICK / LEAN / NO_PLAY decisions. No clock, no randomness, no I/O.
 */
export * from './layers';
export { classifySlate, type ClassifySlateResult } from './classify-slate';
export { runWarnings, type SafetyWarning, type SafetyWarningCode } from './run-warnings';
export { assertSlateInvariant } from './slate-invariant';
export {
  DEFAULT_SAFETY_CONFIG,
  resolveSafetyConfig,
  validateSafetyConfig,
  configIssues,
  safetyConfigSchema,
  type SafetyConfig,
  type SafetyConfigOverrides,
  type SportSafetyThresholds,
} from './config';
export {
  isPublished,
  type DecisionCommon,
  type PickDecision,
  type Pricing,
  type PublishedDecision,
} from './decision';
export {
  decomposeGame,
  tryDecomposeGame,
  type DecompositionFlag,
  type DecompositionOutcome,
  type DecompositionResult,
} from './decomposition';
export {
  CalibrationStateError,
  DecompositionInputError,
  SafetyConfigError,
  SafetyInvariantError,
  SlateInputError,
  type ConfigIssue,
} from './errors';
export { checkRcl, checkRclForSummary, type RclResult } from './rcl';
export type { GameSafetyInput, RatingSamples, SlateInputs, VerifiedMarket } from './slate-inputs';
export {
  TRANSITIONS,
  classifyState,
  type LeanVerdict,
  type NoPlayVerdict,
  type PickVerdict,
  type StateMachineConfig,
  type StateMachineInput,
  type StateVerdict,
  type TransitionId,
  type TransitionRow,
} from './state-machine';
export * from './types';
export { buildCandidate, marketKind, type BuildContext, type BuildResult } from './build-candidate';
