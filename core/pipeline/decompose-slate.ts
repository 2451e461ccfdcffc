/**
 * R5, R6: pace/efficiency decomposition and reality check of every simulated game of a run. A
 * game whose summary cannot be decomposed is reported (classify blocks it with
 * DECOMPOSITION_INPUT_ERROR) and the slate goes on. Simulations without the run's league
 * baseline cannot be decomposed at all: the run is broken.
 */
import type { DecomposeSummary } from '../run-summaries';
import { checkRclForSummary, tryDecomposeGame, type SafetyConfig } from '../safety';
import type { LeagueBaseline, SimSummary } from '../simulation-types';

/** A run has simulations but no league baseline (the load-ratings step stores one). */
export class MissingBaselineError extends Error {
  override readonly name = 'MissingBaselineError';
}

/** @throws MissingBaselineError when there are simulations and `baseline` is null. */
export function decomposeSlate(
  sims: readonly SimSummary[],
  baseline: LeagueBaseline | null,
  safety: SafetyConfig,
) {
  if (sims.length > 0 && baseline === null) {
    throw new MissingBaselineError('simulations but no league baseline');
  }
  const outcomes = sims.map((sim) => ({
    sim,
    decomposition: tryDecomposeGame(sim, baseline!, safety),
  }));
  const inputErrors = outcomes.flatMap((o) =>
    o.decomposition.ok ? [] : [{ gameId: o.sim.gameId, problems: o.decomposition.problems }],
  );
  const rows = outcomes.flatMap((o) =>
    o.decomposition.ok
      ? [
          {
            decomposition: o.decomposition.result,
            rcl: checkRclForSummary(o.sim, baseline!, safety),
          },
        ]
      : [],
  );
  const count = (flag: string) =>
    rows.filter((r) => (r.decomposition.flags as readonly string[]).includes(flag)).length;
  return {
    rows,
    inputErrors,
    doubleCounting: count('DOUBLE_COUNTING_LIKELY'),
    paceOutliers: count('PACE_OUTLIER'),
    efficiencyOutliers: count('EFFICIENCY_OUTLIER'),
    rclFail: rows.filter((r) => !r.rcl.passed).length,
  };
}

/** What the decompose step reports; `logged`: whether its rows were written (R15). */
export function decomposeSummary(
  d: ReturnType<typeof decomposeSlate>,
  logged: boolean,
): DecomposeSummary {
  return {
    games: d.rows.length,
    logged,
    doubleCounting: d.doubleCounting,
    paceOutliers: d.paceOutliers,
    efficiencyOutliers: d.efficiencyOutliers,
    rclFail: d.rclFail,
    inputErrors: d.inputErrors.length,
  };
}
