/**
 * SPEC R2: realistic closing-day lines of every sport pass verification.
 */
import { describe, expect, it } from 'vitest';
import { verifyGameLines } from '../../../core/integrity';
import {
  BOOKS,
  MLB_GAME,
  NBA_GAME,
  NCAAB_GAME,
  NCAAF_GAME,
  NFL_GAME,
  NHL_GAME,
  expectOk,
  liveInput,
  moneyline,
  only,
  spread,
  total,
} from './helpers';

describe('valid games pass (realistic closing-day lines)', () => {
  it('NFL KC@BUF: totals 48.5 / BUF -2.5 / moneyline, four books', () => {
    const g = NFL_GAME;
    const quotes = [
      total(g, 'draftkings', 48.5, -110, -110),
      total(g, 'fanduel', 48.5, -108, -112),
      total(g, 'betmgm', 48, -115, -105),
      total(g, 'caesars', 48.5, -110, -110),
      spread(g, 'draftkings', -2.5, -115, -105),
      spread(g, 'fanduel', -2.5, -112, -108),
      spread(g, 'betmgm', -3, -105, -115),
      spread(g, 'caesars', -2.5, -110, -110),
      moneyline(g, 'draftkings', -142, 120),
      moneyline(g, 'fanduel', -144, 122),
      moneyline(g, 'betmgm', -140, 118),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['totals', 'spreads', 'h2h']));
    expect(out.map((v) => v.market)).toEqual(['h2h', 'spreads', 'totals']);
    out.forEach(expectOk);
    const t = only(out, 'totals');
    expect(t.consensusPoint).toBe(48.5); // median of 48, 48.5, 48.5, 48.5
    expect(t.books).toBe(4);
    expect(t.notes).toEqual([]);
    expect(t.noVigA! + t.noVigB!).toBeCloseTo(1, 12);
    const s = only(out, 'spreads');
    expect(s.consensusPoint).toBe(-2.5);
    const ml = only(out, 'h2h');
    expect(ml.consensusPoint).toBeNull();
    expect(ml.priceA).toBe(-142);
    expect(ml.priceB).toBe(120);
    expect(ml.noVigA!).toBeGreaterThan(0.5); // BUF favoured at home
    expect(ml.books).toBe(3);
  });

  it('NBA LAL@BOS: total 228.5, BOS -7.5', () => {
    const g = NBA_GAME;
    const quotes = BOOKS.flatMap((b, i) => [
      total(g, b, i === 3 ? 229 : 228.5, -110, -110),
      spread(g, b, -7.5, -110, -110),
    ]);
    const out = verifyGameLines(liveInput(g, quotes, ['spreads', 'totals']));
    out.forEach(expectOk);
    expect(only(out, 'totals').consensusPoint).toBe(228.5);
    expect(only(out, 'spreads').consensusPoint).toBe(-7.5);
  });

  it('MLB NYY@BOS: total 9 (-116/-104), run line BOS -1.5 (+140/-160), moneyline -117/+103', () => {
    const g = MLB_GAME;
    const quotes = [
      total(g, 'draftkings', 9, -116, -104),
      total(g, 'fanduel', 9, -115, -105),
      total(g, 'betmgm', 9, -120, 100),
      spread(g, 'draftkings', -1.5, 140, -160),
      spread(g, 'fanduel', -1.5, 142, -166),
      moneyline(g, 'draftkings', -117, 103),
      moneyline(g, 'fanduel', -118, 100),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['h2h', 'spreads', 'totals']));
    out.forEach(expectOk);
    const t = only(out, 'totals');
    expect(t.consensusPoint).toBe(9);
    expect(t.priceA).toBe(-116);
    expect(t.priceB).toBe(-104);
    // Even count: average in decimal odds of +140 and +142 is 2.41 → +141.
    expect(only(out, 'spreads').priceA).toBe(141);
  });

  it('NHL MTL@TOR: total 6, puck line TOR -1.5 (+105/-125), moneyline -240/+210', () => {
    const g = NHL_GAME;
    const quotes = [
      total(g, 'draftkings', 6, -110, -110),
      total(g, 'fanduel', 6, -105, -115),
      total(g, 'betmgm', 6.5, 120, -140),
      spread(g, 'draftkings', -1.5, 105, -125),
      spread(g, 'fanduel', -1.5, 102, -122),
      moneyline(g, 'draftkings', -240, 210),
      moneyline(g, 'fanduel', -235, 195),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['h2h', 'spreads', 'totals']));
    out.forEach(expectOk);
    expect(only(out, 'totals').consensusPoint).toBe(6);
    expect(only(out, 'spreads').consensusPoint).toBe(-1.5);
  });

  it('NCAAF and NCAAB featured lines within their wider ranges', () => {
    const f = verifyGameLines(
      liveInput(
        NCAAF_GAME,
        [total(NCAAF_GAME, 'dk', 44.5), spread(NCAAF_GAME, 'dk', -3.5)],
        ['totals', 'spreads'],
      ),
    );
    f.forEach(expectOk);
    const b = verifyGameLines(
      liveInput(
        NCAAB_GAME,
        [total(NCAAB_GAME, 'dk', 151.5), spread(NCAAB_GAME, 'dk', 2)],
        ['totals', 'spreads'],
      ),
    );
    b.forEach(expectOk);
  });

  it("a pick'em spread (0 / 0) is valid and never reported as -0", () => {
    const v = only(
      verifyGameLines(
        liveInput(NFL_GAME, [spread(NFL_GAME, 'dk', 0), spread(NFL_GAME, 'fd', -0)], ['spreads']),
      ),
      'spreads',
    );
    expectOk(v);
    expect(Object.is(v.consensusPoint, 0)).toBe(true);
  });
});
