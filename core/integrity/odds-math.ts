/**
 * American-odds arithmetic. American odds are discontinuous at ±100 (−105 and +105 are
 * neighbours), so anything that averages prices goes through decimal odds, which are continuous.
 */
import { IntegrityInputError } from './errors';

/** Smallest and largest |American price| a real two-way line can carry (SPEC R2). */
export const MIN_ABS_AMERICAN_PRICE = 100;
export const MAX_ABS_AMERICAN_PRICE = 10_000;

/** American price assumed on both sides when no book quotes prices (SPEC R2: −110/−110). */
export const ASSUMED_AMERICAN_PRICE = -110;

/** True when `price` is a finite American price with 100 ≤ |price| ≤ 10000. */
export function isValidAmericanPrice(price: unknown): price is number {
  if (typeof price !== 'number' || !Number.isFinite(price)) return false;
  const abs = Math.abs(price);
  return abs >= MIN_ABS_AMERICAN_PRICE && abs <= MAX_ABS_AMERICAN_PRICE;
}

function assertPrice(price: number): void {
  if (!isValidAmericanPrice(price)) {
    throw new IntegrityInputError(
      'INVALID_PRICE',
      `American price must be finite with 100 <= |price| <= 10000, got ${String(price)}`,
    );
  }
}

/**
 * Implied probability (0–1, vig included) of an American price: −110 → 110/210, +150 → 100/250.
 * @throws IntegrityInputError when the price is not a valid American price (|price| < 100, etc.).
 */
export function americanToImpliedProbability(price: number): number {
  assertPrice(price);
  return price < 0 ? -price / (-price + 100) : 100 / (price + 100);
}

/**
 * No-vig probabilities (each 0–1, summing to 1) of a two-way market, by proportional
 * normalisation: p_i = implied_i / (implied_a + implied_b). −110/−110 → [0.5, 0.5].
 * @throws IntegrityInputError when either price is invalid.
 */
export function noVigProbabilities(priceA: number, priceB: number): [number, number] {
  const a = americanToImpliedProbability(priceA);
  const b = americanToImpliedProbability(priceB);
  const noVigA = a / (a + b);
  // Derive B from A so the pair sums to exactly 1 in floating point.
  return [noVigA, 1 - noVigA];
}

/** Decimal odds (stake included, > 1) of a valid American price. */
export function americanToDecimal(price: number): number {
  assertPrice(price);
  return price < 0 ? 1 + 100 / -price : 1 + price / 100;
}

/**
 * American price of decimal odds, rounded to cents so medians of identical prices come back
 * exactly (−110 stays −110, not −110.00000000000001). Decimal 2.0 maps to +100.
 */
export function decimalToAmerican(decimal: number): number {
  const american = decimal >= 2 ? (decimal - 1) * 100 : -100 / (decimal - 1);
  return Math.round(american * 100) / 100;
}

/**
 * Median American price of valid prices (unit: American odds). Odd counts return one of the
 * inputs unchanged; even counts average the middle two in decimal odds (see module comment).
 * Returns null for an empty list.
 */
export function medianAmericanPrice(prices: readonly number[]): number | null {
  if (prices.length === 0) return null;
  const decimals = prices.map(americanToDecimal).sort((x, y) => x - y);
  const mid = Math.floor(decimals.length / 2);
  if (decimals.length % 2 === 1) {
    // Find the original price to avoid a lossy round trip.
    const target = decimals[mid] as number;
    return prices.find((p) => americanToDecimal(p) === target) ?? decimalToAmerican(target);
  }
  const lo = decimals[mid - 1] as number;
  const hi = decimals[mid] as number;
  return decimalToAmerican((lo + hi) / 2);
}
