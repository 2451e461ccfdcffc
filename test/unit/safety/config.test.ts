import { disabledFlags } from '../../../core/config';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SAFETY_CONFIG as CFG,
  resolveSafetyConfig,
  validateSafetyConfig,
} from '../../../core/safety/config';
import { SafetyConfigError } from '../../../core/safety/errors';
import { SPORT_INFO, SPORTS } from '../../../core/sports';

function issues(value: unknown): string[] {
  try {
    validateSafetyConfig(value);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(SafetyConfigError);
    return (e as SafetyConfigError).issues.map((i) => i.path);
  }
}

describe('safety config', () => {
  it('defaults are valid and carry the SPEC numbers', () => {
    expect(() => validateSafetyConfig(CFG)).not.toThrow();
    expect(CFG.stateMachine).toEqual({ noPlayEdgePp: 1.5, pickEdgePp: 3.0, pickMinConfidence: 54 });
    expect(CFG.skillWeight).toEqual({
      prior: 0,
      priorLines: 300,
      minLines: 100,
      windowDays: 1100,
      shiftWindowDays: 365,
      shiftPriorLines: 200,
      maxShift: 0.05,
      pickZ: 1.645,
      publishZ: 1.645,
    });
    expect(CFG.slateGuard).toEqual({
      minPublishedTotals: 6,
      maxSideShare: 0.58,
      windowDays: 365,
      windowOverShare: [0.45, 0.58],
    });
    expect(CFG.marketDeviation).toEqual({ compression: 0.5, confidenceCap: 60 });
    expect(CFG.highVariance).toMatchObject({
      zStart: 1.25,
      zFull: 2.25,
      minReduction: 0.5,
      maxReduction: 0.75,
    });
    expect(CFG.decomposition).toEqual({ doubleCountingZ: 2.0, outlierZ: 2.0 });
    expect(CFG.rcl.maxBaselineSds).toBe(3);
    expect(CFG.calibration.dampMin).toBe(0.5);
    for (const s of SPORTS) {
      expect(CFG.sports[s]).toEqual({
        clamp: SPORT_INFO[s].clamp,
        overRateBand: SPORT_INFO[s].overRateBand,
        marketDeviationThreshold: SPORT_INFO[s].marketDeviationThreshold,
        plausibleTotal: SPORT_INFO[s].plausibleTotal,
        minRatingGames: 4,
      });
    }
    expect(Object.values(CFG.flags).every((f) => f === true)).toBe(true);
  });

  it('is deep-frozen', () => {
    expect(Object.isFrozen(CFG.sports.nfl.overRateBand)).toBe(true);
    expect(Object.isFrozen(CFG.stateMachine)).toBe(true);
  });

  it('lists every bad field at once, with paths', () => {
    const bad = {
      ...CFG,
      flags: { ...CFG.flags, ENABLE_PICK_STATE_MACHINE: 'yes' },
      sports: { ...CFG.sports, nfl: { ...CFG.sports.nfl, overRateBand: [0.6, 0.4] } },
      slateGuard: { ...CFG.slateGuard, minPublishedTotals: 6.5, maxSideShare: 1.2 },
      dataIntegrity: { ...CFG.dataIntegrity, lowSampleAction: 'ignore' },
      calibration: { ...CFG.calibration, dampMin: 0.3 },
      confidence: { ...CFG.confidence, softTriggerFactor: Number.NaN },
      skillWeight: { ...CFG.skillWeight, prior: 1.5 },
      assumedPrice: -90,
    };
    expect(issues(bad).sort()).toEqual(
      [
        'flags.ENABLE_PICK_STATE_MACHINE',
        'sports.nfl.overRateBand',
        'slateGuard.minPublishedTotals',
        'slateGuard.maxSideShare',
        'dataIntegrity.lowSampleAction',
        'calibration.dampMin',
        'confidence.softTriggerFactor',
        'skillWeight.prior',
        'assumedPrice',
      ].sort(),
    );
  });

  it('rejects missing and unknown fields (typos must not silently keep a default)', () => {
    const { rcl: _rcl, ...noRcl } = CFG;
    expect(issues(noRcl)).toEqual(['rcl']);
    expect(issues({ ...CFG, stateMachine: { ...CFG.stateMachine, pickEdgePP: 3 } })).toEqual([
      'stateMachine.pickEdgePP',
    ]);
    expect(issues({ ...CFG, sports: { ...CFG.sports, nfll: CFG.sports.nfl } })).toEqual([
      'sports.nfll',
    ]);
    expect(issues(null)).toEqual(['(root)']);
  });

  it('checks relations between fields', () => {
    expect(
      issues({ ...CFG, stateMachine: { noPlayEdgePp: 3, pickEdgePp: 2, pickMinConfidence: 54 } }),
    ).toEqual(['stateMachine.pickEdgePp']);
    expect(issues({ ...CFG, highVariance: { ...CFG.highVariance, zFull: 1 } })).toEqual([
      'highVariance.zFull',
    ]);
    // Confidence is a win probability in percent: a PICK bar or cap below 50 means nothing.
    expect(issues({ ...CFG, marketDeviation: { compression: 0.5, confidenceCap: 40 } })).toEqual([
      'marketDeviation.confidenceCap',
    ]);
  });

  it('resolveSafetyConfig merges overrides and validates them', () => {
    const c = resolveSafetyConfig({
      slateGuard: { maxSideShare: 0.55 },
      flags: { ENABLE_PICK_STATE_MACHINE: false },
    });
    expect(c.slateGuard).toEqual({ ...CFG.slateGuard, maxSideShare: 0.55 });
    expect(disabledFlags(c.flags)).toEqual(['ENABLE_PICK_STATE_MACHINE']);
    expect(CFG.slateGuard.maxSideShare).toBe(0.58);
    expect(() => resolveSafetyConfig({ rcl: { maxBaselineSds: -1 } })).toThrow(
      /rcl.maxBaselineSds/,
    );
  });
});
