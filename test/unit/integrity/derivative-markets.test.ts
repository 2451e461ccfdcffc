/**
 * SPEC R2b: derivative markets are never derived from the full-game line.
 */
import { describe, expect, it } from 'vitest';
import { verifyGameLines } from '../../../core/integrity';
import type { MarketQuote } from '../../../core/types';
import {
  MLB_GAME,
  NBA_GAME,
  NFL_GAME,
  NHL_GAME,
  expectOk,
  liveInput,
  only,
  quote,
  total,
} from './helpers';

describe('R2b: derivative markets are never derived', () => {
  it('totals_h1 with only the full-game total present → NO_MARKET (not half of 48.5)', () => {
    const g = NFL_GAME;
    const out = verifyGameLines(
      liveInput(g, [total(g, 'dk', 48.5), total(g, 'fd', 48.5)], ['totals', 'totals_h1']),
    );
    expectOk(only(out, 'totals'));
    const h1 = only(out, 'totals_h1');
    expect(h1.ok).toBe(false);
    expect(h1.reasons).toEqual(['NO_MARKET']);
    expect(h1.consensusPoint).toBeNull();
    expect(h1.priceA).toBeNull();
    expect(h1.notes).toEqual([]);
  });

  it('a market the sport cannot price is NO_MARKET even when a book quotes it', () => {
    const g = NFL_GAME;
    const q = quote(g, {
      bookmaker: 'dk',
      market: 'totals_q1',
      pointA: 10.5,
      pointB: 10.5,
      priceA: -110,
      priceB: -110,
    });
    const v = only(verifyGameLines(liveInput(g, [q], ['totals_q1'])), 'totals_q1');
    expect(v.reasons).toEqual(['NO_MARKET']);
    expect(v.detail).toEqual(['nfl cannot price totals_q1 (not among its derivative markets)']);
  });

  it('a real NBA first-quarter line is priced', () => {
    const g = NBA_GAME;
    const q = quote(g, {
      bookmaker: 'dk',
      market: 'totals_q1',
      pointA: 57.5,
      pointB: 57.5,
      priceA: -110,
      priceB: -110,
    });
    const v = only(verifyGameLines(liveInput(g, [q], ['totals_q1'])), 'totals_q1');
    expectOk(v);
    expect(v.consensusPoint).toBe(57.5);
  });

  it('MLB first five innings and NHL first period need their own lines', () => {
    const mlb = verifyGameLines(
      liveInput(MLB_GAME, [total(MLB_GAME, 'dk', 9)], ['totals_1st_5_innings']),
    );
    expect(only(mlb, 'totals_1st_5_innings').reasons).toEqual(['NO_MARKET']);
    const nhl = verifyGameLines(liveInput(NHL_GAME, [total(NHL_GAME, 'dk', 6)], ['totals_p1']));
    expect(only(nhl, 'totals_p1').reasons).toEqual(['NO_MARKET']);
  });

  it('alternate_totals / team_totals: one verdict per lineKey, sorted by (market, lineKey)', () => {
    const g = NFL_GAME;
    const alt = (book: string, point: number): MarketQuote =>
      quote(g, {
        bookmaker: book,
        market: 'alternate_totals',
        lineKey: `${point}`,
        pointA: point,
        pointB: point,
        priceA: point > 48 ? 130 : -150,
        priceB: point > 48 ? -160 : 120,
      });
    const team = (book: string, side: string, point: number): MarketQuote =>
      quote(g, {
        bookmaker: book,
        market: 'team_totals',
        lineKey: side,
        pointA: point,
        pointB: point,
        priceA: -115,
        priceB: -105,
      });
    const quotes = [
      alt('dk', 51.5),
      alt('fd', 45.5),
      alt('dk', 45.5),
      team('dk', 'home', 25.5),
      team('fd', 'home', 25.5),
      team('dk', 'away', 23.5),
      total(g, 'dk', 48.5),
    ];
    const out = verifyGameLines(
      liveInput(g, quotes, ['team_totals', 'totals', 'alternate_totals', 'totals_h1']),
    );
    expect(out.map((v) => `${v.market}/${v.lineKey}`)).toEqual([
      'alternate_totals/45.5',
      'alternate_totals/51.5',
      'team_totals/away',
      'team_totals/home',
      'totals/',
      'totals_h1/',
    ]);
    expect(only(out, 'alternate_totals', '45.5').books).toBe(2);
    expect(only(out, 'team_totals', 'home').consensusPoint).toBe(25.5);
    expect(out.filter((v) => v.ok)).toHaveLength(5);
  });

  it('alternate_totals with no quotes at all → one NO_MARKET verdict with lineKey ""', () => {
    const out = verifyGameLines(liveInput(NFL_GAME, [], ['alternate_totals']));
    expect(out).toHaveLength(1);
    expect(out[0]?.lineKey).toBe('');
    expect(out[0]?.reasons).toEqual(['NO_MARKET']);
  });
});
