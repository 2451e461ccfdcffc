/**
 * SPEC R2: outlier books, market disagreement, the consensus point and consensus prices.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTEGRITY_CONFIG, verifyGameLines } from '../../../core/integrity';
import { NFL_GAME, expectOk, liveInput, only, spread, total } from './helpers';

describe('outliers and disagreement', () => {
  const g = NFL_GAME;

  it('drops a lone book far from agreeing books (MAD = 0 uses the floor)', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 47.5),
      total(g, 'c', 47.5),
      total(g, 'd', 47.5),
      total(g, 'typo', 57.5),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.notes).toEqual(['OUTLIER_BOOK_DROPPED:typo']);
    expect(v.books).toBe(4);
    expect(v.consensusPoint).toBe(47.5);
    expect(v.detail).toContain('book typo: point 57.5 is 10 from median 47.5 (> 1)');
  });

  it('identical books plus a half-point mover: nothing is dropped', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 47.5),
      total(g, 'c', 47.5),
      total(g, 'd', 48.5),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.notes).toEqual([]);
    expect(v.books).toBe(4);
  });

  it('two books cannot outvote each other: no outlier, MARKET_DISAGREEMENT', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 44.5), total(g, 'b', 51.5)], ['totals'])),
      'totals',
    );
    expect(v.notes).toEqual([]);
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });

  it('widely scattered books (MAD large) are all kept and disagree', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 44), total(g, 'b', 47.5), total(g, 'c', 51)], ['totals']),
      ),
      'totals',
    );
    expect(v.notes).toEqual([]);
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });

  it('range equal to the tolerance still agrees', () => {
    expectOk(
      only(
        verifyGameLines(liveInput(g, [total(g, 'a', 46.5), total(g, 'b', 48.5)], ['totals'])),
        'totals',
      ),
    );
  });

  it('spreads use the home handicap', () => {
    const v = only(
      verifyGameLines(
        liveInput(
          g,
          [spread(g, 'a', -2.5), spread(g, 'b', -3), spread(g, 'c', -3), spread(g, 'd', 7)],
          ['spreads'],
        ),
      ),
      'spreads',
    );
    expect(v.notes).toEqual(['OUTLIER_BOOK_DROPPED:d']);
    expect(v.consensusPoint).toBe(-3);
    expectOk(v);
  });

  it('per-sport tolerance override', () => {
    const input = liveInput(g, [total(g, 'a', 46.5), total(g, 'b', 48.5)], ['totals']);
    const v = only(
      verifyGameLines(input, {
        ...DEFAULT_INTEGRITY_CONFIG,
        perSport: { nfl: { disagreementTolerance: 1 } },
      }),
      'totals',
    );
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });
});

describe('consensus and prices', () => {
  const g = NFL_GAME;

  it('median of an even number of books averages the middle two', () => {
    const quotes = [
      total(g, 'a', 47, -105, -115),
      total(g, 'b', 48.5, -110, -110),
      total(g, 'c', 47.5, -110, -110),
      total(g, 'd', 48, -115, -105),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.consensusPoint).toBe(47.75);
    // Over prices in decimal: 1.952, 1.909, 1.909, 1.870 → middle two both −110.
    expect(v.priceA).toBe(-110);
    expect(v.priceB).toBe(-110);
  });

  it('even-count price median crosses ±100 through decimal odds (−105 & +105 → +100.12)', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 47.5, -105, -115), total(g, 'b', 47.5, 105, -125)], ['totals']),
      ),
      'totals',
    );
    // decimals 1.95238 and 2.05 → 2.00119 → +100.12 (an American average would give 0).
    expect(v.priceA).toBe(100.12);
  });

  it('ASSUMED_PRICE: no book priced the total → −110/−110 and no-vig 0.5/0.5', () => {
    const v = only(
      verifyGameLines(
        liveInput(
          g,
          [total(g, 'a', 47.5, null, null), total(g, 'b', 47.5, null, null)],
          ['totals'],
        ),
      ),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual(['ASSUMED_PRICE']);
    expect([v.priceA, v.priceB, v.noVigA, v.noVigB]).toEqual([-110, -110, 0.5, 0.5]);
    expect(v.consensusPoint).toBe(47.5);
  });

  it('one-sided prices are ignored (detail) and real prices of other books are used', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 47.5, -120, null), total(g, 'b', 47.5, -120, 100)], ['totals']),
      ),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual([]);
    expect(v.detail).toContain('book a: only the over side is priced; prices ignored');
    expect([v.priceA, v.priceB]).toEqual([-120, 100]);
    expect(v.noVigA).toBeCloseTo(12 / 23, 12);
  });

  it('only one-sided prices anywhere → ASSUMED_PRICE', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 47.5, null, -130)], ['totals'])),
      'totals',
    );
    expect(v.notes).toEqual(['ASSUMED_PRICE']);
    expect(v.priceB).toBe(-110);
  });

  it('no-vig of the consensus prices sums to 1', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 47.5, -125, 105)], ['totals'])),
      'totals',
    );
    expect(v.noVigA! + v.noVigB!).toBe(1);
  });
});
