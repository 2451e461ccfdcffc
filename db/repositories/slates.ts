/**
 * Slate runs, their line checks and the pick audit. Append-only: a run is one execution
 * (`<workflow id>@<temporal run id>`); a line check and an audit row are (run, game, market,
 * line_key). Writes are inserts that ignore rows already there, so a retried step adds nothing
 * and no run ever changes another run's rows (the database refuses UPDATE and DELETE of audit
 * rows, migration 0005).
 */
import { sql, type Kysely } from 'kysely';
import type { Database, Db, LineCheckRow, PickAuditTable } from '../schema';
import type { Insertable } from 'kysely';
import { batches } from './batch';
import { slateDates } from './calibration';

export interface SlateRunStart {
  runId: string;
  sport: string;
  slateDate: string;
  runKind: string;
  source: string;
  asOf: string;
  seed: string | null;
  iterations: number | null;
  flags: Record<string, boolean>;
  nodeVersion: string;
  sdkVersion: string | null;
  config: object;
  live: boolean;
  chain: string;
}

/** Records that a run started. A retried step finds its row and leaves it as it is. */
export async function startSlateRun(db: Db, run: SlateRunStart): Promise<void> {
  const values = {
    run_id: run.runId,
    sport: run.sport,
    slate_date: run.slateDate,
    run_kind: run.runKind,
    source: run.source,
    status: 'running',
    as_of: run.asOf,
    seed: run.seed,
    iterations: run.iterations,
    flags: JSON.stringify(run.flags),
    node_version: run.nodeVersion,
    sdk_version: run.sdkVersion,
    config: JSON.stringify(run.config),
    live: run.live,
    chain: run.chain,
  };
  await db
    .insertInto('slate_runs')
    .values(values)
    .onConflict((oc) => oc.column('run_id').doNothing())
    .execute();
}

export type SlateRunUpdate = Partial<{
  status: string;
  games: number;
  games_verified: number;
  markets_blocked: number;
  picks_published: number;
  quota: Record<string, unknown> | null;
  summary: Record<string, unknown>;
  error: string | null;
  finished: boolean;
}>;

/**
 * Records a running run's progress or outcome. `onlyRunning` makes it a no-op on a run that
 * already finished (the database refuses changes to finished runs).
 */
export async function updateSlateRun(
  db: Db,
  runId: string,
  update: SlateRunUpdate,
  options: { onlyRunning?: boolean } = {},
): Promise<void> {
  const { finished, quota, summary, ...rest } = update;
  let query = db
    .updateTable('slate_runs')
    .set({
      ...rest,
      ...(quota !== undefined ? { quota: JSON.stringify(quota) } : {}),
      ...(summary !== undefined ? { summary: JSON.stringify(summary) } : {}),
      ...(finished ? { finished_at: sql<Date>`now()` } : {}),
    })
    .where('run_id', '=', runId);
  if (options.onlyRunning) query = query.where('status', '=', 'running');
  await query.execute();
}

/** The run's chain and live flag (set when it started). */
export async function runChain(
  db: Db,
  runId: string,
): Promise<{ chain: string; live: boolean } | undefined> {
  return db
    .selectFrom('slate_runs')
    .select(['chain', 'live'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
}

export interface LineCheckInput {
  gameId: string;
  market: string;
  lineKey: string;
  ok: boolean;
  reasons: readonly string[];
  notes: readonly string[];
  consensusPoint: number | null;
  priceA: number | null;
  priceB: number | null;
  noVigA: number | null;
  noVigB: number | null;
  books: number;
  detail: readonly string[];
}

/** Stores the run's line checks (one statement per batch, in one transaction; insert-only). */
export async function insertLineChecks(
  db: Kysely<Database>,
  runId: string,
  checks: readonly LineCheckInput[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const chunk of batches(checks, 14)) {
      await trx
        .insertInto('line_checks')
        .values(
          chunk.map((c) => ({
            run_id: runId,
            game_id: c.gameId,
            market: c.market,
            line_key: c.lineKey,
            ok: c.ok,
            reasons: [...c.reasons],
            notes: [...c.notes],
            consensus_point: c.consensusPoint,
            price_a: c.priceA,
            price_b: c.priceB,
            no_vig_a: c.noVigA,
            no_vig_b: c.noVigB,
            books: c.books,
            detail: JSON.stringify(c.detail),
          })),
        )
        .onConflict((oc) => oc.columns(['run_id', 'game_id', 'market', 'line_key']).doNothing())
        .execute();
    }
  });
}

