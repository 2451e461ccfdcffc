/** The grades of published picks (core/pipeline/grade-picks.ts). */
import { describe, expect, it } from 'vitest';
import { gradePick, GradingError } from '../../../core/grading';
import { gradePicks } from '../../../core/pipeline/grade-picks';
import type { StoredUngradedPick } from '../../../core/pipeline/stored-rows';

function pick(over: Partial<StoredUngradedPick>): StoredUngradedPick {
  return {
    id: '1',
    market_type: 'totals',
    line_key: '',
    side: 'OVER',
    line: 44.5,
    price: -110,
    game_id: 'g1',
    home_score: 24,
    away_score: 21,
    ...over,
  };
}

describe('gradePicks', () => {
  it('grades each pick at its line and price, keyed by pick and final score', () => {
    const picks = [
      pick({ id: '1' }),
      pick({ id: '2', side: 'UNDER', price: 120 }),
      pick({ id: '3', market_type: 'spreads', side: 'HOME', line: -2.5 }),
      pick({
        id: '4',
        market_type: 'spreads',
        side: 'AWAY',
        line: 3,
        home_score: 20,
        away_score: 17,
      }),
      pick({ id: '5', market_type: 'team_totals', line_key: 'home:24', line: 24 }),
      pick({ id: '6', market_type: 'alternate_totals', line_key: '47.5', line: 47.5, price: null }),
    ];
    const grades = gradePicks(picks);
    expect(grades.map((g) => [g.pickId, g.result])).toEqual([
      ['1', 'win'],
      ['2', 'loss'],
      ['3', 'win'],
      ['4', 'push'],
      ['5', 'push'],
      ['6', 'loss'],
    ]);
    expect(grades[0]).toEqual({
      pickId: '1',
      gameId: 'g1',
      homeScore: 24,
      awayScore: 21,
      ...gradePick({
        market: 'totals',
        side: 'OVER',
        line: 44.5,
        price: -110,
        homeScore: 24,
        awayScore: 21,
      }),
    });
  });

  it('a team total whose line key names no side stays ungraded; the others are graded', () => {
    const grades = gradePicks([
      pick({ id: '1', market_type: 'team_totals', line_key: 'KC:26.5', line: 26.5 }),
      pick({ id: '2', market_type: 'team_totals', line_key: 'away:20.5', line: 20.5 }),
    ]);
    expect(grades.map((g) => [g.pickId, g.result])).toEqual([['2', 'win']]);
  });

  it('a pick no final score can settle fails the grading (GradingError)', () => {
    expect(() => gradePicks([pick({ side: 'HOME' })])).toThrow(GradingError);
  });
});
