/**
 * R7 L5 — publish gates: side, published probability, edge (pp), EV at the offered price,
 * confidence.
 *
 * Side: the one whose probability after the layers so far exceeds the market's (ties: side a;
 * a zero edge is NO_PLAY anyway). Because side b is 1 − side a on both model and market,
 * edge_b = −edge_a.
 *
 * Penalties shrink the edge toward the market, each a factor in [0, 1]:
 *   sample     = minSampleFactor + (1 − minSampleFactor)·min(1, n / fullSampleGames)
 *                (n unknown → minSampleFactor)                     ↑ with sample size
 *   variance   = 1 / (1 + variancePerZ · max(0, z))  (z unknown → 1)   ↓ with variance
 *   penalties  = softTriggerFactor ^ (number of soft triggers)    ↓ with soft triggers
 *   p_pub      = q + (p − q) · sample · variance · penalties, then at most cap/100 (L3), never
 *                below q
 *
 * Confidence is the published probability that the pick wins (given no push), in percent, after
 * all penalties: confidence = 100 · p_pub. It means what it says: of picks published at
 * confidence 55, about 55% win — which is why it is computed from a probability whose distance
 * from the market was earned (skill weight), not from a score of the edge.
 *
 * EV per 1 unit staked at American price a: profit b = a/100 (a > 0) or 100/|a| (a < 0);
 * EV = (1 − pPush)·(p_pub·b − (1 − p_pub)), pushes refund the stake.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber, type Side } from '../types';
import { anchorOf, withTrace, type Candidate, type PublishGates } from './candidate';

export interface PenaltyInputs {
  /** Fewer of the two teams' rating games; null when unknown. */
  readonly ratingSample: number | null;
  /** L4 variance z; null when not computable. */
  readonly varianceZ: number | null;
  readonly softTriggerCount: number;
}

/** The fraction of the edge the penalties keep (module doc), in [0, 1]. */
export function penaltyKeep(i: PenaltyInputs, cfg: SafetyConfig['confidence']): number {
  const n =
    i.ratingSample !== null && Number.isFinite(i.ratingSample) ? Math.max(0, i.ratingSample) : null;
  const sample =
    n === null
      ? cfg.minSampleFactor
      : cfg.minSampleFactor + (1 - cfg.minSampleFactor) * Math.min(1, n / cfg.fullSampleGames);
  const z = i.varianceZ !== null && Number.isFinite(i.varianceZ) ? Math.max(0, i.varianceZ) : 0;
  const variance = 1 / (1 + cfg.variancePerZ * z);
  const penalties = Math.pow(cfg.softTriggerFactor, Math.max(0, i.softTriggerCount));
  return Math.min(1, Math.max(0, sample * variance * penalties));
}

/**
 * The published probability of the chosen side: q + (p − q)·keep, capped at cap/100 but never
 * below q; q is the side's anchor (the market, moved by the base-rate shift when there is one). Degenerate inputs (NaN) give NaN, which the state machine turns into NO_PLAY.
 */
export function publishedProbability(
  p: number,
  q: number,
  keep: number,
  cap: number | null,
): number {
  const out = q + (p - q) * keep;
  const capped = cap === null ? out : Math.min(out, cap / 100);
  return Math.min(1, Math.max(q, capped));
}

/** Profit per unit staked at an American price (|price| ≥ 100). */
export function americanProfit(price: number): number {
  return price > 0 ? price / 100 : 100 / -price;
}

/** EV per unit stake; p is P(win | no push). */
export function expectedValue(p: number, pushProb: number, price: number): number {
  return (1 - pushProb) * (p * americanProfit(price) - (1 - p));
}

/** Which named side a/b is for a market kind. */
export function sideNames(kind: Candidate['kind']): readonly [Side, Side] {
  return kind === 'total' ? ['OVER', 'UNDER'] : ['HOME', 'AWAY'];
}

/** Builds the gates from the candidate's current state (also used after the slate guard). */
export function computeGates(c: Candidate, config: SafetyConfig): PublishGates {
  const [sideA, sideB] = sideNames(c.kind);
  // The side is the one the model leans to beyond the (shifted) market; the base-rate shift on
  // its own never picks a side (skill-weight.ts).
  const anchorA = anchorOf(c);
  const aWins = c.pA - anchorA >= 0;
  const side = (pa: number): number => (aWins ? pa : 1 - pa);
  const q = side(c.qA);
  const anchor = side(anchorA);
  const keep = penaltyKeep(
    {
      ratingSample: c.ratingSample,
      varianceZ: c.varianceZ,
      softTriggerCount: c.softTriggers.length,
    },
    config.confidence,
  );
  const pPub = publishedProbability(side(c.pA), anchor, keep, c.confidenceCap);
  const price = aWins ? c.priceA : c.priceB;
  return {
    side: aWins ? sideA : sideB,
    modelProbRaw: side(c.pARaw),
    modelProbCorrected: side(c.pAModel),
    modelProbCalibrated: pPub,
    skillWeight: c.skillWeight?.w ?? 1,
    baseRateShift: c.skillWeight?.shift ?? 0,
    marketProbNoVig: q,
    pushProb: c.pPush,
    // The edge must clear both the market and the shifted market: the smaller of the two.
    edgePp: Math.min(pPub - q, pPub - anchor) * 100,
    price,
    ev: expectedValue(pPub, c.pPush, price),
    confidence: pPub * 100,
  };
}

export function applyPublishGates(c: Candidate, config: SafetyConfig): Candidate {
  const gates = computeGates(c, config);
  return withTrace(
    { ...c, gates },
    {
      layer: 'L5_PUBLISH_GATES',
      input: {
        pA: jsonNumber(c.pA),
        qA: jsonNumber(c.qA),
        pPush: jsonNumber(c.pPush),
        ratingSample: jsonNumber(c.ratingSample),
        varianceZ: jsonNumber(c.varianceZ),
        softTriggers: [...c.softTriggers],
        confidenceCap: jsonNumber(c.confidenceCap),
      },
      output: {
        side: gates.side,
        publishedProb: jsonNumber(gates.modelProbCalibrated),
        edgePp: jsonNumber(gates.edgePp),
        ev: jsonNumber(gates.ev),
        confidence: jsonNumber(gates.confidence),
        price: gates.price,
      },
      fired: false,
      detail: `edge ${gates.edgePp.toFixed(2)} pp on ${gates.side}, confidence ${gates.confidence.toFixed(1)}`,
    },
  );
}
