/**
 * SPEC R2: one realistic game per reason code.
 */
import { describe, expect, it } from 'vitest';
import { verifyGameLines } from '../../../core/integrity';
import {
  MLB_GAME,
  NBA_GAME,
  NFL_GAME,
  NHL_GAME,
  expectOk,
  liveInput,
  minutesAfter,
  minutesBefore,
  only,
  spread,
  total,
} from './helpers';

describe('one game per reason code', () => {
  it('MISSING_LINE: NFL game with spreads but no book offering totals', () => {
    const g = NFL_GAME;
    const out = verifyGameLines(
      liveInput(g, [spread(g, 'draftkings', -2.5)], ['totals', 'spreads']),
    );
    const t = only(out, 'totals');
    expect(t.ok).toBe(false);
    expect(t.reasons).toEqual(['MISSING_LINE']);
    expect(t.consensusPoint).toBeNull();
    expect(t.priceA).toBeNull();
    expect(t.books).toBe(0);
    expect(t.detail).toEqual(['no bookmaker offers totals']);
    expectOk(only(out, 'spreads'));
  });

  it('STALE_LINE: NBA live run where every book last moved 2 hours before asOf', () => {
    const g = NBA_GAME;
    const old = minutesBefore(g.commenceTime, 140);
    const out = verifyGameLines(
      liveInput(
        g,
        [
          total(g, 'dk', 228.5, -110, -110, { lastUpdate: old }),
          total(g, 'fd', 228.5, -110, -110, { lastUpdate: old }),
        ],
        ['totals'],
      ),
    );
    const t = only(out, 'totals');
    expect(t.reasons).toEqual(['STALE_LINE']);
    expect(t.detail[0]).toMatch(/all 2 books older than 30 min/);
    // Consensus is still recorded for the audit row.
    expect(t.consensusPoint).toBe(228.5);
    expect(t.books).toBe(2);
  });

  it('INVALID_LINE: NFL total 84.5 (outside 28-65) at the only book', () => {
    const t = only(
      verifyGameLines(liveInput(NFL_GAME, [total(NFL_GAME, 'dk', 84.5)], ['totals'])),
      'totals',
    );
    expect(t.reasons).toEqual(['INVALID_LINE']);
    expect(t.detail).toContain('book dk: total 84.5 outside nfl plausible range 28-65');
    expect(t.notes).toEqual([]);
    expect(t.consensusPoint).toBeNull();
    expect(t.noVigA).toBeNull();
  });

  it('GAME_STARTED: live MLB run 10 minutes after first pitch', () => {
    const g = MLB_GAME;
    const input = liveInput(
      g,
      [total(g, 'dk', 8.5, -110, -110, { lastUpdate: g.commenceTime })],
      ['totals'],
      { asOf: minutesAfter(g.commenceTime, 10) },
    );
    const t = only(verifyGameLines(input), 'totals');
    expect(t.reasons).toEqual(['GAME_STARTED']);
    expect(t.detail[0]).toMatch(/game started at 2023-07-14T23:10:00.000Z/);
  });

  it('MARKET_DISAGREEMENT: NBA books at 224.5 and 228.5 (range 4 > tolerance 3)', () => {
    const g = NBA_GAME;
    const t = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 224.5), total(g, 'fd', 228.5)], ['totals'])),
      'totals',
    );
    expect(t.reasons).toEqual(['MARKET_DISAGREEMENT']);
    expect(t.detail).toEqual([
      "books' totals points range 224.5 to 228.5 (4) exceeds nba tolerance 3",
    ]);
    expect(t.consensusPoint).toBe(226.5);
  });

  it('NO_MARKET: NBA first-quarter total requested, no book quotes it', () => {
    const g = NBA_GAME;
    const t = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 228.5)], ['totals_q1'])),
      'totals_q1',
    );
    expect(t.reasons).toEqual(['NO_MARKET']);
    expect(t.consensusPoint).toBeNull();
  });

  it('INVALID_PAYLOAD: NHL game whose commenceTime is not an instant (never throws)', () => {
    const g = { ...NHL_GAME, commenceTime: 'tonight' };
    const t = only(
      verifyGameLines({
        game: g,
        quotes: [total(NHL_GAME, 'dk', 6)],
        asOf: '2023-11-11T23:00:00.000Z',
        live: true,
        requestedMarkets: ['totals'],
        enabled: true,
      }),
      'totals',
    );
    expect(t.reasons).toEqual(['INVALID_PAYLOAD']);
  });
});
