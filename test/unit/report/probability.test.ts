import { describe, expect, it } from 'vitest';
import {
  binIndex,
  brierScore,
  eceNoiseFloor,
  expectedCalibrationError,
  reliabilityBins,
  type Forecast,
} from '../../../core/report';

describe('brierScore', () => {
  it('is the mean squared error of the forecast (hand computed)', () => {
    const s: Forecast[] = [
      { p: 0.8, y: 1 },
      { p: 0.3, y: 0 },
      { p: 0.6, y: 0 },
    ];
    // (0.2² + 0.3² + 0.6²) / 3 = (0.04 + 0.09 + 0.36) / 3
    expect(brierScore(s)).toBeCloseTo(0.49 / 3, 12);
  });

  it('is 0 for a perfect forecast, 0.25 for a constant coin flip, null without a sample', () => {
    expect(
      brierScore([
        { p: 1, y: 1 },
        { p: 0, y: 0 },
      ]),
    ).toBe(0);
    expect(
      brierScore([
        { p: 0.5, y: 1 },
        { p: 0.5, y: 0 },
      ]),
    ).toBe(0.25);
    expect(brierScore([])).toBeNull();
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brierScore([{ p: 1.2, y: 1 }])).toThrow(RangeError);
    expect(() => brierScore([{ p: Number.NaN, y: 1 }])).toThrow(RangeError);
  });
});

describe('binIndex', () => {
  it('puts edges in the upper bin and 1 in the last bin', () => {
    expect(binIndex(0, 10)).toBe(0);
    expect(binIndex(0.1 * 3, 10)).toBe(3); // 0.30000000000000004
    expect(binIndex(0.3, 10)).toBe(3);
    expect(binIndex(0.29999, 10)).toBe(2);
    expect(binIndex(0.7, 10)).toBe(7);
    expect(binIndex(0.999, 10)).toBe(9);
    expect(binIndex(1, 10)).toBe(9);
  });
});

describe('reliabilityBins and ECE', () => {
  const s: Forecast[] = [
    { p: 0.05, y: 1 },
    { p: 0.15, y: 0 },
    { p: 0.12, y: 1 },
    { p: 0.95, y: 1 },
    { p: 1, y: 0 },
  ];

  it('bins equal-width, keeps only non-empty bins, labels lo-hi', () => {
    const bins = reliabilityBins(s);
    expect(bins.map((b) => b.bin)).toEqual(['0.0-0.1', '0.1-0.2', '0.9-1.0']);
    expect(bins.map((b) => b.n)).toEqual([1, 2, 2]);
    expect(bins[0]).toMatchObject({ predicted: 0.05, observed: 1 });
    expect(bins[1]!.predicted).toBeCloseTo(0.135, 12);
    expect(bins[1]!.observed).toBe(0.5);
    expect(bins[2]!.predicted).toBeCloseTo(0.975, 12);
    expect(bins[2]!.observed).toBe(0.5);
  });

  it('ECE = Σ n_b/N · |predicted − observed| (hand computed)', () => {
    // 1/5·0.95 + 2/5·0.365 + 2/5·0.475 = 0.19 + 0.146 + 0.19
    expect(expectedCalibrationError(s)).toBeCloseTo(0.526, 12);
    expect(expectedCalibrationError([])).toBeNull();
  });

  it('is 0 when every bin is perfectly calibrated', () => {
    const perfect: Forecast[] = [
      { p: 0.25, y: 1 },
      { p: 0.25, y: 0 },
      { p: 0.25, y: 0 },
      { p: 0.25, y: 0 },
    ];
    expect(expectedCalibrationError(perfect)).toBe(0);
    expect(reliabilityBins(perfect)).toEqual([
      { bin: '0.2-0.3', lo: 0.2, hi: 0.3, predicted: 0.25, observed: 0.25, n: 4 },
    ]);
  });
});

describe('eceNoiseFloor', () => {
  /** Seeded uniform generator. */
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  it('is the mean ECE of a calibrated forecaster over many samples', () => {
    const rnd = lcg(11);
    const ps = Array.from({ length: 800 }, () => 0.42 + 0.16 * rnd());
    const floor = eceNoiseFloor(ps) ?? Number.NaN;
    let sum = 0;
    const draws = 400;
    for (let d = 0; d < draws; d++) {
      const sample: Forecast[] = ps.map((p) => ({ p, y: rnd() < p ? 1 : 0 }));
      sum += expectedCalibrationError(sample) ?? Number.NaN;
    }
    expect(sum / draws / floor).toBeGreaterThan(0.9);
    expect(sum / draws / floor).toBeLessThan(1.1);
  });

  it('shrinks as 1/√N and is null on nothing', () => {
    const small = eceNoiseFloor(Array.from({ length: 100 }, () => 0.5)) ?? 0;
    const large = eceNoiseFloor(Array.from({ length: 10_000 }, () => 0.5)) ?? 0;
    expect(small / large).toBeCloseTo(10, 9);
    expect(eceNoiseFloor([])).toBeNull();
    expect(() => eceNoiseFloor([Number.NaN])).toThrow(RangeError);
  });
});
