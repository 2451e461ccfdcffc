/**
 * Possession-based basketball kernel shared by NBA and NCAAB (R4).
 *
 * Equivalent fast form of a possession-by-possession simulation: per period we draw the number
 * of possessions N (both teams get N), then each team's points in the period from the exact
 * distribution of the sum of N i.i.d. possession outcomes (0–4 points), precomputed by
 * convolution. This yields the same distribution as simulating every possession at ~3 draws
 * per period instead of ~50.
 *
 * Two game-level effects are needed to match real scores (see the sport modules for numbers):
 * - a game pace multiplier shared by all periods (fast games are fast throughout), which is
 *   why real totals vary more than period totals suggest;
 * - score effects: at the start of each later period, points move from the side that is ahead
 *   of its expected margin to the other side (starters rest, trailing teams press). Real
 *   period margins are far less persistent than independent possessions imply; without this
 *   the full-game margin SD would be ~30% too wide. The transfer is proportional to the
 *   deviation from the *expected* margin path, so it does not bias a favourite's mean.
 *
 * Team strength enters through the per-possession outcome distribution (the league shape,
 * exponentially tilted to the team's points per possession).
 */
import type { Accumulator } from './histogram';
import { SUM_EVENTS, SUM_POINTS, makeLayout } from './histogram';
import type { Sfc32 } from './prng';
import type { Dist } from './tables';
import { AliasSet, discreteNormal, distVariance, sumPowers, tiltDist } from './tables';
import type { GameInputs, PreparedModel } from './types';

export interface BasketballParams {
  readonly sport: 'nba' | 'ncaab';
  /** Regulation periods (4 quarters or 2 halves). */
  readonly periods: number;
  /** Segment name of each period's histogram, or null when no market prices it. */
  readonly periodSegments: readonly (string | null)[];
  /** Cumulative segments: name and the number of periods they cover (e.g. h1 = 2 quarters). */
  readonly cumulativeSegments: readonly { readonly name: string; readonly periods: number }[];
  /** Regulation possessions per team per game at paceFactor 1. */
  readonly possessionsPerTeam: number;
  /** Relative possessions per period (sums to `periods`). */
  readonly periodPaceWeights: readonly number[];
  /** Relative SD of the game pace multiplier (shared by all periods). */
  readonly gamePaceSd: number;
  /** SD of possessions in one period given the game pace. */
  readonly periodPossSd: number;
  /** League possession outcome shape, P(0..4 points). */
  readonly possessionShape: readonly number[];
  /** κ: share of the deviation from the expected margin undone per later period. */
  readonly reversion: number;
  /** Deviation is clamped to ± this many points before applying κ. */
  readonly maxDeviation: number;
  /** Possessions per team in one overtime period at paceFactor 1. */
  readonly otPossessions: number;
  readonly otPossSd: number;
  /** Still tied after this many overtimes → a coin gives one side +1 (P(reach) ≈ 0). */
  readonly maxOvertimes: number;
}

/** Game pace multipliers: z-grid −2..2 in steps of 0.5 with normal weights. */
const PACE_Z = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2] as const;

function paceLevels(): Dist {
  const p = new Float64Array(PACE_Z.length);
  let s = 0;
  PACE_Z.forEach((z, i) => {
    p[i] = Math.exp(-0.5 * z * z);
    s += p[i] ?? 0;
  });
  // Rescale z so the discretised multiplier has exactly SD 1 (units of gamePaceSd).
  for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) / s;
  return { lo: 0, p };
}

function paceZScale(levels: Dist): number {
  let v = 0;
  PACE_Z.forEach((z, i) => (v += z * z * (levels.p[i] ?? 0)));
  return 1 / Math.sqrt(v);
}

function normalPointMass(mu: number, variance: number): number {
  return Math.exp((-0.5 * mu * mu) / variance) / Math.sqrt(2 * Math.PI * variance);
}

