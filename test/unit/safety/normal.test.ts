import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normCdf, normQuantile } from '../../../core/safety/layers/normal';

describe('normal approximation maths', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [3, 0.9986501019683699],
    [-6, 9.865876450376946e-10],
  ])('Φ(%s) = %s', (x, p) => {
    expect(Math.abs(normCdf(x) - p)).toBeLessThan(1e-14 + p * 1e-12);
  });

  it('Φ⁻¹ inverts Φ and Φ is monotone', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-10, max: 1 - 1e-10, noNaN: true }), (p) => {
        expect(normCdf(normQuantile(p))).toBeCloseTo(p, 12);
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, dx) => {
          expect(normCdf(x + dx)).toBeGreaterThanOrEqual(normCdf(x));
        },
      ),
    );
  });

  it('clamps certain outcomes to finite quantiles', () => {
    expect(Number.isFinite(normQuantile(0))).toBe(true);
    expect(Number.isFinite(normQuantile(1))).toBe(true);
    expect(normQuantile(0)).toBeLessThan(-7);
  });
});
