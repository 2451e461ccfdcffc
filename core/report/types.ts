/**
 * The backtest report (SPEC §5 `report --json`, §6 targets). Plain JSON-safe data: the CLI
 * prints {@link BacktestReport} as is. Every field is defined in `definitions.md` next to this
 * file; shares are fractions in [0, 1], points are the sport's scoring unit, `null` means "no
 * sample" (never 0, which would read as a measurement).
 */
import type { Sport } from '../sports';

export type PickState = 'PICK' | 'LEAN' | 'NO_PLAY';
export type GradeResult = 'win' | 'loss' | 'push';

/** Published picks of one market (full-game `totals` or `spreads`). */
export interface MarketSummary {
  /** Published audit rows (state PICK or LEAN). */
  readonly picks: number;
  /** Share of published picks on side A: the Over for totals, the home side for spreads. */
  readonly overShare: number | null;
  /** wins / (wins + losses) of graded published picks. */
  readonly winRate: number | null;
  /** pushes / graded published picks. */
  readonly pushRate: number | null;
  /** Σ units / graded published picks: profit per 1 unit staked at the price taken. */
  readonly roiAtPrice: number | null;
}

/** One equal-width bin of model P(over) (reliability diagram). */
export interface ReliabilityBin {
  /** `lo-hi`, e.g. `0.4-0.5`; the last bin includes 1. */
  readonly bin: string;
  /** Mean model P(over | no push) of the bin's games. */
  readonly predicted: number;
  /** Over rate of the bin's games. */
  readonly observed: number;
  readonly n: number;
}

/** A slate whose published full-game totals break the §6 one-sidedness target. */
export interface OneSidedSlate {
  readonly date: string;
  readonly published: number;
  readonly over: number;
  readonly under: number;
  /** max(over, under) / published. */
  readonly majorityShare: number;
}

export interface ReportMeta {
  /** Version of `definitions.md`; bumped whenever a definition changes. */
  readonly definitionsVersion: number;
  /** History lines the runs priced: close, or open (`backfill --lines open`). */
  readonly lines: 'open' | 'close';
  /** Runs used: the newest completed run per slate date. */
  readonly runs: number;
  /** Completed runs in range that a newer run of the same slate replaced. */
  readonly runsSuperseded: number;
  readonly runKinds: Readonly<Record<string, number>>;
  /** The chosen runs' IDs, by slate date. */
  readonly runIds: readonly string[];
  /** Distinct model / config hashes stamped on the chosen runs (sorted). */
  readonly modelHashes: readonly string[];
  readonly configHashes: readonly string[];
  /** Dates in range with games but no completed run (their games count, uncovered). */
  readonly slatesWithoutRun: readonly string[];
  /** Games with line checks in their slate's chosen run (the denominator of blockedShare). */
  readonly gamesCovered: number;
  /** Covered games not simulated because R2 blocked both full-game totals and spreads. */
  readonly gamesBlocked: number;
  /** Per-market view of R2: failed / all line checks of full-game totals and spreads. */
  readonly marketsBlockedShare: number | null;
  /** Audit rows of totals + spreads (the denominator of `states`). */
  readonly auditRows: number;
  readonly graded: { readonly totals: number; readonly spreads: number };
  /** Full-game totals with a raw projection and a consensus line (avg/mean-abs deviation). */
  readonly deviationSample: number;
  /** Of those, games with a final score (biasVsActual). */
  readonly biasSample: number;
  /** Totals lines in the Brier / ECE / reliability sample (pushes excluded). */
  readonly brierSample: number;
  /** Brier / ECE of the engine's P(over) from the simulations themselves (every simulated game). */
  readonly brierSimulations: {
    readonly model: number | null;
    readonly market: number | null;
    readonly ece: number | null;
    readonly n: number;
  };
  /** Final games at the consensus total excluded as pushes. */
  readonly brierPushes: number;
  /** Brier of the published (calibrated) P(over) on the Brier games that have a priced audit row. */
  readonly brierCalibrated: {
    readonly model: number | null;
    readonly market: number | null;
    readonly n: number;
  };
  /** Decomposition logs of the chosen runs (denominator of doubleCountingShare). */
  readonly decompositionLogs: number;
  /** Slates with ≥ 6 published full-game totals and > 58% on one side (target: none). */
  readonly oneSidedSlates: readonly OneSidedSlate[];
}

