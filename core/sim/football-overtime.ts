/**
 * Overtime maths of the football kernel: the expected overtime points the solver
 * (football-solve.ts) adds to regulation, and the NCAAF overtime round tables the kernel
 * (football.ts) also samples from. The sampling of overtime itself stays in the kernel.
 */
import type { Classes, FootballParams, NcaafOvertime } from './football-params';
import type { Dist } from './tables';
import { distMean } from './tables';

/** Class shape tilted by a team's θ on class values (0, 3, 7) — used for NCAAF OT drives. */
function tiltClasses(shape: readonly [number, number, number], theta: number): Classes {
  const w = [shape[0], shape[1] * Math.exp(3 * theta), shape[2] * Math.exp(7 * theta)];
  const s = (w[0] ?? 0) + (w[1] ?? 0) + (w[2] ?? 0);
  return [(w[0] ?? 0) / s, (w[1] ?? 0) / s, (w[2] ?? 0) / s];
}

/** Expected NFL OT points [home, away] given OT is played (coin flip for the first drive). */
export function nflOtExpectation(h: Classes, a: Classes, maxDrives: number): [number, number] {
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
export function ncaafOtDists(
  ot: NcaafOvertime,
  p: FootballParams,
  theta: number,
): [Dist, Dist, Dist] {
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

/**
 * P(two independent scores drawn from `a` and `b` are equal). Used for an overtime round and,
 * by the solver, for the regulation tie.
 */
export function tieProb(a: Dist, b: Dist): number {
  let s = 0;
  for (let i = 0; i < a.p.length; i++) {
    const v = a.lo + i;
    const j = v - b.lo;
    if (j >= 0 && j < b.p.length) s += (a.p[i] ?? 0) * (b.p[j] ?? 0);
  }
  return s;
}

/** Expected NCAAF OT points [home, away] given OT is played, from both teams' round tables. */
export function ncaafOtExpectation(
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
