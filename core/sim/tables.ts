/**
 * Precomputed discrete distributions and O(1) samplers for the kernels.
 *
 * Every random outcome in the engines (drive result, points in a stretch of possessions, runs
 * in a half-inning, shots and goals in a period) is an integer drawn from a table built once per
 * game before the first iteration. Tables are built with plain deterministic float arithmetic
 * from the request alone, so every thread that prepares the same request gets bit-identical
 * tables.
 */

/** A distribution over the consecutive integers `lo, lo+1, …, lo+p.length-1`. */
export interface Dist {
  readonly lo: number;
  readonly p: Float64Array;
}

/** 2^32 as a double (exact). */
const TWO32 = 4294967296;

export function distMean(d: Dist): number {
  let m = 0;
  for (let i = 0; i < d.p.length; i++) m += (d.lo + i) * (d.p[i] ?? 0);
  return m;
}

export function distVariance(d: Dist): number {
  const m = distMean(d);
  let v = 0;
  for (let i = 0; i < d.p.length; i++) {
    const x = d.lo + i - m;
    v += x * x * (d.p[i] ?? 0);
  }
  return v;
}

function normalise(p: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] ?? 0;
  for (let i = 0; i < p.length; i++) p[i] = (p[i] ?? 0) / s;
  return p;
}

/**
 * Exponential tilting: q_i ∝ p_i·e^{θ·v_i} with θ chosen so that the mean is `target`.
 * Tilting keeps the shape of a realistic base distribution (e.g. a drive's TD/FG/none split) and
 * moves probability toward high values when a team is better, which is what scoring data shows
 * (good offences convert more drives into touchdowns, not only into more field goals).
 *
 * @param values outcome values (any order), same length as `base`
 * @param target wanted mean; must lie strictly between min and max of `values`
 * @returns tilted probabilities and the θ used
 */
export function tiltToMean(
  values: ArrayLike<number>,
  base: ArrayLike<number>,
  target: number,
): { p: Float64Array; theta: number } {
  let vmin = Infinity;
  let vmax = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if ((base[i] ?? 0) > 0) {
      vmin = Math.min(vmin, v);
      vmax = Math.max(vmax, v);
    }
  }
  if (!(target > vmin && target < vmax)) {
    throw new RangeError(`tiltToMean: target ${target} outside (${vmin}, ${vmax})`);
  }
  // Bisection on θ: the tilted mean is strictly increasing in θ. 200 halvings of a bracket
  // that is scaled to the value range reach full double precision.
  const span = vmax - vmin;
  let lo = -60 / span;
  let hi = 60 / span;
  const q = new Float64Array(values.length);
  const meanAt = (theta: number): number => {
    let s = 0;
    let m = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? 0;
      const w = (base[i] ?? 0) * Math.exp(theta * (v - vmax));
      q[i] = w;
      s += w;
      m += w * v;
    }
    return m / s;
  };
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (meanAt(mid) < target) lo = mid;
    else hi = mid;
    if (hi - lo <= 1e-15 * Math.max(1, Math.abs(mid))) break;
  }
  const theta = 0.5 * (lo + hi);
  meanAt(theta);
  return { p: normalise(q), theta };
}

/** Tilts a distribution over consecutive integers (see {@link tiltToMean}). */
export function tiltDist(d: Dist, target: number): Dist {
  const values = new Float64Array(d.p.length);
  for (let i = 0; i < values.length; i++) values[i] = d.lo + i;
  return { lo: d.lo, p: tiltToMean(values, d.p, target).p };
}

/** Applies a known tilt θ to a distribution over consecutive integers. */
export function tiltDistBy(d: Dist, theta: number): Dist {
  const q = new Float64Array(d.p.length);
  const top = d.lo + d.p.length - 1;
  for (let i = 0; i < q.length; i++) q[i] = (d.p[i] ?? 0) * Math.exp(theta * (d.lo + i - top));
  return { lo: d.lo, p: normalise(q) };
}

/**
 * A bell-shaped distribution on integers in [lo, hi] with exactly the given mean and roughly
 * the given SD (a discretised normal whose location is solved so the mean is exact).
 */
export function discreteNormal(mean: number, sd: number, lo: number, hi: number): Dist {
  if (!(mean > lo && mean < hi))
    throw new RangeError(`discreteNormal: mean ${mean} outside (${lo}, ${hi})`);
  const n = hi - lo + 1;
  const p = new Float64Array(n);
  const fill = (loc: number): number => {
    let s = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const z = (lo + i - loc) / sd;
      const w = Math.exp(-0.5 * z * z);
      p[i] = w;
      s += w;
      m += w * (lo + i);
    }
    return m / s;
  };
  let a = lo - 3 * sd;
  let b = hi + 3 * sd;
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (a + b);
    if (fill(mid) < mean) a = mid;
    else b = mid;
    if (b - a < 1e-13) break;
  }
  fill(0.5 * (a + b));
  return { lo, p: normalise(p) };
}

