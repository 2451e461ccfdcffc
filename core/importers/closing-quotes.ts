/**
 * Builders for the closing-line quotes every history format produces. A history closing line
 * is "as of kick-off", hence `lastUpdate` = the game's commence time.
 */
import type { IsoInstant, MarketQuote } from '../types';

/** Pseudo-bookmaker key of imported closing lines. */
export const CLOSING_BOOKMAKER = 'closing';

/** The game a quote belongs to. */
export interface QuoteTarget {
  readonly gameId: string;
  readonly commenceTime: IsoInstant;
}

/** Negation that never yields `-0` (so `pk` stays a plain 0 in JSON and equality checks). */
export function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

/**
 * Totals: a = Over, b = Under, both at the closing total (scoring units). Prices in American
 * odds or null when the source has none. Null when there is no total.
 */
export function totalsQuote(
  game: QuoteTarget,
  total: number | null,
  overPrice: number | null,
  underPrice: number | null,
): MarketQuote | null {
  if (total === null) return null;
  return quote(game, 'totals', total, overPrice, total, underPrice);
}

/**
 * Spreads: a = home, b = away. `homePoint` is the home handicap in Odds API convention
 * (−3.5 = home favoured by 3.5); the away point is its negation. Null when there is no line.
 */
export function spreadsQuote(
  game: QuoteTarget,
  homePoint: number | null,
  homePrice: number | null,
  awayPrice: number | null,
): MarketQuote | null {
  if (homePoint === null) return null;
  return quote(game, 'spreads', homePoint, homePrice, negate(homePoint), awayPrice);
}

/** Moneyline: a = home, b = away, American odds; null unless both prices exist. */
export function h2hQuote(
  game: QuoteTarget,
  homePrice: number | null,
  awayPrice: number | null,
): MarketQuote | null {
  if (homePrice === null || awayPrice === null) return null;
  return quote(game, 'h2h', null, homePrice, null, awayPrice);
}

function quote(
  game: QuoteTarget,
  market: MarketQuote['market'],
  pointA: number | null,
  priceA: number | null,
  pointB: number | null,
  priceB: number | null,
): MarketQuote {
  return {
    gameId: game.gameId,
    bookmaker: CLOSING_BOOKMAKER,
    market,
    lineKey: '',
    pointA,
    priceA,
    pointB,
    priceB,
    lastUpdate: game.commenceTime,
  };
}
