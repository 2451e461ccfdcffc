/**
 * Every threshold of the safety stack (SPEC R5–R8, R15) in one typed object. Defaults come from
 * the SPEC; the whole object (flags included) is part of the effective config whose canonical
 * JSON is hashed into the config hash (R9), so changing any value here changes that hash.
 */
import { z } from 'zod';
import { DEFAULT_FLAGS, FLAG_NAMES } from '../config';
import { SPORT_INFO, SPORTS, type Sport } from '../sports';
import type { SafetyConfig, SportSafetyThresholds } from './config-types';
import { SafetyConfigError, type ConfigIssue } from './errors';

export type { SafetyConfig, SportSafetyThresholds } from './config-types';

/** Rating games behind a team below which it can never be PICK (L1 LOW_SAMPLE). */
const DEFAULT_MIN_RATING_GAMES = 4;

function sportDefaults(sport: Sport): SportSafetyThresholds {
  const info = SPORT_INFO[sport];
  return {
    clamp: info.clamp,
    overRateBand: [info.overRateBand[0], info.overRateBand[1]],
    marketDeviationThreshold: info.marketDeviationThreshold,
    plausibleTotal: [info.plausibleTotal[0], info.plausibleTotal[1]],
    minRatingGames: DEFAULT_MIN_RATING_GAMES,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** SPEC defaults. Deep-frozen: derive variants with {@link resolveSafetyConfig}. */
export const DEFAULT_SAFETY_CONFIG: SafetyConfig = deepFreeze({
  flags: { ...DEFAULT_FLAGS },
  sports: Object.fromEntries(SPORTS.map((s) => [s, sportDefaults(s)])) as Record<
    Sport,
    SportSafetyThresholds
  >,
  decomposition: { doubleCountingZ: 2.0, outlierZ: 2.0 },
  rcl: { maxBaselineSds: 3 },
  dataIntegrity: {
    minRatingGames: DEFAULT_MIN_RATING_GAMES,
    lowSampleAction: 'soft',
    maxMcStandardError: 0.01,
  },
  calibration: { dampMin: 0.5, dampStep: 0.1, relaxStep: 0.05, minGamesForUpdate: 10 },
  slateGuard: {
    minPublishedTotals: 6,
    maxSideShare: 0.58,
    windowDays: 365,
    windowOverShare: [0.45, 0.58],
  },
  skillWeight: {
    prior: 0,
    priorLines: 300,
    minLines: 100,
    windowDays: 1100,
    shiftWindowDays: 365,
    shiftPriorLines: 200,
    maxShift: 0.05,
    pickZ: 1.645,
    publishZ: 1.645,
  },
  marketDeviation: { compression: 0.5, confidenceCap: 60 },
  highVariance: {
    zStart: 1.25,
    zFull: 2.25,
    minReduction: 0.5,
    maxReduction: 0.75,
    minHistory: 20,
  },
  confidence: {
    fullSampleGames: 10,
    minSampleFactor: 0.5,
    variancePerZ: 0.15,
    softTriggerFactor: 0.85,
  },
  stateMachine: { noPlayEdgePp: 1.5, pickEdgePp: 3.0, pickMinConfidence: 54 },
  assumedPrice: -110,
});

/** Recursive partial used for overrides. Tuples are replaced whole. */
export type SafetyConfigOverrides = {
  readonly [K in keyof SafetyConfig]?: SafetyConfig[K] extends readonly unknown[]
    ? SafetyConfig[K]
    : SafetyConfig[K] extends object
      ? {
          readonly [J in keyof SafetyConfig[K]]?: SafetyConfig[K][J] extends readonly unknown[]
            ? SafetyConfig[K][J]
            : SafetyConfig[K][J] extends object
              ? Partial<SafetyConfig[K][J]>
              : SafetyConfig[K][J];
        }
      : SafetyConfig[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (isPlainObject(base) && isPlainObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
    return out;
  }
  return over;
}

/**
 * Defaults + overrides, validated. Unknown keys in the overrides are rejected by the validator
 * (a typo must not silently leave a default in force).
 * @throws SafetyConfigError listing every bad field.
 */
export function resolveSafetyConfig(overrides: SafetyConfigOverrides = {}): SafetyConfig {
  const merged = merge(DEFAULT_SAFETY_CONFIG, overrides);
  return deepFreeze(validateSafetyConfig(merged));
}

// ---- validation -------------------------------------------------------------------------------

/** A finite number in [min, max] (`gt`: min excluded; `int`: integers only). */
const num = (min: number, max: number, o: { gt?: boolean; int?: boolean } = {}) => {
  let n = z.number().finite();
  n = o.gt ? n.gt(min) : n.gte(min);
  if (Number.isFinite(max)) n = n.lte(max);
  return o.int ? n.int() : n;
};
/** `[lo, hi]` with min ≤ lo < hi ≤ max. */
const range = (min: number, max: number) =>
  z
    .tuple([num(min, max), num(min, max)])
    .refine(([lo, hi]) => lo < hi, { message: 'expected lo < hi' });

const sportSchema = z
  .object({
    clamp: num(0, Infinity, { gt: true }),
    overRateBand: range(0, 1),
    marketDeviationThreshold: num(0, Infinity, { gt: true }),
    plausibleTotal: range(0, Infinity),
    minRatingGames: num(0, 1000),
  })
  .strict();

const strictRecord = <T extends z.ZodTypeAny>(keys: readonly string[], value: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value]))).strict();

