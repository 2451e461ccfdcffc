/**
 * One quote per book and line. A capture can hold several quotes from one book for the same
 * line (the book moved it between fetches); the latest one is the book's line. The result must
 * not depend on input order, so ties are resolved by content, never by position.
 */
import type { MarketQuote } from '../types';
import { parseInstant } from './time';

/** The quote to use for one book, or why none can be trusted. */
export type BookQuote =
  | { readonly book: string; readonly quote: MarketQuote; readonly remark: string | null }
  | { readonly book: string; readonly quote: null; readonly problem: string };

function sameLine(x: MarketQuote, y: MarketQuote): boolean {
  return (
    Object.is(x.pointA, y.pointA) &&
    Object.is(x.pointB, y.pointB) &&
    Object.is(x.priceA, y.priceA) &&
    Object.is(x.priceB, y.priceB)
  );
}

function pickLatest(book: string, quotes: readonly MarketQuote[]): BookQuote {
  const first = quotes[0] as MarketQuote;
  if (quotes.length === 1) return { book, quote: first, remark: null };
  const times = quotes.map((q) => parseInstant(q.lastUpdate));
  if (times.some((t) => t === null)) {
    return {
      book,
      quote: null,
      problem: `${quotes.length} quotes and one has no valid lastUpdate; cannot tell which is current`,
    };
  }
  const latestMs = Math.max(...(times as number[]));
  const latest = quotes.filter((_, i) => times[i] === latestMs);
  const chosen = latest[0] as MarketQuote;
  if (latest.some((q) => !sameLine(q, chosen))) {
    return {
      book,
      quote: null,
      problem: `${latest.length} conflicting quotes with the same lastUpdate`,
    };
  }
  return {
    book,
    quote: chosen,
    remark: `${quotes.length} quotes; using the latest (${new Date(latestMs).toISOString()})`,
  };
}

/** Groups quotes by bookmaker (sorted by name) and keeps each book's current quote. */
export function dedupeBooks(quotes: readonly MarketQuote[]): BookQuote[] {
  const byBook = new Map<string, MarketQuote[]>();
  for (const q of quotes) {
    const book = String(q.bookmaker);
    const list = byBook.get(book);
    if (list) list.push(q);
    else byBook.set(book, [q]);
  }
  return [...byBook.keys()]
    .sort(compareStrings)
    .map((book) => pickLatest(book, byBook.get(book) ?? []));
}

/** Code-unit string order: locale-independent, so results match on every worker. */
export function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
