/**
 * Small descriptive statistics for the report. Every function returns `null` on an empty
 * sample instead of 0 or NaN, so "no data" can never be read as a measurement.
 */

/** n / d, or null when d is 0. */
export function share(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : sum(xs) / xs.length;
}

export function meanAbs(xs: readonly number[]): number | null {
  return mean(xs.map(Math.abs));
}

/** Σ units / number of graded picks: profit per unit staked. */
export function roi(units: readonly number[]): number | null {
  return mean(units);
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  readonly lo: number;
  /** Exclusive upper edge (the last bin includes it). */
  readonly hi: number;
  readonly n: number;
}

/**
 * Histogram with bins of `width` aligned on multiples of `width` (so 0 is always an edge and
 * bins read as "0 to 1 pt", "1 to 2 pts"). Every value lands in exactly one bin.
 */
export function histogram(xs: readonly number[], width: number): HistogramBin[] {
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`bin width ${width}`);
  const finite = xs.filter(Number.isFinite);
  if (finite.length === 0) return [];
  const first = Math.floor(Math.min(...finite) / width);
  const last = Math.floor(Math.max(...finite) / width);
  const counts = new Array<number>(last - first + 1).fill(0);
  for (const x of finite) {
    const i = Math.floor(x / width) - first;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((n, i) => ({ lo: (first + i) * width, hi: (first + i + 1) * width, n }));
}

/** A readable histogram bin width giving about `target` bins over the sample's range. */
export function niceBinWidth(xs: readonly number[], target = 12): number {
  const finite = xs.filter(Number.isFinite);
  if (finite.length < 2) return 1;
  const range = Math.max(...finite) - Math.min(...finite);
  if (range === 0) return 1;
  const raw = range / target;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw);
  return step ?? 10 * pow;
}
