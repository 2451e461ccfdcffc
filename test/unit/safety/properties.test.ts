import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG, type SafetyConfig } from '../../../core/safety/config';
import type { Candidate } from '../../../core/safety/layers/candidate';
import type { CalibrationState } from '../../../core/safety/layers/calibration-state';
import { applyBaselineClamp } from '../../../core/safety/layers/l2-baseline-clamp';
import { applyMarketDeviation } from '../../../core/safety/layers/l3-market-deviation';
import { applyHighVariance } from '../../../core/safety/layers/l4-high-variance';
import {
  penaltyKeep,
  publishedProbability,
  type PenaltyInputs,
} from '../../../core/safety/layers/l5-publish-gates';
import { runSafetyLayers } from '../../../core/safety/layers/run-layers';
import { candidateFor, edgeA, FULL_SKILL, slate, varianceStats } from './helpers/candidates';
import { BASELINES } from './helpers/fake-sim';
import { buildSlateGames, slateSeed, wideRclConfig } from './helpers/random-slates';

const wide = wideRclConfig(CFG);

/** Random totals and spreads candidates (before any layer) with random juice. */
const candidates: fc.Arbitrary<Candidate[]> = slateSeed({
  inflation: [0.8, 1.25],
  juice: true,
  noise: 1,
  minGames: 1,
  maxGames: 3,
}).map((seed) =>
  buildSlateGames(seed, wide).flatMap((g) => [
    candidateFor(g, wide, 'totals'),
    candidateFor(g, wide, 'spreads'),
  ]),
);

const calibrationState: fc.Arbitrary<CalibrationState> = fc.record({
  offset: fc.double({ min: -5, max: 5, noNaN: true }),
  dampFactor: fc.double({ min: 0.5, max: 1, noNaN: true }),
  asOfDate: fc.constant('2024-12-14'),
  sourceRowId: fc.constant('row'),
  triggers: fc.constant([]),
  skillWeights: fc.constant(FULL_SKILL),
});

/** |edge| never grows and the side never flips (a zero edge may stay zero). */
function expectNoGain(before: Candidate, after: Candidate): void {
  const b = edgeA(before);
  const a = edgeA(after);
  expect(Math.abs(a)).toBeLessThanOrEqual(Math.abs(b) + 1e-9);
  expect(a * b).toBeGreaterThanOrEqual(-1e-12);
}

