/**
 * Whether confidence is earned (issue #20): calibration of the published probabilities and of
 * confidence, results per state, per season, the skill weights applied and what the
 * decomposition flags did. Every priced full-game totals and spreads line of record counts,
 * published or not, graded from the game's final score (the picks themselves carry
 * `pick_results`; unpublished lines have none, and a weight earned only on what was published
 * could never recover). Definitions: `definitions.md` § "Earned confidence".
 */
import { gradePick, type PickSide } from '../grading/grade';
import {
  binomialWithin,
  brierScore,
  eceNoiseFloor,
  expectedCalibrationError,
  reliabilityBins,
  type Forecast,
} from './probability';
import { mean, roi, share } from './stats';
import type {
  CalibrationFigures,
  ClvFigures,
  ConfidenceBin,
  EarnedFigures,
  GradeResult,
  PickState,
  StateResult,
} from './types';

/** One priced main-line audit row of record with what the report needs to grade it. */
export interface PricedLine {
  readonly market: 'totals' | 'spreads';
  readonly slateDate: string;
  readonly season: number | null;
  readonly state: PickState;
  /** OVER/UNDER or HOME/AWAY. */
  readonly side: string;
  /** The line as seen from `side`. */
  readonly line: number;
  readonly price: number;
  /** Published probability that `side` wins given no push (0–1). */
  readonly pPub: number;
  /** No-vig market probability of `side` (0–1). */
  readonly q: number;
  /** The engine's probability of `side` before any layer (0–1); null on old rows. */
  readonly pRaw: number | null;
  /** L2-corrected model probability that entered the skill weight; null on old rows. */
  readonly pCorrected: number | null;
  readonly skillWeight: number | null;
  /** Base-rate shift of side A (Over, home) applied; null on rows stamped before it existed. */
  readonly baseRateShift?: number | null;
  /** 0–100. */
  readonly confidence: number;
  readonly edgePp: number;
  readonly triggers: readonly string[];
  /** NO_PLAY reasons of the line (empty when published); absent on older fixtures. */
  readonly reasons?: readonly string[];
  /** Which history lines the run priced; closing-line value needs `open`. */
  readonly pricedLines?: 'open' | 'close';
  /** Closing point of side a (total, or home handicap) and its no-vig probability. */
  readonly closePointA?: number | null;
  readonly closeNoVigA?: number | null;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
}

interface Graded extends PricedLine {
  readonly result: GradeResult;
  readonly units: number;
}

/** Confidence bins: 5 points wide from 50 (confidence is ≥ 50 only where q ≥ 0.5). */
const CONFIDENCE_WIDTH = 5;
/** A confidence bin is judged only with at least this many lines (issue #20). */
export const CONFIDENCE_MIN_N = 100;
/** How far a judged bin's win rate may sit from its stated confidence (issue #20: ±3 pp). */
export const CONFIDENCE_TOLERANCE = 0.03;

/** Bins with n ≥ CONFIDENCE_MIN_N and the largest |stated − observed| among them (null: none). */
function confidenceJudged(bins: readonly ConfidenceBin[]): {
  judged: ConfidenceBin[];
  maxGap: number | null;
} {
  const judged = bins.filter((b) => b.n >= CONFIDENCE_MIN_N);
  return {
    judged,
    maxGap:
      judged.length === 0
        ? null
        : Math.max(...judged.map((b) => Math.abs(b.predicted - b.observed))),
  };
}

/**
 * The chance that a perfectly calibrated forecaster, stating these bins' confidences on these
 * bin sizes, has every judged bin within ±CONFIDENCE_TOLERANCE: the product over bins of
 * P(|X/n − p̄| ≤ tol), X ~ Binomial(n, p̄). It is the confidence target's noise floor, as
 * `eceNoise` is ECE's: at n = 300 near 65% one bin alone passes only ~73% of the time, so a
 * report with ten such bins can miss with perfect calibration. (Stated confidences vary a
 * little inside a bin, which narrows the true spread; the binomial at the bin's mean is the
 * slightly conservative bound.) Null when no bin is judged.
 */
function confidencePassChance(judged: readonly ConfidenceBin[]): number | null {
  if (judged.length === 0) return null;
  let chance = 1;
  for (const b of judged) chance *= binomialWithin(b.n, b.predicted, CONFIDENCE_TOLERANCE);
  return chance;
}

