/** SPEC R2 price maths: implied probabilities, no-vig, American ↔ decimal. */
import { describe, expect, it } from 'vitest';
import {
  IntegrityInputError,
  americanToDecimal,
  americanToImpliedProbability,
  decimalToAmerican,
  isStale,
  noVigProbabilities,
  stalenessReferenceMs,
} from '../../core/integrity';

describe('americanToImpliedProbability', () => {
  it.each([
    [-110, 110 / 210],
    [100, 0.5],
    [-100, 0.5],
    [150, 0.4],
    [-200, 2 / 3],
    [10000, 100 / 10100],
  ])('%d → %f', (price, p) => {
    expect(americanToImpliedProbability(price)).toBeCloseTo(p, 12);
  });

  it.each([99, -99, 0, 50, 10001, -20000, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %d with IntegrityInputError',
    (price) => {
      expect(() => americanToImpliedProbability(price)).toThrow(IntegrityInputError);
    },
  );
});

describe('noVigProbabilities', () => {
  it('-110/-110 → 0.5/0.5 exactly', () => {
    expect(noVigProbabilities(-110, -110)).toEqual([0.5, 0.5]);
  });

  it('-120/+100 → 12/23 and 11/23 (hand computed)', () => {
    // implied: 120/220 = 6/11 and 100/200 = 1/2; total 23/22; 6/11 ÷ 23/22 = 12/23.
    const [a, b] = noVigProbabilities(-120, 100);
    expect(a).toBeCloseTo(0.5217391304, 9);
    expect(b).toBeCloseTo(0.4782608696, 9);
    expect(a + b).toBe(1);
  });

  it('NHL moneyline -240/+210 → 0.6889/0.3111', () => {
    // implied 240/340 = 0.70588 and 100/310 = 0.32258; sum 1.02846.
    const [a, b] = noVigProbabilities(-240, 210);
    expect(a).toBeCloseTo(0.70588235 / 1.028463, 6);
    expect(b).toBeCloseTo(0.32258065 / 1.028463, 6);
  });

  it('rejects invalid prices', () => {
    expect(() => noVigProbabilities(-110, 90)).toThrow(/INVALID_PRICE/);
  });
});

describe('decimal odds round trip', () => {
  it.each([-10000, -250, -110, -101, -100, 100, 101, 150, 10000])('%d', (price) => {
    // −100 and +100 are the same price (decimal 2.0); +100 is the canonical form.
    expect(decimalToAmerican(americanToDecimal(price))).toBe(price === -100 ? 100 : price);
  });
});

describe('staleness rule', () => {
  const kickoff = Date.parse('2023-12-10T21:25:00Z');
  it('reference is min(asOf, kickoff)', () => {
    expect(stalenessReferenceMs(kickoff - 1000, kickoff)).toBe(kickoff - 1000);
    expect(stalenessReferenceMs(kickoff + 1000, kickoff)).toBe(kickoff);
  });
  it('stale only when strictly older than the max age; future stamps are fresh', () => {
    const max = 30 * 60_000;
    expect(isStale(kickoff - max, kickoff, max)).toBe(false);
    expect(isStale(kickoff - max - 1, kickoff, max)).toBe(true);
    expect(isStale(kickoff + 60_000, kickoff, max)).toBe(false);
  });
});
