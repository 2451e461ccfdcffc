import { describe, expect, it } from 'vitest';
import { assembleReport, evaluateTargets, type BacktestReport } from '../../../core/report';
import { sampleInput } from './fixture';

const base = assembleReport(sampleInput()).report;
const byId = (r: BacktestReport) => new Map(evaluateTargets(r).map((c) => [c.id, c]));

describe('evaluateTargets (SPEC §6)', () => {
  it('checks every §6 outcome target once', () => {
    expect(evaluateTargets(base).map((c) => c.id)).toEqual([
      'overShare',
      'avgDeviationOriginal',
      'overSharePublished',
      'avgDeviation',
      'blockedShare',
      'pickShare',
      'leanShare',
      'noPlayShare',
      'doubleCounting',
      'brier',
      'ece',
      'brierSpreads',
      'eceSpreads',
      'confidenceCalibrated',
      'pickBeatsLean',
      'oneSidedSlates',
    ]);
  });

  it('passes and misses on the boundaries the spec states', () => {
    const r: BacktestReport = {
      ...base,
      totals: { ...base.totals, overShare: 0.55 },
      avgDeviation: -1.0,
      avgDeviationPublished: -1.0,
      blockedShare: 0.31,
      states: { PICK: 0.4, LEAN: 0.35, NO_PLAY: 0.25 },
      doubleCountingShare: 0.1,
      brier: { model: 0.26, published: 0.252, market: 0.25 },
      ece: 0.0301,
      confidenceMaxGap: 0.03,
      byState: {
        PICK: { n: 120, winRate: 0.55, roiAtPrice: 0.05 },
        LEAN: { n: 300, winRate: 0.55, roiAtPrice: 0.05 },
        NO_PLAY: { n: 900, winRate: 0.5, roiAtPrice: -0.045 },
      },
    };
    const c = byId(r);
    expect(c.get('overShare')!.status).toBe('pass');
    expect(c.get('avgDeviationOriginal')!.status).toBe('pass');
    expect(c.get('avgDeviation')!.status).toBe('pass'); // |−1.0| ≤ 1.0
    expect(c.get('blockedShare')!.status).toBe('miss');
    expect(c.get('pickShare')!.status).toBe('pass');
    expect(c.get('doubleCounting')!.status).toBe('miss'); // < 10% is strict
    expect(c.get('brier')!.status).toBe('pass'); // +0.002 allowed
    expect(c.get('brier')!.value).toBeCloseTo(0.002, 12);
    expect(c.get('ece')!.status).toBe('miss');
    expect(c.get('confidenceCalibrated')!.status).toBe('pass'); // ±3 pp allowed
    expect(c.get('pickBeatsLean')!.status).toBe('pass'); // equal is enough
    expect(c.get('overSharePublished')!.status).toBe('pass'); // 45–58%
    expect(c.get('oneSidedSlates')).toMatchObject({ status: 'pass', value: 0 });
    const nhl = byId({ ...r, sport: 'nhl', avgDeviationPublished: 0.26 });
    expect(nhl.get('avgDeviation')!.status).toBe('miss'); // MLB/NHL: ≤ 0.25
    expect(
      byId({ ...r, sport: 'nba', avgDeviationPublished: -2 }).get('avgDeviation')!.status,
    ).toBe('pass');
  });

  it('is n/a without data, and for NFL-only targets on another sport', () => {
    const r: BacktestReport = {
      ...base,
      sport: 'nba',
      ece: null,
      brier: { model: 0.2, published: 0.2, market: null },
    };
    const c = byId(r);
    expect(c.get('avgDeviationOriginal')).toMatchObject({ status: 'n/a', note: 'NFL target' });
    expect(c.get('ece')).toMatchObject({ status: 'n/a', note: 'no data' });
    expect(c.get('brier')!.status).toBe('n/a');
  });
});