/** `beatvegas report --json` (SPEC §5): spec fields top-level, provenance in `meta`. */
export interface BacktestReport {
  readonly sport: Sport;
  readonly from: string;
  readonly to: string;
  readonly games: number;
  readonly simulated: number;
  readonly blockedShare: number | null;
  readonly blockReasons: Readonly<Record<string, number>>;
  readonly states: Readonly<Record<PickState, number | null>>;
  readonly totals: MarketSummary;
  readonly spreads: MarketSummary;
  /** mean(raw projected total − consensus total), points. */
  readonly avgDeviation: number | null;
  /**
   * mean(published projected total − consensus total), points: the projection after the skill
   * weight and L2, what a user reads.
   */
  readonly avgDeviationPublished: number | null;
  /** mean |raw projected total − consensus total|, points. */
  readonly meanAbsDeviation: number | null;
  /** mean(raw projected total − actual total), points. */
  readonly biasVsActual: number | null;
  readonly doubleCountingShare: number | null;
  /**
   * Full-game totals, priced lines of record graded from final scores (pushes out): Brier of the
   * raw model P(over), of the published P(over) and of the no-vig market P(over).
   */
  readonly brier: BrierTriple;
  /** Expected calibration error of the published P(over), 10 equal-width bins. */
  readonly ece: number | null;
  /** Expected calibration error of the raw model P(over). */
  readonly eceModel: number | null;
  /** Expected calibration error of the no-vig market P(over) on the same lines (noise floor). */
  readonly eceMarket: number | null;
  /** Noise floor of `ece`: a calibrated forecaster's expected ECE (CalibrationFigures.eceNoise). */
  readonly eceNoise?: number | null;
  /** Reliability of the published P(over). */
  readonly reliability: readonly ReliabilityBin[];
  /** The same figures for full-game spreads (P(home covers)). */
  readonly spreadsCalibration: Omit<CalibrationFigures, 'reliability'>;
  /** Totals + spreads priced lines per state, graded at the price taken. */
  readonly byState: Readonly<Record<PickState, StateResult>>;
  /**
   * Lines held back because the skill weight was not established (EarnedFigures): NO_PLAY
   * below publishZ, LEAN at PICK's bars below pickZ.
   */
  readonly skillNotEstablished?: StateResult;
  /** Reliability of confidence (5-point bins): stated vs observed win rate. */
  readonly confidence: readonly ConfidenceBin[];
  /** max |stated − observed| over confidence bins with n ≥ 100; null when none. */
  readonly confidenceMaxGap: number | null;
  /**
   * The chance that a perfectly calibrated forecaster stating these bins' confidences, on these
   * bin sizes, has every bin with n ≥ 100 within ±3 pp (0–1; null when none is judged): the
   * confidence target's noise floor. Low values say the target can miss on chance alone.
   */
  readonly confidencePassChance?: number | null;
  /** Skill weight applied (mean over lines, newest), per market. */
  readonly skillWeight: EarnedFigures['skillWeight'];
  /** R5 fire rates and what DOUBLE_COUNTING_LIKELY did to edges. */
  readonly decomposition: {
    readonly doubleCountingShare: number | null;
    readonly paceOutlierShare: number | null;
    readonly efficiencyOutlierShare: number | null;
    readonly doubleCountingLines: number;
    readonly doubleCountingEdgeBeforePp: number | null;
    readonly doubleCountingEdgeAfterPp: number | null;
  };
  readonly bySeason: readonly SeasonFigures[];
  /**
   * Closing-line value per state of lines priced on opening lines (`backfill --lines open`):
   * null when the range has none.
   */
  readonly clv: EarnedFigures['clv'];
  readonly meta: ReportMeta;
}

/** Over share of published full-game totals in one 7-day window. */
export interface WeeklyOverShare {
  /** First day of the window (windows are anchored on the report's `from`). */
  readonly weekStart: string;
  readonly published: number;
  readonly over: number;
  readonly overShare: number | null;
}

/** Graded units of one slate date and the running total. */
export interface UnitsPoint {
  readonly date: string;
  readonly graded: number;
  readonly units: number;
  readonly cumulative: number;
}

/** Chart series that are not part of the JSON contract (HTML only). */
export interface ReportExtra {
  readonly weeklyOverShare: readonly WeeklyOverShare[];
  readonly cumulativeUnits: readonly UnitsPoint[];
  /** raw projected total − consensus total per game (the deviation histogram). */
  readonly deviations: readonly number[];
}

// ---- earned-confidence figures (earned.ts computes them) ----

/** Closing-line value of one state's picks priced on opening lines. */
export interface ClvFigures {
  /** Picks with an opening and a closing line. */
  readonly n: number;
  /** Share of them whose line the close moved toward the pick (moved at all, that way). */
  readonly towardShare: number | null;
  /** Share whose line did not move. */
  readonly unmovedShare: number | null;
  /** Mean move toward the pick, points (negative: the close went against it). */
  readonly meanMovePts: number | null;
  /** Picks whose line is the same at the close (their no-vig probability is comparable). */
  readonly nSameLine: number;
  /** Mean (close − open) no-vig probability of the pick's side, on those. */
  readonly meanMoveProb: number | null;
}

