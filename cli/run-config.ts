/**
 * The trigger's side of a run's configuration: `--config FILE` (JSON, any part of the
 * configuration), `--flag NAME=on|off` (repeatable), `--iterations`, `--seed`, and feature flags
 * set in the trigger's own environment. Resolved and validated here once; the result travels
 * in the workflow input and no worker re-reads any of it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, FLAG_NAMES, flagsFromEnv, type FeatureFlags } from '../core/config';
import {
  resolveRunConfig,
  type EffectiveConfig,
  type RunConfigRequest,
  type RunKindForConfig,
} from '../core/effective-config';
import type { Sport } from '../core/sports';

/** `NAME=on|off|true|false|1|0` → flags; every bad one named in one ConfigError. */
export function parseFlagOptions(values: readonly string[] = []): Partial<FeatureFlags> {
  const problems: string[] = [];
  const flags: Record<string, boolean> = {};
  for (const v of values) {
    const m = /^([A-Z_]+)=(.*)$/.exec(v.trim());
    if (!m) {
      problems.push(`--flag ${JSON.stringify(v)}: expected NAME=on|off`);
      continue;
    }
    const [, name, raw] = m as unknown as [string, string, string];
    if (!(FLAG_NAMES as readonly string[]).includes(name)) {
      problems.push(`--flag ${name}: unknown flag (valid: ${FLAG_NAMES.join(', ')})`);
      continue;
    }
    const value = raw.toLowerCase();
    if (['on', 'true', '1', 'yes'].includes(value)) flags[name] = true;
    else if (['off', 'false', '0', 'no'].includes(value)) flags[name] = false;
    else problems.push(`--flag ${name}: ${JSON.stringify(raw)} is not on or off`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return flags;
}

/** Reads `--config FILE`: a JSON object with any part of the configuration. */
export function readConfigFile(file: string): RunConfigRequest['overrides'] {
  const resolved = path.resolve(file);
  let text: string;
  try {
    if (fs.statSync(resolved).isDirectory())
      throw new ConfigError([`--config: ${resolved} is a directory`]);
    text = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`--config: cannot read ${resolved}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`--config: ${resolved} is not JSON (${(error as Error).message})`]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([`--config: ${resolved} must hold a JSON object`]);
  }
  return value as RunConfigRequest['overrides'];
}

export interface TriggerConfigOptions {
  flag?: string[];
  config?: string;
  iterations?: number;
  seed?: string;
}

/** Feature flags set in the trigger's environment (only those set). */
function envFlags(): Partial<FeatureFlags> {
  const all = flagsFromEnv(process.env);
  return Object.fromEntries(
    FLAG_NAMES.filter((f) => (process.env[f] ?? '').trim() !== '').map((f) => [f, all[f]]),
  );
}

/**
 * The run's configuration as the trigger resolves it: defaults for the sport and run kind,
 * then `--config`, then flags (environment, then `--flag`), iterations and seed.
 *
 * @throws ConfigError naming every bad field (the CLI exits 2).
 */
export function triggerConfig(
  sport: Sport,
  runKind: RunKindForConfig,
  options: TriggerConfigOptions = {},
): EffectiveConfig {
  const flags = { ...envFlags(), ...parseFlagOptions(options.flag) };
  return resolveRunConfig(sport, runKind, {
    ...(options.config !== undefined ? { overrides: readConfigFile(options.config) } : {}),
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
}
