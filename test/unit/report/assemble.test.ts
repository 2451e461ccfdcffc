import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../../core/report';
import { WIN_AT_110, sampleInput } from './fixture';

describe('assembleReport (definitions.md on a hand-made backtest)', () => {
  const { report: r, extra } = assembleReport(sampleInput());

  it('uses the newest completed run per slate', () => {
    expect(r.meta.runIds).toEqual(['r1', 'r-new']);
    expect(r.meta).toMatchObject({
      runs: 2,
      runsSuperseded: 1,
      runKinds: { backfill: 1, manual: 1 },
      modelHashes: ['aaaaaaaaaaaaaaaa1111'],
      slatesWithoutRun: ['2023-12-11'],
    });
  });

  it('counts games, simulations and R2-blocked games', () => {
    expect(r.games).toBe(5); // g0 is out of range
    expect(r.simulated).toBe(3); // g1, g2, g5 (g3 only in the superseded run)
    expect(r.meta.gamesCovered).toBe(4); // g4's slate has no run
    expect(r.meta.gamesBlocked).toBe(1); // g3
    expect(r.blockedShare).toBe(0.25);
    expect(r.meta.marketsBlockedShare).toBe(2 / 8);
  });

  it('states and NO_PLAY reasons over totals + spreads rows only', () => {
    expect(r.meta.auditRows).toBe(8);
    expect(r.states).toEqual({ PICK: 0.25, LEAN: 0.25, NO_PLAY: 0.5 });
    expect(Object.entries(r.blockReasons)).toEqual([
      ['EDGE_TOO_SMALL', 2],
      ['MISSING_LINE', 2],
      ['STALE_LINE', 1],
    ]);
  });

  it('market summaries of published picks', () => {
    expect(r.totals.picks).toBe(3);
    expect(r.totals.overShare).toBeCloseTo(2 / 3, 12);
    expect(r.totals.winRate).toBe(1);
    expect(r.totals.pushRate).toBe(0.5);
    expect(r.totals.roiAtPrice).toBeCloseTo(WIN_AT_110 / 2, 12);
    expect(r.spreads).toEqual({ picks: 1, overShare: 1, winRate: 0, pushRate: 0, roiAtPrice: -1 });
    expect(r.meta.graded).toEqual({ totals: 2, spreads: 1 });
  });

  it('deviation and bias use the raw projection of every priced full-game total', () => {
    // g1: 45 − 42.5 = +2.5; g2: 37 − 38 = −1; g5: 47 − 45 = +2
    expect(r.avgDeviation).toBeCloseTo(3.5 / 3, 12);
    expect(r.meanAbsDeviation).toBeCloseTo(5.5 / 3, 12);
    // g1: 45 − 44 = +1; g2: 37 − 38 = −1; g5 is not final
    expect(r.biasVsActual).toBe(0);
    expect(r.meta.biasSample).toBe(2);
    expect(extra.deviations).toEqual([2.5, -1, 2]);
  });

  it('Brier, ECE and reliability on final, non-push priced lines of record', () => {
    // Only g1: g2 pushed at 38, g5 is not final. Raw model 0.6, published 0.58 → over (1);
    // market 0.5.
    expect(r.meta.brierSample).toBe(1);
    expect(r.meta.brierPushes).toBe(1);
    expect(r.brier.model).toBeCloseTo(0.16, 12);
    expect(r.brier.published).toBeCloseTo(0.42 ** 2, 12);
    expect(r.brier.market).toBe(0.25);
    expect(r.ece).toBeCloseTo(0.42, 12);
    expect(r.eceModel).toBeCloseTo(0.4, 12);
    expect(r.eceMarket).toBeCloseTo(0.5, 12);
    expect(r.reliability).toEqual([{ bin: '0.5-0.6', predicted: 0.58, observed: 1, n: 1 }]);
    // The simulations' own view of the engine (every simulated final game).
    expect(r.meta.brierSimulations.model).toBeCloseTo(0.16, 12);
    expect(r.meta.brierSimulations.n).toBe(1);
    // Spreads: g1 home 24–20 at −3 covers (graded from the score, whatever pick_results says).
    expect(r.spreadsCalibration.brier.published).toBeCloseTo(0.45 ** 2, 12);
    expect(r.byState.PICK).toMatchObject({ n: 1, winRate: 1, roiAtPrice: WIN_AT_110 });
    // One decided line won: no spread to its win rate; it promised its confidence (55–60).
    expect(r.byState.PICK.winRateSe).toBe(0);
    expect(r.byState.PICK.statedWinRate).toBeGreaterThanOrEqual(0.55);
    expect(r.byState.PICK.statedWinRate).toBeLessThan(0.6);
    // A calibrated forecaster stating 0.58 once misses by |y − 0.58|: √(2/π)·√(0.58·0.42).
    expect(r.eceNoise).toBeCloseTo(Math.sqrt(2 / Math.PI) * Math.sqrt(0.58 * 0.42), 12);
    expect(r.skillNotEstablished).toMatchObject({ n: 0, winRate: null, winRateSe: null });
    expect(r.byState.LEAN).toMatchObject({ n: 2, winRate: 1 });
    expect(r.confidence.map((b) => b.bin)).toEqual(['55-60']);
    const [bin] = r.confidence;
    expect(bin!.se).toBeCloseTo(Math.sqrt((bin!.predicted * (1 - bin!.predicted)) / bin!.n), 12);
    expect(r.confidenceMaxGap).toBeNull(); // no bin reaches n = 100
    expect(r.skillWeight.totals).toEqual({ mean: 0.8, last: 0.8, shiftMean: null });
    expect(r.decomposition.doubleCountingLines).toBe(1);
    expect(r.decomposition.doubleCountingEdgeBeforePp).toBeCloseTo(0.5 * 7, 9);
    expect(r.decomposition.doubleCountingEdgeAfterPp).toBe(5);
    expect(r.avgDeviationPublished).toBeCloseTo((44 - 42.5 + (37.5 - 38)) / 2, 12);
    expect(r.bySeason.map((x) => x.season)).toEqual([2023]);
    // Published probability of g1: OVER at 0.58 → (1 − 0.58)².
    expect(r.meta.brierCalibrated.model).toBeCloseTo(0.42 ** 2, 12);
    expect(r.meta.brierCalibrated.n).toBe(1);
  });

  it('double counting share over the chosen runs’ decomposition logs', () => {
    expect(r.doubleCountingShare).toBeCloseTo(1 / 3, 12);
    expect(r.meta.decompositionLogs).toBe(3);
  });

  it('chart series: weeks anchored on from, units by date, no one-sided slate', () => {
    expect(extra.weeklyOverShare).toEqual([
      { weekStart: '2023-12-01', published: 1, over: 1, overShare: 1 },
      { weekStart: '2023-12-08', published: 2, over: 1, overShare: 0.5 },
    ]);
    expect(extra.cumulativeUnits.map((p) => p.date)).toEqual(['2023-12-07', '2023-12-10']);
    expect(extra.cumulativeUnits[0]!.cumulative).toBeCloseTo(WIN_AT_110 - 1, 12);
    expect(extra.cumulativeUnits[1]!.cumulative).toBeCloseTo(WIN_AT_110 - 1, 12);
    expect(r.meta.oneSidedSlates).toEqual([]);
  });

  it('has exactly the SPEC §5 fields plus meta, and is JSON-safe', () => {
    expect(Object.keys(r).sort()).toEqual(
      [
        'sport',
        'from',
        'to',
        'games',
        'simulated',
        'blockedShare',
        'blockReasons',
        'states',
        'totals',
        'spreads',
        'avgDeviation',
        'meanAbsDeviation',
        'biasVsActual',
        'doubleCountingShare',
        'avgDeviationPublished',
        'brier',
        'ece',
        'eceModel',
        'eceMarket',
        'eceNoise',
        'reliability',
        'spreadsCalibration',
        'byState',
        'skillNotEstablished',
        'confidence',
        'confidenceMaxGap',
        'confidencePassChance',
        'skillWeight',
        'decomposition',
        'bySeason',
        'clv',
        'meta',
      ].sort(),
    );
    expect(Object.keys(r.totals).sort()).toEqual(
      ['picks', 'overShare', 'winRate', 'pushRate', 'roiAtPrice'].sort(),
    );
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('an empty range is all zeros and nulls, not NaN', () => {
    const empty = assembleReport({ ...sampleInput(), from: '2020-01-01', to: '2020-01-31' }).report;
    expect(empty).toMatchObject({
      games: 0,
      simulated: 0,
      blockedShare: null,
      states: { PICK: null, LEAN: null, NO_PLAY: null },
      avgDeviation: null,
      brier: { model: null, market: null },
      ece: null,
      reliability: [],
    });
    const nonFinite = (_: string, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? 'NON-FINITE' : v;
    expect(JSON.stringify(empty, nonFinite)).not.toContain('NON-FINITE');
  });
});
