/**
 * R7 L5 — publish gates: side, edge (pp), EV at the offered price, confidence.
 *
 * Edge: model P(side | no push) − no-vig market P(side), × 100 → probability points. Because
 * side b is 1 − side a on both model and market, edge_b = −edge_a and the chosen side (larger
 * edge) always has edge ≥ 0.
 *
 * EV per 1 unit staked at American price a: profit b = a/100 (a > 0) or 100/|a| (a < 0);
 * EV = (1 − pPush)·(p·b − (1 − p)), pushes refund the stake.
 *
 * Confidence (0–100), a product of factors each in [0, 1], then capped (L3):
 *   edgeScore    = 1 − exp(−max(0, edgePp) / edgeScalePp)         ↑ with edge
 *   sample       = minSampleFactor + (1 − minSampleFactor)·min(1, n / fullSampleGames)
 *                  (n unknown → minSampleFactor)                   ↑ with sample size
 *   variance     = 1 / (1 + variancePerZ · max(0, z))  (z unknown → 1)   ↓ with variance
 *   penalties    = softTriggerFactor ^ (number of soft triggers)  ↓ with penalties
 *   confidence   = min(cap, 100 · edgeScore · sample · variance · penalties)
 * With the defaults, a clean full-sample line at 3.0 pp scores 69.9 (PICK bar 65), at 1.5 pp 45.1.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber, type Side } from '../types';
import { withTrace, type Candidate, type PublishGates } from './candidate';

export interface ConfidenceInputs {
  /** Calibrated edge of the chosen side (pp). */
  readonly edgePp: number;
  /** Fewer of the two teams' rating games; null when unknown. */
  readonly ratingSample: number | null;
  /** L4 variance z; null when not computable. */
  readonly varianceZ: number | null;
  readonly softTriggerCount: number;
  /** Upper bound (L3), null for none. */
  readonly cap: number | null;
}

/** The documented confidence formula (module doc). Result in [0, 100]; NaN edge → 0. */
export function computeConfidence(i: ConfidenceInputs, cfg: SafetyConfig['confidence']): number {
  const edge = Number.isFinite(i.edgePp) ? Math.max(0, i.edgePp) : 0;
  const edgeScore = 1 - Math.exp(-edge / cfg.edgeScalePp);
  const n =
    i.ratingSample !== null && Number.isFinite(i.ratingSample) ? Math.max(0, i.ratingSample) : null;
  const sample =
    n === null
      ? cfg.minSampleFactor
      : cfg.minSampleFactor + (1 - cfg.minSampleFactor) * Math.min(1, n / cfg.fullSampleGames);
  const z = i.varianceZ !== null && Number.isFinite(i.varianceZ) ? Math.max(0, i.varianceZ) : 0;
  const variance = 1 / (1 + cfg.variancePerZ * z);
  const penalties = Math.pow(cfg.softTriggerFactor, Math.max(0, i.softTriggerCount));
  const raw = 100 * edgeScore * sample * variance * penalties;
  const capped = i.cap === null ? raw : Math.min(raw, i.cap);
  return Math.min(100, Math.max(0, capped));
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
  const aWins = c.pA - c.qA >= 0;
  const p = aWins ? c.pA : 1 - c.pA;
  const q = aWins ? c.qA : 1 - c.qA;
  const pRaw = aWins ? c.pARaw : 1 - c.pARaw;
  const price = aWins ? c.priceA : c.priceB;
  const edgePp = (p - q) * 100;
  const confidence = computeConfidence(
    {
      edgePp,
      ratingSample: c.ratingSample,
      varianceZ: c.varianceZ,
      softTriggerCount: c.softTriggers.length,
      cap: c.confidenceCap,
    },
    config.confidence,
  );
  return {
    side: aWins ? sideA : sideB,
    modelProbRaw: pRaw,
    modelProbCalibrated: p,
    marketProbNoVig: q,
    pushProb: c.pPush,
    edgePp,
    price,
    ev: expectedValue(p, c.pPush, price),
    confidence,
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
