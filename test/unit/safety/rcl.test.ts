import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { checkRcl } from '../../../core/safety/rcl';
import { SPORT_INFO, SPORTS } from '../../../core/sports';
import { slate } from './helpers/candidates';
import { BASELINES, fakeSim, gameInput, verified } from './helpers/fake-sim';

const nfl = CFG.sports.nfl;

describe('RCL', () => {
  it('passes a projection inside the plausible range and within 3 league SDs', () => {
    expect(checkRcl('g', 47, BASELINES.nfl, nfl, CFG)).toMatchObject({
      passed: true,
      zVsBaseline: 0.3,
    });
  });

  it('fails below or above the plausible range with a reason text', () => {
    const lo = checkRcl('g', 27.9, BASELINES.nfl, nfl, CFG);
    expect(lo).toMatchObject({ passed: false, reason: 'RCL_FAIL' });
    if (!lo.passed) expect(lo.detail).toMatch(/outside plausible range \[28, 65\]/);
    expect(checkRcl('g', 65.1, BASELINES.nfl, nfl, CFG).passed).toBe(false);
  });

  it('fails beyond 3 league SDs of the baseline even inside the plausible range', () => {
    const r = checkRcl(
      'g',
      44 + 3.01 * 10,
      { totalMean: 44, totalSd: 10 },
      { plausibleTotal: [0, 100] },
      CFG,
    );
    expect(r.passed).toBe(false);
    if (!r.passed) expect(r.detail).toMatch(/SDs from league baseline/);
    expect(
      checkRcl('g', 74, { totalMean: 44, totalSd: 10 }, { plausibleTotal: [0, 100] }, CFG).passed,
    ).toBe(true);
  });

  it('fails closed on a non-finite projection or unusable baseline', () => {
    expect(checkRcl('g', Number.NaN, BASELINES.nfl, nfl, CFG).passed).toBe(false);
    expect(checkRcl('g', 45, { totalMean: 44, totalSd: 0 }, nfl, CFG).passed).toBe(false);
  });

  it("uses each sport's SPEC plausible range by default", () => {
    for (const s of SPORTS)
      expect(CFG.sports[s].plausibleTotal).toEqual(SPORT_INFO[s].plausibleTotal);
  });

  it('blocks every market of the game (RCL_FAIL → NO_PLAY, not published)', () => {
    const sim = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: 40,
      awayMean: 30,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [52.5],
      spreadLines: [-7],
    });
    const game = gameInput(
      sim,
      [verified('g1', 'totals', 52.5), verified('g1', 'spreads', -7)],
      CFG,
    );
    const res = classifySlate(slate('nfl', [game]), CFG);
    expect(res.picks).toHaveLength(2);
    for (const d of res.picks) {
      expect(d.state).toBe('NO_PLAY');
      expect(d.reasons).toContain('RCL_FAIL');
      expect(d.publishDecision).toBe(false);
      expect(d.notes.some((n) => n.startsWith('RCL: '))).toBe(true);
    }
  });
});
