/**
 * R5, R6: pace/efficiency decomposition and reality check of every simulated game of a run. A
 * game whose summary cannot be decomposed is reported (classify blocks it with
 * DECOMPOSITION_INPUT_ERROR) and the slate goes on.
 */
import { checkRclForSummary, tryDecomposeGame, type SafetyConfig } from '../safety';
import type { LeagueBaseline, SimSummary } from '../simulation-types';

export function decomposeSlate(
  sims: readonly SimSummary[],
  baseline: LeagueBaseline,
  safety: SafetyConfig,
) {
  const outcomes = sims.map((sim) => ({
    sim,
    decomposition: tryDecomposeGame(sim, baseline, safety),
  }));
  const inputErrors = outcomes.flatMap((o) =>
    o.decomposition.ok ? [] : [{ gameId: o.sim.gameId, problems: o.decomposition.problems }],
  );
  const rows = outcomes.flatMap((o) =>
    o.decomposition.ok
      ? [
          {
            decomposition: o.decomposition.result,
            rcl: checkRclForSummary(o.sim, baseline, safety),
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
