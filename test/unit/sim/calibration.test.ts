/**
 * Statistical sanity (R4): at league-average inputs each engine reproduces the real league's
 * scoring moments. Bands are the real values (see each sport module's source notes) with room
 * for Monte Carlo error at 100k iterations; they are narrow enough that a wrong parameter (e.g.
 * no overtime, no score effects, wrong drive count) fails them.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, simulateGame } from '../../../core/sim/engine';
import type { SegmentRequest } from '../../../core/sim/types';
import type { SimSummary } from '../../../core/simulation-types';
import type { Sport } from '../../../core/sports';

type Band = readonly [number, number];
interface Target {
  total: Band;
  totalSd: Band;
  marginSd: Band;
  /** Extra checks per sport. */
  extra?: (s: SimSummary) => void;
}

const TARGETS: Record<Sport, Target> = {
  // Real 2015–23: total 45.6, SD 14.0 (13.3 vs close), margin SD 14.1 (12.8 vs close).
  nfl: {
    total: [44, 46],
    totalSd: [13.3, 14.5],
    marginSd: [13.5, 14.5],
    extra: (s) => {
      expect(s.decomposition.pace).toBeGreaterThan(10.8);
      expect(s.decomposition.pace).toBeLessThan(12);
      expect(s.decomposition.tdRate).toBeGreaterThan(0.2);
      expect(s.decomposition.tdRate).toBeLessThan(0.25);
      expect(s.decomposition.fgRate).toBeGreaterThan(0.12);
      expect(s.decomposition.fgRate).toBeLessThan(0.17);
      const h1 = s.derivatives.totals_h1;
      expect(h1?.total.mean).toBeGreaterThan(21.5);
      expect(h1?.total.mean).toBeLessThan(23.5);
    },
  },
  // Real 2014–16 FBS: total 57.1, SD 16.9 vs close, margin SD 16.1 vs close.
  ncaaf: { total: [52, 58], totalSd: [15.5, 17.5], marginSd: [14.8, 17] },
  // Real 2015-16..2022-23: total 218.2, SD 18.1 vs close, margin SD 12.8 vs close.
  nba: {
    total: [215, 225],
    totalSd: [18, 20],
    marginSd: [12, 14],
    extra: (s) => {
      expect(s.decomposition.pace).toBeGreaterThan(96);
      expect(s.decomposition.pace).toBeLessThan(101);
      const q = ['totals_q1', 'totals_q2', 'totals_q3', 'totals_q4'] as const;
      const qs = q.map((m) => s.derivatives[m]?.total.mean ?? 0);
      // Real quarter totals 54.9 / 54.9 / 54.3 / 52.8: Q4 is the lowest.
      expect(Math.min(...qs)).toBe(qs[3]);
      qs.forEach((x) => {
        expect(x).toBeGreaterThan(51);
        expect(x).toBeLessThan(57);
      });
      expect(s.derivatives.totals_h1?.total.mean).toBeCloseTo((qs[0] ?? 0) + (qs[1] ?? 0), 6);
    },
  },
  // Real 2015-16..2018-19: total 144.9, SD 17.1 vs close, margin SD 11.0 vs close.
  ncaab: {
    total: [140, 148],
    totalSd: [16, 18.5],
    marginSd: [10.5, 12.5],
    extra: (s) => expect(s.derivatives.totals_h1?.total.mean).toBeLessThan(s.full.total.mean / 2),
  },
  // Real 2010–17: total 8.64, SD 4.38, margin SD 4.25.
  mlb: {
    total: [8.5, 9.2],
    totalSd: [4.1, 4.6],
    marginSd: [4.0, 4.5],
    extra: (s) => {
      // Scoring half-innings per team: ≈26% of ≈8.8 innings batted score at least once.
      expect(s.decomposition.pace).toBeGreaterThan(2.1);
      expect(s.decomposition.pace).toBeLessThan(2.5);
      const f5 = s.derivatives.totals_1st_5_innings?.total.mean ?? 0;
      expect(f5).toBeGreaterThan(4.4);
      expect(f5).toBeLessThan(5.2);
    },
  },
  // Real 2016-17..2019-20: total 5.86 (incl. OT/SO goal), SD 2.30, margin SD 2.47.
  nhl: {
    total: [5.8, 6.2],
    totalSd: [2.2, 2.5],
    marginSd: [2.3, 2.6],
    extra: (s) => {
      const p = (['totals_p1', 'totals_p2', 'totals_p3'] as const).map(
        (m) => s.derivatives[m]?.total.mean ?? 0,
      );
      // Real periods 1.68 / 1.98 / 1.97.
      expect(p[0]).toBeLessThan(p[1] ?? 0);
      expect(p[0]).toBeGreaterThan(1.55);
      expect(p[1]).toBeLessThan(2.1);
      expect(s.decomposition.pace).toBeCloseTo(31.5, 0);
    },
  },
};

function leagueAverage(sport: Sport): SimSummary {
  const engine = ENGINES[sport];
  const derivatives: SegmentRequest[] = Object.keys(engine.segments).map((m) => ({
    market: m as SegmentRequest['market'],
    totalLines: [],
  }));
  return simulateGame({
    sport,
    gameId: `calibration:${sport}`,
    seed: 'calibration-test',
    iterations: 100_000,
    inputs: engine.leagueAverage,
    totalLines: [],
    spreadLines: [],
    derivatives,
  });
}

const inBand = (x: number, [lo, hi]: Band) => {
  expect(x).toBeGreaterThanOrEqual(lo);
  expect(x).toBeLessThanOrEqual(hi);
};

describe.each(Object.keys(TARGETS) as Sport[])('%s at league-average inputs', (sport) => {
  const s = leagueAverage(sport);
  const t = TARGETS[sport];
  const la = ENGINES[sport].leagueAverage;

  it('reproduces the league mean total and the input means', () => {
    inBand(s.full.total.mean, t.total);
    const tol = (0.012 * (la.homeExpected + la.awayExpected)) / 2; // ≈ 4 MC standard errors
    expect(Math.abs(s.full.home.mean - la.homeExpected)).toBeLessThan(tol);
    expect(Math.abs(s.full.away.mean - la.awayExpected)).toBeLessThan(tol);
  });

  it('reproduces the league total SD and margin SD', () => {
    inBand(s.full.total.sd, t.totalSd);
    inBand(s.full.margin.sd, t.marginSd);
  });

  it('home advantage has the right sign', () => {
    expect(s.full.margin.mean).toBeGreaterThan(0);
    expect(s.full.pHomeWin).toBeGreaterThan(0.5);
  });

  it('sport-specific structure', () => {
    t.extra?.(s);
  });
});
