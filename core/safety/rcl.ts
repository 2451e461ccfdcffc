/**
 * R6 reality check on totals (RCL). A projection outside the sport's plausible range, or more
 * than `rcl.maxBaselineSds` league SDs from the league baseline total, means the simulation is
 * broken for this game; every market of the game is blocked (RCL_FAIL), not just totals.
 */
import type { LeagueBaseline, SimSummary } from '../simulation-types';
import { DEFAULT_SAFETY_CONFIG, type SafetyConfig, type SportSafetyThresholds } from './config';

interface RclCommon {
  readonly gameId: string;
  /** Projected full-game total (scoring units). */
  readonly projectedTotal: number;
  readonly plausibleTotal: readonly [number, number];
  readonly baselineTotal: number;
  readonly baselineSd: number;
  /** (projected − baseline) / baselineSd; null when not computable. */
  readonly zVsBaseline: number | null;
}

export type RclResult =
  | (RclCommon & { readonly passed: true })
  | (RclCommon & { readonly passed: false; readonly reason: 'RCL_FAIL'; readonly detail: string });

/**
 * Checks one projected total. Fails closed: a non-finite projection or an unusable baseline SD
 * is an RCL_FAIL, since neither bound can be verified.
 */
export function checkRcl(
  gameId: string,
  projectedTotal: number,
  baseline: Pick<LeagueBaseline, 'totalMean' | 'totalSd'>,
  sport: Pick<SportSafetyThresholds, 'plausibleTotal'>,
  config: Pick<SafetyConfig, 'rcl'>,
): RclResult {
  const [lo, hi] = sport.plausibleTotal;
  const sdOk =
    Number.isFinite(baseline.totalSd) &&
    baseline.totalSd > 0 &&
    Number.isFinite(baseline.totalMean);
  const z =
    sdOk && Number.isFinite(projectedTotal)
      ? (projectedTotal - baseline.totalMean) / baseline.totalSd
      : null;
  const common: RclCommon = {
    gameId,
    projectedTotal,
    plausibleTotal: [lo, hi],
    baselineTotal: baseline.totalMean,
    baselineSd: baseline.totalSd,
    zVsBaseline: z,
  };
  const fail = (detail: string): RclResult => ({
    ...common,
    passed: false,
    reason: 'RCL_FAIL',
    detail,
  });
  if (!Number.isFinite(projectedTotal))
    return fail(`projected total is not finite (${projectedTotal})`);
  if (projectedTotal < lo || projectedTotal > hi)
    return fail(
      `projected total ${projectedTotal.toFixed(2)} outside plausible range [${lo}, ${hi}]`,
    );
  if (z === null)
    return fail(`league baseline unusable (mean ${baseline.totalMean}, sd ${baseline.totalSd})`);
  const max = config.rcl.maxBaselineSds;
  if (Math.abs(z) > max)
    return fail(
      `projected total ${projectedTotal.toFixed(2)} is ${z.toFixed(2)} SDs from league baseline ` +
        `${baseline.totalMean.toFixed(2)} (limit ±${max})`,
    );
  return { ...common, passed: true };
}

/** {@link checkRcl} on a simulation's full-game mean total, with the sport's thresholds from config. */
export function checkRclForSummary(
  sim: SimSummary,
  baseline: Pick<LeagueBaseline, 'totalMean' | 'totalSd'>,
  config: Pick<SafetyConfig, 'rcl' | 'sports'> = DEFAULT_SAFETY_CONFIG,
): RclResult {
  return checkRcl(sim.gameId, sim.full.total.mean, baseline, config.sports[sim.sport], config);
}
