/**
 * The run's configuration (R9, R15): every number and switch that can change a decision, as
 * one JSON-safe object resolved ONCE by whoever triggers the run (CLI, Schedule, backfill) and
 * carried in the workflow input. Workers never read settings from their own environment during
 * a run, so two workers started differently give identical rows for one input. Its canonical
 * JSON is the config hash; a run is "production" only when it runs the default configuration.
 */
import { z } from 'zod';
import { ConfigError, DEFAULT_FLAGS, FLAG_NAMES, ITERATIONS, slateMarkets } from './config';
import type { FeatureFlags } from './config';
import { DEFAULT_INTEGRITY_CONFIG, type IntegrityConfig } from './integrity';
import { defaultRatingsConfig } from './ratings/config';
import type { RatingsConfig } from './ratings/types';
import { configIssues, DEFAULT_SAFETY_CONFIG, safetyConfigSchema } from './safety';
import type { SafetyConfig } from './safety';
import { isMarketKey, SPORTS, type MarketKey, type Sport } from './sports';
import { configHash } from './versioning';

/** How a run picks its as-of time (no look-ahead past it). */
export interface AsOfPolicy {
  /** History slates are looked at as of this UTC hour of the slate date (before any game). */
  readonly historyUtcHour: number;
  /** A past date served as if live is looked at this many minutes before its first game. */
  readonly replayLeadMinutes: number;
}

export interface EffectiveConfig {
  readonly sport: Sport;
  /** Monte Carlo iterations per game (R4). */
  readonly iterations: number;
  /** Seed of the run; null = the workflow ID (so a slot re-run is reproducible). */
  readonly seed: string | null;
  readonly markets: readonly MarketKey[];
  readonly asOf: AsOfPolicy;
  /** Rolling window of the daily calibration job (days of slates). */
  readonly calibrationWindowDays: number;
  /** R7 L4 reference: the sport's most recent simulated games before the slate. */
  readonly varianceWindow: number;
  readonly integrity: IntegrityConfig;
  readonly ratings: RatingsConfig;
  /** Thresholds and the R15 flags (`safety.flags`). */
  readonly safety: SafetyConfig;
  /**
   * Which imported history lines a history run prices: absent or `close` = closing lines;
   * `open` = opening lines (sports in {@link OPENING_LINE_SPORTS}; `backfill --lines open`),
   * for closing-line value. Part of the hash, so an opening-line backfill has its own chain.
   */
  readonly lines?: HistoryLines;
}

/** Which imported history lines a run prices. */
export type HistoryLines = 'close' | 'open';

/** Sports whose imported history has opening lines (MLB, NHL totals; NCAAB totals and spreads). */
export const OPENING_LINE_SPORTS: readonly Sport[] = ['mlb', 'nhl', 'ncaab'];

/**
 * Why `lines: open` cannot run for `sports` (those whose history has no openers, and which
 * sports have them), or null when every one has openers.
 */
export function withoutOpeningLines(sports: readonly unknown[]): string | null {
  const without = sports.filter((s) => !(OPENING_LINE_SPORTS as readonly unknown[]).includes(s));
  return without.length === 0
    ? null
    : `${without.map(String).join(', ')} history has no opening lines (sports that have them: ${OPENING_LINE_SPORTS.join(', ')})`;
}

/** Rolling window of the daily job per sport, in days (≈ 3–4 football weeks, 2 weeks otherwise). */
export const CALIBRATION_WINDOW_DAYS: Readonly<Record<Sport, number>> = {
  nfl: 28,
  ncaaf: 28,
  nba: 14,
  ncaab: 14,
  mlb: 14,
  nhl: 14,
};

export const DEFAULT_AS_OF_POLICY: AsOfPolicy = { historyUtcHour: 9, replayLeadMinutes: 15 };
export const DEFAULT_VARIANCE_WINDOW = 400;

/** The kinds of run; live and scheduled slates default to more iterations than backfills. */
export type RunKindForConfig = 'scheduled' | 'manual' | 'backfill';

/** The production configuration of one sport (what a scheduled slate runs with). */
export function defaultRunConfig(
  sport: Sport,
  runKind: RunKindForConfig = 'scheduled',
): EffectiveConfig {
  return {
    sport,
    iterations: runKind === 'backfill' ? ITERATIONS.backfill : ITERATIONS.live,
    seed: null,
    markets: slateMarkets(sport),
    asOf: DEFAULT_AS_OF_POLICY,
    calibrationWindowDays: CALIBRATION_WINDOW_DAYS[sport],
    varianceWindow: DEFAULT_VARIANCE_WINDOW,
    integrity: DEFAULT_INTEGRITY_CONFIG,
    ratings: defaultRatingsConfig(sport),
    safety: { ...DEFAULT_SAFETY_CONFIG, flags: { ...DEFAULT_FLAGS } },
  };
}

const finite = z.number().finite();
const positive = finite.positive();
const ratingsSchema = z
  .object({
    halfLifeDays: positive,
    seasonRegression: finite.min(0).max(1),
    priorGames: finite.min(0),
    leaguePriorGames: finite.min(0),
    lookbackSeasons: z.number().int().min(1).max(30),
    marketBlend: finite.min(0).max(1),
    minGames: z.number().int().min(0),
    paceShare: finite.min(0).max(1),
    baselineGames: z.number().int().min(1),
  })
  .strict();