/** Prepares one basketball game. */
export function prepareBasketball(bp: BasketballParams, inputs: GameInputs): PreparedModel {
  const pace = inputs.paceFactor ?? 1;
  const P = bp.periods;
  const levels = paceLevels();
  const zScale = paceZScale(levels);
  const G = PACE_Z.length;
  const basePerPeriod = (bp.possessionsPerTeam * pace) / P;

  // Possession count tables per (period, pace level) and for overtime.
  const possDists: Dist[] = [];
  let nLo = Infinity;
  let nHi = -Infinity;
  const span = (m: number, sd: number): [number, number] => [
    Math.max(1, Math.floor(m - 5 * sd)),
    Math.ceil(m + 5 * sd),
  ];
  for (let p = 0; p < P; p++) {
    for (let g = 0; g < G; g++) {
      const mult = 1 + bp.gamePaceSd * zScale * (PACE_Z[g] ?? 0);
      const m = basePerPeriod * (bp.periodPaceWeights[p] ?? 1) * mult;
      const [lo, hi] = span(m, bp.periodPossSd);
      possDists.push(discreteNormal(m, bp.periodPossSd, lo, hi));
      nLo = Math.min(nLo, lo);
      nHi = Math.max(nHi, hi);
    }
  }
  const otMean = bp.otPossessions * pace;
  const [otLo, otHi] = span(otMean, bp.otPossSd);
  const otDist = discreteNormal(otMean, bp.otPossSd, otLo, otHi);
  nLo = Math.min(nLo, otLo);
  nHi = Math.max(nHi, otHi);
  const nCount = nHi - nLo + 1;

  // Solve points per possession so E[full score] = input, overtime included. Regulation
  // tie probability uses a normal point-mass approximation of the margin (documented bias
  // is small: OT adds ~10 points to ~5% of games).
  const shape: Dist = { lo: 0, p: Float64Array.from(bp.possessionShape) };
  const eRegPoss = bp.possessionsPerTeam * pace;
  let pppH = inputs.homeExpected / eRegPoss;
  let pppA = inputs.awayExpected / eRegPoss;
  let dh = tiltDist(shape, pppH);
  let da = tiltDist(shape, pppA);
  let pTie = 0;
  for (let it = 0; it < 6; it++) {
    const vh = distVariance(dh);
    const va = distVariance(da);
    const dppp = pppH - pppA;
    let V = 0;
    for (let p = 0; p < P; p++) {
      const np = basePerPeriod * (bp.periodPaceWeights[p] ?? 1);
      const varN = bp.periodPossSd ** 2 + (np * bp.gamePaceSd) ** 2;
      const sp = np * (vh + va) + dppp * dppp * varN;
      V = p === 0 ? sp : (1 - bp.reversion) ** 2 * V + sp;
    }
    pTie = normalPointMass(eRegPoss * dppp, V);
    const pOtTie = normalPointMass(otMean * dppp, otMean * (vh + va));
    const otPoss = (pTie * otMean) / (1 - pOtTie);
    pppH = inputs.homeExpected / (eRegPoss + otPoss);
    pppA = inputs.awayExpected / (eRegPoss + otPoss);
    dh = tiltDist(shape, pppH);
    da = tiltDist(shape, pppA);
  }

  const sumsH = sumPowers(dh, nHi);
  const sumsA = sumPowers(da, nHi);
  // Table 0 is the game pace level; then possessions per (period, pace level), overtime
  // possessions, and points for N possessions per team.
  const T_POSS = 1; // + p·G + g
  const T_OT = 1 + P * G;
  const T_HOME = T_OT + 1; // + (N − nLo)
  const T_AWAY = T_HOME + nCount;
  const dists: Dist[] = [levels, ...possDists, otDist];
  for (let n = nLo; n <= nHi; n++) dists.push(sumsH[n] as Dist);
  for (let n = nLo; n <= nHi; n++) dists.push(sumsA[n] as Dist);
  const set = new AliasSet(dists);

  // Expected margin at the start of each period (regulation path, no OT).
  const expMargin = new Float64Array(P);
  for (let p = 1; p < P; p++) {
    const np = basePerPeriod * (bp.periodPaceWeights[p - 1] ?? 1);
    expMargin[p] = (expMargin[p - 1] ?? 0) + np * (pppH - pppA);
  }
  const maxTransfer = Math.ceil((bp.reversion * bp.maxDeviation) / 2) + 1;
  let periodMax = 0;
  for (let n = nLo; n <= nHi; n++) {
    periodMax = Math.max(periodMax, (sumsH[n] as Dist).lo + (sumsH[n] as Dist).p.length - 1);
    periodMax = Math.max(periodMax, (sumsA[n] as Dist).lo + (sumsA[n] as Dist).p.length - 1);
  }
  periodMax += maxTransfer;
  const segDefs: { name: string; sideMax: number }[] = [
    { name: 'full', sideMax: periodMax * (P + bp.maxOvertimes) + 1 },
  ];
  bp.cumulativeSegments.forEach((c) =>
    segDefs.push({ name: c.name, sideMax: periodMax * c.periods }),
  );
  bp.periodSegments.forEach((name) => {
    if (name !== null) segDefs.push({ name, sideMax: periodMax });
  });
  const layout = makeLayout(segDefs);
  const segByName = (name: string) => {
    const s = layout.segments.find((x) => x.name === name);
    if (!s) throw new Error(name);
    return s;
  };
  const full = segByName('full');
  // Per-period and cumulative recording offsets; −1 = not recorded.
  const perOff = new Int32Array(P * 4).fill(-1);
  const cumOff = new Int32Array(P * 4).fill(-1);
  bp.periodSegments.forEach((name, p) => {
    if (name === null) return;
    const s = segByName(name);
    perOff.set([s.home, s.away, s.total, s.margin0], p * 4);
  });
  bp.cumulativeSegments.forEach((c) => {
    const s = segByName(c.name);
    cumOff.set([s.home, s.away, s.total, s.margin0], (c.periods - 1) * 4);
  });
  const kappaHalf = bp.reversion / 2;
  const dMax = bp.maxDeviation;
  const maxOt = bp.maxOvertimes;

  return {
    sport: bp.sport,
    layout,
    params: {
      pppHome: pppH,
      pppAway: pppA,
      possessionsPerTeam: eRegPoss,
      pRegulationTieApprox: pTie,
    },
    runChunk(rng: Sfc32, iterations: number, acc: Accumulator): void {
      const thr = set.thr;
      const pr = set.primary;
      const al = set.alias;
      const sh = set.shift;
      const mk = set.mask;
      const K = set.k;
      const c = acc.counts;
      const bHome = T_HOME * K - nLo * K;
      const bAway = T_AWAY * K - nLo * K;
      const bOt = T_OT * K;
      let events = 0;
      let points = 0;
      for (let it = 0; it < iterations; it++) {
        let r = rng.nextU32();
        let j = r >>> sh; // pace-level table is table 0
        const g = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        let h = 0;
        let a = 0;
        let poss = 0;
        for (let p = 0; p < P; p++) {
          r = rng.nextU32();
          j = (T_POSS + p * G + g) * K + (r >>> sh);
          const n = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bHome + n * K + (r >>> sh);
          let xh = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bAway + n * K + (r >>> sh);
          let xa = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          if (p > 0) {
            let d = h - a - expMargin[p]!;
            if (d > dMax) d = dMax;
            else if (d < -dMax) d = -dMax;
            // Transfer with mean κ·d/2: floor plus a Bernoulli(fraction) draw.
            const x = kappaHalf * d;
            let t = Math.floor(x);
            if (rng.nextU32() < (x - t) * 4294967296) t++;
            if (t > xh) t = xh;
            else if (-t > xa) t = -xa;
            xh -= t;
            xa += t;
          }
          poss += n;
          const o = p * 4;
          if (perOff[o]! >= 0) {
            c[perOff[o]! + xh]!++;
            c[perOff[o + 1]! + xa]!++;
            c[perOff[o + 2]! + xh + xa]!++;
            c[perOff[o + 3]! + xh - xa]!++;
          }
          h += xh;
          a += xa;
          if (cumOff[o]! >= 0) {
            c[cumOff[o]! + h]!++;
            c[cumOff[o + 1]! + a]!++;
            c[cumOff[o + 2]! + h + a]!++;
            c[cumOff[o + 3]! + h - a]!++;
          }
        }
        let ot = 0;
        while (h === a) {
          if (ot === maxOt) {
            if (rng.nextU32() >>> 31 === 1) h++;
            else a++;
            break;
          }
          r = rng.nextU32();
          j = bOt + (r >>> sh);
          const n = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bHome + n * K + (r >>> sh);
          h += al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bAway + n * K + (r >>> sh);
          a += al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          poss += n;
          ot++;
        }
        events += 2 * poss;
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
