/**
 * SPEC R2: duplicate quotes, order independence and caller errors.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTEGRITY_CONFIG,
  IntegrityInputError,
  verifyGameLines,
  type VerifyInput,
} from '../../../core/integrity';
import {
  NFL_GAME,
  expectOk,
  liveInput,
  minutesBefore,
  moneyline,
  only,
  spread,
  total,
} from './helpers';

describe('duplicates, determinism and input errors', () => {
  const g = NFL_GAME;

  it('a book quoted twice uses its latest quote', () => {
    const quotes = [
      total(g, 'dk', 47, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 40) }),
      total(g, 'dk', 48.5, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 21) }),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.consensusPoint).toBe(48.5);
    expect(v.books).toBe(1);
  });

  it('two different quotes from one book at the same instant make the book invalid', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 47), total(g, 'dk', 48.5)], ['totals'])),
      'totals',
    );
    expect(v.reasons).toEqual(['INVALID_LINE']);
    expect(v.detail[0]).toMatch(/conflicting quotes/);
  });

  it('output does not depend on quote or market order', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 48, -105, -115),
      total(g, 'c', 55.5),
      spread(g, 'a', -2.5),
      moneyline(g, 'b', -140, 120),
      total(g, 'd', 47.5, -110, -110, { lastUpdate: 'bad' }),
    ];
    const forward = verifyGameLines(liveInput(g, quotes, ['totals', 'spreads', 'h2h']));
    const backward = verifyGameLines(
      liveInput(g, [...quotes].reverse(), ['h2h', 'spreads', 'totals', 'h2h']),
    );
    expect(backward).toEqual(forward);
  });

  it('quotes of markets not requested are ignored', () => {
    expect(
      verifyGameLines(liveInput(g, [total(g, 'dk', 300)], ['spreads'])).map((v) => v.market),
    ).toEqual(['spreads']);
  });

  it('throws IntegrityInputError for caller bugs only', () => {
    const base = liveInput(g, [total(g, 'dk', 47.5)], ['totals']);
    const bad: Array<[VerifyInput, string]> = [
      [{ ...base, game: { ...base.game, sport: 'cricket' as never } }, 'INVALID_SPORT'],
      [{ ...base, asOf: 'now' }, 'INVALID_AS_OF'],
      [{ ...base, requestedMarkets: ['player_props' as never] }, 'INVALID_MARKET'],
      [{ ...base, quotes: [{ ...total(g, 'dk', 47.5), gameId: 'nfl:other' }] }, 'GAME_ID_MISMATCH'],
    ];
    for (const [input, code] of bad) {
      expect(() => verifyGameLines(input)).toThrow(IntegrityInputError);
      expect(() => verifyGameLines(input)).toThrow(code);
    }
    expect(() =>
      verifyGameLines(base, { ...DEFAULT_INTEGRITY_CONFIG, outlierMadMultiplier: 0.5 }),
    ).toThrow(/INVALID_CONFIG/);
    expect(() =>
      verifyGameLines(base, { ...DEFAULT_INTEGRITY_CONFIG, maxLineAgeMinutes: Number.NaN }),
    ).toThrow(/INVALID_CONFIG/);
    expect(() =>
      verifyGameLines(base, {
        ...DEFAULT_INTEGRITY_CONFIG,
        perSport: { nfl: { disagreementTolerance: -1 } },
      }),
    ).toThrow(/INVALID_CONFIG/);
  });

  it('an empty request yields no verdicts', () => {
    expect(verifyGameLines(liveInput(g, [total(g, 'dk', 47.5)], []))).toEqual([]);
  });
});
