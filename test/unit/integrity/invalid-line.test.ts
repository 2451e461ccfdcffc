/**
 * SPEC R2: INVALID_LINE per book, alone and next to a valid book; derivative and price bounds.
 */
import { describe, expect, it } from 'vitest';
import { verifyGameLines } from '../../../core/integrity';
import type { MarketQuote } from '../../../core/types';
import { NFL_GAME, expectOk, liveInput, moneyline, only, quote, spread, total } from './helpers';

describe('INVALID_LINE per book', () => {
  const g = NFL_GAME;
  const cases: ReadonlyArray<[string, MarketQuote, RegExp]> = [
    ['total below range', total(g, 'x', 27.5), /outside nfl plausible range/],
    ['point off the half-point grid', total(g, 'x', 47.25), /not on the half-point grid/],
    [
      'over/under points differ',
      quote(g, {
        bookmaker: 'x',
        market: 'totals',
        pointA: 47.5,
        pointB: 48,
        priceA: -110,
        priceB: -110,
      }),
      /over\/under points differ \(47.5 vs 48\)/,
    ],
    [
      'over point missing',
      quote(g, {
        bookmaker: 'x',
        market: 'totals',
        pointA: null,
        pointB: 48,
        priceA: -110,
        priceB: -110,
      }),
      /must be finite/,
    ],
    ['NaN point', total(g, 'x', Number.NaN), /must be finite numbers \(NaN vs NaN\)/],
    ['Infinity point', total(g, 'x', Number.POSITIVE_INFINITY), /must be finite/],
    [
      'price with |price| < 100',
      total(g, 'x', 47.5, -95, -110),
      /over price -95 is not an American price/,
    ],
    [
      'price above 10000',
      total(g, 'x', 47.5, -110, 20000),
      /under price 20000 is not an American price/,
    ],
    ['NaN price', total(g, 'x', 47.5, Number.NaN, -110), /over price NaN/],
    [
      '-Infinity price',
      total(g, 'x', 47.5, -110, Number.NEGATIVE_INFINITY),
      /under price -Infinity/,
    ],
    ['spread beyond max', spread(g, 'x', -31.5), /spread -31.5 beyond nfl maximum ±30/],
    [
      'spread handicaps do not mirror',
      quote(g, {
        bookmaker: 'x',
        market: 'spreads',
        pointA: -3,
        pointB: 3.5,
        priceA: -110,
        priceB: -110,
      }),
      /do not mirror \(-3 vs 3.5\)/,
    ],
    ['spread off grid', spread(g, 'x', -2.75), /spread -2.75 is not on the half-point grid/],
    [
      'unparsable lastUpdate',
      total(g, 'x', 47.5, -110, -110, { lastUpdate: 'yesterday' }),
      /lastUpdate "yesterday" is not an ISO-8601 instant/,
    ],
    [
      'zone-less lastUpdate',
      total(g, 'x', 47.5, -110, -110, { lastUpdate: '2023-12-10T21:00:00' }),
      /not an ISO-8601 instant/,
    ],
    ['moneyline missing a side', moneyline(g, 'x', -142, null), /moneyline needs both prices/],
    ['moneyline price 50', moneyline(g, 'x', -142, 50), /away price 50/],
  ];

  it.each(cases)('%s: the only book → INVALID_LINE with detail', (_name, q, detail) => {
    const v = only(verifyGameLines(liveInput(g, [q], [q.market])), q.market);
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual(['INVALID_LINE']);
    expect(
      v.detail.some((d) => detail.test(d)),
      v.detail.join('\n'),
    ).toBe(true);
    expect(v.books).toBe(0);
  });

  it.each(cases)('%s: next to a valid book → dropped with a note, market ok', (_name, q) => {
    const good =
      q.market === 'totals'
        ? total(g, 'good', 47.5)
        : q.market === 'spreads'
          ? spread(g, 'good', -2.5)
          : moneyline(g, 'good', -142, 120);
    const v = only(verifyGameLines(liveInput(g, [q, good], [q.market])), q.market);
    expectOk(v);
    expect(v.notes).toEqual(['INVALID_BOOK_DROPPED:x']);
    expect(v.books).toBe(1);
  });

  it('derivative totals: 1H total only bounded by (0, full-game max]', () => {
    const ok = verifyGameLines(
      liveInput(
        g,
        [
          quote(g, {
            bookmaker: 'dk',
            market: 'totals_h1',
            pointA: 23.5,
            pointB: 23.5,
            priceA: -110,
            priceB: -110,
          }),
        ],
        ['totals_h1'],
      ),
    );
    expectOk(only(ok, 'totals_h1'));
    const bad = verifyGameLines(
      liveInput(
        g,
        [
          quote(g, {
            bookmaker: 'dk',
            market: 'totals_h1',
            pointA: 0,
            pointB: 0,
            priceA: -110,
            priceB: -110,
          }),
        ],
        ['totals_h1'],
      ),
    );
    expect(only(bad, 'totals_h1').reasons).toEqual(['INVALID_LINE']);
  });

  it('prices at the limits (±100, ±10000) are valid', () => {
    expectOk(
      only(verifyGameLines(liveInput(g, [moneyline(g, 'dk', -10000, 10000)], ['h2h'])), 'h2h'),
    );
    expectOk(
      only(verifyGameLines(liveInput(g, [total(g, 'dk', 47.5, 100, -100)], ['totals'])), 'totals'),
    );
  });
});
