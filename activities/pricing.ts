/**
 * The pricing steps of the slate run (SPEC §3, R3–R9): load ratings → simulate → decompose
 * (+RCL) → calibrate → classify → stamp versions. Thin adapters: the numbers come from `core/`
 * (the slate's decisions from core/pipeline/),
 * the rows go to Postgres through `db/`, and only counts and small records go back to the
 * workflow.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { addDays } from '../core/calendar';
import { ITERATIONS } from '../core/config';
import {
  decomposeSlate,
  projectGames,
  ratingsWindowStart,
  safetyInputs,
  simRequestFor,
  slateAuditRows,
  varianceStats,
  versionStampFor,
} from '../core/pipeline';
import type { RatingsConfig } from '../core/ratings/types';
import type {
  CalibrationInputs,
  ClassifySummary,
  DecomposeSummary,
  RatingsSummary,
  SimulateSummary,
  StampSummary,
} from '../core/run-summaries';
import { NEUTRAL_CALIBRATION_STATE, classifySlate, type CalibrationState } from '../core/safety';
import { SimInputError, type SimRequest } from '../core/sim/types';
import type { LeagueBaseline, SimSummary } from '../core/simulation-types';
import type { Sport } from '../core/sports';
import { gamesOnDate, rowToGame } from '../db/repositories/games';
import { calibrationStateBefore } from '../db/repositories/calibration';
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
  insertSimulations,
  recentSimulatedSds,
  runBaseline,
  setRunBaseline,
  simulationsForRun,
} from '../db/repositories/simulations';
import { insertPickAudit, lineChecksForRun, runChain, stampRun } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import { badInput } from './errors';
import { runConfig, type ActivityDeps, type ConfiguredRef, type RunRef } from './slate';
import { requireSlateKey } from './validate';

/** Simulation runs on its own task queue, so it gets its own dependencies. */
export interface SimDeps {
  db: Kysely<Database>;
  pool: { simulate(request: SimRequest): Promise<SimSummary> };
  /** Model hash per sport (simulation code + parameters, R9). */
  modelHash(sport: Sport): string;
}

