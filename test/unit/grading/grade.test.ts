/** gradePick against hand-worked final scores (R11). */
import { describe, expect, it } from 'vitest';
import { GradingError, gradePick, isGradableMarket, profitPerUnit } from '../../../core/grading';

const score = { homeScore: 27, awayScore: 20 };

describe('gradePick', () => {
  it('totals: over/under against home + away, push on the number', () => {
    expect(
      gradePick({ market: 'totals', side: 'OVER', line: 46.5, price: -110, ...score }),
    ).toEqual({
      result: 'win',
      units: 100 / 110,
    });
    expect(
      gradePick({ market: 'totals', side: 'UNDER', line: 46.5, price: 120, ...score }),
    ).toEqual({
      result: 'loss',
      units: -1,
    });
    expect(
      gradePick({ market: 'totals', side: 'OVER', line: 47, price: null, ...score }).result,
    ).toBe('push');
  });

  it('spreads: the line is the side own handicap', () => {
    // Home −6.5 wins by 7: covers; away +6.5 does not; home −7 pushes.
    expect(
      gradePick({ market: 'spreads', side: 'HOME', line: -6.5, price: 150, ...score }),
    ).toEqual({
      result: 'win',
      units: 1.5,
    });
    expect(
      gradePick({ market: 'spreads', side: 'AWAY', line: 6.5, price: null, ...score }).result,
    ).toBe('loss');
    expect(
      gradePick({ market: 'spreads', side: 'HOME', line: -7, price: null, ...score }).result,
    ).toBe('push');
  });

  it('team totals count only the named team', () => {
    const tt = { market: 'team_totals', price: -110, ...score } as const;
    expect(gradePick({ ...tt, side: 'OVER', line: 24.5, team: 'home' }).result).toBe('win');
    expect(gradePick({ ...tt, side: 'OVER', line: 24.5, team: 'away' }).result).toBe('loss');
    expect(gradePick({ ...tt, side: 'UNDER', line: 20, team: 'away' }).result).toBe('push');
    expect(gradePick({ ...tt, side: 'UNDER', line: 20.5, team: 'away' }).result).toBe('win');
    expect(() => gradePick({ ...tt, side: 'OVER', line: 24.5 })).toThrow(GradingError);
    expect(() => gradePick({ ...tt, side: 'HOME', line: 24.5, team: 'home' })).toThrow(
      GradingError,
    );
  });

  it('alternate totals settle like the main total, at their own line', () => {
    const alt = { market: 'alternate_totals', ...score } as const; // total 47
    expect(gradePick({ ...alt, side: 'OVER', line: 43.5, price: -250 })).toEqual({
      result: 'win',
      units: 100 / 250,
    });
    expect(gradePick({ ...alt, side: 'UNDER', line: 50.5, price: 180 })).toEqual({
      result: 'win',
      units: 1.8,
    });
    expect(gradePick({ ...alt, side: 'OVER', line: 50.5, price: 180 }).result).toBe('loss');
    expect(gradePick({ ...alt, side: 'UNDER', line: 47, price: null }).result).toBe('push');
    expect(() => gradePick({ ...alt, side: 'HOME', line: 47, price: null })).toThrow(
      /alternate_totals/,
    );
  });

  it('rejects what it cannot settle', () => {
    expect(isGradableMarket('team_totals')).toBe(true);
    expect(isGradableMarket('alternate_totals')).toBe(true);
    expect(isGradableMarket('totals_q1')).toBe(false);
    expect(isGradableMarket('totals_h1')).toBe(false);
    expect(() =>
      gradePick({ market: 'totals_h1', side: 'OVER', line: 20, price: null, ...score }),
    ).toThrow(GradingError);
    expect(() =>
      gradePick({ market: 'totals', side: 'HOME', line: 40, price: null, ...score }),
    ).toThrow(GradingError);
    expect(() => profitPerUnit(50)).toThrow(GradingError);
  });
});
