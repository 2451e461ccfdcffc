import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { applyHighVariance, varianceReduction } from '../../../core/safety/layers/l4-high-variance';
import { candidateFor, edgeA, slate, varianceStats } from './helpers/candidates';
import { nflGame } from './helpers/fake-sim';

describe('high-variance suppression', () => {
  it.each([
    [0, 0],
    [1.25, 0],
    [1.2500001, 0.5],
    [1.75, 0.625],
    [2.0, 0.6875],
    [2.25, 0.75],
    [4, 0.75],
  ])('z = %s reduces the edge by %s', (z, r) => {
    expect(varianceReduction(z, CFG.highVariance)).toBeCloseTo(r, 6);
  });

  it('reduces the edge by exactly the reduction and raises HIGH_VARIANCE', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG, { totalSd: 11.75 }), CFG);
    // recent SDs: mean 10, sd 1 → z = 1.75 → 62.5% off.
    const out = applyHighVariance(c, varianceStats(10, 1), CFG);
    expect(out.varianceZ).toBeCloseTo(1.75, 12);
    expect(edgeA(out)).toBeCloseTo(edgeA(c) * 0.375, 10);
    expect(out.softTriggers).toContain('HIGH_VARIANCE');
  });

  it('does not fire at or below z = 1.25', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG, { totalSd: 11.25 }), CFG);
    const out = applyHighVariance(c, varianceStats(10, 1), CFG);
    expect(out.pA).toBe(c.pA);
    expect(out.softTriggers).toEqual([]);
  });

  it('uses margin SD history for spreads when supplied', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG, { margin: 6 }), CFG, 'spreads');
    const out = applyHighVariance(
      c,
      { totalSd: { mean: 10, sd: 1, n: 100 }, marginSd: { mean: 11, sd: 1, n: 100 } },
      CFG,
    );
    expect(out.varianceZ).toBeCloseTo(2.5, 12); // (13.5 − 11) / 1
    expect(out.softTriggers).toContain('HIGH_VARIANCE');
  });

  it('without usable history: not fired, z unknown, and the run warns', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG), CFG);
    const out = applyHighVariance(c, null, CFG);
    expect(out.varianceZ).toBeNull();
    expect(out.layers.at(-1)).toMatchObject({ fired: false });
    const res = classifySlate(
      slate('nfl', [nflGame('g1', 48, 44.5, CFG)], { variance: varianceStats(10, 1, 5) }),
      CFG,
    );
    expect(res.warnings.map((w) => w.code)).toContain('VARIANCE_HISTORY_MISSING');
  });

  it('end to end: a volatile game cannot be a PICK', () => {
    const res = classifySlate(slate('nfl', [nflGame('g1', 49, 44.5, CFG, { totalSd: 13 })]), CFG);
    const d = res.picks.find((p) => p.market === 'totals');
    expect(d?.state).not.toBe('PICK');
    expect(d?.triggers).toContain('HIGH_VARIANCE');
  });
});
