/**
 * The pricing steps of the slate run (SPEC §3, R3–R9): load ratings → simulate (simulate.ts)
 * → decompose (+RCL) → calibrate → classify → stamp versions. Thin adapters: the numbers come from `core/`
 * (the slate's decisions from core/pipeline/),
 * the rows go to Postgres through `db/`, and only counts and small records go back to the
 * workflow.
 */
import type { Kysely } from 'kysely';
import {
  calibrationInputs,
  calibrationReads,
  decideRun,
  decomposeSlate,
  decomposeSummary,
  gamesToProject,
  MissingBaselineError,
  projectGames,
  ratingsSummary,
  ratingsWindowStart,
  stampSummary,
  versionStampFor,
} from '../core/pipeline';
import type { RatingsConfig } from '../core/ratings/types';
import type {
  CalibrationInputs,
  ClassifySummary,
  DecomposeSummary,
  RatingsSummary,
  StampSummary,
} from '../core/run-summaries';
import type { Sport } from '../core/sports';
import { gamesOnDate, rowToGame } from '../db/repositories/games';
import { firstCalibrationStateBefore } from '../db/repositories/calibration';
import { publishedTotalsWindow } from '../db/repositories/decisions';
import {
  closingLinesBetween,
  finalGamesBetween,
  historyStartBefore,
} from '../db/repositories/history';
import {
  gameInputsForRun,
  insertDecompositionLogs,
  insertGameInputs,
  recentSimulatedSds,
  runBaseline,
  setRunBaseline,
  simulationsForRun,
} from '../db/repositories/simulations';
import { insertPickAudit, lineChecksForRun, runChain, stampRun } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import { badInput, translating } from './errors';
import { runConfig, type ActivityDeps, type ConfiguredRef } from './slate';
import { requireSlateKey } from './validate';

/**
 * Loads what R3 reads (history final before `asOf`, its closing lines, the slate's games) and
 * projects the games (core/pipeline/project-slate.ts). The load-ratings step and `reproduce`
 * both use it, so a reproduction recomputes exactly what the run computed.
 */
export async function projectSlate(
  db: Kysely<Database>,
  sport: Sport,
  date: string,
  asOf: string,
  gameIds: readonly string[],
  config: RatingsConfig,
) {
  const oldest = await historyStartBefore(db, sport, asOf, config.lookbackSeasons + 1);
  const from = ratingsWindowStart(asOf, config.lookbackSeasons, oldest);
  const [history, quotes, slate] = await Promise.all([
    finalGamesBetween(db, sport, from, asOf),
    closingLinesBetween(db, sport, from, asOf),
    gamesOnDate(db, sport, date),
  ]);
  const games = gamesToProject(slate.map(rowToGame), gameIds);
  return projectGames(sport, games, history, quotes, asOf, config);
}

/** Steps on the orchestration queue (I/O-bound, short). */
export function createPricingActivities(deps: ActivityDeps) {
  const { db } = deps;

  return {
    /**
     * Step "load ratings" (R3): point-in-time ratings from games that finished before the run's
     * as-of, the league baseline, and each priceable game's engine inputs.
     */
    async loadRatings(
      input: ConfiguredRef & { asOf: string; gameIds: string[] },
    ): Promise<RatingsSummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input).ratings;
      const projection = await projectSlate(db, sport, date, input.asOf, input.gameIds, config);
      await insertGameInputs(db, input.runId, sport, projection.rows);
      await setRunBaseline(db, input.runId, projection.baseline);
      return ratingsSummary(projection);
    },

    /**
     * Step "decompose (+RCL)" (R5, R6): pace/efficiency split and reality check of every
     * simulated game, logged to `decomposition_logs` unless ENABLE_DECOMPOSITION_LOGGING is off.
     */
    async decomposeSlate(input: ConfiguredRef): Promise<DecomposeSummary> {
      const { date } = requireSlateKey(input.sport, input.date);
      const safety = runConfig(input).safety;
      const [sims, baseline] = await Promise.all([
        simulationsForRun(db, input.runId),
        runBaseline(db, input.runId),
      ]);
      const d = translating(
        MissingBaselineError,
        () =>
          badInput(`run ${input.runId} has simulations but no league baseline`, 'MissingBaseline'),
        () => decomposeSlate(sims, baseline, safety),
      );
      // A game whose summary cannot be decomposed is blocked by classify (the same check runs
      // there); it is not logged, and the slate goes on.
      for (const e of d.inputErrors)
        deps.logger?.warn(
          `${input.runId}: DECOMPOSITION_INPUT_ERROR ${e.gameId}: ${e.problems.join('; ')}`,
        );
      const logged = safety.flags.ENABLE_DECOMPOSITION_LOGGING;
      if (logged) await insertDecompositionLogs(db, input.runId, date, d.rows);
      else
        deps.logger?.warn(
          `ENABLE_DECOMPOSITION_LOGGING is OFF: run ${input.runId} writes no decomposition logs`,
        );
      return decomposeSummary(d, logged);
    },

    /**
     * Step "calibrate" inputs (R7 L2, L4, R11): the newest daily calibration before the slate
     * and the recent distribution of simulated SDs.
     */
    async loadCalibration(input: ConfiguredRef): Promise<CalibrationInputs> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const reads = calibrationReads((await runChain(db, input.runId))?.chain, date, config);
      const state = await firstCalibrationStateBefore(db, sport, date, reads.stateChains);
      const [sds, publishedWindow] = await Promise.all([
        recentSimulatedSds(db, sport, date, config.varianceWindow, reads.chain),
        publishedTotalsWindow(db, sport, reads.chain, reads.guardWindow),
      ]);
      return calibrationInputs(state, sds, publishedWindow);
    },

    /**
     * Steps "calibrate" + "classify" (R7, R8): the five layers, the slate guard and the state
     * machine over every verified line; one `pick_audit` row per (game, market, line).
     */
    async classifySlate(
      input: ConfiguredRef & CalibrationInputs & { iterations: number; seed: string },
    ): Promise<ClassifySummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const [checks, sims, baseline, inputs] = await Promise.all([
        lineChecksForRun(db, input.runId),
        simulationsForRun(db, input.runId),
        runBaseline(db, input.runId),
        gameInputsForRun(db, input.runId),
      ]);
      const { rows, summary, warnings } = decideRun({
        ...input,
        sport,
        slateDate: date,
        checks,
        sims,
        baseline,
        inputs,
        config,
        versions: deps.versions,
      });
      for (const w of warnings) deps.logger?.warn(`${input.runId}: ${w.code}: ${w.message}`);
      await insertPickAudit(db, rows);
      return summary;
    },
  };
}

/** Step "stamp versions" (R9): the run gets the stamp its audit rows were written with. */
export function createStampActivities(deps: ActivityDeps) {
  return {
    async stampVersions(
      input: ConfiguredRef & { seed: string; iterations: number; triggers: string[] },
    ): Promise<StampSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const { seed, iterations, triggers } = input;
      const stamp = versionStampFor(deps.versions, sport, config, seed, iterations, triggers);
      await stampRun(deps.db, input.runId, stamp);
      return stampSummary(stamp);
    },
  };
}
