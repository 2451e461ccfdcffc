/**
 * R9, R10: the configuration a slate run starts with — the trigger's own, validated whole and
 * for the run's sport, or the sport's production defaults for the run kind with the trigger's
 * iterations and seed. The calibration job's configuration: the chain's own, or production's.
 */
import { ConfigError } from '../config';
import {
  defaultRunConfig,
  parseRunConfig,
  resolveRunConfig,
  type EffectiveConfig,
  type RunKindForConfig,
} from '../effective-config';
import type { Sport } from '../sports';

/** What a trigger asks a run to start with (beyond its sport). */
export interface StartingConfigRequest {
  readonly runKind: string;
  /** A whole configuration (checked, and must be for the run's sport). */
  readonly config?: unknown;
  readonly iterations?: number;
  readonly seed?: string;
}

/** The defaults a run kind starts from: backfill and manual their own, anything else scheduled. */
export function configKindOf(runKind: string): RunKindForConfig {
  return runKind === 'backfill' || runKind === 'manual' ? runKind : 'scheduled';
}

/**
 * The configuration a run of `sport` starts with.
 *
 * @throws ConfigError naming every bad field, or a configuration for another sport.
 */
export function startingRunConfig(sport: Sport, q: StartingConfigRequest): EffectiveConfig {
  if (q.config !== undefined) {
    const config = parseRunConfig(q.config);
    if (config.sport !== sport) {
      throw new ConfigError([`sport: the config is for ${config.sport}, the run is ${sport}`]);
    }
    return config;
  }
  return resolveRunConfig(sport, configKindOf(q.runKind), {
    ...(q.iterations !== undefined ? { iterations: q.iterations } : {}),
    ...(q.seed !== undefined ? { seed: q.seed } : {}),
  });
}

/**
 * The configuration the daily calibration of a chain runs with: the one passed (a backfill's),
 * else the sport's production defaults.
 *
 * @throws ConfigError when a passed configuration is not valid.
 */
export function calibrationRunConfig(sport: Sport, config: unknown): EffectiveConfig {
  return config !== undefined ? parseRunConfig(config) : defaultRunConfig(sport);
}
