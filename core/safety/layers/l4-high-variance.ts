/**
 * R7 L4 — high-variance edge suppression. z = (game's simulated SD − mean of the sport's recent
 * simulated SDs) / SD of those SDs. Reduction r(z): 0 for z ≤ zStart (1.25); minReduction (50%)
 * just above it, rising linearly to maxReduction (75%) at z ≥ zFull (2.25). The edge is reduced
 * by moving the probability toward the market: p' = q + (p − q)·(1 − r), so edge' = edge·(1 − r).
 *
 * Which SD: spreads use the margin SD when margin statistics are supplied; everything else
 * (including derivative totals, whose own SD has a different scale) uses the full-game total SD,
 * i.e. game-level volatility. With no or too little history (< `highVariance.minHistory` SDs, or
 * a non-positive SD of SDs) L4 cannot judge: not fired, z null, and classifySlate warns.
 */
import type { SafetyConfig } from '../config';
import { jsonNumber } from '../types';
import { addUnique, anchorOf, shrinkTowardMarket, withTrace, type Candidate } from './candidate';

/** Recent distribution of simulated SDs of one sport (scoring units). */
export interface RecentSdStats {
  readonly mean: number;
  readonly sd: number;
  /** Number of games the stats come from. */
  readonly n: number;
}

/** Per-sport variance history: total SDs, and optionally margin SDs for spreads. */
export interface VarianceStats {
  readonly totalSd: RecentSdStats;
  readonly marginSd?: RecentSdStats | null;
}

/** Edge reduction (fraction 0–1) for a variance z; non-decreasing in z. */
export function varianceReduction(z: number, hv: SafetyConfig['highVariance']): number {
  if (!(z > hv.zStart)) return 0;
  const t = Math.min(1, (z - hv.zStart) / (hv.zFull - hv.zStart));
  return hv.minReduction + (hv.maxReduction - hv.minReduction) * t;
}

/** True when `s` is usable history. */
export function usableStats(
  s: RecentSdStats | null | undefined,
  minHistory: number,
): s is RecentSdStats {
  return (
    s !== null &&
    s !== undefined &&
    Number.isFinite(s.mean) &&
    Number.isFinite(s.sd) &&
    s.sd > 0 &&
    s.n >= minHistory
  );
}

export function applyHighVariance(
  c: Candidate,
  stats: VarianceStats | null,
  config: SafetyConfig,
): Candidate {
  const hv = config.highVariance;
  const useMargin = c.kind === 'spread' && usableStats(stats?.marginSd, hv.minHistory);
  const s = useMargin ? stats?.marginSd : stats?.totalSd;
  const subjectSd = useMargin ? c.fullMarginSd : c.fullTotalSd;
  const input = {
    subject: useMargin ? 'marginSd' : 'totalSd',
    sd: jsonNumber(subjectSd),
    recentMean: jsonNumber(s?.mean),
    recentSd: jsonNumber(s?.sd),
    recentN: jsonNumber(s?.n),
    pA: jsonNumber(c.pA),
    qA: jsonNumber(c.qA),
  };
  if (!usableStats(s, hv.minHistory))
    return withTrace(
      { ...c, varianceZ: null },
      {
        layer: 'L4_HIGH_VARIANCE',
        input,
        output: { z: null },
        fired: false,
        detail: 'no usable variance history',
      },
    );
  const z = (subjectSd - s.mean) / s.sd;
  const r = varianceReduction(z, hv);
  if (r === 0)
    return withTrace(
      { ...c, varianceZ: z },
      {
        layer: 'L4_HIGH_VARIANCE',
        input,
        output: { z: jsonNumber(z), reduction: 0 },
        fired: false,
        detail: `z ${z.toFixed(2)} ≤ ${hv.zStart}`,
      },
    );
  const pA = shrinkTowardMarket(c.pA, anchorOf(c), 1 - r);
  return withTrace(
    { ...c, pA, varianceZ: z, softTriggers: addUnique(c.softTriggers, 'HIGH_VARIANCE') },
    {
      layer: 'L4_HIGH_VARIANCE',
      input,
      output: { z: jsonNumber(z), reduction: r, pA: jsonNumber(pA) },
      fired: true,
      detail: `z ${z.toFixed(2)} > ${hv.zStart}: edge reduced ${(r * 100).toFixed(1)}%`,
    },
  );
}
