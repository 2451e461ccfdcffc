import { describe, expect, it } from 'vitest';
import { noPlayReasonCounts, stateShares, summarizeMarket } from '../../../core/report';

const WIN_AT_110 = 100 / 110;

describe('stateShares', () => {
  it('divides by all rows; the shares sum to 1', () => {
    const rows = [
      { state: 'PICK' as const, reasons: [] },
      { state: 'LEAN' as const, reasons: [] },
      { state: 'NO_PLAY' as const, reasons: ['EDGE_TOO_SMALL'] },
      { state: 'NO_PLAY' as const, reasons: ['MISSING_LINE'] },
    ];
    const s = stateShares(rows);
    expect(s).toEqual({ PICK: 0.25, LEAN: 0.25, NO_PLAY: 0.5 });
    expect(s.PICK! + s.LEAN! + s.NO_PLAY!).toBe(1);
    expect(stateShares([])).toEqual({ PICK: null, LEAN: null, NO_PLAY: null });
  });
});

describe('noPlayReasonCounts', () => {
  it('counts each reason once per NO_PLAY row, most frequent first then by name', () => {
    const counts = noPlayReasonCounts([
      { state: 'NO_PLAY', reasons: ['STALE_LINE', 'MISSING_LINE'] },
      { state: 'NO_PLAY', reasons: ['MISSING_LINE', 'MISSING_LINE'] },
      { state: 'NO_PLAY', reasons: ['EDGE_TOO_SMALL'] },
      { state: 'NO_PLAY', reasons: ['EDGE_TOO_SMALL'] },
      { state: 'LEAN', reasons: ['IGNORED_ON_PUBLISHED_ROWS'] },
    ]);
    expect(Object.entries(counts)).toEqual([
      ['EDGE_TOO_SMALL', 2],
      ['MISSING_LINE', 2],
      ['STALE_LINE', 1],
    ]);
  });
});

describe('summarizeMarket', () => {
  it('splits sides over all published picks and rates over graded ones (hand computed)', () => {
    const m = summarizeMarket(
      [
        { side: 'OVER', result: 'win', units: WIN_AT_110 },
        { side: 'OVER', result: 'loss', units: -1 },
        { side: 'UNDER', result: 'push', units: 0 },
        { side: 'OVER', result: null, units: null },
      ],
      'OVER',
    );
    expect(m.picks).toBe(4);
    expect(m.overShare).toBe(0.75);
    expect(m.winRate).toBe(0.5); // 1 win / (1 win + 1 loss): pushes do not count
    expect(m.pushRate).toBeCloseTo(1 / 3, 12); // 1 push / 3 graded
    expect(m.roiAtPrice).toBeCloseTo((WIN_AT_110 - 1) / 3, 12);
  });

  it('is all null but picks without published picks', () => {
    expect(summarizeMarket([], 'HOME')).toEqual({
      picks: 0,
      overShare: null,
      winRate: null,
      pushRate: null,
      roiAtPrice: null,
    });
  });
});