function grade(l: PricedLine): Graded | null {
  if (l.homeScore === null || l.awayScore === null) return null;
  const g = gradePick({
    market: l.market,
    side: l.side as PickSide,
    line: l.line,
    price: l.price,
    homeScore: l.homeScore,
    awayScore: l.awayScore,
    team: null,
  });
  return { ...l, ...g };
}

const isSideA = (l: PricedLine): boolean => l.side === 'OVER' || l.side === 'HOME';
const toA = (l: PricedLine, p: number): number => (isSideA(l) ? p : 1 - p);

/** n, win rate (± its standard error), stated win rate and ROI of graded lines. */
function stateResult(r: readonly Graded[]): StateResult {
  const wins = r.filter((x) => x.result === 'win').length;
  const decided = r.filter((x) => x.result !== 'push');
  const winRate = share(wins, decided.length);
  return {
    n: r.length,
    winRate,
    roiAtPrice: roi(r.map((x) => x.units)),
    winRateSe: winRate === null ? null : Math.sqrt((winRate * (1 - winRate)) / decided.length),
    statedWinRate: mean(decided.map((x) => x.confidence / 100)),
  };
}

function stateResults(rows: readonly Graded[]): Record<PickState, StateResult> {
  const of = (state: PickState) => stateResult(rows.filter((x) => x.state === state));
  return { PICK: of('PICK'), LEAN: of('LEAN'), NO_PLAY: of('NO_PLAY') };
}

function calibration(rows: readonly Graded[]): CalibrationFigures {
  const decided = rows.filter((r) => r.result !== 'push');
  // Outcome of side A (Over / home covers), whichever side the line was priced from.
  const y = (r: Graded): 0 | 1 => ((r.result === 'win') === isSideA(r) ? 1 : 0);
  const published: Forecast[] = decided.map((r) => ({ p: toA(r, r.pPub), y: y(r) }));
  const market: Forecast[] = decided.map((r) => ({ p: toA(r, r.q), y: y(r) }));
  const withRaw = decided.filter((r) => r.pRaw !== null);
  const model: Forecast[] = withRaw.map((r) => ({ p: toA(r, r.pRaw ?? 0.5), y: y(r) }));
  return {
    n: decided.length,
    brier: {
      model: withRaw.length === decided.length ? brierScore(model) : null,
      published: brierScore(published),
      market: brierScore(market),
    },
    ece: expectedCalibrationError(published),
    eceModel: withRaw.length === decided.length ? expectedCalibrationError(model) : null,
    eceMarket: expectedCalibrationError(market),
    eceNoise: eceNoiseFloor(published.map((f) => f.p)),
    reliability: reliabilityBins(published).map(({ bin, predicted, observed, n }) => ({
      bin,
      predicted,
      observed,
      n,
    })),
  };
}

function confidenceBins(rows: readonly Graded[]): ConfidenceBin[] {
  const acc = new Map<number, { n: number; c: number; w: number }>();
  for (const r of rows) {
    if (r.result === 'push' || !Number.isFinite(r.confidence)) continue;
    const lo = Math.floor(r.confidence / CONFIDENCE_WIDTH) * CONFIDENCE_WIDTH;
    const a = acc.get(lo) ?? { n: 0, c: 0, w: 0 };
    a.n += 1;
    a.c += r.confidence / 100;
    a.w += r.result === 'win' ? 1 : 0;
    acc.set(lo, a);
  }
  return [...acc.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([lo, a]) => ({
      bin: `${lo}-${lo + CONFIDENCE_WIDTH}`,
      predicted: a.c / a.n,
      observed: a.w / a.n,
      n: a.n,
      se: Math.sqrt(((a.c / a.n) * (1 - a.c / a.n)) / a.n),
    }));
}

function weights(rows: readonly PricedLine[]): {
  mean: number | null;
  last: number | null;
  shiftMean: number | null;
} {
  const sorted = [...rows].sort((a, b) =>
    a.slateDate < b.slateDate ? -1 : a.slateDate > b.slateDate ? 1 : 0,
  );
  const w = sorted.map((r) => r.skillWeight).filter((x): x is number => x != null);
  const shift = sorted.map((r) => r.baseRateShift).filter((x): x is number => x != null);
  return {
    mean: mean(w),
    last: w.length === 0 ? null : (w[w.length - 1] ?? null),
    shiftMean: mean(shift),
  };
}