/** Step "simulate", registered on the `beatvegas-sim` task queue. */
export function createSimActivities(deps: SimDeps) {
  return {
    async simulateSlate(
      input: RunRef & { seed: string; iterations: number },
    ): Promise<SimulateSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      if (
        !Number.isInteger(input.iterations) ||
        input.iterations < ITERATIONS.min ||
        input.iterations > ITERATIONS.max
      ) {
        throw badInput(
          `iterations ${input.iterations} outside ${ITERATIONS.min}–${ITERATIONS.max}`,
          'InvalidIterations',
        );
      }
      const [inputs, checks] = await Promise.all([
        gameInputsForRun(deps.db, input.runId),
        lineChecksForRun(deps.db, input.runId),
      ]);
      const requests = inputs.map((row) =>
        simRequestFor(
          sport,
          row.game_id,
          input.seed,
          input.iterations,
          row.inputs as unknown as SimRequest['inputs'],
          checks,
        ),
      );
      const modelHash = deps.modelHash(sport);
      let done = 0;
      let summaries: SimSummary[];
      try {
        summaries = await Promise.all(
          requests.map(async (request) => {
            const summary = await deps.pool.simulate(request);
            done += 1;
            heartbeat({ done, of: requests.length });
            return summary;
          }),
        );
      } catch (error) {
        if (error instanceof SimInputError) {
          throw ApplicationFailure.create({
            message: error.message,
            type: 'SimInputError',
            nonRetryable: true,
          });
        }
        throw error;
      }
      await insertSimulations(
        deps.db,
        input.runId,
        summaries.map((summary) => ({ summary, modelHash })),
      );
      return { simulated: summaries.length, modelHash };
    },
  };
}

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
  const wanted = new Set(gameIds);
  const games = slate.map(rowToGame).filter((g) => wanted.has(g.gameId));
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
      const { rows, baseline, historyGames, lowSample, clamped } = await projectSlate(
        db,
        sport,
        date,
        input.asOf,
        input.gameIds,
        runConfig(input).ratings,
      );
      await insertGameInputs(db, input.runId, sport, rows);
      await setRunBaseline(db, input.runId, baseline);
      return {
        games: rows.length,
        historyGames,
        lowSample,
        clamped,
        baselineTotal: baseline.totalMean,
      };
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
      if (sims.length > 0 && baseline === null) {
        throw badInput(
          `run ${input.runId} has simulations but no league baseline`,
          'MissingBaseline',
        );
      }
      // A game whose summary cannot be decomposed is blocked by classify (the same check runs
      // there); it is not logged, and the slate goes on.
      const d = decomposeSlate(sims, baseline!, safety);
      for (const e of d.inputErrors)
        deps.logger?.warn(
          `${input.runId}: DECOMPOSITION_INPUT_ERROR ${e.gameId}: ${e.problems.join('; ')}`,
        );
      const rows = d.rows;
      const logged = safety.flags.ENABLE_DECOMPOSITION_LOGGING;
      if (logged) await insertDecompositionLogs(db, input.runId, date, rows);
      else
        deps.logger?.warn(
          `ENABLE_DECOMPOSITION_LOGGING is OFF: run ${input.runId} writes no decomposition logs`,
        );
      return {
        games: rows.length,
        logged,
        doubleCounting: d.doubleCounting,
        paceOutliers: d.paceOutliers,
        efficiencyOutliers: d.efficiencyOutliers,
        rclFail: d.rclFail,
        inputErrors: d.inputErrors.length,
      };
    },

    /**
     * Step "calibrate" inputs (R7 L2, L4, R11): the newest daily calibration before the slate
     * and the recent distribution of simulated SDs.
     */
    async loadCalibration(input: ConfiguredRef): Promise<CalibrationInputs> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const chain = (await runChain(db, input.runId))?.chain ?? 'production';
      // A research run without a chain of its own yet reads production's; a backfill only ever
      // reads its own chain (deterministic, and blind to what production learned since).
      const calibration: CalibrationState =
        (await calibrationStateBefore(db, sport, date, chain)) ??
        (chain.startsWith('research:')
          ? await calibrationStateBefore(db, sport, date, 'production')
          : undefined) ??
        NEUTRAL_CALIBRATION_STATE;
      const [sds, publishedWindow] = await Promise.all([
        recentSimulatedSds(db, sport, date, config.varianceWindow, chain),
        publishedTotalsWindow(db, sport, chain, {
          from: addDays(date, -config.safety.slateGuard.windowDays),
          to: addDays(date, -1),
        }),
      ]);
      return { calibration, variance: varianceStats(sds), publishedWindow };
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
      const games = safetyInputs(sport, checks, sims, baseline, inputs, config.safety);
      const result = classifySlate(
        {
          sport,
          slateDate: date,
          calibration: input.calibration,
          variance: input.variance,
          publishedWindow: input.publishedWindow,
          games,
        },
        config.safety,
      );
      // Moneylines are never priced by design; everything else the stack warns about is loud.
      for (const w of result.warnings)
        if (w.code !== 'H2H_NOT_PRICED')
          deps.logger?.warn(`${input.runId}: ${w.code}: ${w.message}`);
      // Rows are written once, already stamped (R9): nothing updates them afterwards.
      const stamp = versionStampFor(deps.versions, sport, config, input.seed, input.iterations, [
        ...result.triggers,
      ]);
      const { rows, states } = slateAuditRows({
        runId: input.runId,
        sport,
        slateDate: date,
        result,
        checks,
        seed: input.seed,
        iterations: input.iterations,
        stamp,
      });
      await insertPickAudit(db, rows);
      return {
        decisions: rows.length,
        states,
        published: states.PICK + states.LEAN,
        triggers: [...result.triggers],
        warnings: result.warnings.map((w) => w.code),
      };
    },
  };
}

export type { LeagueBaseline };

/** Step "stamp versions" (R9): the run gets the stamp its audit rows were written with. */
export function createStampActivities(deps: ActivityDeps) {
  return {
    async stampVersions(
      input: ConfiguredRef & { seed: string; iterations: number; triggers: string[] },
    ): Promise<StampSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      const stamp = versionStampFor(
        deps.versions,
        sport,
        runConfig(input),
        input.seed,
        input.iterations,
        input.triggers,
      );
      await stampRun(deps.db, input.runId, stamp);
      return {
        modelHash: stamp.modelHash,
        configHash: stamp.configHash,
        gitCommit: stamp.gitCommit,
        gitDirty: stamp.gitDirty,
      };
    },
  };
}
