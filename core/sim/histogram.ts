/**
 * Integer histograms: the only thing a kernel writes per iteration, and the only thing chunks
 * exchange. Counts are integers, so merging is exact and order-free; every statistic in the
 * summary (means, SDs, quantiles, line probabilities) is computed from the merged counts, which
 * is why results are bit-identical for any split of chunks over threads. No sorting anywhere.
 */
import type {
  Distribution,
  SegmentSummary,
  SpreadLineProbs,
  TeamTotalProbs,
  TotalLineProbs,
} from '../simulation-types';

/** Where one segment's four histograms live in the flat counts array. */
export interface SegmentLayout {
  /** `full`, `h1`, `q1`…`q4`, `p1`…`p3`, `f5`. */
  readonly name: string;
  /** Largest score one side can reach in this segment (scoring units). */
  readonly sideMax: number;
  /** Offset of the home histogram (values 0..sideMax). */
  readonly home: number;
  /** Offset of the away histogram (values 0..sideMax). */
  readonly away: number;
  /** Offset of the total histogram (values 0..2·sideMax). */
  readonly total: number;
  /** Offset of margin value 0: the margin histogram spans [margin0 − sideMax, margin0 + sideMax]. */
  readonly margin0: number;
}

/**
 * Offered full-game team-total lines per side (the `team_totals` market), in scoring units.
 * Each list may be empty; values are finite and ≥ 0. Only verified lines belong here (R2b).
 */
export interface TeamTotalLines {
  readonly home: readonly number[];
  readonly away: readonly number[];
}

/** Indices into {@link Accumulator.sums} for the decomposition counters (R5). */
export const SUM_EVENTS = 0;
export const SUM_POINTS = 1;
export const SUM_TDS = 2;
export const SUM_FGS = 3;
export const SUM_SLOTS = 4;

export interface AccumulatorLayout {
  readonly segments: readonly SegmentLayout[];
  readonly size: number;
}

/**
 * Counts for any number of iterations. `sums` hold integer-valued totals (events, points in the
 * decomposition, touchdowns, field goals) in doubles, exact below 2^53.
 */
export interface Accumulator {
  readonly counts: Int32Array;
  readonly sums: Float64Array;
}

export function makeLayout(
  segments: readonly { name: string; sideMax: number }[],
): AccumulatorLayout {
  let off = 0;
  const out: SegmentLayout[] = [];
  for (const s of segments) {
    const h = Math.ceil(s.sideMax);
    const home = off;
    const away = home + h + 1;
    const total = away + h + 1;
    const marginStart = total + 2 * h + 1;
    off = marginStart + 2 * h + 1;
    out.push({ name: s.name, sideMax: h, home, away, total, margin0: marginStart + h });
  }
  return { segments: out, size: off };
}

export function newAccumulator(layout: AccumulatorLayout): Accumulator {
  return { counts: new Int32Array(layout.size), sums: new Float64Array(SUM_SLOTS) };
}

/** target += src (exact integer addition). */
export function addInto(target: Accumulator, src: Accumulator): void {
  const t = target.counts;
  const s = src.counts;
  if (t.length !== s.length) throw new Error('accumulator layout mismatch');
  for (let i = 0; i < t.length; i++) t[i] = (t[i] ?? 0) + (s[i] ?? 0);
  for (let i = 0; i < SUM_SLOTS; i++) target.sums[i] = (target.sums[i] ?? 0) + (src.sums[i] ?? 0);
}

const QUANTILE_PCTS = [5, 10, 25, 50, 75, 90, 95] as const;

/**
 * Distribution of a histogram over values `vmin..vmax` stored at `counts[off + (v − vmin)]`.
 * Quantiles use the inverse empirical CDF (smallest v with F(v) ≥ p), in scoring units.
 */
