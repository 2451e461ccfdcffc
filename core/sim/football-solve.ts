/**
 * Solver of the football kernel: from a game's expected points to each team's drive outcome
 * table, with the overtime contribution included exactly (see {@link solveFootball}). Runs
 * once per game before sampling; the kernel (football.ts) only samples from what this returns.
 */
import type { Classes, FootballParams } from './football-params';
import { ncaafOtDists, ncaafOtExpectation, nflOtExpectation, tieProb } from './football-overtime';
import type { Dist } from './tables';
import { discreteNormal, sumPowers, tiltToMean } from './tables';
import type { GameInputs } from './types';

/** A team's tables: drive outcome over points 0..8, its classes, and the tilt θ behind them. */
interface TeamTables {
  readonly drive: Dist;
  readonly classes: Classes;
  readonly theta: number;
}

/** Expected points of a touchdown drive, try included. */
export function tdValue(p: FootballParams): number {
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

/** What {@link solveFootball} finds: both teams' tables, the half drive count, P(reg. tie). */
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