const integrityTunables = {
  maxLineAgeMinutes: positive,
  outlierMadMultiplier: finite.min(1),
  outlierFloorFraction: finite.min(0).optional(),
};
const integritySchema = z
  .object({
    ...integrityTunables,
    perSport: z
      .object(
        Object.fromEntries(
          SPORTS.map((s) => [
            s,
            z
              .object({
                maxLineAgeMinutes: integrityTunables.maxLineAgeMinutes.optional(),
                outlierMadMultiplier: integrityTunables.outlierMadMultiplier.optional(),
                outlierFloorFraction: integrityTunables.outlierFloorFraction,
                disagreementTolerance: positive.optional(),
              })
              .strict()
              .optional(),
          ]),
        ),
      )
      .strict()
      .optional(),
  })
  .strict();

const configSchema = z
  .object({
    sport: z.enum(SPORTS),
    iterations: z.number().int().min(ITERATIONS.min).max(ITERATIONS.max),
    seed: z.string().trim().min(1).max(200).nullable(),
    markets: z.array(z.string().refine(isMarketKey, 'not a market key')).min(1),
    asOf: z
      .object({
        historyUtcHour: z.number().int().min(0).max(23),
        replayLeadMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
      })
      .strict(),
    calibrationWindowDays: z.number().int().min(1).max(365),
    varianceWindow: z.number().int().min(1).max(100_000),
    integrity: integritySchema,
    ratings: ratingsSchema,
    safety: safetyConfigSchema,
    lines: z.enum(['close', 'open']).optional(),
  })
  .strict();

/** Monte Carlo iterations below which the L1 error gate blocks every market (SE ≤ 0.5/√n). */
export function minIterationsFor(maxMcStandardError: number): number {
  return Math.ceil((0.5 / maxMcStandardError) ** 2);
}

/**
 * Validates a whole configuration: every bad field is named in one {@link ConfigError},
 * including settings that cannot work together.
 */
export function parseRunConfig(value: unknown): EffectiveConfig {
  // One schema for everything that changes results (the safety stack's included): one parse,
  // one error naming every bad field.
  const parsed = configSchema.safeParse(value);
  const problems = parsed.success
    ? []
    : configIssues(parsed.error).map((i) => `${i.path}: ${i.message}`);
  const raw = (value ?? {}) as { sport?: unknown; lines?: unknown };
  const without = raw.lines === 'open' ? withoutOpeningLines([raw.sport]) : null;
  if (without) problems.push(`lines: ${without}`);
  if (parsed.success) {
    const { iterations, safety } = parsed.data;
    const min = minIterationsFor(safety.dataIntegrity.maxMcStandardError);
    if (iterations < min) {
      problems.push(
        `iterations: ${iterations} is too few for the Monte Carlo error gate ` +
          `(safety.dataIntegrity.maxMcStandardError ${safety.dataIntegrity.maxMcStandardError} needs ≥ ${min}); ` +
          'every market would be NO_PLAY MC_ERROR_TOO_HIGH',
      );
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  // The strict records of flags and sports check the exact key sets, which their zod type
  // (a string record) cannot express.
  return parsed.data as unknown as EffectiveConfig;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `base` with `patch` merged in: objects recursively, everything else replaced. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

/** What a trigger may set on top of the sport's defaults. */
export interface RunConfigRequest {
  /** Overrides read from `--config FILE` (any part of the configuration). */
  readonly overrides?: Readonly<Record<string, Json>>;
  /** `--flag NAME=on|off`, applied after the file. */
  readonly flags?: Partial<FeatureFlags>;
  readonly iterations?: number;
  readonly seed?: string | null;
}

/**
 * The trigger's one resolution of a run's configuration: the sport's production defaults for
 * the run kind, then the file's overrides, then flags, iterations and seed; validated whole.
 *
 * @throws ConfigError naming every bad or unknown field.
 */
export function resolveRunConfig(
  sport: Sport,
  runKind: RunKindForConfig,
  request: RunConfigRequest = {},
): EffectiveConfig {
  let value = deepMerge(defaultRunConfig(sport, runKind), request.overrides ?? {}) as Record<
    string,
    unknown
  >;
  if (request.overrides && 'sport' in request.overrides && request.overrides.sport !== sport) {
    throw new ConfigError([
      `sport: the file says ${JSON.stringify(request.overrides.sport)}, the run is ${sport}`,
    ]);
  }
  if (request.flags) {
    const unknown = Object.keys(request.flags).filter(
      (f) => !(FLAG_NAMES as readonly string[]).includes(f),
    );
    if (unknown.length > 0) throw new ConfigError(unknown.map((f) => `flag ${f}: unknown flag`));
    value = deepMerge(value, { safety: { flags: request.flags } }) as Record<string, unknown>;
  }
  if (request.iterations !== undefined) value = { ...value, iterations: request.iterations };
  if (request.seed !== undefined) value = { ...value, seed: request.seed };
  return parseRunConfig(value);
}

/** sha256 of the canonical JSON of the whole configuration (R9). */
export function effectiveConfigHash(config: EffectiveConfig): string {
  return configHash(config);
}

/**
 * The calibration chain a run belongs to (R11): `production` for scheduled and live runs on the
 * production configuration; otherwise its own chain per config hash, `backfill:<hash>` or
 * `research:<hash>`, so experiments never shift tomorrow's live picks.
 */
export function calibrationChain(config: EffectiveConfig, runKind: string, live: boolean): string {
  const production = configHash({ ...defaultRunConfig(config.sport, 'scheduled'), seed: null });
  const own = configHash({ ...config, seed: null });
  if ((runKind === 'scheduled' || live) && runKind !== 'backfill' && own === production)
    return 'production';
  return `${runKind === 'backfill' ? 'backfill' : 'research'}:${own.slice(0, 16)}`;
}
