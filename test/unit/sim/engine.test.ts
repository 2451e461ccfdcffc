import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHUNK_SIZE,
  ENGINES,
  chunkCount,
  prepareModel,
  runChunks,
  simulateGame,
  summarize,
} from '../../../core/sim/engine';
import { MLB_PARAMS, prepareMlb } from '../../../core/sim/mlb';
import { addInto, newAccumulator } from '../../../core/sim/histogram';
import type { SegmentRequest, SimRequest } from '../../../core/sim/types';
import { SimInputError } from '../../../core/sim/types';
import { SPORTS } from '../../../core/sports';
import type { Sport } from '../../../core/sports';

/** Lines around each sport's league total, including whole numbers (pushes). */
const LINES: Record<Sport, { totals: number[]; spreads: number[] }> = {
  nfl: { totals: [45.5, 44, 40, 51], spreads: [-3, -2.5, 3, -7] },
  ncaaf: { totals: [57.5, 56, 49], spreads: [-4, -3.5, 7] },
  nba: { totals: [218.5, 218, 210], spreads: [-2.5, -2, 5] },
  ncaab: { totals: [145.5, 145, 139], spreads: [-5, -4.5, 2] },
  mlb: { totals: [8.5, 8, 9], spreads: [-1.5, 1.5] },
  nhl: { totals: [5.5, 6, 6.5], spreads: [-1.5, 1.5] },
};

function request(sport: Sport, over: Partial<SimRequest> = {}): SimRequest {
  const engine = ENGINES[sport];
  const derivatives: SegmentRequest[] = Object.keys(engine.segments).map((m) => ({
    market: m as SegmentRequest['market'],
    totalLines: [1.5, 2, 20.5, 55, 110.5],
    spreadLines: [-0.5, 0, 1.5],
  }));
  return {
    sport,
    gameId: `${sport}:2024:test`,
    seed: 'unit',
    iterations: 20_000,
    inputs: engine.leagueAverage,
    totalLines: LINES[sport].totals,
    spreadLines: LINES[sport].spreads,
    derivatives,
    ...over,
  };
}

describe('input validation (typed error before any simulation)', () => {
  const base = request('nfl');
  const bad: [string, SimRequest][] = [
    ['NaN expected points', { ...base, inputs: { homeExpected: NaN, awayExpected: 21 } }],
    ['negative expected points', { ...base, inputs: { homeExpected: 24, awayExpected: -3 } }],
    ['implausible expected points', { ...base, inputs: { homeExpected: 240, awayExpected: 21 } }],
    ['infinite expected points', { ...base, inputs: { homeExpected: Infinity, awayExpected: 21 } }],
    ['too few iterations', { ...base, iterations: 999 }],
    ['too many iterations', { ...base, iterations: 1_000_001 }],
    ['fractional iterations', { ...base, iterations: 10_000.5 }],
    ['bad pace factor', { ...base, inputs: { homeExpected: 24, awayExpected: 21, paceFactor: 3 } }],
    ['NaN line', { ...base, totalLines: [NaN] }],
    [
      'segment the sport does not have',
      { ...base, derivatives: [{ market: 'totals_q1', totalLines: [10.5] }] },
    ],
    ['empty seed', { ...base, seed: '' }],
    ['unknown sport', { ...base, sport: 'cricket' as Sport }],
  ];
  it.each(bad)('%s', (_name, req) => {
    expect(() => simulateGame(req)).toThrow(SimInputError);
    try {
      simulateGame(req);
    } catch (e) {
      expect((e as SimInputError).code).toBe('SIM_INPUT_INVALID');
      expect((e as SimInputError).field.length).toBeGreaterThan(0);
    }
  });
  it('accepts the documented bounds', () => {
    expect(() => simulateGame({ ...base, iterations: 1_000 })).not.toThrow();
  });
});