/** Poisson(λ) on 0..maxK, renormalised (maxK is chosen so the cut tail is < 1e-16). */
export function poisson(lambda: number): Dist {
  const maxK = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 12);
  const p = new Float64Array(maxK + 1);
  let v = Math.exp(-lambda);
  for (let k = 0; k <= maxK; k++) {
    p[k] = v;
    v = (v * lambda) / (k + 1);
  }
  return { lo: 0, p: normalise(p) };
}

/** Binomial(n, q) on 0..n. */
export function binomial(n: number, q: number): Dist {
  const p = new Float64Array(n + 1);
  if (q <= 0) {
    p[0] = 1;
    return { lo: 0, p };
  }
  // Log-space pmf avoids underflow of (1-q)^n for larger n.
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    p[k] = Math.exp(logC + k * lq + (n - k) * l1q);
    logC += Math.log((n - k) / (k + 1));
  }
  return { lo: 0, p: normalise(p) };
}

/** Drops leading/trailing entries whose probability is below 2^-40 (never drawn in practice). */
export function trim(d: Dist): Dist {
  const eps = 2 ** -40;
  let i0 = 0;
  let i1 = d.p.length - 1;
  while (i0 < i1 && (d.p[i0] ?? 0) < eps) i0++;
  while (i1 > i0 && (d.p[i1] ?? 0) < eps) i1--;
  return { lo: d.lo + i0, p: normalise(d.p.slice(i0, i1 + 1)) };
}

/**
 * Distribution of the sum of n i.i.d. draws, for n = 0..nMax (index n): each is the exact
 * convolution of the previous one with `one`, then {@link trim}med (same arithmetic, same
 * order, same bits), written into one flat buffer that the results are views of. Football prepares these
 * several times per game on the simulation threads, where a pair of fresh arrays per n was
 * most of the garbage.
 */
export function sumPowers(one: Dist, nMax: number): Dist[] {
  // Zero entries of `one` add +0 to non-negative sums, which changes no bit: skip them.
  const nz: number[] = [];
  for (let j = 0; j < one.p.length; j++) if ((one.p[j] ?? 0) !== 0) nz.push(j);
  const m = one.p.length - 1;
  const buf = new Float64Array(1 + (nMax * (nMax + 1) * m) / 2 + nMax);
  const work = new Float64Array(nMax * m + 1);
  const eps = 2 ** -40;
  buf[0] = 1;
  const out: Dist[] = [{ lo: 0, p: buf.subarray(0, 1) }];
  let at = 1;
  for (let n = 1; n <= nMax; n++) {
    const prev = out[n - 1] as Dist;
    const a = prev.p;
    const len = a.length + m;
    work.fill(0, 0, len);
    for (let i = 0; i < a.length; i++) {
      const ai = a[i] ?? 0;
      if (ai === 0) continue;
      for (const j of nz) work[i + j] = (work[i + j] ?? 0) + ai * (one.p[j] ?? 0);
    }
    // trim(): drop ends below eps, then renormalise what is left.
    let i0 = 0;
    let i1 = len - 1;
    while (i0 < i1 && (work[i0] ?? 0) < eps) i0++;
    while (i1 > i0 && (work[i1] ?? 0) < eps) i1--;
    let sum = 0;
    for (let i = i0; i <= i1; i++) sum += work[i] ?? 0;
    const view = buf.subarray(at, at + i1 - i0 + 1);
    for (let i = i0; i <= i1; i++) view[i - i0] = (work[i] ?? 0) / sum;
    at += i1 - i0 + 1;
    out.push({ lo: prev.lo + one.lo + i0, p: view });
  }
  return out;
}

/** A distribution over arbitrary integer values (e.g. packed multi-field outcomes). */
export interface ValueDist {
  readonly values: ArrayLike<number>;
  readonly p: ArrayLike<number>;
}

function isDist(d: Dist | ValueDist): d is Dist {
  return (d as Dist).lo !== undefined;
}

/**
 * A set of Walker/Vose alias tables sharing one power-of-two width K, stored flat so that a
 * kernel needs only three typed arrays. Probabilities are first quantised to integer weights
 * summing exactly to 2^32, so sampling with one 32-bit draw is exact to 2^-32:
 *
 *   j = base + (r >>> shift);  value = (r & mask) < thr[j] ? primary[j] : alias[j]
 *
 * The top bits pick the slot, the remaining bits decide between its two values. Kernels use
 * the branch-free form `alias ^ ((primary ^ alias) & (((r & mask) − thr) >> 31))`, valid
 * because both operands are below 2^30.
 */
