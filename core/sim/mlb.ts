/**
 * MLB half-inning engine (R4).
 *
 * Each half-inning's runs come from the league runs-per-half-inning distribution, tilted per
 * team to its run rate. Structural rules that move the means are simulated, not approximated:
 * no bottom of the 9th when the home side leads; walk-offs end the game as soon as home leads
 * (runs beyond the winning run are not counted — a simplification for walk-off home runs);
 * extra innings until a half-inning pair breaks the tie (optionally with the runner on second).
 * Because of these rules a team's expected runs are not 9 × its rate, so per-team rates are
 * solved by an exact dynamic programme over the margin so that E[runs] equals the inputs.
 *
 * Pace and efficiency (R5). A run total is a frequency times a size: the half-innings in which a
 * side scores (pace, scoring half-innings per team per game) times the runs of such a half-inning
 * (efficiency). With `paceFactor` f the matchup's scoring share is f × the league's (≈ 0.26) and
 * the size distribution (league runs given ≥ 1, exponentially tilted) takes the rest of the mean,
 * so the ratings' paceShare splits a projected total between the two as in the other sports.
 * Without a pace factor the whole half-inning distribution is tilted to the mean (both move).
 *
 * Calibration sources: SBRO MLB 2010–2017 (shared/data/mlb/games.csv, 19,720 games): mean
 * total 8.64 (home 4.39, away 4.25), total SD 4.38, margin SD 4.25. The half-inning shape
 * (≈72.8% scoreless, mean ≈0.49) follows league inning-by-inning frequencies of the era.
 */
import type { Accumulator } from './histogram';
import { SUM_EVENTS, SUM_POINTS, makeLayout } from './histogram';
import type { Sfc32 } from './prng';
import type { Dist } from './tables';
import { AliasSet, tiltDistBy, tiltToMean } from './tables';
import type { EngineOptions, GameInputs, PreparedModel, SportEngine } from './types';

/** Runs 0..MAX_RUNS per half-inning; larger innings (P < 1e-6) are folded into the cap. */
const MAX_RUNS = 15;

function shape(head: readonly number[], ratio: number): Dist {
  const p = new Float64Array(MAX_RUNS + 1);
  let last = 0;
  for (let i = 0; i <= MAX_RUNS; i++) {
    last = i < head.length ? (head[i] ?? 0) : last * ratio;
    p[i] = last;
  }
  let s = 0;
  for (const x of p) s += x;
  for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) / s;
  return { lo: 0, p };
}

export interface MlbParams {
  /** League runs per half-inning, P(0..k); a geometric tail continues it to MAX_RUNS. */
  readonly halfInning: Dist;
  /** Extra-inning half with a runner on second, no outs (2020+ rule). */
  readonly ghostRunnerInning: Dist;
  /** Still tied after this inning → a coin gives one side +1 (P(reach) < 1e-5). */
  readonly maxInnings: number;
}

export const MLB_PARAMS: MlbParams = {
  halfInning: shape([0.735, 0.135, 0.065, 0.034, 0.017, 0.008, 0.0037, 0.0017, 0.0008], 0.45),
  ghostRunnerInning: shape([0.39, 0.32, 0.14, 0.075, 0.04, 0.02, 0.008, 0.004, 0.002], 0.45),
  maxInnings: 30,
};

/**
 * League runs per half-inning the scoring share is measured at: the mean of the two sides'
 * solved rates at the engine's league-average inputs (home 0.510, away 0.460).
 */
const LEAGUE_HALF_INNING_RUNS = 0.485;

/**
 * A half-inning distribution with mean `mean` (runs) whose scoring share is the league's (the
 * plain tilt's at {@link LEAGUE_HALF_INNING_RUNS}) times `paceFactor`, bounded so the runs of a
 * scoring half-inning stay inside (1.05, MAX_RUNS − 1). At the league mean and paceFactor 1 it is
 * the plain tilt (the runs given ≥ 1 are tilted within the same exponential family).
 */
export function splitHalfInning(base: Dist, mean: number, paceFactor: number): Dist {
  const s0 = leagueScoringShare(base);
  const s = Math.max(mean / (MAX_RUNS - 1), Math.min(s0 * paceFactor, mean / 1.05, 0.95));
  const cond = Array.from(
    { length: MAX_RUNS },
    (_, i) => (base.p[i + 1] ?? 0) / (1 - (base.p[0] ?? 0)),
  );
  const size = tiltToMean(RUN_VALUES.slice(1), cond, mean / s).p;
  const p = new Float64Array(MAX_RUNS + 1);
  p[0] = 1 - s;
  for (let i = 0; i < MAX_RUNS; i++) p[i + 1] = s * (size[i] ?? 0);
  return { lo: 0, p };
}

