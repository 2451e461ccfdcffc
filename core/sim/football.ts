/**
 * Drive-level football kernel shared by NFL and NCAAF (R4).
 *
 * A game is two halves. In each half the combined number of drives D is drawn from a bell
 * curve around the league pace; possessions alternate, so the team receiving the kick gets
 * ⌈D/2⌉ and the other ⌊D/2⌋ (the other team receives after halftime). Each drive ends in a
 * touchdown (then 6, 7 or 8 points after the extra point / two-point try), a made field goal
 * (3) or nothing (0). Ties go to the sport's overtime rules.
 *
 * Team strength enters only through the drive outcome table, which is the league drive shape
 * exponentially tilted (see tables.tiltToMean) until the game-level expected score — including
 * the exact overtime contribution — equals the input expected points. So means are honoured
 * exactly by construction; spreads of outcomes come from the drive structure.
 */
import type { Accumulator } from './histogram';
import { SUM_EVENTS, SUM_FGS, SUM_POINTS, SUM_TDS, makeLayout } from './histogram';
import type { Sfc32 } from './prng';
import type { Dist } from './tables';
import type { ValueDist } from './tables';
import { AliasSet, discreteNormal, distMean, sumPowers, tiltToMean } from './tables';
import type { GameInputs, PreparedModel } from './types';

/** NFL regular-season overtime (2017+): 10 minutes, a TD on the first drive wins. */
export interface NflOvertime {
  readonly kind: 'nfl';
  /** Drives that fit in the overtime period; unresolved after that → tie. */
  readonly maxDrives: number;
}

/** NCAAF overtime (2021+ rules): alternating possessions from the 25, 2-pt shootout from OT3. */
export interface NcaafOvertime {
  readonly kind: 'ncaaf';
  /** League OT drive shape from the 25: P(no score), P(FG), P(TD); tilted like the team. */
  readonly classShape: readonly [number, number, number];
  /** P(two-point conversion) at league average. */
  readonly twoPointRate: number;
  /** After this many rounds a coin decides (+2), so the loop is bounded; P(reach) < 1e-6. */
  readonly maxRounds: number;
}

export interface FootballParams {
  readonly sport: 'nfl' | 'ncaaf';
  /** Regulation drives per team per game at paceFactor 1. */
  readonly drivesPerTeam: number;
  /** SD of the combined number of drives in one half. */
  readonly halfDrivesSd: number;
  /** League drive outcome shape [P(no score), P(FG made), P(TD)]. */
  readonly classShape: readonly [number, number, number];
  /** Points of a touchdown drive [P(6), P(7), P(8)] (missed XP or failed 2-pt, XP, 2-pt). */
  readonly tdPoints: readonly [number, number, number];
  readonly overtime: NflOvertime | NcaafOvertime;
}

/** Per-team drive outcome classes [none, FG, TD]. */
type Classes = readonly [number, number, number];

interface TeamTables {
  readonly drive: Dist;
  readonly classes: Classes;
  readonly theta: number;
}

function tdValue(p: FootballParams): number {
  return 6 * p.tdPoints[0] + 7 * p.tdPoints[1] + 8 * p.tdPoints[2];
}

/** Drive outcome distribution over 0..8 for target points per drive. */
function teamTables(p: FootballParams, ppd: number): TeamTables {
  const { p: c, theta } = tiltToMean([0, 3, tdValue(p)], p.classShape, ppd);
  const none = c[0] ?? 0;
  const fg = c[1] ?? 0;
  const td = c[2] ?? 0;
  const d = new Float64Array(9);
  d[0] = none;
  d[3] = fg;
  d[6] = td * p.tdPoints[0];
  d[7] = td * p.tdPoints[1];
  d[8] = td * p.tdPoints[2];
  return { drive: { lo: 0, p: d }, classes: [none, fg, td], theta };
}

/** Class shape tilted by a team's θ on class values (0, 3, 7) — used for NCAAF OT drives. */
function tiltClasses(shape: readonly [number, number, number], theta: number): Classes {
  const w = [shape[0], shape[1] * Math.exp(3 * theta), shape[2] * Math.exp(7 * theta)];
  const s = (w[0] ?? 0) + (w[1] ?? 0) + (w[2] ?? 0);
  return [(w[0] ?? 0) / s, (w[1] ?? 0) / s, (w[2] ?? 0) / s];
}

