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
 *
 * This file builds the tables the kernel samples from and runs the Monte Carlo loop. The
 * league parameters are in football-params.ts, the solver for the drive tables in
 * football-solve.ts and the expected-overtime maths in football-overtime.ts. The packed
 * half-table format stays here because the hot loop decodes it.
 */
import type { Classes, FootballParams } from './football-params';
import { ncaafOtDists } from './football-overtime';
import { solveFootball } from './football-solve';
import type { Accumulator } from './histogram';
import { SUM_EVENTS, SUM_FGS, SUM_POINTS, SUM_TDS, makeLayout } from './histogram';
import type { Sfc32 } from './prng';
import type { Dist } from './tables';
import type { ValueDist } from './tables';
import { AliasSet, sumPowers } from './tables';
import type { GameInputs, PreparedModel } from './types';

export type { FootballParams, NcaafOvertime, NflOvertime } from './football-params';
export type { FootballSolution } from './football-solve';
export { solveFootball } from './football-solve';

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