/** Runs 0..MAX_RUNS, the values of a half-inning distribution. */
const RUN_VALUES: readonly number[] = Array.from({ length: MAX_RUNS + 1 }, (_, i) => i);

const leagueShares = new WeakMap<Dist, number>();

/**
 * Share of half-innings with a run of the plain tilt of `base` at the league rate: a constant
 * of the table, computed once per table (a game's preparation solves its rates with up to 20
 * calls of {@link splitHalfInning}).
 */
function leagueScoringShare(base: Dist): number {
  let s = leagueShares.get(base);
  if (s === undefined) {
    s = 1 - (tiltToMean(RUN_VALUES, base.p, LEAGUE_HALF_INNING_RUNS).p[0] ?? 0);
    leagueShares.set(base, s);
  }
  return s;
}

const R = MAX_RUNS * 10; // margin DP range ±R (regulation can't exceed 9·15)

/**
 * Exact expected runs (home, away) for given half-inning distributions, following the same
 * rules as the kernel.
 */
export function mlbExpectedRuns(
  h: Dist,
  a: Dist,
  hx: Dist,
  ax: Dist,
  maxInnings: number,
): [number, number] {
  const mean = (d: Dist) => d.p.reduce((s, q, i) => s + q * (d.lo + i), 0);
  let cur = new Float64Array(2 * R + 1);
  let nxt = new Float64Array(2 * R + 1);
  cur[R] = 1;
  let eh = 0;
  let ea = 0;
  const mh = mean(h);
  const ma = mean(a);
  for (let inning = 1; inning <= 8; inning++) {
    eh += mh;
    ea += ma;
  }
  // Margin distribution after 8 innings: 8-fold convolution of one inning's (home − away).
  const diff = new Float64Array(2 * MAX_RUNS + 1); // index k + MAX_RUNS
  for (let x = 0; x <= MAX_RUNS; x++) {
    for (let y = 0; y <= MAX_RUNS; y++) {
      diff[y - x + MAX_RUNS] = (diff[y - x + MAX_RUNS] ?? 0) + (a.p[x] ?? 0) * (h.p[y] ?? 0);
    }
  }
  for (let inning = 1; inning <= 8; inning++) {
    nxt.fill(0);
    for (let m = -R; m <= R; m++) {
      const pm = cur[m + R] ?? 0;
      if (pm < 1e-300) continue;
      for (let k = -MAX_RUNS; k <= MAX_RUNS; k++) {
        const t = m + k;
        if (t >= -R && t <= R) nxt[t + R] = (nxt[t + R] ?? 0) + pm * (diff[k + MAX_RUNS] ?? 0);
      }
    }
    [cur, nxt] = [nxt, cur];
  }
  // Top of the 9th.
  ea += ma;
  nxt.fill(0);
  for (let m = -R; m <= R; m++) {
    const pm = cur[m + R] ?? 0;
    if (pm < 1e-300) continue;
    for (let x = 0; x <= MAX_RUNS; x++) {
      const t = Math.max(-R, m - x);
      nxt[t + R] = (nxt[t + R] ?? 0) + pm * (a.p[x] ?? 0);
    }
  }
  // Bottom of the 9th (only when home does not lead), walk-off capped.
  let tie = 0;
  for (let m = -R; m <= 0; m++) {
    const pm = nxt[m + R] ?? 0;
    if (pm < 1e-300) continue;
    const need = -m + 1;
    for (let y = 0; y <= MAX_RUNS; y++) {
      const py = h.p[y] ?? 0;
      eh += pm * py * Math.min(y, need);
      if (y === -m) tie += pm * py;
    }
  }
  // Extra innings: from a tie, away bats then home bats needing x+1.
  for (let inning = 10; inning <= maxInnings && tie > 1e-300; inning++) {
    let stay = 0;
    ea += tie * mean(ax);
    for (let x = 0; x <= MAX_RUNS; x++) {
      const px = ax.p[x] ?? 0;
      for (let y = 0; y <= MAX_RUNS; y++) {
        const py = hx.p[y] ?? 0;
        eh += tie * px * py * Math.min(y, x + 1);
        if (y === x) stay += px * py;
      }
    }
    tie *= stay;
  }
  return [eh + 0.5 * tie, ea + 0.5 * tie];
}

/**
 * Prepares one MLB game. `paceFactor` moves how often a side scores, not how many innings it
 * bats (innings are structural): see the module doc.
 */