/** Expected NFL OT points [home, away] given OT is played (coin flip for the first drive). */
function nflOtExpectation(h: Classes, a: Classes, maxDrives: number): [number, number] {
  // Sudden death with `left` drives, `x` on offence first; returns [E_x, E_y].
  const sd = (x: Classes, y: Classes, left: number): [number, number] => {
    if (left <= 0) return [0, 0];
    const [ey, ex] = sd(y, x, left - 1);
    return [x[2] * 6 + x[1] * 3 + x[0] * ex, x[0] * ey];
  };
  const recv = (r: Classes, o: Classes): [number, number] => {
    // r TD: +6 end. r FG: +3 then o: TD +6 end, FG +3 → sudden death (r first), none → end.
    // r none: sudden death with o first.
    const [srR, srO] = sd(r, o, maxDrives - 2);
    const [soO, soR] = sd(o, r, maxDrives - 1);
    const eR = r[2] * 6 + r[1] * (3 + o[1] * srR) + r[0] * soR;
    const eO = r[1] * (o[2] * 6 + o[1] * (3 + srO)) + r[0] * soO;
    return [eR, eO];
  };
  const [hr, ao] = recv(h, a);
  const [ar, ho] = recv(a, h);
  return [0.5 * (hr + ho), 0.5 * (ao + ar)];
}

/** NCAAF OT round tables for one team: round 1, round 2, two-point attempt. */
function ncaafOtDists(ot: NcaafOvertime, p: FootballParams, theta: number): [Dist, Dist, Dist] {
  const [n, f, t] = tiltClasses(ot.classShape, theta);
  // A team's two-point rate moves with its strength like its TD rate does (same tilt per point).
  const w2 = ot.twoPointRate * Math.exp(2 * theta);
  const pc = w2 / (w2 + (1 - ot.twoPointRate));
  const r1 = new Float64Array(9);
  r1[0] = n;
  r1[3] = f;
  // Round 1: kick the extra point; a miss (tdPoints[0] share) is folded into 6.
  r1[6] = t * p.tdPoints[0];
  r1[7] = t * (1 - p.tdPoints[0]);
  const r2 = new Float64Array(9);
  r2[0] = n;
  r2[3] = f;
  r2[6] = t * (1 - pc);
  r2[8] = t * pc;
  const tp = new Float64Array(3);
  tp[0] = 1 - pc;
  tp[2] = pc;
  return [
    { lo: 0, p: r1 },
    { lo: 0, p: r2 },
    { lo: 0, p: tp },
  ];
}

function tieProb(a: Dist, b: Dist): number {
  let s = 0;
  for (let i = 0; i < a.p.length; i++) {
    const v = a.lo + i;
    const j = v - b.lo;
    if (j >= 0 && j < b.p.length) s += (a.p[i] ?? 0) * (b.p[j] ?? 0);
  }
  return s;
}

function ncaafOtExpectation(
  h: [Dist, Dist, Dist],
  a: [Dist, Dist, Dist],
  maxRounds: number,
): [number, number] {
  let reach = 1;
  let eh = 0;
  let ea = 0;
  for (let r = 1; r <= maxRounds; r++) {
    const k = r === 1 ? 0 : r === 2 ? 1 : 2;
    const dh = h[k];
    const da = a[k];
    eh += reach * distMean(dh);
    ea += reach * distMean(da);
    reach *= tieProb(dh, da);
  }
  return [eh + reach, ea + reach];
}

/**
 * Joint distribution of regulation drives (home, away) given the half drive-count table, as
 * parallel arrays in first-seen order (probabilities summed in loop order).
 */
function driveCountJoint(half: Dist): { home: Int32Array; away: Int32Array; p: Float64Array } {
  const slotOf = new Map<number, number>(); // nh * 64 + na → index
  const home: number[] = [];
  const away: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < half.p.length; i++) {
    for (let j = 0; j < half.p.length; j++) {
      const d1 = half.lo + i;
      const d2 = half.lo + j;
      const pij = (half.p[i] ?? 0) * (half.p[j] ?? 0) * 0.5;
      for (const homeFirst of [true, false]) {
        const nh = homeFirst
          ? Math.ceil(d1 / 2) + Math.floor(d2 / 2)
          : Math.floor(d1 / 2) + Math.ceil(d2 / 2);
        const na = d1 + d2 - nh;
        const key = nh * 64 + na;
        let k = slotOf.get(key);
        if (k === undefined) {
          k = p.length;
          slotOf.set(key, k);
          home.push(nh);
          away.push(na);
          p.push(0);
        }
        p[k] = (p[k] ?? 0) + pij;
      }
    }
  }
  return { home: Int32Array.from(home), away: Int32Array.from(away), p: Float64Array.from(p) };
}

export interface FootballSolution {
  readonly home: TeamTables;
  readonly away: TeamTables;
  readonly half: Dist;
  readonly pRegTie: number;
}