/** How far the close moved toward the pick (points; see ClvFigures), or null without a close. */
function clvOf(l: PricedLine): { move: number; probMove: number | null } | null {
  if (l.closePointA == null) return null;
  // The close as seen from the pick's side: totals keep the total; AWAY negates the handicap.
  const closeLine = l.side === 'AWAY' ? -l.closePointA : l.closePointA;
  // Toward the pick = the pick's side got harder at the close: Over → higher total, Under →
  // lower; a spread side → a smaller handicap (the market now asks more of that side).
  const move = l.side === 'OVER' ? closeLine - l.line : l.line - closeLine;
  const closeQ = l.closeNoVigA == null ? null : isSideA(l) ? l.closeNoVigA : 1 - l.closeNoVigA;
  return { move, probMove: closeLine === l.line && closeQ !== null ? closeQ - l.q : null };
}

function clvFigures(lines: readonly PricedLine[]): Record<PickState, ClvFigures> | null {
  const open = lines.filter((l) => l.pricedLines === 'open');
  if (open.length === 0) return null;
  const of = (state: PickState): ClvFigures => {
    const moves = open
      .filter((l) => l.state === state)
      .map(clvOf)
      .filter((m): m is NonNullable<ReturnType<typeof clvOf>> => m !== null);
    const probs = moves.map((m) => m.probMove).filter((p): p is number => p !== null);
    return {
      n: moves.length,
      towardShare: share(moves.filter((m) => m.move > 0).length, moves.length),
      unmovedShare: share(moves.filter((m) => m.move === 0).length, moves.length),
      meanMovePts: mean(moves.map((m) => m.move)),
      nSameLine: probs.length,
      meanMoveProb: mean(probs),
    };
  };
  return { PICK: of('PICK'), LEAN: of('LEAN'), NO_PLAY: of('NO_PLAY') };
}

export function earnedFigures(lines: readonly PricedLine[]): EarnedFigures {
  const graded = lines.map(grade).filter((g): g is Graded => g !== null);
  const conf = confidenceBins(graded);
  const { judged, maxGap } = confidenceJudged(conf);
  const flagged = lines.filter((l) => l.triggers.includes('DOUBLE_COUNTING_LIKELY'));
  const before = flagged
    .filter((l) => l.pCorrected !== null && l.skillWeight !== null)
    .map((l) => (l.skillWeight ?? 0) * ((l.pCorrected ?? 0) - l.q) * 100);
  const seasons = [...new Set(lines.map((l) => l.season).filter((s): s is number => s !== null))];
  return {
    totals: calibration(graded.filter((g) => g.market === 'totals')),
    spreads: calibration(graded.filter((g) => g.market === 'spreads')),
    byState: stateResults(graded),
    skillNotEstablished: stateResult(
      graded.filter(
        (g) =>
          g.triggers.includes('SKILL_NOT_ESTABLISHED') ||
          (g.reasons ?? []).includes('SKILL_NOT_ESTABLISHED'),
      ),
    ),
    confidence: conf,
    confidenceMaxGap: maxGap,
    confidencePassChance: confidencePassChance(judged),
    skillWeight: {
      totals: weights(lines.filter((l) => l.market === 'totals')),
      spreads: weights(lines.filter((l) => l.market === 'spreads')),
    },
    doubleCounting: {
      lines: flagged.length,
      share: share(flagged.length, lines.length),
      edgeBeforePp: mean(before),
      edgeAfterPp: mean(flagged.map((l) => l.edgePp)),
    },
    clv: clvFigures(lines),
    bySeason: seasons.sort().map((season) => {
      const g = graded.filter((x) => x.season === season);
      const totals = calibration(g.filter((x) => x.market === 'totals'));
      const pubTotals = lines.filter(
        (l) => l.season === season && l.market === 'totals' && l.state !== 'NO_PLAY',
      );
      const seasonConf = confidenceBins(g);
      return {
        season,
        lines: lines.filter((l) => l.season === season).length,
        brierPublished: totals.brier.published,
        brierMarket: totals.brier.market,
        ece: totals.ece,
        totalsOverShare: share(pubTotals.filter((l) => l.side === 'OVER').length, pubTotals.length),
        byState: stateResults(g),
        confidence: seasonConf,
        confidenceMaxGap: confidenceJudged(seasonConf).maxGap,
      };
    }),
  };
}
