/**
 * NHL period engine (R4).
 *
 * Per period and team: shots ~ Poisson(league shots × period weight × pace), goals ~
 * Binomial(shots, team shooting %). (Thinning a Poisson keeps goals Poisson, which matches NHL
 * scoring: total SD ≈ √mean.) A regulation tie goes to 3-on-3 sudden-death overtime; if nobody
 * scores, a shootout; the winner gets +1 goal, as in official final scores. Expected goals
 * include that overtime goal, and the shooting % is solved exactly (Poisson tie probability)
 * so simulated means equal the inputs.
 *
 * Calibration sources: SBRO NHL 2016-17 to 2019-20 (shared/data/nhl, 5,242 games): mean total
 * 5.86 incl. OT/SO goal (home 3.07, away 2.79), total SD 2.30, margin SD 2.47, regulation
 * periods 1.68 / 1.98 / 1.97 goals, 22.7% of games beyond regulation. League shots for the era
 * ≈ 31.5 per team per game; ≈58% of 3-on-3 overtimes end with a goal.
 */
import type { Accumulator } from './histogram';
import { SUM_EVENTS, SUM_POINTS, makeLayout } from './histogram';
import type { Sfc32 } from './prng';
import type { Dist } from './tables';
import { AliasSet, binomial, poisson, trim } from './tables';
import type { GameInputs, PreparedModel, SportEngine } from './types';

export interface NhlParams {
  /** Regulation shots on goal per team per game at paceFactor 1. */
  readonly shotsPerTeam: number;
  /** Relative shots per period (sums to 3); carries the 2nd/3rd-period scoring bump. */
  readonly periodWeights: readonly [number, number, number];
  /** P(a goal in the 5-minute 3-on-3 overtime) for two league-average teams. */
  readonly otGoalProb: number;
  /** League regulation goals per team (scales the OT scoring rate with team strength). */
  readonly leagueRegGoalsPerTeam: number;
  /** P(home wins a shootout). */
  readonly shootoutHome: number;
}

export const NHL_PARAMS: NhlParams = {
  shotsPerTeam: 31.5,
  periodWeights: [0.894, 1.056, 1.05],
  otGoalProb: 0.58,
  leagueRegGoalsPerTeam: 2.815,
  shootoutHome: 0.5,
};

function poissonPmf(lambda: number, kMax: number): Float64Array {
  const p = new Float64Array(kMax + 1);
  let v = Math.exp(-lambda);
  for (let k = 0; k <= kMax; k++) {
    p[k] = v;
    v = (v * lambda) / (k + 1);
  }
  return p;
}

/** P(home OT win incl. shootout), P(away …), P(regulation tie) for regulation means. */
function overtime(np: NhlParams, lh: number, la: number) {
  const kMax = Math.ceil(Math.max(lh, la) * 3 + 30);
  const ph = poissonPmf(lh, kMax);
  const pa = poissonPmf(la, kMax);
  let tie = 0;
  for (let k = 0; k <= kMax; k++) tie += (ph[k] ?? 0) * (pa[k] ?? 0);
  // OT scoring rate scales with the two teams' regulation rates.
  const c = -Math.log(1 - np.otGoalProb) / (2 * np.leagueRegGoalsPerTeam);
  const pGoal = 1 - Math.exp(-c * (lh + la));
  const share = lh / (lh + la);
  return {
    tie,
    pGoal,
    share,
    home: pGoal * share + (1 - pGoal) * np.shootoutHome,
    away: pGoal * (1 - share) + (1 - pGoal) * (1 - np.shootoutHome),
  };
}