/**
 * Finds per-team points per drive so that E[full-game score] (regulation + overtime) equals the
 * inputs exactly: E[score] = E[drives]·ppd + P(regulation tie)·E[OT points]. Fixed point on
 * ppd; P(tie) comes from exact convolutions of the drive tables. Points per drive are capped
 * at 97% of a touchdown's value (reachable only with ~60 expected points at the slowest pace),
 * where the input mean can no longer be honoured.
 */
export function solveFootball(p: FootballParams, inputs: GameInputs): FootballSolution {
  const pace = inputs.paceFactor ?? 1;
  const halfMean = p.drivesPerTeam * pace;
  const lo = Math.max(2, Math.floor(halfMean - 5 * p.halfDrivesSd));
  const hi = Math.ceil(halfMean + 5 * p.halfDrivesSd);
  const half = discreteNormal(halfMean, p.halfDrivesSd, lo, hi);
  const joint = driveCountJoint(half);
  const eDrives = halfMean; // E[ceil]+E[floor] over two halves with a fair coin = E[D].
  const nMax = Math.ceil(hi / 2) * 2;
  const maxPpd = tdValue(p) * 0.97;
  let ppdH = Math.min(inputs.homeExpected / eDrives, maxPpd);
  let ppdA = Math.min(inputs.awayExpected / eDrives, maxPpd);
  let home = teamTables(p, ppdH);
  let away = teamTables(p, ppdA);
  let pTie = 0;
  for (let it = 0; it < 6; it++) {
    const sh = sumPowers(home.drive, nMax);
    const sa = sumPowers(away.drive, nMax);
    pTie = 0;
    for (let k = 0; k < joint.p.length; k++) {
      pTie +=
        (joint.p[k] ?? 0) * tieProb(sh[joint.home[k] ?? 0] as Dist, sa[joint.away[k] ?? 0] as Dist);
    }
    let otH: number;
    let otA: number;
    if (p.overtime.kind === 'nfl') {
      [otH, otA] = nflOtExpectation(home.classes, away.classes, p.overtime.maxDrives);
    } else {
      [otH, otA] = ncaafOtExpectation(
        ncaafOtDists(p.overtime, p, home.theta),
        ncaafOtDists(p.overtime, p, away.theta),
        p.overtime.maxRounds,
      );
    }
    const nextH = Math.min(Math.max((inputs.homeExpected - pTie * otH) / eDrives, 0.05), maxPpd);
    const nextA = Math.min(Math.max((inputs.awayExpected - pTie * otA) / eDrives, 0.05), maxPpd);
    // 1e-6 points per drive ≈ 1e-5 points per game: far below Monte Carlo error. The map is a
    // strong contraction (P(tie) barely moves with ppd), so this takes 2–3 rounds.
    const done = Math.abs(nextH - ppdH) < 1e-6 && Math.abs(nextA - ppdA) < 1e-6;
    ppdH = nextH;
    ppdA = nextA;
    home = teamTables(p, ppdH);
    away = teamTables(p, ppdA);
    if (done) break;
  }
  return { home, away, half, pRegTie: pTie };
}

// Table indices inside the model's AliasSet. NCAAF adds its six overtime tables after T_AWAY;
// the per-team half tables follow (see prepareFootball).
const T_HALF = 0;
const T_HOME = 1;
const T_AWAY = 2;
const T_HOME_OT1 = 3;
const T_AWAY_OT1 = 4;
const T_HOME_OT2 = 5;
const T_AWAY_OT2 = 6;
const T_HOME_2PT = 7;
const T_AWAY_2PT = 8;

/** Packed half outcome: points | touchdowns << 8 | field goals << 16. */
const TD_SHIFT = 8;
const FG_SHIFT = 16;

/**
 * Joint distribution of (points, TDs, FGs) over n drives, n = 0..nMax, packed into one
 * integer. Drawing a team's whole half from this table is exactly equivalent to drawing its n
 * drives one by one, at one random number instead of n.
 *
 * Built in closed form: (none, FG, TD) counts are multinomial, and given t touchdowns the
 * points after them (6/7/8 each) are the t-fold convolution of the try outcome, so
 * points = 3·FGs + 6·TDs + extra with extra ∈ [0, 2·TDs].
 */