export interface StateResult {
  /** Graded lines (pushes included). */
  readonly n: number;
  readonly winRate: number | null;
  readonly roiAtPrice: number | null;
  /**
   * Standard error of `winRate`, √(w(1−w)/decided): how far chance alone moves it (at 12 lines
   * and 50% it is 14 pp, so two states' order at that size says little). Null without lines.
   */
  readonly winRateSe?: number | null;
  /** Mean stated confidence / 100 of the decided lines: what the state promised. */
  readonly statedWinRate?: number | null;
}

export interface ConfidenceBin {
  /** `50-55`: confidence percent, lower edge inclusive. */
  readonly bin: string;
  /** Mean stated confidence of the bin / 100. */
  readonly predicted: number;
  /** Win rate (pushes excluded). */
  readonly observed: number;
  readonly n: number;
  /**
   * Standard error of the win rate if the stated confidence were exact, √(p(1−p)/n): a gap of
   * 1–2 of these is what chance alone gives (at n = 100 it is 5 pp).
   */
  readonly se: number;
}

/** Brier scores of the raw model, the published and the no-vig market probabilities (0–1). */
export interface BrierTriple {
  readonly model: number | null;
  readonly published: number | null;
  readonly market: number | null;
}

export interface CalibrationFigures {
  /** Graded lines without pushes (the Brier sample). */
  readonly n: number;
  readonly brier: BrierTriple;
  /** ECE of the published probabilities (10 bins). */
  readonly ece: number | null;
  /** ECE of the raw model probabilities. */
  readonly eceModel: number | null;
  /**
   * ECE of the no-vig market probabilities on the same lines: the noise floor of the figure
   * (on ~1,000 lines near 50% a perfectly calibrated forecaster's ECE is already ~0.02–0.04).
   */
  readonly eceMarket: number | null;
  /**
   * Expected ECE of a perfectly calibrated forecaster that states these published
   * probabilities (outcomes drawn from them; per bin √(2/π)·√Σp(1−p)/n_b): the figure's noise
   * floor at this sample size. A published ECE near it is as calibrated as the sample can show.
   */
  readonly eceNoise?: number | null;
  readonly reliability: readonly { bin: string; predicted: number; observed: number; n: number }[];
}

export interface EarnedFigures {
  /** Per market: Brier / ECE of model, published and market probabilities of side A. */
  readonly totals: CalibrationFigures;
  readonly spreads: CalibrationFigures;
  /** Totals and spreads lines per state, graded at the price taken. */
  readonly byState: Readonly<Record<PickState, StateResult>>;
  /** Reliability of confidence, 5-point bins from 50. */
  readonly confidence: readonly ConfidenceBin[];
  /** max |predicted − observed| over confidence bins with n ≥ 100 (null: none). */
  readonly confidenceMaxGap: number | null;
  /**
   * The chance that a perfectly calibrated forecaster stating these bins' confidences, on these
   * bin sizes, has every bin with n ≥ 100 within ±3 pp (0–1; null when none is judged): the
   * confidence target's noise floor. Low values say the target can miss on chance alone.
   */
  readonly confidencePassChance: number | null;
  /** Mean and newest skill weight applied, and the mean base-rate shift of side A, per market. */
  readonly skillWeight: Readonly<
    Record<
      'totals' | 'spreads',
      {
        readonly mean: number | null;
        readonly last: number | null;
        readonly shiftMean: number | null;
      }
    >
  >;
  /**
   * Lines held back because the skill weight was not established: NO_PLAY with reason
   * SKILL_NOT_ESTABLISHED (an edge at LEAN's bar or above, below publishZ) and LEAN with that
   * trigger (PICK's bars met, below pickZ). What publishing them would have won.
   */
  readonly skillNotEstablished?: StateResult;
  /** Lines demoted by DOUBLE_COUNTING_LIKELY, and what the flag did to their edge. */
  readonly doubleCounting: {
    readonly lines: number;
    readonly share: number | null;
    /** Mean edge before the L5 penalties (skill-weighted model − market), pp. */
    readonly edgeBeforePp: number | null;
    /** Mean published edge, pp. */
    readonly edgeAfterPp: number | null;
  };
  readonly bySeason: readonly SeasonFigures[];
  /** Closing-line value per state over lines priced on opening lines; null: none were. */
  readonly clv: Readonly<Record<PickState, ClvFigures>> | null;
}

export interface SeasonFigures {
  readonly season: number;
  readonly lines: number;
  readonly brierPublished: number | null;
  readonly brierMarket: number | null;
  readonly ece: number | null;
  readonly totalsOverShare: number | null;
  readonly byState: Readonly<Record<PickState, StateResult>>;
  /** The season's reliability of confidence (5-point bins); absent on reports before it. */
  readonly confidence?: readonly ConfidenceBin[];
  /** max |stated − observed| over the season's bins with n ≥ 100 (null: none). */
  readonly confidenceMaxGap?: number | null;
}
