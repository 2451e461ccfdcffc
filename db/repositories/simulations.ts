/**
 * The rows of a run's pricing steps: engine inputs, simulation summaries, decomposition logs and
 * the run's league baseline, plus the recent simulated SDs the high-variance layer compares with.
 * Natural keys: (run, game).
 */
import { sql, type Kysely } from 'kysely';
import type { DecompositionResult, RclResult } from '../../core/safety';
import type { LeagueBaseline, SimSummary } from '../../core/simulation-types';
import type { Database, Db } from '../schema';
import { batches } from './batch';

export interface GameInputRow {
  gameId: string;
  inputs: Record<string, unknown>;
  homeSample: number;
  awaySample: number;
}

/** Stores the run's engine inputs (insert-only; a retried step adds nothing). */
export async function insertGameInputs(
  db: Kysely<Database>,
  runId: string,
  sport: string,
  rows: readonly GameInputRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const chunk of batches(rows, 6)) {
      await trx
        .insertInto('game_inputs')
        .values(
          chunk.map((r) => ({
            run_id: runId,
            game_id: r.gameId,
            sport,
            inputs: JSON.stringify(r.inputs),
            home_sample: r.homeSample,
            away_sample: r.awaySample,
          })),
        )
        .onConflict((oc) => oc.columns(['run_id', 'game_id']).doNothing())
        .execute();
    }
  });
}

export async function gameInputsForRun(db: Db, runId: string) {
  return db
    .selectFrom('game_inputs')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('game_id')
    .execute();
}

/**
 * Stores simulation summaries on (run, game), insert-only: seeds are per (run, game), so a
 * retried simulation produces the same summary and adds nothing.
 */
export async function insertSimulations(
  db: Db,
  runId: string,
  rows: readonly { summary: SimSummary; modelHash: string }[],
): Promise<void> {
  for (const chunk of batches(rows, 7, 200)) {
    await db
      .insertInto('simulations')
      .values(
        chunk.map((r) => ({
          run_id: runId,
          game_id: r.summary.gameId,
          sport: r.summary.sport,
          iterations: r.summary.iterations,
          seed: r.summary.seed,
          model_hash: r.modelHash,
          summary: JSON.stringify(r.summary),
        })),
      )
      .onConflict((oc) => oc.columns(['run_id', 'game_id']).doNothing())
      .execute();
  }
}

/** Simulation summaries of a run. */
export async function simulationsForRun(db: Db, runId: string): Promise<SimSummary[]> {
  const rows = await db
    .selectFrom('simulations')
    .select('summary')
    .where('run_id', '=', runId)
    .orderBy('game_id')
    .execute();
  return rows.map((r) => r.summary as SimSummary);
}

/** Stores the run's decomposition logs (insert-only). */
export async function insertDecompositionLogs(
  db: Kysely<Database>,
  runId: string,
  slateDate: string,
  rows: readonly { decomposition: DecompositionResult; rcl: RclResult }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const chunk of batches(rows, 10, 200)) {
      await trx
        .insertInto('decomposition_logs')
        .values(
          chunk.map(({ decomposition: d, rcl }) => ({
            run_id: runId,
            game_id: d.gameId,
            sport: d.sport,
            slate_date: slateDate,
            projected_total: d.projectedTotal,
            baseline_total: d.baselineTotal,
            pace_part: d.paceContribution,
            efficiency_part: d.efficiencyContribution,
            metrics: JSON.stringify({ ...d, rcl }),
            flags: [...d.flags, ...(rcl.passed ? [] : ['RCL_FAIL'])],
          })),
        )
        .onConflict((oc) => oc.columns(['run_id', 'game_id']).doNothing())
        .execute();
    }
  });
}

export async function setRunBaseline(
  db: Db,
  runId: string,
  baseline: LeagueBaseline,
): Promise<void> {
  await db
    .updateTable('slate_runs')
    .set({ baseline: JSON.stringify(baseline) })
    .where('run_id', '=', runId)
    .execute();
}

export async function runBaseline(db: Db, runId: string): Promise<LeagueBaseline | null> {
  const row = await db
    .selectFrom('slate_runs')
    .select('baseline')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  return (row?.baseline as LeagueBaseline | null | undefined) ?? null;
}

/**
 * Distribution of simulated total and margin SDs over the sport's most recent `limit` simulated
 * games on slates before `date` (R7 L4 reference).
 */
export async function recentSimulatedSds(
  db: Db,
  sport: string,
  date: string,
  limit: number,
  chain: string,
) {
  // One summary per game of the run's own chain (its newest simulation): a slate re-run by
  // hand or by a second backfill must not weigh its games twice, or the variance window would depend on how often
  // earlier dates happened to be run rather than on the games themselves.
  const rows = await sql<{ total_sd: number; margin_sd: number }>`
    select total_sd, margin_sd from (
      select distinct on (s.game_id) s.game_id, r.slate_date,
             (s.summary #>> '{full,total,sd}')::float8 as total_sd,
             (s.summary #>> '{full,margin,sd}')::float8 as margin_sd
      from simulations s join slate_runs r on r.run_id = s.run_id
      where s.sport = ${sport} and r.slate_date < ${date} and r.chain = ${chain}
      order by s.game_id, s.created_at desc, s.run_id desc
    ) g
    order by g.slate_date desc, g.game_id
    limit ${limit}`.execute(db);
  return rows.rows;
}