export function prepareMlb(
  mp: MlbParams,
  inputs: GameInputs,
  options: EngineOptions,
): PreparedModel {
  const values = RUN_VALUES;
  const ghost = options.mlbExtraInningRunner === true;
  const extraFor = (theta: number, regular: Dist) =>
    ghost ? tiltDistBy(mp.ghostRunnerInning, theta) : regular;
  const pf = inputs.paceFactor;
  // One half-inning of a side with mean m; θ (the plain tilt's) tilts the ghost-runner innings
  // and is only computed where they are played (extraFor ignores it otherwise).
  const half = (m: number): { d: Dist; theta: number } => {
    if (pf === undefined) {
      const t = tiltToMean(values, mp.halfInning.p, m);
      return { d: { lo: 0, p: t.p }, theta: t.theta };
    }
    const d = splitHalfInning(mp.halfInning, m, pf);
    return { d, theta: ghost ? tiltToMean(values, mp.halfInning.p, m).theta : 0 };
  };
  let rh = inputs.homeExpected / 8.5;
  let ra = inputs.awayExpected / 9;
  for (let it = 0; it < 20; it++) {
    const th = half(rh);
    const ta = half(ra);
    const [eh, ea] = mlbExpectedRuns(
      th.d,
      ta.d,
      extraFor(th.theta, th.d),
      extraFor(ta.theta, ta.d),
      mp.maxInnings,
    );
    const nh = Math.min(rh * (inputs.homeExpected / eh), MAX_RUNS * 0.9);
    const na = Math.min(ra * (inputs.awayExpected / ea), MAX_RUNS * 0.9);
    const done = Math.abs(nh - rh) < 1e-12 && Math.abs(na - ra) < 1e-12;
    rh = nh;
    ra = na;
    if (done) break;
  }
  const th = half(rh);
  const ta = half(ra);
  const h = th.d;
  const a = ta.d;
  const hx = extraFor(th.theta, h);
  const ax = extraFor(ta.theta, a);
  const set = new AliasSet([h, a, hx, ax]);
  const maxInnings = mp.maxInnings;
  const layout = makeLayout([
    { name: 'full', sideMax: MAX_RUNS * maxInnings + 1 },
    { name: 'f5', sideMax: MAX_RUNS * 5 },
  ]);
  const full = layout.segments[0];
  const f5 = layout.segments[1];
  if (!full || !f5) throw new Error('layout');

  return {
    sport: 'mlb',
    layout,
    params: { homeRunsPerHalfInning: rh, awayRunsPerHalfInning: ra },
    runChunk(rng: Sfc32, iterations: number, acc: Accumulator): void {
      const thr = set.thr;
      const pr = set.primary;
      const al = set.alias;
      const sh = set.shift;
      const mk = set.mask;
      const K = set.k;
      const c = acc.counts;
      let events = 0;
      let points = 0;
      for (let it = 0; it < iterations; it++) {
        let h = 0;
        let a = 0;
        // Scoring half-innings (pace): (−x) >>> 31 is 1 for x ≥ 1 runs, 0 for none.
        let scoring = 0;
        for (let inning = 1; inning <= 8; inning++) {
          let r = rng.nextU32();
          let j = K + (r >>> sh);
          const x = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = r >>> sh;
          const y = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          a += x;
          h += y;
          scoring += (-x >>> 31) + (-y >>> 31);
          if (inning === 5) {
            c[f5.home + h]!++;
            c[f5.away + a]!++;
            c[f5.total + h + a]!++;
            c[f5.margin0 + h - a]!++;
          }
        }
        // 9th inning and extras: tables switch to the extra-inning ones from the 10th.
        for (let inning = 9; inning <= maxInnings; inning++) {
          const bh = inning === 9 ? 0 : 2 * K;
          const ba = inning === 9 ? K : 3 * K;
          let r = rng.nextU32();
          let j = ba + (r >>> sh);
          const x = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          a += x;
          scoring += -x >>> 31;
          if (h > a) break; // home leads: bottom half not played
          r = rng.nextU32();
          j = bh + (r >>> sh);
          const y = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          scoring += -y >>> 31;
          if (h + y > a) {
            h = a + 1; // walk-off: the game ends when home goes ahead
            break;
          }
          h += y;
          if (h < a) break;
        }
        if (h === a) {
          if (rng.nextU32() >>> 31 === 1) h++;
          else a++;
        }
        events += scoring;
        points += h + a;
        c[full.home + h]!++;
        c[full.away + a]!++;
        c[full.total + h + a]!++;
        c[full.margin0 + h - a]!++;
      }
      acc.sums[SUM_EVENTS]! += events;
      acc.sums[SUM_POINTS]! += points;
    },
  };
}

export const mlbEngine: SportEngine = {
  sport: 'mlb',
  segments: { totals_1st_5_innings: 'f5' },
  sideBounds: [1, 12],
  leagueAverage: { homeExpected: 4.39, awayExpected: 4.25 },
  prepare: (inputs, options) => prepareMlb(MLB_PARAMS, inputs, options),
};
