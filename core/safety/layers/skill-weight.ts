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
 *
 * The base-rate shift b. A market can be miscalibrated as a whole in one direction for a season
 * (NFL overs won 45.7%, 44.5%, 46.3% of 2021–23 closing totals priced near 50%): no weight on the
 * model repairs that, and every published probability inherits it. b is side A's mean result
 * minus the market's probability over the graded lines of the last `shiftWindowDays` (a season:
 * scoring environments change by season), shrunk toward 0 with `shiftPriorLines` lines:
 *
 *   b = clamp±maxShift( Σ_recent (y_A − q_A) / (n_recent + shiftPriorLines) )
 *
 * and w is then measured on the residual after b (Σ (y − q − b)(p − q)). It is applied on the
 * logit scale, logit p_pub = logit(q + w·(p − q)) + logit(½ + b), so a line priced at 50% moves
 * by b and a long-priced alternate line by less, never out of (0, 1). The projection does not
 * move with b: a base rate off the line is the market's distribution around its line (key
 * numbers, blowouts), not a different centre.
 *
 * The shift calibrates what is stated; it never creates a pick. The shifted market
 * (anchorA = σ(logit q + logit(½ + b))) is what L3–L5 shrink toward, the side is the one the
 * model leans to beyond it, and the edge is the smaller of the published probability's excess
 * over the market and over the shifted market. A base rate alone (every Under of a season) is
 * the original failure's shape and stays NO_PLAY; a shift against the model's side removes edge.
 *
 * Established skill. A published pick is a claim that the model adds to the market, so it needs
 * stronger evidence than a point estimate: the weight's standard error (each outcome's variance
 * bounded by ¼)
 *
 *   se = ½·√(Σ (p − q)²) / (Σ (p − q)² + λ)
 *
 * and the one-sided lower bound w − z·se must stay above 0 ({@link skillEstablished}): the
 * graded record shows, at 95% by default, that the model adds to the market in this sport and
 * market kind. Without it (z = publishZ) a line is NO_PLAY, and without it at pickZ (when
 * that bar is higher) at most LEAN; its published probability does not change either way. An
 * unestablished weight still moves the probability: that is calibration, not a claim.
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
  /** Σ (p_A − q_A), side A's disagreement (signed). */
  readonly sd: number;
  /** Graded lines of the shift window (a subset of n). */
  readonly nRecent: number;
  /** Σ_recent (y_A − q_A): side A's results against the market over the shift window. */
  readonly syRecent: number;
}

export const EMPTY_SKILL_SUMS: SkillSums = Object.freeze({
  n: 0,
  syd: 0,
  sdd: 0,
  sd: 0,
  nRecent: 0,
  syRecent: 0,
});

