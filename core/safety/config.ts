/**
 * Every threshold of the safety stack (SPEC R5–R8, R15) in one typed object. Defaults come from
 * the SPEC; the whole object (flags included) is part of the effective config whose canonical
 * JSON is hashed into the config hash (R9), so changing any value here changes that hash.
 */
import { z } from 'zod';
import { DEFAULT_FLAGS, FLAG_NAMES, type FeatureFlags } from '../config';
import { SPORT_INFO, SPORTS, type Sport } from '../sports';
import { SafetyConfigError, type ConfigIssue } from './errors';

/** Per-sport numbers of SPEC §2 that the safety stack reads (scoring units unless noted). */
export interface SportSafetyThresholds {
  /** L2 clamp: |bias| above this shifts projections by −bias. */
  readonly clamp: number;
  /** L2 over-rate band [lo, hi] as fractions 0–1. */
  readonly overRateBand: readonly [number, number];
  /** L3: |projection − consensus line| above this compresses the probability. */
  readonly marketDeviationThreshold: number;
  /** R6: plausible full-game total [lo, hi]. */
  readonly plausibleTotal: readonly [number, number];
  /**
   * L1: fewer rating games than this behind either team (point in time, this season) is
   * LOW_SAMPLE, so the team can never be PICK. Per sport; default
   * `dataIntegrity.minRatingGames`.
   */
  readonly minRatingGames: number;
}

export interface SafetyConfig {
  /** R15 switches (the same object the rest of the run uses). */
  readonly flags: FeatureFlags;
  readonly sports: Readonly<Record<Sport, SportSafetyThresholds>>;
  /** R5. z thresholds are in league SDs. */
  readonly decomposition: {
    /**
     * DOUBLE_COUNTING_LIKELY when pace and efficiency both exceed this |z| the same way. Default
     * 1.75: with pace and efficiency both modelled the two z move together, so 1.0 would flag
     * about a third of all games; 1.75 flags the tails (target < 10%).
     */
    readonly doubleCountingZ: number;
    /** PACE_OUTLIER / EFFICIENCY_OUTLIER above this |z|. Default 2.0. */
    readonly outlierZ: number;
  };
  /** R6. */
  readonly rcl: {
    /** Max |projected total − baseline total| in league total SDs. Default 3. */
    readonly maxBaselineSds: number;
  };
  /** R7 L1. */
  readonly dataIntegrity: {
    /** Minimum games behind each team's rating. Default 4. */
    readonly minRatingGames: number;
    /** 'soft': LOW_SAMPLE demotes to LEAN (default, SPEC R3/R8). 'block': NO_PLAY. */
    readonly lowSampleAction: 'soft' | 'block';
    /** Max Monte Carlo standard error of P(over), probability. Default 0.01 (10k its ≈ 0.005). */
    readonly maxMcStandardError: number;
  };
  /** R7 L2 daily update rule ({@link nextCalibrationState}) and damp bounds. */
  readonly calibration: {
    /** Lower bound of the damp factor d. SPEC: 0.5. */
    readonly dampMin: number;
    /** d decreases by this when the over rate leaves the band. Default 0.1. */
    readonly dampStep: number;
    /** d relaxes toward 1 by this when the over rate is inside the band. Default 0.05. */
    readonly relaxStep: number;
    /** Fewer graded games than this in the window: keep the previous state. Default 10. */
    readonly minGamesForUpdate: number;
  };
  /** R7 L2 slate guard. */
  readonly slateGuard: {
    /** The guard is active in a group with at least this many publishable totals. Default 6. */
    readonly minPublishedTotals: number;
    /** Max share (0–1) of one side among the group's picks. Default 0.58. */
    readonly maxSideShare: number;
    /**
     * The trailing-window balance of full-game totals: published totals of slates within this
     * many days before the run date are carried into the slate's own. Default 365 (a season).
     */
    readonly windowDays: number;
    /**
     * Over share band [lo, hi] (0–1) that carried + slate published full-game totals must stay
     * in once they number at least `minPublishedTotals`; the slate's weakest published line of
     * the side out of band is withheld. Default [0.45, 0.58] (issue #20).
     */
    readonly windowOverShare: readonly [number, number];
  };
  /**
   * The skill weight (calibration/skill-weight.ts): how far published probabilities may move
   * from the market toward the model, estimated daily from graded priced lines.
   */
  readonly skillWeight: {
    /** Weight used before it is earned, and what estimates shrink toward (0–1). Default 0. */
    readonly prior: number;
    /** Strength of the prior, in graded lines. Default 300. */
    readonly priorLines: number;
    /** Fewer graded lines than this: the prior is used as is (and the row says so). Default 100. */
    readonly minLines: number;
    /** Graded lines of slates within this many days before the run date count. Default 1100. */
    readonly windowDays: number;
    /**
     * The base-rate shift (skill-weight.ts): side A's mean outcome minus the market's
     * probability, over graded lines of slates within this many days (default 365: scoring
     * environments change by season), shrunk toward 0 with the strength of `shiftPriorLines`
     * lines (default 200) and bounded by ±`maxShift` (probability at a 50% line; default 0.05).
     */
    readonly shiftWindowDays: number;
    readonly shiftPriorLines: number;
    readonly maxShift: number;
  };
  /** R7 L3. */
  readonly marketDeviation: {
    /** Kept fraction of (p − anchor). SPEC: 0.5. */
    readonly compression: number;
    /**
     * Cap on confidence, i.e. on the published probability in percent (0–100). Default 60. The
     * line also gets the MARKET_DEVIATION soft trigger, so it can never be PICK.
     */
    readonly confidenceCap: number;
  };
  /** R7 L4. z in SDs of the sport's recent simulated-SD distribution. */
  readonly highVariance: {
    readonly zStart: number;
    readonly zFull: number;
    /** Edge reduction at zStart (fraction). SPEC: 0.5. */
    readonly minReduction: number;
    /** Edge reduction at z ≥ zFull (fraction). SPEC: 0.75. */
    readonly maxReduction: number;
    /** Fewer recent SDs than this: L4 cannot judge (warning, not fired). Default 20. */
    readonly minHistory: number;
  };
  /**
   * R7 L5 penalties (see l5-publish-gates.ts): factors in [0, 1] by which the published edge is
   * kept; confidence is the published probability after them.
   */
  readonly confidence: {
    /** Rating sample (games) at which the sample factor reaches 1. Default 10. */
    readonly fullSampleGames: number;
    /** Sample factor with zero games (0–1). Default 0.5. */
    readonly minSampleFactor: number;
    /** Variance factor = 1 / (1 + variancePerZ · max(0, z)). Default 0.15. */
    readonly variancePerZ: number;
    /** Multiplier per soft trigger (0–1). Default 0.85. */
    readonly softTriggerFactor: number;
  };
  /** R8 thresholds. */
  readonly stateMachine: {
    /** Edge below this (pp) → NO_PLAY. SPEC: 1.5. */
    readonly noPlayEdgePp: number;
    /** PICK needs edge ≥ this (pp). SPEC: 3.0. */
    readonly pickEdgePp: number;
    /**
     * PICK needs confidence (published win probability, %) ≥ this. Default 54: above the 52.4%
     * a −110 price needs to break even, with room for the estimate's error.
     */
    readonly pickMinConfidence: number;
  };
  /** American price assumed when a verdict carries no price (R2 ASSUMED_PRICE). Default −110. */
  readonly assumedPrice: number;
}

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
  decomposition: { doubleCountingZ: 1.75, outlierZ: 2.0 },
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