function distribution(
  counts: Int32Array,
  off: number,
  vmin: number,
  vmax: number,
  n: number,
): Distribution {
  let s = 0;
  for (let v = vmin; v <= vmax; v++) s += v * (counts[off + v - vmin] ?? 0);
  const mean = s / n;
  let ss = 0;
  for (let v = vmin; v <= vmax; v++) {
    const c = counts[off + v - vmin] ?? 0;
    if (c !== 0) ss += c * (v - mean) * (v - mean);
  }
  const q: number[] = [];
  let cum = 0;
  let k = 0;
  for (let v = vmin; v <= vmax && k < QUANTILE_PCTS.length; v++) {
    cum += counts[off + v - vmin] ?? 0;
    // Integer comparison (cum/n ≥ pct/100) avoids float ties.
    while (k < QUANTILE_PCTS.length && cum * 100 >= (QUANTILE_PCTS[k] as number) * n) {
      q.push(v);
      k++;
    }
  }
  while (q.length < 7) q.push(vmax);
  return {
    mean,
    sd: Math.sqrt(ss / n),
    quantiles: [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0, q[3] ?? 0, q[4] ?? 0, q[5] ?? 0, q[6] ?? 0],
  };
}

/** Count of values strictly below x and equal to x in a histogram over vmin..vmax. */
function below(
  counts: Int32Array,
  off: number,
  vmin: number,
  vmax: number,
  x: number,
): [number, number] {
  let lt = 0;
  let eq = 0;
  for (let v = vmin; v <= vmax; v++) {
    if (v < x) lt += counts[off + v - vmin] ?? 0;
    else if (v === x) eq += counts[off + v - vmin] ?? 0;
    else break;
  }
  return [lt, eq];
}

/**
 * Over/under/push at `line` for a histogram of integer values 0..vmax at `off`: over = value >
 * line, push = value equal to line. The one rule for game totals and team totals alike.
 */
function overUnder(
  counts: Int32Array,
  off: number,
  vmax: number,
  n: number,
  line: number,
): TotalLineProbs {
  const [lt, eq] = below(counts, off, 0, vmax, line);
  return { line, pOver: (n - lt - eq) / n, pUnder: lt / n, pPush: eq / n };
}

/**
 * Summary of one segment. Total lines: over = total > line, push = equal. Spreads use the Odds
 * API home handicap: home covers when margin + line > 0. Team totals (when `teamTotalLines` is
 * given) apply the total rule to each side's own histogram, so they cost no extra work in the
 * kernels: every engine already counts each side's score per iteration.
 */
export function summarizeSegment(
  seg: SegmentLayout,
  acc: Accumulator,
  n: number,
  totalLines: readonly number[],
  spreadLines: readonly number[],
  teamTotalLines?: TeamTotalLines,
): SegmentSummary {
  const c = acc.counts;
  const h = seg.sideMax;
  const mStart = seg.margin0 - h;
  const totals: TotalLineProbs[] = totalLines.map((line) =>
    overUnder(c, seg.total, 2 * h, n, line),
  );
  const spreads: SpreadLineProbs[] = spreadLines.map((homeLine) => {
    // home covers ⇔ margin > −line
    const [lt, eq] = below(c, mStart, -h, h, -homeLine);
    return { homeLine, pHomeCovers: (n - lt - eq) / n, pAwayCovers: lt / n, pPush: eq / n };
  });
  const [ltZero, eqZero] = below(c, mStart, -h, h, 0);
  const summary: SegmentSummary = {
    segment: seg.name,
    home: distribution(c, seg.home, 0, h, n),
    away: distribution(c, seg.away, 0, h, n),
    total: distribution(c, seg.total, 0, 2 * h, n),
    margin: distribution(c, mStart, -h, h, n),
    totals,
    spreads,
    pHomeWin: (n - ltZero - eqZero) / n,
  };
  if (teamTotalLines === undefined) return summary;
  const teamTotals: TeamTotalProbs = {
    home: teamTotalLines.home.map((line) => overUnder(c, seg.home, h, n, line)),
    away: teamTotalLines.away.map((line) => overUnder(c, seg.away, h, n, line)),
  };
  return { ...summary, teamTotals };
}
