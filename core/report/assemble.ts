/**
 * Builds the backtest report from plain rows (pure; the queries live in `report/`). The rules
 * are in `definitions.md`; each block below names the definition it implements.
 */
import type { Sport } from '../sports';
import type { TotalLineProbs } from '../simulation-types';
import { DOUBLE_COUNTING_FLAG, REPORT_DEFINITIONS_VERSION, REPORT_MARKETS } from './definitions';
import { earnedFigures, type PricedLine } from './earned';
import { noPlayReasonCounts, stateShares, summarizeMarket, type PublishedPick } from './markets';
import { brierScore, expectedCalibrationError, type Forecast } from './probability';
import { chooseRuns, type RunCandidate } from './runs';
import { cumulativeUnits, oneSidedSlates, weeklyOverShare } from './series';
import { mean, meanAbs, share } from './stats';
import { overOutcome, pOverNoPush } from './totals';
import type { BacktestReport, GradeResult, PickState, ReportExtra } from './types';

export interface ReportGame {
  readonly gameId: string;
  readonly gameDate: string;
  /** `games.season` (null when unknown). */
  readonly season?: number | null;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
}

export interface ReportAuditRow {
  readonly runId: string;
  readonly gameId: string;
  readonly slateDate: string;
  readonly market: string;
  readonly lineKey: string;
  readonly side: string | null;
  readonly state: PickState;
  readonly reasons: readonly string[];
  /** Calibrated P(side | no push). */
  readonly modelProb: number | null;
  /** `versions.projectionRaw`: the engine's projection before L2 (totals: the total). */
  readonly projectionRaw: number | null;
  readonly result: GradeResult | null;
  readonly units: number | null;
  /** The side's line, price, no-vig market probability and the pricing stamps (priced rows). */
  readonly line?: number | null;
  readonly price?: number | null;
  readonly marketProb?: number | null;
  readonly modelProbRaw?: number | null;
  readonly modelProbCorrected?: number | null;
  readonly skillWeight?: number | null;
  /** Base-rate shift of side A applied (versions.baseRateShift); null on older rows. */
  readonly baseRateShift?: number | null;
  readonly confidence?: number | null;
  readonly edgePp?: number | null;
  readonly triggers?: readonly string[];
  /** Published projection (after L2 and the skill weight). */
  readonly projection?: number | null;
  /** Which history lines the run priced (`open` for an opening-line backfill). */
  readonly pricedLines?: 'open' | 'close';
  /** The imported closing line of the market: point of side a (total / home handicap). */
  readonly closePointA?: number | null;
  /** No-vig probability of side a at the close (null without both prices). */
  readonly closeNoVigA?: number | null;
  /**
   * A decision of record (view `decisions_of_record`): counted even when it comes from an
   * earlier run of its slate than the one chosen (a live day with several runs).
   */
  readonly ofRecord?: boolean;
}

export interface ReportLineCheck {
  readonly runId: string;
  readonly gameId: string;
  readonly market: string;
  readonly lineKey: string;
  readonly ok: boolean;
  readonly consensusPoint: number | null;
  /** No-vig probability of side a (totals: the Over). */
  readonly noVigA: number | null;
}

export interface ReportSimulation {
  readonly runId: string;
  readonly gameId: string;
  /** `summary.full.totals`. */
  readonly totals: readonly TotalLineProbs[];
}

export interface ReportDecomposition {
  readonly runId: string;
  readonly gameId: string;
  readonly flags: readonly string[];
}

export interface ReportInput {
  readonly sport: Sport;
  readonly from: string;
  readonly to: string;
  /** The history lines the runs priced (meta only; the caller chose the runs). Default close. */
  readonly lines?: 'open' | 'close';
  /** Every run of the sport with a slate date in range (the newest completed per date is used). */
  readonly runs: readonly RunCandidate[];
  /** Every game of the sport dated in range. */
  readonly games: readonly ReportGame[];
  /** Rows of other runs or markets are ignored, so callers may over-fetch. */
  readonly audit: readonly ReportAuditRow[];
  readonly lineChecks: readonly ReportLineCheck[];
  readonly simulations: readonly ReportSimulation[];
  readonly decompositions: readonly ReportDecomposition[];
}

const key = (runId: string, gameId: string, market: string, lineKey: string): string =>
  `${runId}\u001f${gameId}\u001f${market}\u001f${lineKey}`;

const isReportMarket = (m: string): boolean => (REPORT_MARKETS as readonly string[]).includes(m);
const isMain = (market: string, lineKey: string): boolean =>
  isReportMarket(market) && lineKey === '';

function finalTotal(g: ReportGame | undefined): number | null {
  return g && g.homeScore !== null && g.awayScore !== null ? g.homeScore + g.awayScore : null;
}

function counts(xs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of [...xs].sort()) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const distinctSorted = (xs: readonly (string | null)[]): string[] =>
  [...new Set(xs.filter((x): x is string => x !== null))].sort();

