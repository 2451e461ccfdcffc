/** Which markets the verify step checks per game (R2b: priced only where a book offers them). */
import { describe, expect, it } from 'vitest';
import { gameMarkets, slateMarkets } from '../../core/config';

describe('gameMarkets', () => {
  it('is the slate markets when a game has only featured quotes', () => {
    expect(gameMarkets('nfl', ['totals', 'spreads', 'h2h'])).toEqual(slateMarkets('nfl'));
    expect(slateMarkets('nfl')).toEqual(['totals', 'spreads', 'h2h', 'totals_h1']);
  });

  it('adds the derivative markets a book quotes, once, and never one the sport lacks', () => {
    expect(
      gameMarkets('nba', ['totals', 'team_totals', 'team_totals', 'alternate_totals', 'totals_h1']),
    ).toEqual(['totals', 'spreads', 'h2h', 'totals_h1', 'alternate_totals', 'team_totals']);
    expect(gameMarkets('mlb', ['totals_h1', 'team_totals'])).toEqual([
      'totals',
      'spreads',
      'h2h',
      'totals_1st_5_innings',
      'team_totals',
    ]);
    expect(gameMarkets('nhl', ['totals_p2'])).toContain('totals_p2');
  });
});