describe.each(SPORTS)('%s engine', (sport) => {
  const req = request(sport);
  const s = simulateGame(req);

  it('line probabilities are complete: pOver + pUnder + pPush = 1 in every segment', () => {
    for (const seg of [s.full, ...Object.values(s.derivatives)]) {
      for (const t of seg.totals) expect(t.pOver + t.pUnder + t.pPush).toBeCloseTo(1, 12);
      for (const sp of seg.spreads)
        expect(sp.pHomeCovers + sp.pAwayCovers + sp.pPush).toBeCloseTo(1, 12);
    }
    // Half-point lines never push; whole-number lines can.
    expect(s.full.totals.find((t) => !Number.isInteger(t.line))?.pPush).toBe(0);
    expect(s.full.totals.find((t) => Number.isInteger(t.line))?.pPush).toBeGreaterThan(0);
  });

  it('summary shape: every offered line, every requested segment, quantiles ordered', () => {
    expect(s.full.totals.map((t) => t.line)).toEqual(req.totalLines);
    expect(s.full.spreads.map((t) => t.homeLine)).toEqual(req.spreadLines);
    expect(Object.keys(s.derivatives).sort()).toEqual(Object.keys(ENGINES[sport].segments).sort());
    for (const d of [s.full.home, s.full.away, s.full.total, s.full.margin]) {
      const q = d.quantiles;
      for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1] ?? -Infinity);
      expect(q[3]).toBeGreaterThanOrEqual(q[0]);
    }
    const p = s.full.totals[0]?.pOver ?? 0;
    expect(s.mcStandardError).toBeCloseTo(Math.sqrt((p * (1 - p)) / req.iterations), 15);
    expect(s.iterations).toBe(req.iterations);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // JSON-safe
  });

  it('spread coverage is consistent with the margin: covering −x.5 ⇔ winning by more than x', () => {
    // Ask for the −0.5 / +0.5 handicaps explicitly, so the check always has lines to check.
    const r = simulateGame({ ...req, spreadLines: [-0.5, 0.5] });
    const minusHalf = r.full.spreads.find((x) => x.homeLine === -0.5);
    const plusHalf = r.full.spreads.find((x) => x.homeLine === 0.5);
    expect(minusHalf).toBeDefined();
    expect(plusHalf).toBeDefined();
    // −0.5: the home side covers exactly when it wins. +0.5 also covers a tie, so it covers at
    // least as often; half-point lines never push.
    expect(minusHalf!.pHomeCovers).toBeCloseTo(r.full.pHomeWin, 12);
    expect(plusHalf!.pHomeCovers).toBeGreaterThanOrEqual(minusHalf!.pHomeCovers);
    for (const line of [minusHalf!, plusHalf!]) {
      expect(line.pPush).toBe(0);
      expect(line.pHomeCovers + line.pAwayCovers).toBeCloseTo(1, 12);
    }
  });

  it('means reproduce the inputs for mismatched teams too', () => {
    const la = ENGINES[sport].leagueAverage;
    const inputs = { homeExpected: la.homeExpected * 1.15, awayExpected: la.awayExpected * 0.88 };
    const r = simulateGame(request(sport, { inputs, iterations: 60_000, seed: 'means' }));
    const sdH = r.full.home.sd / Math.sqrt(60_000);
    const sdA = r.full.away.sd / Math.sqrt(60_000);
    // 5 standard errors plus 0.3% for the basketball OT approximation.
    expect(Math.abs(r.full.home.mean - inputs.homeExpected)).toBeLessThan(
      5 * sdH + 0.003 * inputs.homeExpected,
    );
    expect(Math.abs(r.full.away.mean - inputs.awayExpected)).toBeLessThan(
      5 * sdA + 0.003 * inputs.awayExpected,
    );
  });

  it('monotone: a stronger home side wins more often and the over gets likelier', () => {
    const la = ENGINES[sport].leagueAverage;
    let prevWin = -1;
    let prevOver = -1;
    for (const k of [0.9, 1, 1.1]) {
      const r = simulateGame(
        request(sport, {
          inputs: { ...la, homeExpected: la.homeExpected * k },
          iterations: 10_000,
          seed: 'mono',
        }),
      );
      expect(r.full.pHomeWin).toBeGreaterThan(prevWin);
      expect(r.full.totals[0]?.pOver ?? 0).toBeGreaterThan(prevOver);
      prevWin = r.full.pHomeWin;
      prevOver = r.full.totals[0]?.pOver ?? 0;
    }
  });

  it('deterministic: same seed → identical, other seed → different', () => {
    expect(simulateGame(req)).toEqual(s);
    expect(simulateGame({ ...req, seed: 'other' }).full.total.mean).not.toBe(s.full.total.mean);
  });

  it('chunks merged in any grouping give the same bits', () => {
    const r = { ...req, iterations: 35_000 };
    const model = prepareModel(r);
    const n = chunkCount(r.iterations);
    expect(n).toBe(Math.ceil(35_000 / CHUNK_SIZE));
    const whole = runChunks(model, r, 0, n);
    const parts = newAccumulator(model.layout);
    for (let c = n - 1; c >= 0; c--) addInto(parts, runChunks(model, r, c, c + 1));
    expect(parts.counts).toEqual(whole.counts);
    expect(summarize(r, model.layout, parts)).toEqual(simulateGame(r));
  });
});

