/**
 * Reads and writes of the pricing steps (load ratings → simulate → decompose → calibrate →
 * classify → stamp). Natural keys: (run, game) for inputs, simulations and decomposition logs.
 */
import { sql, type Kysely } from 'kysely';
import type {
  CalibrationState,
  DecompositionResult,
  RclResult,
  SkillWeight,
} from '../../core/safety';
import type { LeagueBaseline, SimSummary } from '../../core/simulation-types';
import type { GameRecord } from '../../core/types';
import type { Database, Db } from '../schema';
import { batches } from './batch';
import { rowToGame } from './games';

/** Final games of a sport that started in [from, to), for point-in-time ratings. */
export async function finalGamesBetween(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<GameRecord[]> {
  const rows = await db
    .selectFrom('games')
    .selectAll()
    .where('sport', '=', sport)
    .where('commence_time', '>=', new Date(from))
    .where('commence_time', '<', new Date(to))
    .where('home_score', 'is not', null)
    .where('away_score', 'is not', null)
    .orderBy('commence_time')
    .orderBy('game_id')
    .execute();
  return rows.map(rowToGame);
}

/**
 * Start of the history that ratings as of `asOf` read: the first game of the oldest of the
 * `seasons` newest seasons with final games before `asOf` (null when there is none). Lets a
 * slate long after the last imported season still see that season.
 */
export async function historyStartBefore(
  db: Db,
  sport: string,
  asOf: string,
  seasons: number,
): Promise<string | null> {
  const newest = await db
    .selectFrom('games')
    .select('season')
    .distinct()
    .where('sport', '=', sport)
    .where('commence_time', '<', new Date(asOf))
    .where('home_score', 'is not', null)
    .orderBy('season', 'desc')
    .limit(seasons)
    .execute();
  const oldest = newest[newest.length - 1]?.season;
  if (oldest === undefined) return null;
  const row = await db
    .selectFrom('games')
    .select((eb) => eb.fn.min('commence_time').as('first'))
    .where('sport', '=', sport)
    .where('season', '=', oldest)
    .executeTakeFirst();
  return row?.first ? new Date(row.first).toISOString() : null;
}

/** Closing total and home handicap (median over books) of past games, from the history lines. */
export async function closingLinesBetween(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<Record<string, { total: number; homeHandicap: number }>> {
  const rows = await sql<{ game_id: string; total: number | null; handicap: number | null }>`
    select l.game_id,
      percentile_cont(0.5) within group (order by l.point_a) filter (where l.market = 'totals') as total,
      percentile_cont(0.5) within group (order by l.point_a) filter (where l.market = 'spreads') as handicap
    from market_lines l join games g on g.game_id = l.game_id
    where g.sport = ${sport} and g.commence_time >= ${from} and g.commence_time < ${to}
      and l.source = 'history' and l.market in ('totals', 'spreads') and l.line_key = ''
    group by l.game_id`.execute(db);
  const out: Record<string, { total: number; homeHandicap: number }> = {};
  for (const r of rows.rows) {
    if (r.total !== null && r.handicap !== null)
      out[r.game_id] = { total: r.total, homeHandicap: r.handicap };
  }
  return out;
}

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
 * Newest calibration_daily row of `sport` and `chain` dated strictly before `date` (R11: no
 * look-ahead; a research chain never reads or shifts production).
 */
/**
 * The calibration state a slate of `date` reads: the chain's newest `calibration_daily` row dated
 * strictly before it, as the safety stack's {@link CalibrationState}; undefined when none.
 */
export async function calibrationStateBefore(
  db: Db,
  sport: string,
  date: string,
  chain: string,
): Promise<CalibrationState | undefined> {
  const row = await latestCalibrationBefore(db, sport, date, chain);
  if (row === undefined) return undefined;
  const skill = row.skill as { total?: SkillWeight; spread?: SkillWeight } | null;
  return {
    offset: row.offset,
    dampFactor: row.damp_factor,
    asOfDate: row.date,
    sourceRowId:
      chain === 'production' ? `${row.sport}/${row.date}` : `${row.sport}/${row.date}/${chain}`,
    triggers: (row.triggers as CalibrationState['triggers']) ?? [],
    skillWeights:
      skill?.total !== undefined && skill.spread !== undefined
        ? { total: skill.total, spread: skill.spread }
        : null,
  };
}

export async function latestCalibrationBefore(db: Db, sport: string, date: string, chain: string) {
  return db
    .selectFrom('calibration_daily')
    .selectAll()
    .where('sport', '=', sport)
    .where('chain', '=', chain)
    .where('date', '<', date)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
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
