/** What calibration a slate reads (core/pipeline/calibration-inputs.ts). */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar';
import { defaultRunConfig } from '../../../core/effective-config';
import { calibrationInputs, calibrationReads } from '../../../core/pipeline/calibration-inputs';
import { varianceStats } from '../../../core/pipeline/safety-inputs';
import { NEUTRAL_CALIBRATION_STATE } from '../../../core/safety';
import { TRUSTED_MODEL_STATE } from '../safety/helpers/candidates';

const CONFIG = defaultRunConfig('nfl');

describe('calibrationReads', () => {
  it('production and backfill chains read only their own state', () => {
    for (const chain of ['production', 'backfill:0123456789abcdef'])
      expect(calibrationReads(chain, '2023-12-10', CONFIG)).toMatchObject({
        chain,
        stateChains: [chain],
      });
  });

  it("a research chain falls back on production's state", () => {
    expect(calibrationReads('research:0123456789abcdef', '2023-12-10', CONFIG)).toMatchObject({
      chain: 'research:0123456789abcdef',
      stateChains: ['research:0123456789abcdef', 'production'],
    });
  });

  it('a run recorded without a chain reads production', () => {
    expect(calibrationReads(undefined, '2023-12-10', CONFIG)).toMatchObject({
      chain: 'production',
      stateChains: ['production'],
    });
  });

  it("the slate guard's window: the windowDays slate dates before the slate", () => {
    for (const windowDays of [1, 7, 30]) {
      const config = {
        ...CONFIG,
        safety: { ...CONFIG.safety, slateGuard: { ...CONFIG.safety.slateGuard, windowDays } },
      };
      const { guardWindow } = calibrationReads('production', '2024-03-01', config);
      expect(guardWindow).toEqual({ from: addDays('2024-03-01', -windowDays), to: '2024-02-29' });
    }
  });
});

describe('calibrationInputs', () => {
  it('the state read, or the neutral state; the L4 reference of the SDs; the window', () => {
    const sds = [
      { total_sd: 10, margin_sd: 13 },
      { total_sd: 12, margin_sd: 14 },
    ];
    const window = { over: 3, under: 5 };
    expect(calibrationInputs(TRUSTED_MODEL_STATE, sds, window)).toEqual({
      calibration: TRUSTED_MODEL_STATE,
      variance: varianceStats(sds),
      publishedWindow: window,
    });
    expect(calibrationInputs(undefined, [], window)).toEqual({
      calibration: NEUTRAL_CALIBRATION_STATE,
      variance: null,
      publishedWindow: window,
    });
  });
});