export function assembleReport(input: ReportInput): { report: BacktestReport; extra: ReportExtra } {
  const { sport, from, to } = input;
  const chosen = chooseRuns(input.runs.filter((r) => r.slateDate >= from && r.slateDate <= to));
  const runIds = new Set(chosen.runs.map((r) => r.runId));
  const games = new Map(
    input.games.filter((g) => g.gameDate >= from && g.gameDate <= to).map((g) => [g.gameId, g]),
  );
  const inRun = <T extends { runId: string; gameId: string }>(rows: readonly T[]): T[] =>
    rows.filter((r) => runIds.has(r.runId) && games.has(r.gameId));

  const checks = inRun(input.lineChecks);
  const sims = inRun(input.simulations);
  const decompositions = inRun(input.decompositions);
  const audit = input.audit.filter(
    (a) => (runIds.has(a.runId) || a.ofRecord === true) && isReportMarket(a.market),
  );
  const recordRuns = new Set(audit.map((a) => a.runId));
  const checkBy = new Map(
    input.lineChecks
      .filter((c) => (runIds.has(c.runId) || recordRuns.has(c.runId)) && games.has(c.gameId))
      .map((c) => [key(c.runId, c.gameId, c.market, c.lineKey), c]),
  );
  const auditBy = new Map(audit.map((a) => [key(a.runId, a.gameId, a.market, a.lineKey), a]));

  // Coverage: simulated = a simulation row; blocked = covered, not simulated, and R2 failed
  // every full-game totals/spreads line (the slate workflow simulates a game iff one passed).
  const covered = new Set(checks.map((c) => c.gameId));
  const simulated = new Set(sims.map((s) => s.gameId));
  const passed = new Set(
    checks.filter((c) => c.ok && isMain(c.market, c.lineKey)).map((c) => c.gameId),
  );
  const blocked = [...covered].filter((g) => !simulated.has(g) && !passed.has(g));
  const mainChecks = checks.filter((c) => isMain(c.market, c.lineKey));
  const runDates = new Set(chosen.runs.map((r) => r.slateDate));

  // Published picks per market; graded = with a pick_results row.
  const published = (market: string): (PublishedPick & { date: string })[] =>
    audit
      .filter((a) => a.market === market && a.state !== 'NO_PLAY')
      .map((a) => ({ side: a.side, result: a.result, units: a.units, date: a.slateDate }));
  const totalsPicks = published('totals');
  const spreadsPicks = published('spreads');
  const isGraded = <P extends PublishedPick>(p: P): p is P & { units: number } =>
    p.result !== null && p.units !== null;
  const gradedTotals = totalsPicks.filter(isGraded);
  const gradedSpreads = spreadsPicks.filter(isGraded);

  // Deviation and bias: every priced full-game total (published or not), raw projection.
  const deviations: number[] = [];
  const publishedDeviations: number[] = [];
  const biases: number[] = [];
  for (const a of audit) {
    if (a.market !== 'totals' || a.lineKey !== '' || a.projectionRaw === null) continue;
    const c = checkBy.get(key(a.runId, a.gameId, 'totals', ''));
    if (!c?.ok || c.consensusPoint === null) continue;
    deviations.push(a.projectionRaw - c.consensusPoint);
    if (a.projection != null) publishedDeviations.push(a.projection - c.consensusPoint);
    const actual = finalTotal(games.get(a.gameId));
    if (actual !== null) biases.push(a.projectionRaw - actual);
  }

  // Brier / ECE / reliability: simulated games with a verified total, final and not a push.
  const model: Forecast[] = [];
  const market: Forecast[] = [];
  const calModel: Forecast[] = [];
  const calMarket: Forecast[] = [];
  let pushes = 0;
  for (const s of sims) {
    const c = checkBy.get(key(s.runId, s.gameId, 'totals', ''));
    const actual = finalTotal(games.get(s.gameId));
    if (!c?.ok || c.consensusPoint === null || c.noVigA === null || actual === null) continue;
    const p = pOverNoPush(s.totals, c.consensusPoint);
    if (p === null) continue;
    const y = overOutcome(actual, c.consensusPoint);
    if (y === null) {
      pushes += 1;
      continue;
    }
    model.push({ p, y });
    market.push({ p: c.noVigA, y });
    const a = auditBy.get(key(s.runId, s.gameId, 'totals', ''));
    if (a && a.modelProb !== null && (a.side === 'OVER' || a.side === 'UNDER')) {
      calModel.push({ p: a.side === 'OVER' ? a.modelProb : 1 - a.modelProb, y });
      calMarket.push({ p: c.noVigA, y });
    }
  }

  // Earned confidence: every priced main line of record, graded from the final score.
  const priced: PricedLine[] = [];
  for (const a of audit) {
    if (a.lineKey !== '' || a.side === null || a.modelProb === null) continue;
    if (a.market !== 'totals' && a.market !== 'spreads') continue;
    const { line, price, marketProb, confidence, edgePp } = a;
    if (line == null || price == null || marketProb == null || confidence == null || edgePp == null)
      continue;
    const g = games.get(a.gameId);
    priced.push({
      market: a.market,
      slateDate: a.slateDate,
      season: g?.season ?? null,
      state: a.state,
      side: a.side,
      line,
      price,
      pPub: a.modelProb,
      q: marketProb,
      pRaw: a.modelProbRaw ?? null,
      pCorrected: a.modelProbCorrected ?? null,
      skillWeight: a.skillWeight ?? null,
      baseRateShift: a.baseRateShift ?? null,
      confidence,
      edgePp,
      triggers: a.triggers ?? [],
      reasons: a.reasons ?? [],
      pricedLines: a.pricedLines ?? 'close',
      closePointA: a.closePointA ?? null,
      closeNoVigA: a.closeNoVigA ?? null,
      homeScore: g?.homeScore ?? null,
      awayScore: g?.awayScore ?? null,
    });
  }
  const earned = earnedFigures(priced);
  const flagShare = (flag: string): number | null =>
    share(decompositions.filter((d) => d.flags.includes(flag)).length, decompositions.length);

  const report: BacktestReport = {
    sport,
    from,
    to,
    games: games.size,
    simulated: simulated.size,
    blockedShare: share(blocked.length, covered.size),
    blockReasons: noPlayReasonCounts(audit),
    states: stateShares(audit),
    totals: summarizeMarket(totalsPicks, 'OVER'),
    spreads: summarizeMarket(spreadsPicks, 'HOME'),
    avgDeviation: mean(deviations),
    avgDeviationPublished: mean(publishedDeviations),
    meanAbsDeviation: meanAbs(deviations),
    biasVsActual: mean(biases),
    doubleCountingShare: share(
      decompositions.filter((d) => d.flags.includes(DOUBLE_COUNTING_FLAG)).length,
      decompositions.length,
    ),
    brier: earned.totals.brier,
    ece: earned.totals.ece,
    eceModel: earned.totals.eceModel,
    eceMarket: earned.totals.eceMarket,
    eceNoise: earned.totals.eceNoise,
    reliability: earned.totals.reliability,
    spreadsCalibration: {
      brier: earned.spreads.brier,
      ece: earned.spreads.ece,
      eceModel: earned.spreads.eceModel,
      eceMarket: earned.spreads.eceMarket,
      eceNoise: earned.spreads.eceNoise,
      n: earned.spreads.n,
    },
    byState: earned.byState,
    skillNotEstablished: earned.skillNotEstablished,
    confidence: earned.confidence,
    confidenceMaxGap: earned.confidenceMaxGap,
    confidencePassChance: earned.confidencePassChance,
    skillWeight: earned.skillWeight,
    decomposition: {
      doubleCountingShare: flagShare(DOUBLE_COUNTING_FLAG),
      paceOutlierShare: flagShare('PACE_OUTLIER'),
      efficiencyOutlierShare: flagShare('EFFICIENCY_OUTLIER'),
      doubleCountingLines: earned.doubleCounting.lines,
      doubleCountingEdgeBeforePp: earned.doubleCounting.edgeBeforePp,
      doubleCountingEdgeAfterPp: earned.doubleCounting.edgeAfterPp,
    },
    bySeason: earned.bySeason,
    clv: earned.clv,
    meta: {
      definitionsVersion: REPORT_DEFINITIONS_VERSION,
      lines: input.lines ?? 'close',
      runs: chosen.runs.length,
      runsSuperseded: chosen.superseded,
      runKinds: counts(chosen.runs.map((r) => r.runKind)),
      runIds: chosen.runs.map((r) => r.runId),
      modelHashes: distinctSorted(chosen.runs.map((r) => r.modelHash)),
      configHashes: distinctSorted(chosen.runs.map((r) => r.configHash)),
      slatesWithoutRun: distinctSorted(
        [...games.values()].map((g) => (runDates.has(g.gameDate) ? null : g.gameDate)),
      ),
      gamesCovered: covered.size,
      gamesBlocked: blocked.length,
      marketsBlockedShare: share(mainChecks.filter((c) => !c.ok).length, mainChecks.length),
      auditRows: audit.length,
      graded: {
        totals: gradedTotals.length,
        spreads: gradedSpreads.length,
      },
      deviationSample: deviations.length,
      biasSample: biases.length,
      brierSample: earned.totals.n,
      brierPushes: pushes,
      brierSimulations: {
        model: brierScore(model),
        market: brierScore(market),
        ece: expectedCalibrationError(model),
        n: model.length,
      },
      brierCalibrated: {
        model: brierScore(calModel),
        market: brierScore(calMarket),
        n: calModel.length,
      },
      decompositionLogs: decompositions.length,
      oneSidedSlates: oneSidedSlates(totalsPicks),
    },
  };
  const extra: ReportExtra = {
    weeklyOverShare: weeklyOverShare(totalsPicks, from),
    cumulativeUnits: cumulativeUnits([...gradedTotals, ...gradedSpreads]),
    deviations,
  };
  return { report, extra };
}
