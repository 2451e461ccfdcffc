import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dist } from '../../../core/sim/tables';
import {
  AliasSet,
  binomial,
  discreteNormal,
  distMean,
  poisson,
  sampleAlias,
  sumPowers,
  tiltDist,
  tiltToMean,
  trim,
} from '../../../core/sim/tables';

/** Textbook n-fold convolution, one fresh array per step: the reference for sumPowers. */
function naiveSumPowers(one: Dist, nMax: number): Dist[] {
  const out: Dist[] = [{ lo: 0, p: Float64Array.of(1) }];
  for (let n = 1; n <= nMax; n++) {
    const a = out[n - 1] as Dist;
    const p = new Float64Array(a.p.length + one.p.length - 1);
    for (let i = 0; i < a.p.length; i++)
      for (let j = 0; j < one.p.length; j++) p[i + j] = p[i + j]! + a.p[i]! * one.p[j]!;
    out.push(trim({ lo: a.lo + one.lo, p }));
  }
  return out;
}

/** Exact probability of each value implied by an alias table (sum over slots). */
function impliedProbs(set: AliasSet, table: number): Map<number, number> {
  const cap = 2 ** set.shift;
  const out = new Map<number, number>();
  for (let s = 0; s < set.k; s++) {
    const j = table * set.k + s;
    const t = set.thr[j] ?? 0;
    const pv = set.primary[j] ?? 0;
    const av = set.alias[j] ?? 0;
    out.set(pv, (out.get(pv) ?? 0) + t / cap / set.k);
    out.set(av, (out.get(av) ?? 0) + (cap - t) / cap / set.k);
  }
  return out;
}

describe('alias tables', () => {
  it('reproduce the input distribution to 2^-32 per value', () => {
    const d: Dist = { lo: 3, p: Float64Array.from([0.1, 0.25, 0.05, 0.6]) };
    const set = new AliasSet([d, poisson(2.5)]);
    const got = impliedProbs(set, 0);
    d.p.forEach((p, i) => expect(Math.abs((got.get(3 + i) ?? 0) - p)).toBeLessThan(2 ** -30));
    const pois = poisson(2.5);
    const got2 = impliedProbs(set, 1);
    // Quantisation error is at most one 2^-32 unit per value, all given to the mode.
    for (let k = 0; k < 10; k++)
      expect(Math.abs((got2.get(k) ?? 0) - (pois.p[k] ?? 0))).toBeLessThan(
        pois.p.length * 2 ** -32,
      );
  });

  it('sampleAlias over an even grid of 32-bit inputs reproduces the probabilities', () => {
    const d: Dist = { lo: 0, p: Float64Array.from([0.125, 0.5, 0.375]) };
    const set = new AliasSet([d]);
    const n = 1 << 16;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[sampleAlias(set, 0, i * 2 ** 16)]! += 1;
    expect(counts).toEqual([n / 8, n / 2, (3 * n) / 8]);
  });

  it('every table of a set carries exactly its quantised integer weights (property)', () => {
    // Integer check, no tolerance: per value, the slot mass (thr on its primary side, cap − thr
    // on its alias side) must equal floor(p · 2^32), plus the rounding remainder on the mode.
    const weight = fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-12, max: 1, noNaN: true }),
      fc.double({ min: 1e-3, max: 1, noNaN: true }),
    );
    const table = fc
      .array(weight, { minLength: 1, maxLength: 300 })
      .filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(fc.array(table, { minLength: 1, maxLength: 6 }), (tables) => {
        const dists: Dist[] = tables.map((w, t) => {
          const s = w.reduce((a, b) => a + b, 0);
          return { lo: t * 1000, p: Float64Array.from(w, (x) => x / s) };
        });
        const set = new AliasSet(dists);
        const cap = 2 ** set.shift;
        dists.forEach((d, t) => {
          const want = Array.from(d.p, (p) => Math.floor(p * 2 ** 32));
          let mode = 0;
          d.p.forEach((p, i) => {
            if (p > (d.p[mode] ?? 0)) mode = i;
          });
          want[mode] = (want[mode] ?? 0) + 2 ** 32 - want.reduce((a, b) => a + b, 0);
          const got = new Array<number>(d.p.length).fill(0);
          for (let s = 0; s < set.k; s++) {
            const j = t * set.k + s;
            const th = set.thr[j] ?? -1;
            expect(th >= 0 && th <= cap).toBe(true);
            const pi = (set.primary[j] ?? 0) - d.lo;
            const ai = (set.alias[j] ?? 0) - d.lo;
            expect(pi >= 0 && pi < d.p.length && ai >= 0 && ai < d.p.length).toBe(true);
            got[pi] = (got[pi] ?? 0) + th;
            got[ai] = (got[ai] ?? 0) + cap - th;
          }
          expect(got).toEqual(want);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('packed value tables keep arbitrary values', () => {
    const set = new AliasSet([{ values: [7, 1 << 20, 3], p: [0.2, 0.3, 0.5] }]);
    const got = impliedProbs(set, 0);
    expect(got.get(1 << 20)).toBeCloseTo(0.3, 9);
  });
});

describe('distribution helpers', () => {
  it('sumPowers is bit-identical to the textbook convolution (zeros, tails, offsets)', () => {
    const weight = fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-6, max: 1, noNaN: true }),
      fc.double({ min: 1e-14, max: 1e-9, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(weight, { minLength: 1, maxLength: 10 }).filter((w) => w.some((x) => x > 0)),
        fc.integer({ min: -3, max: 5 }),
        fc.integer({ min: 0, max: 20 }),
        (w, lo, nMax) => {
          const s = w.reduce((a, b) => a + b, 0);
          const one: Dist = { lo, p: Float64Array.from(w, (x) => x / s) };
          const got = sumPowers(one, nMax);
          const want = naiveSumPowers(one, nMax);
          expect(got.map((d) => [d.lo, [...d.p]])).toEqual(want.map((d) => [d.lo, [...d.p]]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tilting hits the target mean and keeps support', () => {
    const { p } = tiltToMean([0, 3, 7], [0.63, 0.145, 0.225], 2.6);
    expect(p[0]! * 0 + p[1]! * 3 + p[2]! * 7).toBeCloseTo(2.6, 10);
    const t = tiltDist(poisson(1.2), 0.8);
    expect(distMean(t)).toBeCloseTo(0.8, 10);
    expect(() => tiltToMean([0, 3, 7], [0.5, 0.3, 0.2], 7)).toThrow(RangeError);
  });

  it('discreteNormal has the exact mean; binomial and sums are consistent', () => {
    expect(distMean(discreteNormal(11.3, 1.0, 6, 17))).toBeCloseTo(11.3, 10);
    expect(distMean(binomial(30, 0.09))).toBeCloseTo(2.7, 10);
    const sums = sumPowers({ lo: 0, p: Float64Array.from([0.5, 0.5]) }, 4);
    expect(distMean(sums[4] as Dist)).toBeCloseTo(2, 12);
    expect((sums[4] as Dist).p[2]).toBeCloseTo(6 / 16, 12);
  });
});