function halfTables(p: FootballParams, classes: Classes, nMax: number): ValueDist[] {
  const [pn, pf, pt] = classes;
  const tryDist: Dist = { lo: 0, p: Float64Array.from(p.tdPoints) }; // extra 0, 1, 2 over 6
  const extras = sumPowers(tryDist, nMax);
  const logFact = [0];
  for (let i = 1; i <= nMax; i++) logFact.push((logFact[i - 1] ?? 0) + Math.log(i));
  const lp = [Math.log(pn), Math.log(pf), Math.log(pt)];
  // A value whose probability is below 2^-32 would get a zero integer weight in the alias
  // table anyway; leaving it out only keeps the tables narrow.
  const tiny = 2 ** -32;
  // All n share two flat buffers (each table is a view): this runs before every game on the
  // simulation threads, and growing small arrays per table was most of its garbage.
  let room = 0;
  for (let n = 0; n <= nMax; n++) for (let t = 0; t <= n; t++) room += (n - t + 1) * (2 * t + 1);
  const values = new Int32Array(room);
  const probs = new Float64Array(room);
  let at = 0;
  const out: ValueDist[] = [];
  for (let n = 0; n <= nMax; n++) {
    const start = at;
    for (let t = 0; t <= n; t++) {
      const ex = extras[t] as Dist;
      for (let f = 0; f + t <= n; f++) {
        const z = n - t - f;
        const lc = (logFact[n] ?? 0) - (logFact[t] ?? 0) - (logFact[f] ?? 0) - (logFact[z] ?? 0);
        const pc = Math.exp(
          lc +
            (t > 0 ? t * (lp[2] ?? 0) : 0) +
            (f > 0 ? f * (lp[1] ?? 0) : 0) +
            (z > 0 ? z * (lp[0] ?? 0) : 0),
        );
        if (pc < tiny) continue;
        if (at + ex.p.length > room)
          throw new Error(`halfTables: ${at + ex.p.length} entries exceed the ${room} allocated`);
        for (let e = 0; e < ex.p.length; e++) {
          const q = pc * (ex.p[e] ?? 0);
          if (q < tiny) continue;
          values[at] = 3 * f + 6 * t + ex.lo + e + (t << TD_SHIFT) + (f << FG_SHIFT);
          probs[at] = q;
          at++;
        }
      }
    }
    let sum = 0;
    for (let i = start; i < at; i++) sum += probs[i] ?? 0;
    for (let i = start; i < at; i++) probs[i] = (probs[i] ?? 0) / sum;
    out.push({ values: values.subarray(start, at), p: probs.subarray(start, at) });
  }
  return out;
}

