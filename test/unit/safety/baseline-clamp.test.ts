import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import {
  NEUTRAL_CALIBRATION_STATE,
  type CalibrationState,
} from '../../../core/safety/layers/calibration-state';
import { applyBaselineClamp } from '../../../core/safety/layers/l2-baseline-clamp';
import { normCdf } from '../../../core/safety/layers/normal';
import { CalibrationStateError } from '../../../core/safety/errors';
import { candidateFor, edgeA, FULL_SKILL, slate } from './helpers/candidates';
import { fakeSim, gameInput, nflGame, verified } from './helpers/fake-sim';

const state = (offset: number, dampFactor: number): CalibrationState => ({
  offset,
  dampFactor,
  asOfDate: '2024-12-14',
  sourceRowId: 'cal-nfl-2024-12-14',
  triggers: [],
  skillWeights: FULL_SKILL,
});

describe('baseline clamp', () => {
  it('is an exact no-op with the neutral state', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG), CFG);
    const out = applyBaselineClamp(c, NEUTRAL_CALIBRATION_STATE, CFG);
    expect(out.pA).toBe(c.pA);
    expect(out.projection).toBe(c.projection);
    expect(out.adjustments).toEqual([]);
    expect(out.layers.at(-1)).toMatchObject({ layer: 'L2_BASELINE_CLAMP', fired: false });
  });

  it('shifts the projection by −offset and recomputes P(over) by shifting the distribution', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG), CFG);
    const out = applyBaselineClamp(c, state(2.5, 1), CFG);
    expect(out.projection).toBeCloseTo(45.5, 12);
    // Normal fake engine, half-point line: P(over | shifted) = 1 − Φ((44.5 − 45.5) / 10).
    expect(out.pA).toBeCloseTo(1 - normCdf((44.5 - 45.5) / 10), 9);
    expect(out.pA).toBeLessThan(c.pA);
    expect(out.adjustments).toEqual(['BASELINE_CLAMP']);
    const trace = out.layers.at(-1);
    expect(trace).toMatchObject({ layer: 'L2_BASELINE_CLAMP', fired: true });
    expect(trace?.input).toMatchObject({
      offset: 2.5,
      asOfDate: '2024-12-14',
      sourceRowId: 'cal-nfl-2024-12-14',
    });
  });

  it('keeps the push mass of an integer line', () => {
    const c = candidateFor(nflGame('g1', 48, 44, CFG), CFG);
    const out = applyBaselineClamp(c, state(1.5, 1), CFG);
    expect(c.pPush).toBeGreaterThan(0);
    expect(out.pPush).toBe(c.pPush);
  });

  it('scales the offset for derivative segments by segment mean / full mean', () => {
    const sim = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: 25,
      awayMean: 23,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [44.5],
      derivatives: {
        totals_h1: { homeMean: 12.5, awayMean: 11.5, totalSd: 7, marginSd: 9, totalLines: [22.5] },
      },
    });
    const game = gameInput(
      sim,
      [verified('g1', 'totals', 44.5), verified('g1', 'totals_h1', 22.5)],
      CFG,
    );
    const c = candidateFor(game, CFG, 'totals_h1');
    expect(c.segmentScale).toBeCloseTo(0.5, 12);
    const out = applyBaselineClamp(c, state(2, 1), CFG);
    expect(out.projection).toBeCloseTo(24 - 1, 12);
  });

  it('damps (projection − market) by d and shrinks the edge without flipping its side', () => {
    const c = candidateFor(nflGame('g1', 50, 44.5, CFG), CFG);
    const out = applyBaselineClamp(c, state(0, 0.5), CFG);
    // q = 0.5 and a symmetric distribution: the market centre is the line itself.
    expect(out.projection - 44.5).toBeCloseTo(0.5 * (50 - 44.5), 6);
    expect(edgeA(out)).toBeGreaterThan(0);
    expect(edgeA(out)).toBeLessThan(edgeA(c));
    expect(out.adjustments).toEqual(['DAMP_FACTOR']);
  });

  it('anchors the damp at the market probability when the price is juiced', () => {
    const base = nflGame('g1', 45.2, 44.5, CFG);
    // Over priced −130 / Under +110: no-vig over ≈ 0.545 > model's ≈ 0.528 → the edge is on the Under.
    const game = {
      ...base,
      markets: [
        verified('g1', 'totals', 44.5, {
          priceA: -130,
          priceB: 110,
          noVigA: 0.5452,
          noVigB: 0.4548,
        }),
      ],
    };
    const c = candidateFor(game, CFG);
    expect(edgeA(c)).toBeLessThan(0);
    const out = applyBaselineClamp(c, state(0, 0.5), CFG);
    expect(edgeA(out)).toBeLessThanOrEqual(0);
    expect(Math.abs(edgeA(out))).toBeLessThan(Math.abs(edgeA(c)));
  });

  it('does not touch spreads (bias and over rate are totals statistics)', () => {
    const c = candidateFor(nflGame('g1', 48, 44.5, CFG, { margin: 7, spread: -3 }), CFG, 'spreads');
    const out = applyBaselineClamp(c, state(3, 0.5), CFG);
    expect(out.pA).toBe(c.pA);
    expect(out.layers.at(-1)).toMatchObject({ fired: false });
  });

  it('reaches published decisions through classifySlate and is stamped as a trigger', () => {
    const games = [nflGame('g1', 49, 44.5, CFG)];
    const neutral = classifySlate(slate('nfl', games), CFG);
    const clamped = classifySlate(slate('nfl', games, { calibration: state(3, 1) }), CFG);
    const n = neutral.picks.find((d) => d.market === 'totals');
    const k = clamped.picks.find((d) => d.market === 'totals');
    expect(k?.pricing?.projectionCalibrated).toBeCloseTo(46, 9);
    expect(n?.pricing?.edgePp ?? 0).toBeGreaterThan(k?.pricing?.edgePp ?? 0);
    expect(k?.adjustments).toContain('BASELINE_CLAMP');
    expect(clamped.triggers).toContain('BASELINE_CLAMP');
  });

  it('refuses a calibration state dated on or after the slate (no look-ahead)', () => {
    const games = [nflGame('g1', 49, 44.5, CFG)];
    const bad = { ...state(1, 1), asOfDate: '2024-12-15' };
    expect(() =>
      classifySlate(slate('nfl', games, { calibration: bad, slateDate: '2024-12-15' }), CFG),
    ).toThrow(CalibrationStateError);
  });

  it('refuses a corrupt damp factor', () => {
    const games = [nflGame('g1', 49, 44.5, CFG)];
    expect(() => classifySlate(slate('nfl', games, { calibration: state(0, 0.3) }), CFG)).toThrow(
      /dampFactor/,
    );
  });
});