describe('safety properties', () => {
  it('probabilities stay in [0, 1] through every layer and in every decision', () => {
    fc.assert(
      fc.property(
        slateSeed({ inflation: [0.8, 1.25], juice: true, noise: 1 }),
        calibrationState,
        (seed, cal) => {
          const b = BASELINES[seed.sport];
          const res = classifySlate(
            slate(seed.sport, buildSlateGames(seed, wide), {
              calibration: cal,
              variance: varianceStats(b.totalSd, b.totalSd * 0.1),
            }),
            wide,
          );
          for (const d of res.picks) {
            if (d.pricing === null) continue;
            for (const p of [
              d.pricing.modelProbRaw,
              d.pricing.modelProbCalibrated,
              d.pricing.marketProbNoVig,
              d.pricing.pushProb,
            ]) {
              expect(p).toBeGreaterThanOrEqual(0);
              expect(p).toBeLessThanOrEqual(1);
            }
            expect(d.pricing.confidence).toBeGreaterThanOrEqual(0);
            expect(d.pricing.confidence).toBeLessThanOrEqual(100);
            expect(d.pricing.edgePp).toBeGreaterThanOrEqual(0);
            expect(JSON.parse(JSON.stringify(d.layers))).toEqual(d.layers);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('L3 market deviation never increases an edge', () => {
    fc.assert(
      fc.property(candidates, (cs) =>
        cs.forEach((c) => expectNoGain(c, applyMarketDeviation(c, wide))),
      ),
      { numRuns: 300 },
    );
  });

  it('L4 high-variance suppression never increases an edge', () => {
    fc.assert(
      fc.property(
        candidates,
        fc.double({ min: 5, max: 20, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        (cs, mean, sd) =>
          cs.forEach((c) => expectNoGain(c, applyHighVariance(c, varianceStats(mean, sd), wide))),
      ),
      { numRuns: 300 },
    );
  });

  it('L2 damp never increases an edge (whatever the juice)', () => {
    fc.assert(
      fc.property(candidates, fc.double({ min: 0.5, max: 1, noNaN: true }), (cs, d) =>
        cs.forEach((c) =>
          expectNoGain(
            c,
            applyBaselineClamp(
              c,
              {
                offset: 0,
                dampFactor: d,
                asOfDate: null,
                sourceRowId: null,
                triggers: [],
                skillWeights: FULL_SKILL,
              },
              wide,
            ),
          ),
        ),
      ),
      { numRuns: 300 },
    );
  });

  it('L2 damp after an offset never increases the post-offset edge', () => {
    fc.assert(
      fc.property(
        candidates,
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (cs, offset, d) =>
          cs.forEach((c) => {
            const shifted = applyBaselineClamp(
              c,
              {
                offset,
                dampFactor: 1,
                asOfDate: null,
                sourceRowId: null,
                triggers: [],
                skillWeights: FULL_SKILL,
              },
              wide,
            );
            const both = applyBaselineClamp(
              c,
              {
                offset,
                dampFactor: d,
                asOfDate: null,
                sourceRowId: null,
                triggers: [],
                skillWeights: FULL_SKILL,
              },
              wide,
            );
            expectNoGain(shifted, both);
          }),
      ),
      { numRuns: 300 },
    );
  });

  it('confidence ≤ 60 whenever L3 fires, in every decision of any slate', () => {
    let fired = 0;
    fc.assert(
      fc.property(slateSeed({ inflation: [1, 1.3], juice: true, noise: 0.8 }), (seed) => {
        const res = classifySlate(slate(seed.sport, buildSlateGames(seed, wide)), wide);
        for (const d of res.picks) {
          if (!d.layers.some((l) => l.layer === 'L3_MARKET_DEVIATION' && l.fired)) continue;
          fired += 1;
          expect(d.pricing?.confidence ?? 0).toBeLessThanOrEqual(60);
          expect(d.parlayEligible).toBe(false);
          expect(d.state).not.toBe('PICK');
        }
      }),
      { numRuns: 150 },
    );
    expect(fired).toBeGreaterThan(0);
  });

  it('layer composition: the full pipeline never yields a larger edge than the raw engine unless the L2 offset moved it', () => {
    fc.assert(
      fc.property(candidates, fc.double({ min: 0.5, max: 1, noNaN: true }), (cs, d) =>
        cs.forEach((c) => {
          const out = runSafetyLayers(c, {
            config: wide,
            calibration: {
              offset: 0,
              dampFactor: d,
              asOfDate: null,
              sourceRowId: null,
              triggers: [],
              skillWeights: FULL_SKILL,
            },
            variance: varianceStats(),
          });
          if (out.gates !== null) expectNoGain(c, out);
        }),
      ),
      { numRuns: 200 },
    );
  });

  describe('published probability and confidence', () => {
    const inputs: fc.Arbitrary<PenaltyInputs> = fc.record({
      ratingSample: fc.option(fc.integer({ min: 0, max: 40 })),
      varianceZ: fc.option(fc.double({ min: -3, max: 5, noNaN: true })),
      softTriggerCount: fc.integer({ min: 0, max: 5 }),
    });
    const keep = (i: PenaltyInputs, c: SafetyConfig = CFG) => penaltyKeep(i, c.confidence);

    it('penalties keep a fraction in [0, 1]: up with sample size, down with variance and soft triggers', () => {
      fc.assert(
        fc.property(
          inputs,
          fc.double({ min: 0, max: 5, noNaN: true }),
          fc.integer({ min: 1, max: 10 }),
          (i, dz, dn) => {
            const k = keep(i);
            expect(k).toBeGreaterThanOrEqual(0);
            expect(k).toBeLessThanOrEqual(1);
            expect(keep({ ...i, ratingSample: (i.ratingSample ?? 0) + dn })).toBeGreaterThanOrEqual(
              i.ratingSample === null ? 0 : k,
            );
            expect(keep({ ...i, varianceZ: (i.varianceZ ?? 0) + dz })).toBeLessThanOrEqual(
              i.varianceZ === null && dz > 0 ? 1 : k + 1e-12,
            );
            expect(keep({ ...i, softTriggerCount: i.softTriggerCount + 1 })).toBeLessThanOrEqual(k);
          },
        ),
      );
    });

    it('the published probability lies between the market and the model, and under the cap', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0.01, max: 0.99, noNaN: true }),
          fc.double({ min: 0, max: 0.3, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.option(fc.double({ min: 50, max: 100, noNaN: true })),
          (q, gap, k, cap) => {
            const p = Math.min(1, q + gap);
            const pub = publishedProbability(p, q, k, cap);
            expect(pub).toBeGreaterThanOrEqual(q);
            expect(pub).toBeLessThanOrEqual(p + 1e-12);
            if (cap !== null) expect(pub).toBeLessThanOrEqual(Math.max(q, cap / 100) + 1e-12);
          },
        ),
      );
    });

    it('confidence is the published probability in percent, in every decision of any slate', () => {
      fc.assert(
        fc.property(
          slateSeed({ inflation: [0.9, 1.15], sports: ['nfl', 'nba', 'mlb'] }),
          (seed) => {
            const res = classifySlate(slate(seed.sport, buildSlateGames(seed, CFG)), CFG);
            for (const d of res.picks) {
              if (d.pricing === null) continue;
              expect(d.pricing.confidence).toBeCloseTo(d.pricing.modelProbCalibrated * 100, 9);
              expect(d.pricing.edgePp).toBeCloseTo(
                (d.pricing.modelProbCalibrated - d.pricing.marketProbNoVig) * 100,
                9,
              );
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