/** Prepares one NHL game. */
export function prepareNhl(np: NhlParams, inputs: GameInputs): PreparedModel {
  const pace = inputs.paceFactor ?? 1;
  const shots = np.shotsPerTeam * pace;
  let lh = inputs.homeExpected;
  let la = inputs.awayExpected;
  let ot = overtime(np, lh, la);
  for (let it = 0; it < 50; it++) {
    const nh = inputs.homeExpected - ot.tie * ot.home;
    const na = inputs.awayExpected - ot.tie * ot.away;
    const done = Math.abs(nh - lh) < 1e-13 && Math.abs(na - la) < 1e-13;
    lh = nh;
    la = na;
    ot = overtime(np, lh, la);
    if (done) break;
  }
  const qh = lh / shots;
  const qa = la / shots;
  const shotDists = np.periodWeights.map((w) => trim(poisson((shots * w) / 3)));
  let sMax = 0;
  for (const d of shotDists) sMax = Math.max(sMax, d.lo + d.p.length - 1);
  const goalsH: Dist[] = [];
  const goalsA: Dist[] = [];
  for (let s = 0; s <= sMax; s++) {
    goalsH.push(trim(binomial(s, qh)));
    goalsA.push(trim(binomial(s, qa)));
  }
  const otOutcome = new Float64Array(4); // 0 home OT, 1 away OT, 2 home SO, 3 away SO
  otOutcome[0] = ot.pGoal * ot.share;
  otOutcome[1] = ot.pGoal * (1 - ot.share);
  otOutcome[2] = (1 - ot.pGoal) * np.shootoutHome;
  otOutcome[3] = (1 - ot.pGoal) * (1 - np.shootoutHome);
  const T_SHOTS = 0; // + period
  const T_OT = 3;
  const T_GH = 4; // + shots
  const T_GA = T_GH + sMax + 1;
  const set = new AliasSet([...shotDists, { lo: 0, p: otOutcome }, ...goalsH, ...goalsA]);
  const layout = makeLayout([
    { name: 'full', sideMax: 3 * sMax + 1 },
    { name: 'p1', sideMax: sMax },
    { name: 'p2', sideMax: sMax },
    { name: 'p3', sideMax: sMax },
  ]);
  const full = layout.segments[0];
  if (!full) throw new Error('layout');
  const per = new Int32Array(12);
  for (let p = 0; p < 3; p++) {
    const s = layout.segments[p + 1];
    if (!s) throw new Error('layout');
    per.set([s.home, s.away, s.total, s.margin0], p * 4);
  }

  return {
    sport: 'nhl',
    layout,
    params: {
      shotsPerTeam: shots,
      homeShootingPct: qh,
      awayShootingPct: qa,
      pRegulationTie: ot.tie,
      pOtGoal: ot.pGoal,
    },
    runChunk(rng: Sfc32, iterations: number, acc: Accumulator): void {
      const thr = set.thr;
      const pr = set.primary;
      const al = set.alias;
      const sh = set.shift;
      const mk = set.mask;
      const K = set.k;
      const c = acc.counts;
      const bGH = T_GH * K;
      const bGA = T_GA * K;
      let events = 0;
      let points = 0;
      for (let it = 0; it < iterations; it++) {
        let h = 0;
        let a = 0;
        for (let p = 0; p < 3; p++) {
          const bS = (T_SHOTS + p) * K;
          let r = rng.nextU32();
          let j = bS + (r >>> sh);
          const sH = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bGH + sH * K + (r >>> sh);
          const gh = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bS + (r >>> sh);
          const sA = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          r = rng.nextU32();
          j = bGA + sA * K + (r >>> sh);
          const ga = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          events += sH + sA;
          const o = p * 4;
          c[per[o]! + gh]!++;
          c[per[o + 1]! + ga]!++;
          c[per[o + 2]! + gh + ga]!++;
          c[per[o + 3]! + gh - ga]!++;
          h += gh;
          a += ga;
        }
        points += h + a;
        if (h === a) {
          const r = rng.nextU32();
          const j = T_OT * K + (r >>> sh);
          const w = al[j]! ^ ((pr[j]! ^ al[j]!) & (((r & mk) - thr[j]!) >> 31));
          if ((w & 1) === 0) h++;
          else a++;
        }
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

export const nhlEngine: SportEngine = {
  sport: 'nhl',
  segments: { totals_p1: 'p1', totals_p2: 'p2', totals_p3: 'p3' },
  sideBounds: [0.8, 7],
  leagueAverage: { homeExpected: 3.07, awayExpected: 2.79 },
  prepare: (inputs) => prepareNhl(NHL_PARAMS, inputs),
};
