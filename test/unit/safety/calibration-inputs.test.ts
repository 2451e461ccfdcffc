import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import {
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
  validateCalibrationState,
  type CalibrationState,
  type DailyCalibrationStats,
} from '../../../core/safety/layers/calibration-state';
import { CalibrationStateError } from '../../../core/safety/errors';
import { SPORT_INFO } from '../../../core/sports';

const nfl = SPORT_INFO.nfl; // clamp 1.0, band 45–58%
const stats = (over: Partial<DailyCalibrationStats> = {}): DailyCalibrationStats => ({
  date: '2024-12-14',
  sourceRowId: 'row-1',
  games: 40,
  bias: 0,
  biasBasis: 'raw',
  overRate: 0.5,
  ...over,
});

describe('calibration inputs', () => {
  it('bias beyond the clamp sets offset = bias (raw basis)', () => {
    const s = nextCalibrationState(NEUTRAL_CALIBRATION_STATE, stats({ bias: 2.4 }), nfl, CFG);
    expect(s).toMatchObject({
      offset: 2.4,
      dampFactor: 1,
      asOfDate: '2024-12-14',
      sourceRowId: 'row-1',
    });
    expect(s.triggers).toContain('BIAS_CLAMP');
  });

  it('bias within the clamp clears the offset (raw basis), negative bias too', () => {
    const prev: CalibrationState = { ...NEUTRAL_CALIBRATION_STATE, offset: 2 };
    expect(nextCalibrationState(prev, stats({ bias: 1.0 }), nfl, CFG).offset).toBe(0);
    expect(nextCalibrationState(prev, stats({ bias: -1.3 }), nfl, CFG).offset).toBe(-1.3);
  });

  it('calibrated basis accumulates the residual bias and keeps a working offset', () => {
    const prev: CalibrationState = { ...NEUTRAL_CALIBRATION_STATE, offset: 2 };
    expect(
      nextCalibrationState(prev, stats({ bias: 1.5, biasBasis: 'calibrated' }), nfl, CFG).offset,
    ).toBe(3.5);
    expect(
      nextCalibrationState(prev, stats({ bias: 0.4, biasBasis: 'calibrated' }), nfl, CFG).offset,
    ).toBe(2);
  });

  it('over rate outside the band steps d down by 0.1 to a floor of 0.5', () => {
    let s: CalibrationState = NEUTRAL_CALIBRATION_STATE;
    const seen: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      s = nextCalibrationState(s, stats({ overRate: 0.68 }), nfl, CFG);
      seen.push(s.dampFactor);
    }
    expect(seen).toEqual([0.9, 0.8, 0.7, 0.6, 0.5, 0.5, 0.5, 0.5]);
    expect(s.triggers).toContain('OVER_RATE_OUT_OF_BAND');
    expect(
      nextCalibrationState(NEUTRAL_CALIBRATION_STATE, stats({ overRate: 0.4 }), nfl, CFG)
        .dampFactor,
    ).toBe(0.9);
  });

  it('over rate inside the band relaxes d toward 1 (band edges are inside)', () => {
    const prev: CalibrationState = { ...NEUTRAL_CALIBRATION_STATE, dampFactor: 0.5 };
    const s = nextCalibrationState(prev, stats({ overRate: 0.58 }), nfl, CFG);
    expect(s.dampFactor).toBe(0.55);
    expect(s.triggers).toEqual(['DAMP_RELAXED']);
    expect(
      nextCalibrationState({ ...prev, dampFactor: 0.98 }, stats({ overRate: 0.45 }), nfl, CFG)
        .dampFactor,
    ).toBe(1);
    expect(nextCalibrationState(NEUTRAL_CALIBRATION_STATE, stats(), nfl, CFG).triggers).toEqual([]);
  });

  it('too few graded games keeps the previous numbers', () => {
    const prev: CalibrationState = { ...NEUTRAL_CALIBRATION_STATE, offset: 1.7, dampFactor: 0.8 };
    const s = nextCalibrationState(prev, stats({ games: 3, bias: 9, overRate: 0.9 }), nfl, CFG);
    expect(s).toMatchObject({
      offset: 1.7,
      dampFactor: 0.8,
      triggers: ['INSUFFICIENT_SAMPLE'],
      asOfDate: '2024-12-14',
    });
  });

  it('no leans / no graded bias leave d and offset rules neutral', () => {
    const prev: CalibrationState = { ...NEUTRAL_CALIBRATION_STATE, dampFactor: 0.7 };
    expect(
      nextCalibrationState(prev, stats({ overRate: null, bias: null }), nfl, CFG),
    ).toMatchObject({ dampFactor: 0.7, offset: 0 });
  });

  it('property: any sequence of daily stats keeps d in [0.5, 1] and offset finite', () => {
    const day = fc.record({
      games: fc.integer({ min: 0, max: 200 }),
      bias: fc.option(fc.double({ min: -20, max: 20, noNaN: true })),
      biasBasis: fc.constantFrom('raw' as const, 'calibrated' as const),
      overRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), (days) => {
        let s: CalibrationState = NEUTRAL_CALIBRATION_STATE;
        for (const d of days) {
          s = nextCalibrationState(s, stats(d), nfl, CFG);
          expect(s.dampFactor).toBeGreaterThanOrEqual(0.5);
          expect(s.dampFactor).toBeLessThanOrEqual(1);
          expect(Number.isFinite(s.offset)).toBe(true);
          expect(() => validateCalibrationState(s, CFG)).not.toThrow();
        }
      }),
    );
  });

  it('validation rejects corrupt states and look-ahead', () => {
    expect(() =>
      validateCalibrationState({ ...NEUTRAL_CALIBRATION_STATE, dampFactor: 0.4 }, CFG),
    ).toThrow(CalibrationStateError);
    expect(() =>
      validateCalibrationState({ ...NEUTRAL_CALIBRATION_STATE, offset: Number.NaN }, CFG),
    ).toThrow(/offset/);
    expect(() =>
      validateCalibrationState(
        { ...NEUTRAL_CALIBRATION_STATE, asOfDate: '2024-12-15' },
        CFG,
        '2024-12-15',
      ),
    ).toThrow(/look-ahead/);
    expect(() =>
      validateCalibrationState(
        { ...NEUTRAL_CALIBRATION_STATE, asOfDate: '2024-12-14' },
        CFG,
        '2024-12-15',
      ),
    ).not.toThrow();
  });
});
