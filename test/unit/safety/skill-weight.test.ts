import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import {
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
} from '../../../core/safety/layers/calibration-state';
import {
  addSkillLine,
  EMPTY_SKILL_SUMS,
  estimateSkillWeight,
  skillEstablished,
  skillWeightedProbability,
  type SkillSums,
} from '../../../core/safety/layers/skill-weight';
import { slate } from './helpers/candidates';
import { nflGame } from './helpers/fake-sim';

const SW = CFG.skillWeight;

/** Seeded generator (no Math.random in tests that must be reproducible). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Lines where the truth is t = q + trueW·(p − q): a model carrying `trueW` of real information
 * beyond the market. Outcomes are drawn from t.
 */
function simulate(trueW: number, n: number, seed: number): SkillSums {
  const rnd = lcg(seed);
  let s = EMPTY_SKILL_SUMS;
  for (let i = 0; i < n; i++) {
    const q = 0.4 + 0.2 * rnd();
    const p = Math.min(0.95, Math.max(0.05, q + (rnd() - 0.5) * 0.2));
    const t = q + trueW * (p - q);
    s = addSkillLine(s, p, q, rnd() < t);
  }
  return s;
}

describe('skill weight', () => {
  it('recovers the information a model carries beyond the market', () => {
    expect(estimateSkillWeight(simulate(0, 40_000, 1), SW).w).toBeLessThan(0.1);
    expect(estimateSkillWeight(simulate(0.5, 40_000, 2), SW).w).toBeGreaterThan(0.35);
    expect(estimateSkillWeight(simulate(0.5, 40_000, 2), SW).w).toBeLessThan(0.65);
    expect(estimateSkillWeight(simulate(1, 40_000, 3), SW).w).toBeGreaterThan(0.85);
  });

  it('a model that is anti-informative gets 0, not a negative weight', () => {
    const rnd = lcg(9);
    let s = EMPTY_SKILL_SUMS;
    for (let i = 0; i < 5000; i++) {
      const q = 0.5;
      const p = 0.5 + (rnd() - 0.5) * 0.2;
      s = addSkillLine(s, p, q, rnd() < 1 - p);
    }
    const w = estimateSkillWeight(s, SW);
    expect(w.raw).toBeLessThan(0);
    expect(w.w).toBe(0);
  });

  it('uses the prior below minLines and says so', () => {
    const few = simulate(1, SW.minLines - 1, 4);
    expect(estimateSkillWeight(few, SW)).toMatchObject({ w: SW.prior, source: 'prior' });
    const state = nextCalibrationState(
      NEUTRAL_CALIBRATION_STATE,
      {
        date: '2024-12-14',
        sourceRowId: 'r',
        games: 50,
        bias: 0,
        biasBasis: 'raw',
        overRate: 0.5,
        skill: { total: few, spread: simulate(1, 5000, 5) },
      },
      CFG.sports.nfl,
      CFG,
    );
    expect(state.triggers).toContain('SKILL_WEIGHT_PRIOR');
    expect(state.skillWeights?.total.source).toBe('prior');
    expect(state.skillWeights?.spread.source).toBe('estimate');
  });

  it('shrinks toward the prior: a small sample moves less than a large one', () => {
    const small = estimateSkillWeight(simulate(1, 150, 6), SW);
    const large = estimateSkillWeight(simulate(1, 20_000, 6), SW);
    expect(small.source).toBe('estimate');
    expect(small.w).toBeLessThan(large.w);
  });

  it('se describes how far the weight moves from sample to sample', () => {
    const ws: number[] = [];
    const ses: number[] = [];
    for (let seed = 100; seed < 300; seed++) {
      const sw = estimateSkillWeight(simulate(0.5, 2000, seed), SW);
      ws.push(sw.w);
      ses.push(sw.se ?? Number.NaN);
    }
    const mean = ws.reduce((a, b) => a + b, 0) / ws.length;
    const sd = Math.sqrt(ws.reduce((a, b) => a + (b - mean) ** 2, 0) / (ws.length - 1));
    const se = ses.reduce((a, b) => a + b, 0) / ses.length;
    // The bound ¼ on each outcome's variance is close to q(1 − q) for q in [0.4, 0.6].
    expect(se / sd).toBeGreaterThan(0.8);
    expect(se / sd).toBeLessThan(1.3);
  });

  it('a published pick needs established skill: a model with none is established in about 5% of samples at most', () => {
    let none = 0;
    let real = 0;
    for (let seed = 300; seed < 500; seed++) {
      if (skillEstablished(estimateSkillWeight(simulate(0, 3000, seed), SW), SW.publishZ)) none++;
      if (skillEstablished(estimateSkillWeight(simulate(0.6, 3000, seed), SW), SW.publishZ)) real++;
    }
    expect(none / 200).toBeLessThanOrEqual(0.08);
    expect(real / 200).toBeGreaterThan(0.9);
    // The prior, a row without se, and no row at all are never established.
    expect(skillEstablished(estimateSkillWeight(simulate(1, 50, 7), SW), SW.publishZ)).toBe(false);
    expect(
      skillEstablished(
        { w: 1, n: 1e4, raw: 1, source: 'estimate', shift: 0, shiftN: 0, se: null },
        SW.publishZ,
      ),
    ).toBe(false);
    expect(skillEstablished(null, SW.publishZ)).toBe(false);
  });

  it('degenerate input is no evidence: the prior, never NaN, never outside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constant(Number.NaN)),
          syd: fc.double(),
          sdd: fc.double(),
          sd: fc.double(),
          nRecent: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constant(Number.NaN)),
          syRecent: fc.double(),
        }),
        (sums) => {
          const w = estimateSkillWeight(sums, SW);
          expect(w.w).toBeGreaterThanOrEqual(0);
          expect(w.w).toBeLessThanOrEqual(1);
          expect(Number.isNaN(w.w)).toBe(false);
          expect(Math.abs(w.shift)).toBeLessThanOrEqual(SW.maxShift);
          expect(Number.isNaN(w.shift)).toBe(false);
          expect(w.se === null || Number.isFinite(w.se)).toBe(true);
        },
      ),
      {
        examples: [
          // CI found it: Σd² near Number.MAX_VALUE overflowed λ and Σd² + λ to Infinity (w NaN).
          [{ n: 100, syd: 0, sdd: 5.992310449541054e307, sd: 0, nRecent: 0, syRecent: 0 }],
        ],
      },
    );
    // Sums that graded lines can produce (each bounded by its count) always give an estimate.
    fc.assert(
      fc.property(
        fc.integer({ min: SW.minLines, max: 1_000_000 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            syd: fc.double({ min: -n, max: n, noNaN: true }),
            sdd: fc.double({ min: Number.MIN_VALUE, max: n, noNaN: true }),
            sd: fc.double({ min: -n, max: n, noNaN: true }),
            nRecent: fc.constant(0),
            syRecent: fc.constant(0),
          }),
        ),
        (sums) => {
          const w = estimateSkillWeight(sums, SW);
          expect(w.source).toBe('estimate');
          expect(w.w).toBeGreaterThanOrEqual(0);
          expect(w.w).toBeLessThanOrEqual(1);
          expect(Number.isFinite(w.se)).toBe(true);
        },
      ),
    );
    expect(addSkillLine(EMPTY_SKILL_SUMS, Number.NaN, 0.5, true)).toBe(EMPTY_SKILL_SUMS);
    expect(addSkillLine(EMPTY_SKILL_SUMS, 0.6, 1, true)).toBe(EMPTY_SKILL_SUMS);
    expect(addSkillLine(EMPTY_SKILL_SUMS, 0.6, 0, true)).toBe(EMPTY_SKILL_SUMS);
  });

  it('with no earned weight (prior 0) edges vanish and nothing is published', () => {
    const games = [nflGame('g1', 49, 44.5, CFG, { margin: 8, spread: -3 })];
    const res = classifySlate(slate('nfl', games, { calibration: NEUTRAL_CALIBRATION_STATE }), CFG);
    const priced = res.picks.filter((d) => d.pricing !== null);
    expect(priced.length).toBeGreaterThan(0);
    for (const d of priced) {
      expect(d.state).toBe('NO_PLAY');
      expect(d.pricing?.edgePp).toBeCloseTo(0, 12);
      expect(d.pricing?.skillWeight).toBe(0);
      expect(d.layers.find((l) => l.layer === 'SKILL_WEIGHT')?.input).toMatchObject({
        w: 0,
        source: 'prior',
      });
    }
  });

  it('the edge scales with the weight', () => {
    const games = [nflGame('g1', 49, 44.5, CFG, { margin: 8, spread: -3 })];
    const edgeAt = (w: number): number => {
      const sw = { w, n: 1000, raw: w, source: 'estimate' as const, shift: 0, shiftN: 0, se: 0.01 };
      const res = classifySlate(
        slate('nfl', games, {
          calibration: { ...NEUTRAL_CALIBRATION_STATE, skillWeights: { total: sw, spread: sw } },
        }),
        CFG,
      );
      const d = res.picks.find((x) => x.market === 'totals');
      return d?.pricing?.edgePp ?? Number.NaN;
    };
    const full = edgeAt(1);
    expect(full).toBeGreaterThan(3);
    expect(edgeAt(0.5)).toBeCloseTo(full / 2, 9);
    expect(edgeAt(0.25)).toBeCloseTo(full / 4, 9);
  });

  describe('base-rate shift in the slate: it calibrates what is stated and never makes a pick', () => {
    const games = [nflGame('g1', 49, 44.5, CFG, { margin: 8, spread: -3 })];
    const totalAt = (w: number, shift: number) => {
      const sw = { w, n: 1000, raw: w, source: 'estimate' as const, shift, shiftN: 1000, se: 0.01 };
      const res = classifySlate(
        slate('nfl', games, {
          calibration: { ...NEUTRAL_CALIBRATION_STATE, skillWeights: { total: sw, spread: sw } },
        }),
        CFG,
      );
      const d = res.picks.find((x) => x.market === 'totals');
      if (d?.pricing == null) throw new Error('no priced total');
      return { state: d.state, ...d.pricing };
    };

    it('a shift alone: NO_PLAY whichever way it points, the stated probability moves by it', () => {
      for (const shift of [-0.05, 0.05]) {
        const d = totalAt(0, shift);
        expect(d.state).toBe('NO_PLAY');
        expect(d.edgePp).toBeLessThanOrEqual(1e-9);
        const pOver = d.side === 'OVER' ? d.modelProbCalibrated : 1 - d.modelProbCalibrated;
        const qOver = d.side === 'OVER' ? d.marketProbNoVig : 1 - d.marketProbNoVig;
        expect(pOver - qOver).toBeCloseTo(shift, 2);
        expect(d.baseRateShift).toBe(shift);
      }
    });

    it('the edge is the smaller of the excess over the market and over the shifted market', () => {
      const plain = totalAt(0.5, 0);
      const withIt = totalAt(0.5, 0.05); // the shift agrees with the model (Over)
      const against = totalAt(0.5, -0.05);
      expect(plain.side).toBe('OVER');
      expect(withIt.side).toBe('OVER');
      expect(withIt.edgePp).toBeLessThanOrEqual(plain.edgePp + 1e-9);
      expect(withIt.edgePp).toBeGreaterThan(0.9 * plain.edgePp);
      expect(withIt.modelProbCalibrated).toBeGreaterThan(plain.modelProbCalibrated);
      expect(against.edgePp).toBeLessThan(plain.edgePp - 3);
    });
  });

  describe('base-rate shift', () => {
    /** Like `simulate`, with side A's results running `bias` below/above the truth. */
    function biased(
      trueW: number,
      bias: number,
      n: number,
      seed: number,
      recent = true,
    ): SkillSums {
      const rnd = lcg(seed);
      let s = EMPTY_SKILL_SUMS;
      for (let i = 0; i < n; i++) {
        const q = 0.45 + 0.1 * rnd();
        const p = Math.min(0.95, Math.max(0.05, q + (rnd() - 0.5) * 0.2));
        const t = q + bias + trueW * (p - q);
        s = addSkillLine(s, p, q, rnd() < t, recent);
      }
      return s;
    }

    it('measures a one-sided market, shrunk toward 0, and w on what is left', () => {
      const few = estimateSkillWeight(biased(0, -0.05, 300, 11), SW);
      const many = estimateSkillWeight(biased(0, -0.04, 20_000, 12), SW);
      expect(few.shift).toBeLessThan(0);
      expect(few.shift).toBeGreaterThan(-0.05);
      expect(many.shift).toBeCloseTo(-0.04, 2);
      expect(many.shiftN).toBe(20_000);
      expect(many.w).toBeLessThan(0.1);
      // A real model under a biased market keeps its weight: measured on the residual.
      const skilled = estimateSkillWeight(biased(0.5, -0.04, 40_000, 13), SW);
      expect(skilled.shift).toBeCloseTo(-0.04, 2);
      expect(skilled.w).toBeGreaterThan(0.35);
      expect(skilled.w).toBeLessThan(0.65);
    });

    it('an unbiased market gets no material shift', () => {
      const w = estimateSkillWeight(biased(0, 0, 20_000, 14), SW);
      expect(Math.abs(w.shift)).toBeLessThan(0.01);
    });

    it('counts only the shift window, and needs minLines there', () => {
      const old = estimateSkillWeight(biased(0, -0.05, 5_000, 15, false), SW);
      expect(old.shift).toBe(0);
      expect(old.shiftN).toBe(0);
      const thin = estimateSkillWeight(biased(0, -0.05, SW.minLines - 1, 16), SW);
      expect(thin.shift).toBe(0);
    });

    it('is bounded by maxShift', () => {
      const w = estimateSkillWeight(biased(0, -0.3, 50_000, 17), SW);
      expect(w.shift).toBe(-SW.maxShift);
    });

    it('moves a 50% line by the shift, stays in (0, 1), and is the blend when 0', () => {
      expect(skillWeightedProbability(0.6, 0.5, 0, -0.03)).toBeCloseTo(0.47, 12);
      expect(skillWeightedProbability(0.6, 0.5, 0.5, 0)).toBe(0.5 + 0.5 * 0.1);
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0.001, max: 0.999, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: -0.05, max: 0.05, noNaN: true }),
          (p, q, w, b) => {
            const x = skillWeightedProbability(p, q, w, b);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
            // The shift moves toward its sign, never past it.
            const blend = q + w * (p - q);
            if (b > 0) expect(x).toBeGreaterThanOrEqual(blend - 1e-12);
            if (b < 0) expect(x).toBeLessThanOrEqual(blend + 1e-12);
          },
        ),
      );
    });
  });
});