/** The prior weight of a kind, for a slate with no calibration row yet. */
export function priorSkillWeights(cfg: SafetyConfig['skillWeight']): SkillWeights {
  const prior: SkillWeight = {
    w: cfg.prior,
    n: 0,
    raw: null,
    source: 'prior',
    shift: 0,
    shiftN: 0,
    se: null,
  };
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
 * The weight and the shift from graded lines (module doc). Degenerate sums (non-finite, negative
 * counts, a sum larger than its count) are treated as no evidence: the prior and no shift, never
 * a crash and never a silent 1.
 */
export function estimateSkillWeight(
  sums: SkillSums,
  cfg: SafetyConfig['skillWeight'],
): SkillWeight {
  const finite = [sums.n, sums.syd, sums.sdd, sums.sd, sums.nRecent, sums.syRecent].every((x) =>
    Number.isFinite(x),
  );
  // Every graded line has |p − q| < 1 and |y − q| ≤ 1, so each sum is bounded by its count. Sums
  // outside those bounds cannot come from graded lines (and near Number.MAX_VALUE they overflow
  // the estimate to NaN): they are no evidence.
  const ok =
    finite &&
    sums.n >= 0 &&
    sums.nRecent >= 0 &&
    sums.nRecent <= sums.n &&
    sums.sdd >= 0 &&
    sums.sdd <= sums.n &&
    Math.abs(sums.syd) <= sums.n &&
    Math.abs(sums.sd) <= sums.n &&
    Math.abs(sums.syRecent) <= sums.nRecent;
  const n = ok ? sums.n : 0;
  const shiftN = ok ? sums.nRecent : 0;
  const shift =
    ok && shiftN >= cfg.minLines
      ? round6(
          Math.min(
            cfg.maxShift,
            Math.max(-cfg.maxShift, sums.syRecent / (shiftN + cfg.shiftPriorLines)),
          ),
        )
      : 0;
  const raw = ok && sums.sdd > 0 ? sums.syd / sums.sdd : null;
  if (!ok || n < cfg.minLines || sums.sdd <= 0)
    return {
      w: cfg.prior,
      n,
      raw: raw === null ? null : round6(raw),
      source: 'prior',
      shift,
      shiftN,
      se: null,
    };
  const lambda = cfg.priorLines * (sums.sdd / n);
  // Measured on the residual after the shift: Σ (y − q − b)(p − q) = syd − b·sd.
  const w = (sums.syd - shift * sums.sd + lambda * cfg.prior) / (sums.sdd + lambda);
  return {
    w: round6(Math.min(1, Math.max(0, w))),
    n,
    raw: round6(raw ?? 0),
    source: 'estimate',
    shift,
    shiftN,
    se: round6((0.5 * Math.sqrt(sums.sdd)) / (sums.sdd + lambda)),
  };
}

/**
 * Whether the weight is established at `z` (module doc): an estimate whose one-sided lower bound
 * w − z·se is above 0. The prior, a missing or non-finite se: not established. PICK asks it at
 * `skillWeight.pickZ`, publication at all at `skillWeight.publishZ`.
 */
export function skillEstablished(sw: SkillWeight | null, z: number): boolean {
  if (sw === null || sw.source !== 'estimate' || sw.se === null || !Number.isFinite(sw.se))
    return false;
  return sw.w - z * sw.se > 0;
}

/**
 * Adds one graded line to the sums. `p` and `q` are side A's probabilities (Over, home), `won`
 * whether side A won (pushes must not be added), `recent` whether the line is in the shift
 * window. Lines with a probability outside (0, 1) or NaN are skipped (returns the sums
 * unchanged): a degenerate probability is no evidence.
 */
export function addSkillLine(
  s: SkillSums,
  p: number,
  q: number,
  won: boolean,
  recent = true,
): SkillSums {
  if (!(p >= 0 && p <= 1 && q > 0 && q < 1)) return s;
  const d = p - q;
  const r = (won ? 1 : 0) - q;
  return {
    n: s.n + 1,
    syd: s.syd + r * d,
    sdd: s.sdd + d * d,
    sd: s.sd + d,
    nRecent: s.nRecent + (recent ? 1 : 0),
    syRecent: s.syRecent + (recent ? r : 0),
  };
}

/**
 * Side A's published probability: q + w·(p − q), moved by the shift on the logit scale (module
 * doc). With shift 0 it is exactly the blend (no floating-point change).
 */
export function skillWeightedProbability(p: number, q: number, w: number, shift: number): number {
  const blend = q + w * (p - q);
  if (shift === 0 || !(blend > 0 && blend < 1)) return blend;
  const z = Math.log(blend / (1 - blend)) + Math.log((0.5 + shift) / (0.5 - shift));
  return 1 / (1 + Math.exp(-z));
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
  const shift = sw.shift;
  const pA = skillWeightedProbability(c.pA, c.qA, w, shift);
  const anchorA = skillWeightedProbability(c.qA, c.qA, 0, shift);
  const projection = c.marketCenter + w * (c.projection - c.marketCenter);
  return withTrace(
    { ...c, pAModel: c.pA, pA, anchorA, projection, skillWeight: sw },
    {
      layer: 'SKILL_WEIGHT',
      input: {
        w,
        n: sw.n,
        source: sw.source,
        shift,
        shiftN: sw.shiftN,
        se: jsonNumber(sw.se),
        pA: jsonNumber(c.pA),
        qA: jsonNumber(c.qA),
        projection: jsonNumber(c.projection),
        marketCenter: jsonNumber(c.marketCenter),
      },
      output: {
        pA: jsonNumber(pA),
        projection: jsonNumber(projection),
        ...(shift === 0 ? {} : { anchorA: jsonNumber(anchorA) }),
      },
      fired: w < 1 || shift !== 0,
      detail:
        `w=${w} (${sw.source}, ${sw.n} graded lines): edge kept ×${w}` +
        (shift === 0 ? '' : `; base-rate shift ${shift} of side A (${sw.shiftN} lines)`),
    },
  );
}
