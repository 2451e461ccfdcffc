import { describe, expect, it } from 'vitest';
import { earnedFigures, type PricedLine } from '../../../core/report/earned';

const base: PricedLine = {
  market: 'totals',
  slateDate: '2018-01-10',
  season: 2017,
  state: 'PICK',
  side: 'OVER',
  line: 5.5,
  price: -110,
  pPub: 0.55,
  q: 0.5,
  pRaw: 0.6,
  pCorrected: 0.6,
  skillWeight: 0.5,
  confidence: 55,
  edgePp: 5,
  triggers: [],
  pricedLines: 'open',
  closePointA: 6,
  closeNoVigA: 0.52,
  homeScore: 4,
  awayScore: 3,
};

describe('closing-line value', () => {
  it('measures how far the close moved toward each pick, per state', () => {
    const f = earnedFigures([
      base, // Over 5.5, closed 6: +0.5 toward
      { ...base, side: 'UNDER', q: 0.5, closePointA: 5.5, closeNoVigA: 0.45 }, // unmoved; Under 0.55 → +0.05
      { ...base, market: 'spreads', side: 'HOME', line: -3, closePointA: -4 }, // home −3 → −4: +1 toward
      { ...base, market: 'spreads', side: 'AWAY', line: 3, closePointA: -2, state: 'LEAN' }, // away +3 → +2: +1
      { ...base, market: 'spreads', side: 'AWAY', line: 3, closePointA: -4, state: 'LEAN' }, // away +3 → +4: −1
    ]);
    expect(f.clv?.PICK).toMatchObject({ n: 3, towardShare: 2 / 3, unmovedShare: 1 / 3 });
    expect(f.clv?.PICK.meanMovePts).toBeCloseTo((0.5 + 0 + 1) / 3, 12);
    expect(f.clv?.PICK.nSameLine).toBe(1);
    expect(f.clv?.PICK.meanMoveProb).toBeCloseTo(0.05, 12);
    expect(f.clv?.LEAN).toMatchObject({ n: 2, towardShare: 0.5, meanMovePts: 0 });
  });

  it('is null when no line was priced on opening lines', () => {
    expect(earnedFigures([{ ...base, pricedLines: 'close' }]).clv).toBeNull();
  });
});
