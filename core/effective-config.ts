/**
 * The effective configuration of a slate run (R9): every number and switch that can change a
 * decision, as one JSON-safe object. Its canonical JSON is the config hash, so a change to any
 * threshold, flag, ratings parameter or iteration count shows up on every stamped row.
 */
import { DEFAULT_INTEGRITY_CONFIG, type IntegrityConfig } from './integrity';
import { defaultRatingsConfig } from './ratings/config';
import type { RatingsConfig } from './ratings/types';
import { resolveSafetyConfig, type SafetyConfig } from './safety';
import type { MarketKey, Sport } from './sports';
import { slateMarkets, type FeatureFlags } from './config';
import { configHash } from './versioning';

export interface EffectiveConfig {
  readonly sport: Sport;
  readonly iterations: number;
  readonly markets: readonly MarketKey[];
  readonly integrity: IntegrityConfig;
  readonly ratings: RatingsConfig;
  readonly safety: SafetyConfig;
}

/** Builds the effective config of one sport's run. `flags` live inside `safety.flags`. */
export function effectiveConfig(
  sport: Sport,
  flags: FeatureFlags,
  iterations: number,
): EffectiveConfig {
  return {
    sport,
    iterations,
    markets: slateMarkets(sport),
    integrity: DEFAULT_INTEGRITY_CONFIG,
    ratings: defaultRatingsConfig(sport),
    safety: resolveSafetyConfig({ flags: { ...flags } }),
  };
}

/** sha256 of the canonical JSON of {@link effectiveConfig}. */
export function effectiveConfigHash(config: EffectiveConfig): string {
  return configHash(config);
}
