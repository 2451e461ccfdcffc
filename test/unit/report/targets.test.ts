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
      'avgDeviation',
      'blockedShare',
      'pickShare',
      'leanShare',
      'noPlayShare',
      'doubleCounting',
      'brier',
      'ece',
      'oneSidedSlates',
    ]);
  });

  it('passes and misses on the boundaries the spec states', () => {
    const r: BacktestReport = {
      ...base,
      totals: { ...base.totals, overShare: 0.55 },
      avgDeviation: -1.0,
      blockedShare: 0.31,
      states: { PICK: 0.4, LEAN: 0.35, NO_PLAY: 0.25 },
      doubleCountingShare: 0.1,
      brier: { model: 0.252, market: 0.25 },
      ece: 0.0301,
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
    expect(c.get('oneSidedSlates')).toMatchObject({ status: 'pass', value: 0 });
  });

  it('is n/a without data, and for NFL-only targets on another sport', () => {
    const r: BacktestReport = {
      ...base,
      sport: 'nba',
      ece: null,
      brier: { model: 0.2, market: null },
    };
    const c = byId(r);
    expect(c.get('avgDeviation')).toMatchObject({ status: 'n/a', note: 'NFL target' });
    expect(c.get('ece')).toMatchObject({ status: 'n/a', note: 'no data' });
    expect(c.get('brier')!.status).toBe('n/a');
  });
});