/**
 * The one schema of {@link SafetyConfig}: every field required, unknown fields rejected (a typo
 * must not silently keep a default), bounds that make each layer meaningful, and the relations
 * between fields. Part of the run configuration's schema (core/effective-config.ts).
 */
export const safetyConfigSchema = z
  .object({
    flags: strictRecord(FLAG_NAMES, z.boolean()),
    sports: strictRecord(SPORTS, sportSchema),
    decomposition: z
      .object({ doubleCountingZ: num(0, 10, { gt: true }), outlierZ: num(0, 10, { gt: true }) })
      .strict(),
    rcl: z.object({ maxBaselineSds: num(0, 10, { gt: true }) }).strict(),
    dataIntegrity: z
      .object({
        minRatingGames: num(0, 1000, { int: true }),
        lowSampleAction: z.enum(['soft', 'block']),
        maxMcStandardError: num(0, 0.5, { gt: true }),
      })
      .strict(),
    calibration: z
      .object({
        // SPEC: d ∈ [0.5, 1]; a lower floor would let the job erase the model entirely.
        dampMin: num(0.5, 1),
        dampStep: num(0, 0.5, { gt: true }),
        relaxStep: num(0, 0.5, { gt: true }),
        minGamesForUpdate: num(1, 100_000, { int: true }),
      })
      .strict(),
    slateGuard: z
      .object({
        minPublishedTotals: num(1, 1000, { int: true }),
        // At or above 1 the guard could never fire; at or below 0.5 no split of an odd set passes.
        maxSideShare: num(0.5, 1, { gt: true }),
        windowDays: num(1, 100_000, { int: true }),
        windowOverShare: range(0, 1),
      })
      .strict(),
    skillWeight: z
      .object({
        prior: num(0, 1),
        priorLines: num(0, 1_000_000),
        minLines: num(0, 1_000_000, { int: true }),
        windowDays: num(1, 100_000, { int: true }),
        shiftWindowDays: num(1, 100_000, { int: true }),
        shiftPriorLines: num(0, 1_000_000),
        maxShift: num(0, 0.25),
        pickZ: num(0, 10),
        publishZ: num(0, 10),
      })
      .strict(),
    // Confidence is a win probability in percent: a cap or PICK bar below 50 means nothing.
    marketDeviation: z.object({ compression: num(0, 1), confidenceCap: num(50, 100) }).strict(),
    highVariance: z
      .object({
        zStart: num(0, 10),
        zFull: num(0, 10),
        minReduction: num(0, 1),
        maxReduction: num(0, 1),
        minHistory: num(2, 1_000_000, { int: true }),
      })
      .strict(),
    confidence: z
      .object({
        fullSampleGames: num(0, 1000, { gt: true }),
        minSampleFactor: num(0, 1),
        variancePerZ: num(0, 10),
        softTriggerFactor: num(0, 1),
      })
      .strict(),
    stateMachine: z
      .object({
        noPlayEdgePp: num(0, 100),
        pickEdgePp: num(0, 100),
        pickMinConfidence: num(50, 100),
      })
      .strict(),
    assumedPrice: num(-10_000, -100),
  })
  .strict()
  .superRefine((c, ctx) => {
    const at = (path: string[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (c.stateMachine.pickEdgePp < c.stateMachine.noPlayEdgePp)
      at(['stateMachine', 'pickEdgePp'], 'must be >= stateMachine.noPlayEdgePp');
    if (c.highVariance.zFull <= c.highVariance.zStart)
      at(['highVariance', 'zFull'], 'must be > highVariance.zStart');
    if (c.highVariance.maxReduction < c.highVariance.minReduction)
      at(['highVariance', 'maxReduction'], 'must be >= highVariance.minReduction');
  });

/**
 * zod issues as one {@link ConfigIssue} per field, dotted paths (`(root)` for the value itself):
 * a missing field says `missing`, each unknown key is its own issue.
 */
export function configIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((i): ConfigIssue[] => {
    const path = i.path.join('.');
    if (i.code === z.ZodIssueCode.unrecognized_keys)
      return i.keys.map((k) => ({
        path: path === '' ? k : `${path}.${k}`,
        message: 'unknown setting',
      }));
    const missing = i.code === z.ZodIssueCode.invalid_type && i.received === 'undefined';
    return [{ path: path === '' ? '(root)' : path, message: missing ? 'missing' : i.message }];
  });
}

/**
 * Checks an untrusted value against {@link safetyConfigSchema}.
 * @returns the value typed as SafetyConfig (not copied).
 * @throws SafetyConfigError with every problem found (missing, unknown, out-of-range fields).
 */
export function validateSafetyConfig(value: unknown): SafetyConfig {
  const parsed = safetyConfigSchema.safeParse(value);
  if (!parsed.success) throw new SafetyConfigError(configIssues(parsed.error));
  return value as SafetyConfig;
}
