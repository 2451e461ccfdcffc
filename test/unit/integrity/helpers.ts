/**
 * Shared fixtures of the line-verification tests (SPEC R2 + R2b): quote builders with sensible
 * defaults, one realistic game per sport, a live-run input and verdict assertions.
 */
import { expect } from 'vitest';
import type { MarketVerdict, VerifyInput } from '../../../core/integrity';
import type { MarketKey, Sport } from '../../../core/sports';
import type { MarketQuote } from '../../../core/types';

export interface GameFixture {
  readonly gameId: string;
  readonly sport: Sport;
  readonly commenceTime: string;
}

/** Quote with sensible defaults; `lastUpdate` defaults to 25 minutes before kickoff (5 min before the live asOf). */
export function quote(
  game: GameFixture,
  over: Partial<MarketQuote> & Pick<MarketQuote, 'bookmaker' | 'market'>,
): MarketQuote {
  return {
    gameId: game.gameId,
    lineKey: '',
    pointA: null,
    priceA: null,
    pointB: null,
    priceB: null,
    lastUpdate: minutesBefore(game.commenceTime, 25),
    ...over,
  };
}

/** Totals quote (a = over, b = under). */
export function total(
  game: GameFixture,
  bookmaker: string,
  point: number,
  priceA: number | null = -110,
  priceB: number | null = -110,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, {
    bookmaker,
    market: 'totals',
    pointA: point,
    pointB: point,
    priceA,
    priceB,
    ...extra,
  });
}

/** Spreads quote, home handicap `homePoint` (−3.5 = home favoured by 3.5). */
export function spread(
  game: GameFixture,
  bookmaker: string,
  homePoint: number,
  priceA: number | null = -110,
  priceB: number | null = -110,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, {
    bookmaker,
    market: 'spreads',
    pointA: homePoint,
    pointB: -homePoint,
    priceA,
    priceB,
    ...extra,
  });
}

/** Moneyline quote (a = home, b = away). */
export function moneyline(
  game: GameFixture,
  bookmaker: string,
  home: number | null,
  away: number | null,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, { bookmaker, market: 'h2h', priceA: home, priceB: away, ...extra });
}

export function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

export function minutesAfter(iso: string, minutes: number): string {
  return minutesBefore(iso, -minutes);
}

/** A live run 20 minutes before kickoff, integrity on. */
export function liveInput(
  game: GameFixture,
  quotes: readonly MarketQuote[],
  requestedMarkets: readonly MarketKey[],
  over: Partial<VerifyInput> = {},
): VerifyInput {
  return {
    game,
    quotes,
    asOf: minutesBefore(game.commenceTime, 20),
    live: true,
    requestedMarkets,
    enabled: true,
    ...over,
  };
}

export const NFL_GAME: GameFixture = {
  gameId: 'nfl:2023:2023-12-10:KC@BUF',
  sport: 'nfl',
  commenceTime: '2023-12-10T21:25:00.000Z',
};
export const NBA_GAME: GameFixture = {
  gameId: 'nba:2023:2024-01-23:LAL@BOS',
  sport: 'nba',
  commenceTime: '2024-01-24T00:30:00.000Z',
};
export const MLB_GAME: GameFixture = {
  gameId: 'mlb:2023:2023-07-14:NYY@BOS',
  sport: 'mlb',
  commenceTime: '2023-07-14T23:10:00.000Z',
};
export const NHL_GAME: GameFixture = {
  gameId: 'nhl:2023:2023-11-11:MTL@TOR',
  sport: 'nhl',
  commenceTime: '2023-11-12T00:00:00.000Z',
};
export const NCAAF_GAME: GameFixture = {
  gameId: 'ncaaf:2023:2023-11-25:MICH@OSU',
  sport: 'ncaaf',
  commenceTime: '2023-11-25T17:00:00.000Z',
};
export const NCAAB_GAME: GameFixture = {
  gameId: 'ncaab:2023:2024-02-03:DUKE@UNC',
  sport: 'ncaab',
  commenceTime: '2024-02-03T23:30:00.000Z',
};

export function only(
  verdicts: readonly MarketVerdict[],
  market: MarketKey,
  lineKey = '',
): MarketVerdict {
  const found = verdicts.filter((v) => v.market === market && v.lineKey === lineKey);
  expect(found).toHaveLength(1);
  return found[0] as MarketVerdict;
}

export function expectOk(v: MarketVerdict): void {
  expect(v.reasons, v.detail.join('\n')).toEqual([]);
  expect(v.ok).toBe(true);
}

export const BOOKS = ['draftkings', 'fanduel', 'betmgm', 'caesars'] as const;
