/**
 * Market line integrity (SPEC R2 + R2b): the pure "verify lines" step that runs before
 * simulation. See verify.ts for the pipeline and the rules chosen where the spec is silent.
 */
export {
  DEFAULT_INTEGRITY_CONFIG,
  DEFAULT_OUTLIER_FLOOR_FRACTION,
  resolveIntegrityConfig,
  validateIntegrityConfig,
  type IntegrityConfig,
  type IntegritySportOverrides,
  type IntegrityTunables,
  type ResolvedIntegrityConfig,
} from './config';
export { IntegrityInputError, type IntegrityErrorCode } from './errors';
export { MULTI_LINE_MARKETS, SINGLE_LINE_KEY } from './market-kinds';
export {
  ASSUMED_AMERICAN_PRICE,
  MAX_ABS_AMERICAN_PRICE,
  MIN_ABS_AMERICAN_PRICE,
  americanToDecimal,
  americanToImpliedProbability,
  decimalToAmerican,
  isValidAmericanPrice,
  noVigProbabilities,
} from './odds-math';
export { isStale, stalenessReferenceMs } from './time';
export type { MarketVerdict, VerifyInput } from './verdict-types';
export { verifyGameLines } from './verify';
