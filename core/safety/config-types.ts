/**
 * The shape of the safety stack's configuration (SPEC R5–R8, R15), every field with its unit,
 * bounds and default; the defaults, the schema and the validator are in config.ts.
 */
import type { FeatureFlags } from '../config';
import type { Sport } from '../sports';

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
     * 2.0, the outlier threshold: both parts are outliers in the same direction. With pace and
     * efficiency both modelled the two z move together, so 1.0 would flag about a third of all
     * games. 1.75 flagged 10.1% of NBA's games of 2009-10..2018-19 and 13.2% of 2008-09..2012-13
     * (20.9% in the 2011-12 lockout season), above the < 10% target; 2.0 flags 7.7% of those
     * (14.8% in 2011-12), 3.3% of NFL 2007–2019 and 2.9% of MLB 2010–2013 (measured 2026-12-07
     * on the seasons before the evaluation ones, docs/backtest.md).
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
    /**
     * PICK needs the skill to be established: the weight must stay above 0 at its one-sided
     * lower bound w − pickZ·se (skill-weight.ts). Default 1.645 (95%). A line that clears every
     * other PICK bar without it is LEAN with SKILL_NOT_ESTABLISHED (only when pickZ > publishZ:
     * at equal bars the line is not published at all).
     */
    readonly pickZ: number;
    /**
     * Publishing at all (LEAN as well as PICK) needs the skill to be established at this bar:
     * w − publishZ·se > 0. Default 1.645, PICK's. Without it a line whose edge clears LEAN's bar
     * is NO_PLAY with SKILL_NOT_ESTABLISHED; its published probability is unchanged. An edge the
     * graded record cannot tell from zero is not offered as a pick.
     */
    readonly publishZ: number;
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
