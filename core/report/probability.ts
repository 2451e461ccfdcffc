/**
 * Scoring of probabilistic forecasts of a binary outcome (the Over): Brier score, reliability
 * bins and expected calibration error (ECE). A sample is (p, y) with p ∈ [0, 1] the forecast
 * probability of the Over given no push and y = 1 for Over, 0 for Under; pushes never enter.
 */

export interface Forecast {
  /** Forecast probability of y = 1, in [0, 1]. */
  readonly p: number;
  readonly y: 0 | 1;
}

export interface ProbabilityBin {
  /** `lo-hi` with one decimal for 10 bins, e.g. `0.4-0.5`. */
  readonly bin: string;
  readonly lo: number;
  readonly hi: number;
  /** Mean forecast of the bin. */
  readonly predicted: number;
  /** Share of y = 1 in the bin. */
  readonly observed: number;
  readonly n: number;
}

/** Default bin count of the reliability diagram and ECE (SPEC §6 uses 10 equal-width bins). */
export const RELIABILITY_BINS = 10;

function checkForecasts(samples: readonly Forecast[]): void {
  for (const s of samples) {
    if (!(s.p >= 0 && s.p <= 1)) throw new RangeError(`forecast ${s.p} outside [0, 1]`);
    if (s.y !== 0 && s.y !== 1) throw new RangeError(`outcome ${String(s.y)} is not 0 or 1`);
  }
}

/** mean((p − y)²): 0 is perfect, 0.25 is a constant 50% forecast. Null on an empty sample. */
export function brierScore(samples: readonly Forecast[]): number | null {
  checkForecasts(samples);
  if (samples.length === 0) return null;
  let s = 0;
  for (const { p, y } of samples) s += (p - y) ** 2;
  return s / samples.length;
}

/** Index of p's equal-width bin; p = 1 belongs to the last bin. */
export function binIndex(p: number, bins: number): number {
  // Rounding first keeps 0.3 (= 2.9999… × 0.1 in binary) in bin 3, where a reader expects it.
  const scaled = Math.round(p * bins * 1e9) / 1e9;
  return Math.min(bins - 1, Math.max(0, Math.floor(scaled)));
}

function binLabel(lo: number, hi: number, bins: number): string {
  const digits = Math.max(1, Math.ceil(Math.log10(bins)));
  return `${lo.toFixed(digits)}-${hi.toFixed(digits)}`;
}

/**
 * Equal-width bins of p with the mean forecast and the observed rate of each non-empty bin,
 * lowest first. Empty bins are left out: they have neither a forecast nor a rate to plot.
 */
export function reliabilityBins(
  samples: readonly Forecast[],
  bins = RELIABILITY_BINS,
): ProbabilityBin[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins ${bins}`);
  checkForecasts(samples);
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, y: 0 }));
  for (const { p, y } of samples) {
    const a = acc[binIndex(p, bins)]!;
    a.n += 1;
    a.p += p;
    a.y += y;
  }
  const out: ProbabilityBin[] = [];
  acc.forEach((a, i) => {
    if (a.n === 0) return;
    const lo = i / bins;
    const hi = (i + 1) / bins;
    out.push({
      bin: binLabel(lo, hi, bins),
      lo,
      hi,
      predicted: a.p / a.n,
      observed: a.y / a.n,
      n: a.n,
    });
  });
  return out;
}

/**
 * Expected calibration error: Σ_b (n_b / N) · |mean p_b − observed rate_b| over equal-width
 * bins. 0 is perfectly calibrated. Null on an empty sample.
 */
export function expectedCalibrationError(
  samples: readonly Forecast[],
  bins = RELIABILITY_BINS,
): number | null {
  if (samples.length === 0) return null;
  let e = 0;
  for (const b of reliabilityBins(samples, bins))
    e += (b.n / samples.length) * Math.abs(b.predicted - b.observed);
  return e;
}

/** √(2/π) = E|Z| of a standard normal Z. */
const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);

/**
 * The expected ECE of a perfectly calibrated forecaster stating `ps` (each outcome drawn from
 * its own p), normal approximation per bin: Σ_b (n_b/N)·√(2/π)·√(Σ_b p(1−p))/n_b. It is the
 * noise floor of {@link expectedCalibrationError} at this sample: at 1,000 forecasts near 50%
 * in two bins it is ≈ 0.018. Null on an empty sample.
 */
export function eceNoiseFloor(ps: readonly number[], bins = RELIABILITY_BINS): number | null {
  if (ps.length === 0) return null;
  const variance = new Map<number, number>();
  for (const p of ps) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`forecast ${p} outside [0, 1]`);
    const b = binIndex(p, bins);
    variance.set(b, (variance.get(b) ?? 0) + p * (1 - p));
  }
  // (n_b/N)·SD(ȳ_b − p̄_b) = (n_b/N)·√v_b/n_b: the bin sizes cancel.
  let e = 0;
  for (const v of variance.values()) e += MEAN_ABS_NORMAL * Math.sqrt(v);
  return e / ps.length;
}

/**
 * P(|X/n − p| ≤ tol) for X ~ Binomial(n, p): the chance that a forecaster whose stated
 * probability p is exact lands within `tol` of it on n outcomes. Exact (the pmf summed in log
 * space from k = 0, so n in the tens of thousands neither overflows nor underflows); 1 when
 * n = 0. `tol` is in probability (0.03 = 3 pp); a 1e-12 slack keeps a rate exactly `tol` away
 * inside, as the report's "≤" does.
 */
export function binomialWithin(n: number, p: number, tol: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} outside [0, 1]`);
  if (!(tol >= 0)) throw new RangeError(`tolerance ${tol}`);
  if (n === 0) return 1;
  const lo = Math.max(0, Math.ceil(n * (p - tol) - 1e-9));
  const hi = Math.min(n, Math.floor(n * (p + tol) + 1e-9));
  if (p === 0 || p === 1) return lo <= n * p && n * p <= hi ? 1 : 0;
  const logOdds = Math.log(p / (1 - p));
  let logPmf = n * Math.log1p(-p);
  let inside = 0;
  for (let k = 0; k <= hi; k++) {
    if (k >= lo) inside += Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + logOdds;
  }
  return Math.min(1, inside);
}
