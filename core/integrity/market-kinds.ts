/**
 * How each market is shaped, as far as line checks care. Kept here rather than in sports.ts
 * because `isTotalsMarket` there says false for `team_totals`, which is an over/under too.
 */
import {
  FEATURED_MARKETS,
  SPORT_INFO,
  type DerivativeMarket,
  type MarketKey,
  type Sport,
} from '../sports';

/** moneyline: no points; spread: a = home handicap, b = −a; total: a = over, b = under, a = b. */
export type MarketShape = 'moneyline' | 'spread' | 'total';

/** Markets where one game carries several lines, each verified on its own (keyed by lineKey). */
export const MULTI_LINE_MARKETS: readonly MarketKey[] = ['alternate_totals', 'team_totals'];

/**
 * Verdict lineKey of single-line markets. Books may label their main line differently; the
 * verdict is per (game, market) and uses the DB's default line_key.
 */
export const SINGLE_LINE_KEY = '';

export function marketShape(market: MarketKey): MarketShape {
  if (market === 'h2h') return 'moneyline';
  if (market === 'spreads') return 'spread';
  return 'total';
}

export function isFeaturedMarket(market: MarketKey): boolean {
  return (FEATURED_MARKETS as readonly string[]).includes(market);
}

export function isMultiLineMarket(market: MarketKey): boolean {
  return MULTI_LINE_MARKETS.includes(market);
}

/** True for derivative markets the sport's engine can price (R2b). Featured: always true. */
export function sportPricesMarket(sport: Sport, market: MarketKey): boolean {
  if (isFeaturedMarket(market)) return true;
  return SPORT_INFO[sport].derivativeMarkets.includes(market as DerivativeMarket);
}

/**
 * True when the point must fall inside the sport's full-game plausible total. Period and team
 * totals only get an upper bound (they cannot exceed a full game); deriving a range for them
 * (e.g. half the full-game range for 1H) is exactly what R2b forbids for lines.
 */
export function usesFullGameTotalRange(market: MarketKey): boolean {
  return market === 'totals' || market === 'alternate_totals';
}
