/**
 * Per-book line checks (SPEC R2 INVALID_LINE). A book fails when its line is not a line a real
 * bookmaker would post; the problems are returned as human-readable strings for the audit row.
 * Everything is checked at runtime too (typeof/isFinite), because quotes come from JSON.
 */
import type { MarketKey } from '../sports';
import type { MarketQuote } from '../types';
import type { ResolvedIntegrityConfig } from './config';
import { marketShape, usesFullGameTotalRange, type MarketShape } from './market-kinds';
import { isValidAmericanPrice } from './odds-math';
import { parseInstant } from './time';

/** Outcome of checking one book's quote. */
export interface BookCheck {
  readonly book: string;
  /** Why the book is invalid; empty when it may be used. */
  readonly problems: readonly string[];
  /** Non-blocking remarks (e.g. one-sided prices ignored). */
  readonly remarks: readonly string[];
  /** The book's line point (total, or home handicap); null for moneylines. */
  readonly point: number | null;
  /** Both American prices, or null when the book did not price both sides. */
  readonly prices: readonly [number, number] | null;
  /** Epoch ms of lastUpdate; NaN only when the book is invalid. */
  readonly lastUpdateMs: number;
}

const SIDE_NAMES: Readonly<Record<MarketShape, readonly [string, string]>> = {
  moneyline: ['home', 'away'],
  spread: ['home', 'away'],
  total: ['over', 'under'],
};

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Renders a raw field for a detail line; JSON would print NaN/Infinity as null. */
function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    // BigInt and cyclic values cannot be stringified; the type is enough for the audit row.
    return typeof value;
  }
}

function onHalfPointGrid(point: number): boolean {
  return Number.isInteger(point * 2);
}

function checkTotalPoints(
  q: MarketQuote,
  market: MarketKey,
  cfg: ResolvedIntegrityConfig,
  problems: string[],
): number | null {
  const { pointA, pointB } = q;
  if (!isFiniteNumber(pointA) || !isFiniteNumber(pointB)) {
    problems.push(`over/under points must be finite numbers (${show(pointA)} vs ${show(pointB)})`);
    return null;
  }
  if (pointA !== pointB) {
    problems.push(`over/under points differ (${pointA} vs ${pointB})`);
    return null;
  }
  if (!onHalfPointGrid(pointA)) problems.push(`total ${pointA} is not on the half-point grid`);
  const [lo, hi] = cfg.plausibleTotal;
  if (usesFullGameTotalRange(market)) {
    if (pointA < lo || pointA > hi)
      problems.push(`total ${pointA} outside ${cfg.sport} plausible range ${lo}-${hi}`);
  } else if (pointA <= 0 || pointA > hi) {
    problems.push(`total ${pointA} outside (0, ${hi}] for ${market}`);
  }
  return pointA;
}

function checkSpreadPoints(
  q: MarketQuote,
  cfg: ResolvedIntegrityConfig,
  problems: string[],
): number | null {
  const { pointA, pointB } = q;
  if (!isFiniteNumber(pointA) || !isFiniteNumber(pointB)) {
    problems.push(
      `home/away handicaps must be finite numbers (${show(pointA)} vs ${show(pointB)})`,
    );
    return null;
  }
  if (pointA !== -pointB) {
    problems.push(`home/away handicaps do not mirror (${pointA} vs ${pointB})`);
    return null;
  }
  if (!onHalfPointGrid(pointA)) problems.push(`spread ${pointA} is not on the half-point grid`);
  if (Math.abs(pointA) > cfg.maxSpread)
    problems.push(`spread ${pointA} beyond ${cfg.sport} maximum ±${cfg.maxSpread}`);
  // Normalise −0 so medians and details never print "-0".
  return pointA === 0 ? 0 : pointA;
}

function checkPrices(
  q: MarketQuote,
  shape: MarketShape,
  problems: string[],
  remarks: string[],
): readonly [number, number] | null {
  const [nameA, nameB] = SIDE_NAMES[shape];
  const sides: ReadonlyArray<readonly [string, unknown]> = [
    [nameA, q.priceA],
    [nameB, q.priceB],
  ];
  let bad = false;
  for (const [name, price] of sides) {
    if (price === null || price === undefined) continue;
    if (!isValidAmericanPrice(price)) {
      problems.push(
        `${name} price ${show(price)} is not an American price (100 <= |price| <= 10000)`,
      );
      bad = true;
    }
  }
  if (bad) return null;
  const a = q.priceA;
  const b = q.priceB;
  if (isValidAmericanPrice(a) && isValidAmericanPrice(b)) return [a, b];
  if (shape === 'moneyline') {
    // A moneyline *is* its prices: assuming −110 would invent a market.
    problems.push(`moneyline needs both prices (${show(a)} vs ${show(b)})`);
  } else if (isValidAmericanPrice(a) || isValidAmericanPrice(b)) {
    remarks.push(
      `only the ${isValidAmericanPrice(a) ? nameA : nameB} side is priced; prices ignored`,
    );
  }
  return null;
}

/** Checks one book's quote for `market` against the sport's limits. */
export function checkBookQuote(
  q: MarketQuote,
  market: MarketKey,
  cfg: ResolvedIntegrityConfig,
): BookCheck {
  const shape = marketShape(market);
  const problems: string[] = [];
  const remarks: string[] = [];
  const lastUpdateMs = parseInstant(q.lastUpdate);
  if (lastUpdateMs === null)
    problems.push(`lastUpdate ${show(q.lastUpdate)} is not an ISO-8601 instant`);
  const point =
    shape === 'total'
      ? checkTotalPoints(q, market, cfg, problems)
      : shape === 'spread'
        ? checkSpreadPoints(q, cfg, problems)
        : null;
  const prices = checkPrices(q, shape, problems, remarks);
  return {
    book: String(q.bookmaker),
    problems,
    remarks,
    point,
    prices,
    lastUpdateMs: lastUpdateMs ?? Number.NaN,
  };
}
