/**
 * Step "simulate" of the slate run (R4), on its own task queue: every priced game's engine
 * request (core/pipeline/select-lines.ts) through the simulation pool, the summaries to
 * Postgres. Only counts and the model hash go back to the workflow.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { simRequestsFor } from '../core/pipeline';
import type { SimulateSummary } from '../core/run-summaries';
import { SimInputError, type SimRequest } from '../core/sim/types';
import type { SimSummary } from '../core/simulation-types';
import type { Sport } from '../core/sports';
import { gameInputsForRun, insertSimulations } from '../db/repositories/simulations';
import { lineChecksForRun } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import type { RunRef } from './slate';
import { requireIterations, requireSlateKey } from './validate';

/** Simulation runs on its own task queue, so it gets its own dependencies. */
export interface SimDeps {
  db: Kysely<Database>;
  pool: { simulate(request: SimRequest): Promise<SimSummary> };
  /** Model hash per sport (simulation code + parameters, R9). */
  modelHash(sport: Sport): string;
}

/**
 * Every request through the pool at once, heartbeating as each finishes; bad engine input
 * fails the step for good (no retry can fix it).
 */
async function simulateAll(
  pool: SimDeps['pool'],
  requests: readonly SimRequest[],
): Promise<SimSummary[]> {
  let done = 0;
  try {
    return await Promise.all(
      requests.map(async (request) => {
        const summary = await pool.simulate(request);
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
}

/** Step "simulate", registered on the `beatvegas-sim` task queue. */
export function createSimActivities(deps: SimDeps) {
  return {
    async simulateSlate(
      input: RunRef & { seed: string; iterations: number },
    ): Promise<SimulateSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      const iterations = requireIterations(input.iterations);
      const [inputs, checks] = await Promise.all([
        gameInputsForRun(deps.db, input.runId),
        lineChecksForRun(deps.db, input.runId),
      ]);
      const requests = simRequestsFor(sport, input.seed, iterations, inputs, checks);
      const modelHash = deps.modelHash(sport);
      const summaries = await simulateAll(deps.pool, requests);
      const rows = summaries.map((summary) => ({ summary, modelHash }));
      await insertSimulations(deps.db, input.runId, rows);
      return { simulated: summaries.length, modelHash };
    },
  };
}