describe('pace vs efficiency (R5: no double counting by construction)', () => {
  it.each(['nfl', 'nba', 'nhl', 'mlb'] as const)(
    '%s: a faster game keeps the expected total and lowers efficiency',
    (sport) => {
      const la = ENGINES[sport].leagueAverage;
      const slow = simulateGame(
        request(sport, { inputs: { ...la, paceFactor: 0.9 }, iterations: 40_000 }),
      );
      const fast = simulateGame(
        request(sport, { inputs: { ...la, paceFactor: 1.1 }, iterations: 40_000 }),
      );
      expect(fast.decomposition.pace).toBeGreaterThan(slow.decomposition.pace * 1.15);
      expect(fast.decomposition.efficiency).toBeLessThan(slow.decomposition.efficiency);
      const total = la.homeExpected + la.awayExpected;
      expect(Math.abs(fast.full.total.mean - total) / total).toBeLessThan(0.01);
      expect(Math.abs(slow.full.total.mean - total) / total).toBeLessThan(0.01);
    },
  );
});

describe('rules', () => {
  it('MLB, NHL and basketball never end tied; NFL rarely does', () => {
    for (const sport of ['mlb', 'nhl', 'nba', 'ncaab', 'ncaaf'] as const) {
      const r = simulateGame(request(sport, { spreadLines: [0] }));
      expect(r.full.spreads[0]?.pPush).toBe(0);
    }
    const nfl = simulateGame(request('nfl', { spreadLines: [0], iterations: 100_000 }));
    expect(nfl.full.spreads[0]?.pPush).toBeGreaterThan(0);
    expect(nfl.full.spreads[0]?.pPush).toBeLessThan(0.01);
  });

  it('MLB: the home side bats fewer innings (no bottom of the 9th when leading)', () => {
    // Solved so that E[runs] equals the inputs: home needs a higher rate per half-inning than
    // 9 innings would imply (≈8.6 innings batted), the away side scores at ≈ its rate / 9.2.
    const { params } = prepareMlb(MLB_PARAMS, ENGINES.mlb.leagueAverage, {});
    const ratio = Number(params.homeRunsPerHalfInning) / Number(params.awayRunsPerHalfInning);
    expect(ratio).toBeGreaterThan((4.39 / 4.25) * 1.05);
    expect(ratio).toBeLessThan((4.39 / 4.25) * 1.15);
  });

  it('fast-check: for random plausible inputs probabilities are valid and ordered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPORTS),
        fc.double({ min: 0.8, max: 1.2, noNaN: true }),
        fc.double({ min: 0.8, max: 1.2, noNaN: true }),
        (sport, kh, ka) => {
          const la = ENGINES[sport].leagueAverage;
          const r = simulateGame(
            request(sport, {
              iterations: 2_000,
              inputs: { homeExpected: la.homeExpected * kh, awayExpected: la.awayExpected * ka },
              derivatives: [],
            }),
          );
          for (const t of r.full.totals) {
            expect(t.pOver).toBeGreaterThanOrEqual(0);
            expect(t.pOver + t.pUnder + t.pPush).toBeCloseTo(1, 12);
          }
          // Higher lines are never more likely to go over.
          const sorted = [...r.full.totals].sort((a, b) => a.line - b.line);
          for (let i = 1; i < sorted.length; i++)
            expect(sorted[i]?.pOver).toBeLessThanOrEqual(sorted[i - 1]?.pOver ?? 1);
        },
      ),
      { numRuns: 25, seed: 20240101 },
    );
  });
});
