/** Robust statistics used for consensus lines and outlier detection. Pure, order-independent. */

/** Median of finite numbers (mean of the middle two for even counts); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median absolute deviation from the median (raw, not scaled by 1.4826); null when empty. */
export function medianAbsoluteDeviation(values: readonly number[]): number | null {
  const m = median(values);
  if (m === null) return null;
  return median(values.map((v) => Math.abs(v - m)));
}

/** Result of {@link findOutliers}: indexes into the input that are outliers. */
export interface OutlierSplit {
  readonly center: number | null;
  /** Distance beyond which a value is an outlier (same unit as the values). */
  readonly threshold: number | null;
  readonly outlierIndexes: readonly number[];
}

/**
 * Marks values further than max(multiplier × MAD, minDistance) from the median as outliers.
 * Needs at least 3 values: with two books nobody can say which one is wrong, so both stay and
 * the disagreement check decides. `minDistance` keeps near-identical books (MAD ≈ 0) from
 * turning every half-point difference into an outlier. With multiplier ≥ 1 at most a minority
 * is ever dropped, because at least half the values lie within one MAD of the median.
 */
export function findOutliers(
  values: readonly number[],
  multiplier: number,
  minDistance: number,
): OutlierSplit {
  if (values.length < 3) return { center: median(values), threshold: null, outlierIndexes: [] };
  const center = median(values) as number;
  const mad = medianAbsoluteDeviation(values) as number;
  const threshold = Math.max(multiplier * mad, minDistance);
  const outlierIndexes: number[] = [];
  values.forEach((v, i) => {
    if (Math.abs(v - center) > threshold) outlierIndexes.push(i);
  });
  return { center, threshold, outlierIndexes };
}