export class AliasSet {
  /** Slots per table (power of two, ≥ 4). */
  readonly k: number;
  /** 32 − log2(k). */
  readonly shift: number;
  /** 2^shift − 1. */
  readonly mask: number;
  readonly thr: Int32Array;
  readonly primary: Int32Array;
  readonly alias: Int32Array;

  constructor(dists: readonly (Dist | ValueDist)[], minK = 4) {
    const tables = dists.map((d) => {
      if (!isDist(d)) return d;
      const values = new Int32Array(d.p.length);
      for (let i = 0; i < values.length; i++) values[i] = d.lo + i;
      return { values, p: d.p };
    });
    let width = minK;
    for (const d of tables) while (width < d.p.length) width *= 2;
    this.k = width;
    const bits = Math.round(Math.log2(width));
    this.shift = 32 - bits;
    const cap = 2 ** this.shift;
    this.mask = cap - 1;
    const n = tables.length * width;
    this.thr = new Int32Array(n);
    this.primary = new Int32Array(n);
    this.alias = new Int32Array(n);
    const w = new Float64Array(width);
    const val = new Int32Array(width);
    // Stacks of slot indices below / at or above the average weight (Vose). Typed and reused
    // for every table: a game's tables are built on the simulation threads before each game.
    const small = new Int32Array(width);
    const large = new Int32Array(width);
    // A plain loop over the tables (no per-table callback): this runs for every game on the
    // simulation threads, thousands of slots per game.
    for (let t = 0; t < tables.length; t++) {
      const d = tables[t]!;
      fillAliasTable(d.p, d.values, width, cap, t * width, w, val, small, large, this);
    }
  }
}

/**
 * Builds one table of {@link AliasSet} into `set` at slot offset `base`: quantise to integer
 * weights summing to 2^32 (the rounding remainder goes to the most likely value so no value
 * with real probability is lost), then Vose's pairing. `w`, `val`, `small` and `large` are
 * scratch of length `width`.
 */
function fillAliasTable(
  p: ArrayLike<number>,
  values: ArrayLike<number>,
  width: number,
  cap: number,
  base: number,
  w: Float64Array,
  val: Int32Array,
  small: Int32Array,
  large: Int32Array,
  set: AliasSet,
): void {
  const thr = set.thr;
  const prim = set.primary;
  const ali = set.alias;
  const len = p.length;
  let total = 0;
  let argmax = 0;
  let pmax = p[0]!;
  for (let i = 0; i < len; i++) {
    const pi = p[i]!;
    const wi = Math.floor(pi * TWO32);
    w[i] = wi;
    val[i] = values[i]!;
    total += wi;
    if (pi > pmax) {
      argmax = i;
      pmax = pi;
    }
  }
  w[argmax] = w[argmax]! + (TWO32 - total);
  // Padding slots (zero weight) get the most likely value so every slot maps to a real one.
  const vmax = val[argmax]!;
  for (let i = len; i < width; i++) {
    w[i] = 0;
    val[i] = vmax;
  }
  let ns = 0;
  let nl = 0;
  for (let i = width - 1; i >= 0; i--) {
    if (w[i]! < cap) small[ns++] = i;
    else large[nl++] = i;
  }
  // Vose: pair the top small slot with the top large one; the large keeps what is left and goes
  // back on top of its stack (or onto the small stack once below the average). The large slot
  // is held in locals while it stays large — the same pairs in the same order as popping and
  // pushing it every time, without a store-to-load round trip through the stacks per slot.
  while (ns > 0 && nl > 0) {
    const li = large[--nl]!;
    const vl = val[li]!;
    let wl = w[li]!;
    for (;;) {
      const si = small[--ns]!;
      const ws = w[si]!;
      thr[base + si] = ws;
      prim[base + si] = val[si]!;
      ali[base + si] = vl;
      wl -= cap - ws;
      if (wl < cap) {
        w[li] = wl;
        small[ns++] = li;
        break;
      }
      if (ns === 0) {
        w[li] = wl;
        large[nl++] = li;
        break;
      }
    }
  }
  // What is left is exactly full (integer arithmetic leaves no float residue).
  for (let i = 0; i < ns + nl; i++) {
    const x = i < ns ? small[i]! : large[i - ns]!;
    thr[base + x] = cap;
    prim[base + x] = val[x]!;
    ali[base + x] = val[x]!;
  }
}

/** Draws from table `table` with the 32-bit random `r` (cold paths and tests). */
export function sampleAlias(set: AliasSet, table: number, r: number): number {
  const j = table * set.k + (r >>> set.shift);
  return (r & set.mask) < (set.thr[j] ?? 0) ? (set.primary[j] ?? 0) : (set.alias[j] ?? 0);
}
