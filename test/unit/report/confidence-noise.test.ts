/**
 * The confidence target's noise floor (`binomialWithin`, `confidencePassChance`) and the
 * per-season confidence bins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialWithin } from '../../../core/report';
import { earnedFigures, type PricedLine } from '../../../core/report/earned';

/** P(|X/n − p| ≤ tol) by brute force: every k's pmf from the binomial coefficient. */
function bruteWithin(n: number, p: number, tol: number): number {
  let total = 0;
  let c = 1; // C(n, k), built up term by term
  for (let k = 0; k <= n; k++) {
    if (Math.abs(k / n - p) <= tol + 1e-12) total += c * p ** k * (1 - p) ** (n - k);
    c = (c * (n - k)) / (k + 1);
  }
  return total;
}

describe('binomialWithin', () => {
  it('matches the brute-force binomial sum on small n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        (n, p, tol) => {
          expect(binomialWithin(n, p, tol)).toBeCloseTo(bruteWithin(n, p, tol), 10);
        },
      ),
    );
  });

  it('hand cases: n = 2 at 50% within 0 is P(X = 1) = ½; n = 0 is certain', () => {
    expect(binomialWithin(2, 0.5, 0)).toBeCloseTo(0.5, 12);
    expect(binomialWithin(0, 0.3, 0.03)).toBe(1);
    expect(binomialWithin(10, 1, 0)).toBe(1);
  });

  it('agrees with the normal approximation on large n (no overflow at 30,000)', () => {
    // n = 300 at 65%: se = 2.75 pp, ±3 pp is ±1.09 se → about 72–74% (discreteness aside).
    const mid = binomialWithin(300, 0.65, 0.03);
    expect(mid).toBeGreaterThan(0.7);
    expect(mid).toBeLessThan(0.76);
    // n = 30,000 at 50%: se = 0.29 pp, ±3 pp is ±10 se: certain.
    expect(binomialWithin(30_000, 0.5, 0.03)).toBeCloseTo(1, 12);
  });

  it('rejects what is not a sample', () => {
    expect(() => binomialWithin(-1, 0.5, 0.03)).toThrow(RangeError);
    expect(() => binomialWithin(2.5, 0.5, 0.03)).toThrow(RangeError);
    expect(() => binomialWithin(10, Number.NaN, 0.03)).toThrow(RangeError);
    expect(() => binomialWithin(10, 0.5, -0.01)).toThrow(RangeError);
  });
});

const base: PricedLine = {
  market: 'spreads',
  slateDate: '2018-01-10',
  season: 2017,
  state: 'NO_PLAY',
  side: 'HOME',
  line: 1.5,
  price: -200,
  pPub: 0.625,
  q: 0.625,
  pRaw: 0.6,
  pCorrected: 0.6,
  skillWeight: 0,
  confidence: 62.5,
  edgePp: 0,
  triggers: [],
  reasons: ['EDGE_TOO_SMALL'],
  homeScore: 3,
  awayScore: 2, // home +1.5 covers
};
const lost: Partial<PricedLine> = { homeScore: 1, awayScore: 4 };

describe('confidence pass chance and per-season bins', () => {
  it('is the product of the judged bins’ binomial chances; null with no judged bin', () => {
    // Season 2017: 120 lines at 62.5 winning 75 (62.5%); season 2018: 150 at 52 winning 90.
    const s17 = Array.from({ length: 120 }, (_, i) => (i < 75 ? base : { ...base, ...lost }));
    const s18 = Array.from({ length: 150 }, (_, i) => ({
      ...base,
      season: 2018,
      slateDate: '2019-01-10',
      pPub: 0.52,
      q: 0.52,
      confidence: 52,
      ...(i < 90 ? {} : lost),
    }));
    const f = earnedFigures([...s17, ...s18]);
    expect(f.confidencePassChance).toBeCloseTo(
      binomialWithin(120, 0.625, 0.03) * binomialWithin(150, 0.52, 0.03),
      12,
    );
    // 90 of 150 at a stated 52%: 8 pp off.
    expect(f.confidenceMaxGap).toBeCloseTo(0.08, 12);
    const [a, b] = f.bySeason;
    expect(a?.season).toBe(2017);
    expect(a?.confidenceMaxGap).toBeCloseTo(0, 12);
    expect(a?.confidence).toEqual([
      expect.objectContaining({ bin: '60-65', n: 120, observed: 0.625 }),
    ]);
    expect(b?.confidenceMaxGap).toBeCloseTo(0.08, 12);

    // Under 100 lines no bin is judged: no gap, no chance, rather than a made-up 1.
    const small = earnedFigures(s17.slice(0, 99));
    expect(small.confidenceMaxGap).toBeNull();
    expect(small.confidencePassChance).toBeNull();
    expect(small.bySeason[0]?.confidenceMaxGap).toBeNull();
  });
});
