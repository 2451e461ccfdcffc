/**
 * The skill weight: how far the published probability may move from the market toward the
 * model, earned from graded history (issue #20).
 *
 *   p_pub = q + w·(p_model − q),   w ∈ [0, 1]
 *
 * q is the no-vig market probability, p_model the engine's probability after L2's bias
 * correction. w is estimated per sport and market kind by the daily calibration from every
 * priced line graded before the slate (published or not, so a weight that fell to 0 can
 * recover): the least-squares (Brier-optimal) blend weight
 *
 *   ŵ = Σ (y − q)(p − q) / Σ (p − q)²
 *
 * shrunk toward a prior w₀ with the strength of `priorLines` lines of average disagreement:
 *
 *   w = clamp₀₁( (Σ (y − q)(p − q) + λ·w₀) / (Σ (p − q)² + λ) ),   λ = priorLines · mean (p − q)²
 *
 * With fewer than `minLines` graded lines the prior is used as is and the row says so. If the
 * model adds nothing beyond the market, ŵ ≈ 0: edges vanish and nothing becomes a PICK.
 * The projection moves the same way (market centre + w·(projection − centre)), so the published
 * projection and probability tell one story.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber } from '../types';
import { withTrace, type Candidate, type SkillWeight, type SkillWeights } from './candidate';

export type { SkillWeight, SkillWeights, SkillWeightSource } from './candidate';

/** Sufficient statistics of graded priced lines (pushes excluded), probabilities of one side. */
export interface SkillSums {
  /** Graded lines. */
  readonly n: number;
  /** Σ (y − q)(p − q), y ∈ {0, 1}. */
  readonly syd: number;
  /** Σ (p − q)². */
  readonly sdd: number;
}

export const EMPTY_SKILL_SUMS: SkillSums = Object.freeze({ n: 0, syd: 0, sdd: 0 });

/** The prior weight of a kind, for a slate with no calibration row yet. */
export function priorSkillWeights(cfg: SafetyConfig['skillWeight']): SkillWeights {
  const prior: SkillWeight = { w: cfg.prior, n: 0, raw: null, source: 'prior' };
  return { total: prior, spread: prior };
}

/** The weights a slate applies: its calibration state's, or the prior when it has none yet. */
export function slateSkillWeights(
  state: { readonly skillWeights: SkillWeights | null },
  cfg: SafetyConfig['skillWeight'],
): SkillWeights {
  return state.skillWeights ?? priorSkillWeights(cfg);
}

/**
 * The weight from graded lines (module doc). Degenerate sums (non-finite, negative counts) are
 * treated as no evidence: the prior, never a crash and never a silent 1.
 */
export function estimateSkillWeight(
  sums: SkillSums,
  cfg: SafetyConfig['skillWeight'],
): SkillWeight {
  const ok =
    Number.isFinite(sums.n) &&
    sums.n >= 0 &&
    Number.isFinite(sums.syd) &&
    Number.isFinite(sums.sdd) &&
    sums.sdd >= 0;
  const n = ok ? sums.n : 0;
  const raw = ok && sums.sdd > 0 ? sums.syd / sums.sdd : null;
  if (!ok || n < cfg.minLines || sums.sdd <= 0)
    return { w: cfg.prior, n, raw: raw === null ? null : round6(raw), source: 'prior' };
  const lambda = cfg.priorLines * (sums.sdd / n);
  const w = (sums.syd + lambda * cfg.prior) / (sums.sdd + lambda);
  return { w: round6(Math.min(1, Math.max(0, w))), n, raw: round6(raw ?? 0), source: 'estimate' };
}

/**
 * Adds one graded line to the sums. `p` and `q` are probabilities of the same side, `won` whether
 * that side won (pushes must not be added). Lines with a probability outside (0, 1) or NaN are
 * skipped (returns the sums unchanged): a degenerate probability is no evidence.
 */
export function addSkillLine(s: SkillSums, p: number, q: number, won: boolean): SkillSums {
  if (!(p >= 0 && p <= 1 && q > 0 && q < 1)) return s;
  const d = p - q;
  return { n: s.n + 1, syd: s.syd + ((won ? 1 : 0) - q) * d, sdd: s.sdd + d * d };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The SKILL_WEIGHT layer (after L2, before L3): moves the line's probability and projection to
 * the market by 1 − w. `pAModel` keeps the probability that entered the layer, the quantity the
 * daily job measures the weight on.
 */
export function applySkillWeight(c: Candidate, weights: SkillWeights): Candidate {
  const sw = weights[c.kind];
  const w = sw.w;
  const pA = c.qA + w * (c.pA - c.qA);
  const projection = c.marketCenter + w * (c.projection - c.marketCenter);
  return withTrace(
    { ...c, pAModel: c.pA, pA, projection, skillWeight: sw },
    {
      layer: 'SKILL_WEIGHT',
      input: {
        w,
        n: sw.n,
        source: sw.source,
        pA: jsonNumber(c.pA),
        qA: jsonNumber(c.qA),
        projection: jsonNumber(c.projection),
        marketCenter: jsonNumber(c.marketCenter),
      },
      output: { pA: jsonNumber(pA), projection: jsonNumber(projection) },
      fired: w < 1,
      detail: `w=${w} (${sw.source}, ${sw.n} graded lines): edge kept ×${w}`,
    },
  );
}