export async function lineChecksForRun(db: Db, runId: string): Promise<LineCheckRow[]> {
  return db
    .selectFrom('line_checks')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('game_id')
    .orderBy('market')
    .orderBy('line_key')
    .execute();
}

export type PickAuditInsert = Omit<Insertable<PickAuditTable>, 'id' | 'created_at'>;

/**
 * Stores the run's audit rows, stamped (R9), in one transaction. Insert-only on (run, game,
 * market, line_key): a retried classify adds nothing, and no other run's rows are touched.
 */
export async function insertPickAudit(
  db: Kysely<Database>,
  rows: readonly PickAuditInsert[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const chunk of batches(rows, 28)) {
      await trx
        .insertInto('pick_audit')
        .values([...chunk])
        .onConflict((oc) =>
          oc.columns(['run_id', 'game_id', 'market_type', 'line_key']).doNothing(),
        )
        .execute();
    }
  });
}

export async function pickAuditForRun(db: Db, runId: string) {
  return db
    .selectFrom('pick_audit')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('game_id')
    .orderBy('market_type')
    .orderBy('line_key')
    .execute();
}

/** Writes the version stamp (R9) on the run (its audit rows were written stamped). */
export async function stampRun(
  db: Db,
  runId: string,
  stamp: {
    modelHash: string;
    configHash: string;
    gitCommit: string;
    gitDirty: boolean | null;
    seed: string;
    iterations: number;
    sdkVersion: string;
    nodeVersion: string;
    triggers: readonly string[];
  },
): Promise<void> {
  await db
    .updateTable('slate_runs')
    .set({
      model_hash: stamp.modelHash,
      config_hash: stamp.configHash,
      git_commit: stamp.gitCommit,
      git_dirty: stamp.gitDirty,
      seed: stamp.seed,
      iterations: stamp.iterations,
      sdk_version: stamp.sdkVersion,
      node_version: stamp.nodeVersion,
      triggers: JSON.stringify(stamp.triggers),
    })
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .execute();
}

/** Audit rows of a run by state, and how many are published. */
export async function auditCounts(db: Db, runId: string) {
  const rows = await db
    .selectFrom('pick_audit')
    .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', runId)
    .groupBy('state')
    .execute();
  const counts = { rows: 0, published: 0, PICK: 0, LEAN: 0, NO_PLAY: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    counts[r.state] = n;
    counts.rows += n;
    if (r.state !== 'NO_PLAY') counts.published += n;
  }
  return counts;
}

/** One slate run by ID, or undefined. */
export async function slateRunById(db: Db, runId: string) {
  return db.selectFrom('slate_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
}

/** One pick_audit row by its ID (a positive integer as text), or undefined. */
export async function pickAuditById(db: Db, id: string) {
  return db.selectFrom('pick_audit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Slate dates of `sport` in [from, to] with a completed run whose ID starts with `prefix`. */
export async function completedSlateDates(
  db: Db,
  q: { sport: string; from: string; to: string; runIdPrefix: string },
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('slate_runs')
    .select('slate_date')
    .where('sport', '=', q.sport)
    .where('status', '=', 'completed')
    .where('run_id', 'like', `${q.runIdPrefix}%`)
    .where('slate_date', '>=', q.from)
    .where('slate_date', '<=', q.to)
    .execute();
  return new Set(rows.map((r) => r.slate_date));
}

/**
 * Dates of `sport` in [from, to] that have games and no completed run whose ID starts with
 * `runIdPrefix` (what a backfill still has to run), with their game counts.
 */
export async function unfinishedSlateDates(
  db: Db,
  q: { sport: string; from: string; to: string; runIdPrefix: string },
): Promise<{ date: string; games: number }[]> {
  const dates = await slateDates(db, q.sport, q.from, q.to);
  const completed = await completedSlateDates(db, q);
  return dates.filter((d) => !completed.has(d.date));
}
