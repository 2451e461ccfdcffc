/**
 * R7 L2 — league baseline clamp and damp (per line; the slate guard is in slate-guard.ts).
 *
 * Totals only: bias and over rate are totals statistics, so spreads pass through (recorded,
 * not fired).
 *
 * 1. Offset (BASELINE_CLAMP): the projection moves by −offset·segmentScale. P(over) is
 *    recomputed by shifting the simulated distribution under a normal approximation that keeps
 *    the engine's own shape at the line: z₀ = Φ⁻¹(pA) is where the line sits in the engine's
 *    distribution (pA is P(over | no push)); shifting the mean by −Δ moves it to z₁ = z₀ − Δ/σ and
 *    pA₁ = Φ(z₁). The push mass from the summary is kept unchanged (a shift of a fraction of a
 *    point does not move the mass of an integer total much; for half-point lines it is 0).
 *    With offset 0 the engine's probability is used untouched (no round-trip error).
 * 2. Damp (DAMP_FACTOR, d < 1): "projection − market" shrinks by d, where "market" is the
 *    market-implied centre: the location at which the shifted distribution would price side a
 *    at exactly the no-vig qA (z_q = Φ⁻¹(qA)). For a 50/50 market and a symmetric distribution
 *    that is the consensus line itself; anchoring at the market *probability* rather than the
 *    line guarantees that damping shrinks the edge and never flips its side when the price is
 *    juiced (a line-anchored shrink can manufacture an edge on the other side). The normal
 *    approximation gives z₂ = z_q + d·(z₁ − z_q); it is applied as a shrink factor
 *    g = (Φ(z₂) − Φ(z_q)) / (Φ(z₁) − Φ(z_q)) ∈ [0, 1] on (pA₁ − qA), so approximation error in
 *    Φ/Φ⁻¹ can never add edge.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber, type CalibrationAdjustment } from '../types';
import { addUnique, withTrace, type Candidate } from './candidate';
import type { CalibrationState } from './calibration-state';
import { normCdf, normQuantile } from './normal';

export function applyBaselineClamp(
  c: Candidate,
  state: CalibrationState,
  _config: SafetyConfig,
): Candidate {
  const input = {
    offset: state.offset,
    dampFactor: state.dampFactor,
    asOfDate: state.asOfDate,
    sourceRowId: state.sourceRowId,
    segmentScale: jsonNumber(c.segmentScale),
    projection: jsonNumber(c.projection),
    pA: jsonNumber(c.pA),
    qA: jsonNumber(c.qA),
    sd: jsonNumber(c.sd),
  };
  if (c.kind !== 'total')
    return withTrace(c, {
      layer: 'L2_BASELINE_CLAMP',
      input,
      output: {},
      fired: false,
      detail: 'not applied to spreads (totals statistics)',
    });

  let adjustments: readonly CalibrationAdjustment[] = c.adjustments;
  const details: string[] = [];
  let projection = c.projection;
  let pA = c.pA;
  let z1 = normQuantile(pA);

  const shift = state.offset * c.segmentScale;
  if (shift !== 0) {
    projection -= shift;
    z1 -= shift / c.sd;
    pA = normCdf(z1);
    adjustments = addUnique(adjustments, 'BASELINE_CLAMP');
    details.push(`offset ${shift.toFixed(3)} applied`);
  }

  const d = state.dampFactor;
  if (d < 1) {
    const zq = normQuantile(c.qA);
    const pq = normCdf(zq);
    const p1 = normCdf(z1);
    const p2 = normCdf(zq + d * (z1 - zq));
    const gap = p1 - pq;
    const g = gap === 0 ? 1 : Math.min(1, Math.max(0, (p2 - pq) / gap));
    pA = Math.min(1, Math.max(0, c.qA + (pA - c.qA) * g));
    const marketCentre = projection + c.sd * (zq - z1);
    projection = marketCentre + d * (projection - marketCentre);
    adjustments = addUnique(adjustments, 'DAMP_FACTOR');
    details.push(`damp d=${d} (probability gap kept ${g.toFixed(4)})`);
  }

  const fired = adjustments.length > c.adjustments.length;
  return withTrace(
    { ...c, projection, pA, adjustments },
    {
      layer: 'L2_BASELINE_CLAMP',
      input,
      output: { projection: jsonNumber(projection), pA: jsonNumber(pA) },
      fired,
      detail: fired ? details.join('; ') : 'neutral calibration state',
    },
  );
}