/** Builds the prepared football model for one game. */
export function prepareFootball(p: FootballParams, inputs: GameInputs): PreparedModel {
  const sol = solveFootball(p, inputs);
  const maxHalf = sol.half.lo + sol.half.p.length - 1;
  const perHalf = Math.ceil(maxHalf / 2);
  const dists: (Dist | ValueDist)[] = [sol.half, sol.home.drive, sol.away.drive];
  if (p.overtime.kind === 'ncaaf') {
    const h = ncaafOtDists(p.overtime, p, sol.home.theta);
    const a = ncaafOtDists(p.overtime, p, sol.away.theta);
    dists.push(h[0], a[0], h[1], a[1], h[2], a[2]);
  }
  const tHomeSums = dists.length;
  const tAwaySums = tHomeSums + perHalf + 1;
  dists.push(
    ...halfTables(p, sol.home.classes, perHalf),
    ...halfTables(p, sol.away.classes, perHalf),
  );
  const set = new AliasSet(dists);
  const otMax = p.overtime.kind === 'nfl' ? 9 : 7 + 8 + 2 * p.overtime.maxRounds + 2;
  const layout = makeLayout([
    { name: 'full', sideMax: 2 * perHalf * 8 + otMax },
    { name: 'h1', sideMax: perHalf * 8 },
  ]);
  const full = layout.segments[0];
  const h1s = layout.segments[1];
  if (!full || !h1s) throw new Error('layout');
  const ot = p.overtime;
  const params = {
    drivesPerTeam: sol.half.p.reduce((s, q, i) => s + q * (sol.half.lo + i), 0),
    homeTdRate: sol.home.classes[2],
    homeFgRate: sol.home.classes[1],
    awayTdRate: sol.away.classes[2],
    awayFgRate: sol.away.classes[1],
    pRegulationTie: sol.pRegTie,
  };
  // Overtime drive outcomes by points (0..8).
  const dc = new Int32Array(16);

  return {
    sport: p.sport,
    layout,
    params,
    runChunk(rng: Sfc32, iterations: number, acc: Accumulator): void {
      const thr = set.thr;
      const pr = set.primary;
      const al = set.alias;
      const sh = set.shift;
      const mk = set.mask;
      const K = set.k;
      const bHalf = T_HALF * K;
      const bHomeSums = tHomeSums * K;
      const bAwaySums = tAwaySums * K;
      const c = acc.counts;
      const fH = full.home;
      const fA = full.away;
      const fT = full.total;
      const fM = full.margin0;
      const hH = h1s.home;
      const hA = h1s.away;
      const hT = h1s.total;
      const hM = h1s.margin0;
      dc.fill(0);
      let drives = 0;
      let otDrives = 0;
      let points = 0;
      let tds = 0;
      let fgs = 0;
      // One closure per chunk (not per iteration) for the rare overtime path.
      const draw = (table: number): number => {
        const rr = rng.nextU32();
        const jj = table * K + (rr >>> sh);
        return (rr & mk) < thr[jj]! ? pr[jj]! : al[jj]!;
      };
      for (let it = 0; it < iterations; it++) {
        let r = rng.nextU32();
        const homeFirst = r >>> 31;
        r = rng.nextU32();
        let j = bHalf + (r >>> sh);
        const d1 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        r = rng.nextU32();
        j = bHalf + (r >>> sh);
        const d2 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        const nh1 = homeFirst === 1 ? (d1 + 1) >> 1 : d1 >> 1;
        const na2 = homeFirst === 1 ? (d2 + 1) >> 1 : d2 >> 1;
        // Each team's whole half in one draw from its packed (points, TDs, FGs) table.
        r = rng.nextU32();
        j = bHomeSums + nh1 * K + (r >>> sh);
        const vh1 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        r = rng.nextU32();
        j = bAwaySums + (d1 - nh1) * K + (r >>> sh);
        const va1 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        r = rng.nextU32();
        j = bHomeSums + (d2 - na2) * K + (r >>> sh);
        const vh2 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        r = rng.nextU32();
        j = bAwaySums + na2 * K + (r >>> sh);
        const va2 = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
        let h = vh1 & 255;
        let a = va1 & 255;
        c[hH + h]!++;
        c[hA + a]!++;
        c[hT + h + a]!++;
        c[hM + h - a]!++;
        h += vh2 & 255;
        a += va2 & 255;
        // TD and FG fields of the four halves (each ≤ 16 per half, so no carry between fields).
        const q = (vh1 >>> TD_SHIFT) + (va1 >>> TD_SHIFT) + (vh2 >>> TD_SHIFT) + (va2 >>> TD_SHIFT);
        tds += q & 255;
        fgs += q >>> (FG_SHIFT - TD_SHIFT);
        drives += d1 + d2;
        if (h === a) {
          // Overtime is rare (~6% NFL, ~4% NCAAF): clarity over speed here.
          if (ot.kind === 'nfl') {
            // Receiving team: 1 = home. A TD that ends the game counts 6 (no try is played).
            let off = rng.nextU32() >>> 31;
            let left = ot.maxDrives;
            let firstFg = false;
            let idx = 0;
            while (left > 0) {
              const v = draw(off === 1 ? T_HOME : T_AWAY);
              left--;
              otDrives++;
              idx++;
              const pts = v >= 6 ? 6 : v;
              dc[pts]!++;
              if (off === 1) h += pts;
              else a += pts;
              if (pts === 6) break; // touchdown always ends it
              if (pts === 3) {
                if (idx === 1)
                  firstFg = true; // other side gets a possession
                else if (!(idx === 2 && firstFg)) break; // sudden-death FG wins
              } else if (idx === 2 && firstFg) break; // answer failed: first FG wins
              off ^= 1;
            }
          } else {
            let round = 1;
            while (h === a) {
              if (round > ot.maxRounds) {
                if (rng.nextU32() >>> 31 === 1) h += 2;
                else a += 2;
                break;
              }
              if (round <= 2) {
                const vh = draw(round === 1 ? T_HOME_OT1 : T_HOME_OT2);
                const va = draw(round === 1 ? T_AWAY_OT1 : T_AWAY_OT2);
                h += vh;
                a += va;
                otDrives += 2;
                dc[vh]!++;
                dc[va]!++;
              } else {
                h += draw(T_HOME_2PT);
                a += draw(T_AWAY_2PT);
              }
              round++;
            }
          }
        }
        points += h + a;
        c[fH + h]!++;
        c[fA + a]!++;
        c[fT + h + a]!++;
        c[fM + h - a]!++;
      }
      tds += otDrives - dc[0]! - dc[3]!;
      fgs += dc[3]!;
      const s = acc.sums;
      s[SUM_EVENTS]! += drives + otDrives;
      s[SUM_POINTS]! += points;
      s[SUM_TDS]! += tds;
      s[SUM_FGS]! += fgs;
    },
  };
}
