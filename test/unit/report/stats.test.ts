import { describe, expect, it } from 'vitest';
import { histogram, mean, meanAbs, niceBinWidth, roi, share, sum } from '../../../core/report';

describe('stats', () => {
  it('share, mean, meanAbs and roi are null on empty samples, never 0 or NaN', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(meanAbs([-2, 1, 4])).toBeCloseTo(7 / 3, 12);
    expect(meanAbs([])).toBeNull();
    expect(sum([])).toBe(0);
    // −110 win, loss, push: (100/110 − 1 + 0) / 3
    expect(roi([100 / 110, -1, 0])).toBeCloseTo((100 / 110 - 1) / 3, 12);
    expect(roi([])).toBeNull();
  });

  it('histogram bins align on multiples of the width and count every value once', () => {
    const bins = histogram([-1.5, -0.2, 0, 0.9, 1, 2.5], 1);
    expect(bins).toEqual([
      { lo: -2, hi: -1, n: 1 },
      { lo: -1, hi: 0, n: 1 },
      { lo: 0, hi: 1, n: 2 },
      { lo: 1, hi: 2, n: 1 },
      { lo: 2, hi: 3, n: 1 },
    ]);
    expect(histogram([], 1)).toEqual([]);
    expect(() => histogram([1], 0)).toThrow(RangeError);
  });

  it('niceBinWidth picks a round width for about a dozen bins', () => {
    expect(niceBinWidth([0, 12])).toBe(1);
    expect(niceBinWidth([-6, 6])).toBe(1);
    expect(niceBinWidth([0, 24])).toBe(2);
    expect(niceBinWidth([0, 3])).toBe(0.25);
    expect(niceBinWidth([5])).toBe(1);
  });
});
