/** The report's `skillNotEstablished`: lines held back because the skill was not established. */
import { describe, expect, it } from 'vitest';
import { earnedFigures, type PricedLine } from '../../../core/report/earned';

const base: PricedLine = {
  market: 'totals',
  slateDate: '2018-01-10',
  season: 2017,
  state: 'NO_PLAY',
  side: 'OVER',
  line: 5.5,
  price: -110,
  pPub: 0.54,
  q: 0.5,
  pRaw: 0.7,
  pCorrected: 0.7,
  skillWeight: 0.2,
  confidence: 54,
  edgePp: 4,
  triggers: [],
  reasons: ['SKILL_NOT_ESTABLISHED'],
  homeScore: 4,
  awayScore: 3, // 7 goals: the Over 5.5 wins
};

describe('lines held back, skill not established', () => {
  it('counts NO_PLAY SKILL_NOT_ESTABLISHED and LEAN with that trigger, nothing else', () => {
    const f = earnedFigures([
      base, // held: NO_PLAY, won
      { ...base, side: 'UNDER' }, // held: NO_PLAY, lost
      { ...base, state: 'LEAN', reasons: [], triggers: ['SKILL_NOT_ESTABLISHED'] }, // held: LEAN, won
      { ...base, reasons: ['EDGE_TOO_SMALL'], edgePp: 1 }, // a small edge: not held back
      { ...base, state: 'LEAN', reasons: [] }, // an ordinary LEAN
    ]);
    expect(f.skillNotEstablished).toMatchObject({ n: 3, winRate: 2 / 3 });
    expect(f.skillNotEstablished?.statedWinRate).toBeCloseTo(0.54, 12);
    // The held-back NO_PLAYs are still graded as NO_PLAY: calibration covers every priced line.
    expect(f.byState.NO_PLAY.n).toBe(3);
    expect(f.byState.LEAN.n).toBe(2);
  });
});
