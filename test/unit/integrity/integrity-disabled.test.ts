/**
 * SPEC R2: with ENABLE_MARKET_INTEGRITY off, quality checks are recorded, not blocking.
 */
import { describe, expect, it } from 'vitest';
import { verifyGameLines } from '../../../core/integrity';
import {
  NBA_GAME,
  expectOk,
  liveInput,
  minutesAfter,
  minutesBefore,
  only,
  spread,
  total,
} from './helpers';

describe('enabled = false (ENABLE_MARKET_INTEGRITY off)', () => {
  const g = NBA_GAME;

  it('quality checks stop blocking but are recorded as WOULD_BLOCK notes', () => {
    const old = minutesBefore(g.commenceTime, 300);
    const quotes = [
      total(g, 'dk', 224.5, -110, -110, { lastUpdate: old }),
      total(g, 'fd', 228.5, -110, -110, { lastUpdate: old }),
    ];
    const v = only(
      verifyGameLines(
        liveInput(g, quotes, ['totals'], { enabled: false, asOf: minutesAfter(g.commenceTime, 5) }),
      ),
      'totals',
    );
    expect(v.ok).toBe(true);
    expect(v.reasons).toEqual([]);
    expect(v.notes).toEqual([
      'INTEGRITY_DISABLED',
      'WOULD_BLOCK:GAME_STARTED',
      'WOULD_BLOCK:MARKET_DISAGREEMENT',
      'WOULD_BLOCK:STALE_LINE',
    ]);
    expect(v.consensusPoint).toBe(226.5);
    expect(v.noVigA).toBe(0.5);
  });

  it('a clean market just carries the INTEGRITY_DISABLED note', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 228.5)], ['totals'], { enabled: false })),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual(['INTEGRITY_DISABLED']);
  });

  it('with no line at all there is nothing to price: MISSING_LINE / NO_MARKET / INVALID_LINE still block', () => {
    const out = verifyGameLines(
      liveInput(g, [spread(g, 'dk', 99)], ['totals', 'totals_h1', 'spreads'], { enabled: false }),
    );
    expect(only(out, 'totals').reasons).toEqual(['MISSING_LINE']);
    expect(only(out, 'totals_h1').reasons).toEqual(['NO_MARKET']);
    expect(only(out, 'spreads').reasons).toEqual(['INVALID_LINE']);
    for (const v of out) expect(v.notes).toContain('INTEGRITY_DISABLED');
  });
});
