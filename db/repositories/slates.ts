/**
 * Slate runs, their line checks and the pick audit. Natural keys: a run is its workflow ID;
 * a line check and an audit row are (run, game, market, line_key). Re-running a slate
 * overwrites its own rows and never duplicates them.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, LineCheckRow, PickAuditTable, SlateRunRow } from '../schema';
import type { Insertable } from 'kysely';
import { batches } from './batch';

type Db = Kysely<Database> | Transaction<Database>;

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
}

/**
 * Records that a run started (or restarted). A re-run of the same workflow ID resets status,
 * counters and error; rows written by the previous attempt stay until overwritten.
 */
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
  };
  await db
    .insertInto('slate_runs')
    .values(values)
    .onConflict((oc) =>
      oc.column('run_id').doUpdateSet({
        ...values,
        games: 0,
        games_verified: 0,
        markets_blocked: 0,
        picks_published: 0,
        error: null,
        finished_at: null,
        started_at: sql`now()`,
      }),
    )
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

export async function updateSlateRun(db: Db, runId: string, update: SlateRunUpdate): Promise<void> {
  const { finished, quota, summary, ...rest } = update;
  await db
    .updateTable('slate_runs')
    .set({
      ...rest,
      ...(quota !== undefined ? { quota: JSON.stringify(quota) } : {}),
      ...(summary !== undefined ? { summary: JSON.stringify(summary) } : {}),
      ...(finished ? { finished_at: sql<Date>`now()` } : {}),
    })
    .where('run_id', '=', runId)
    .execute();
}

export async function getSlateRun(db: Db, runId: string): Promise<SlateRunRow | undefined> {
  return db.selectFrom('slate_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
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

/** Replaces the run's line checks with `checks` (one statement per batch, in one transaction). */
export async function replaceLineChecks(
  db: Kysely<Database>,
  runId: string,
  checks: readonly LineCheckInput[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('line_checks').where('run_id', '=', runId).execute();
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

const AUDIT_UPDATE_COLUMNS = [
  'sport',
  'slate_date',
  'line',
  'side',
  'price',
  'state',
  'parlay_eligible',
  'publish_decision',
  'model_prob',
  'market_prob',
  'edge_pp',
  'ev',
  'confidence',
  'projection',
  'reasons',
  'triggers',
  'layers',
  'model_hash',
  'config_hash',
  'git_commit',
  'seed',
  'iterations',
  'versions',
] as const;

/**
 * Upserts audit rows on (run, game, market, line_key) and deletes the run's rows that are no
 * longer produced, so the audit of a re-run is exactly what that run decided.
 */
export async function replacePickAudit(
  db: Kysely<Database>,
  runId: string,
  rows: readonly PickAuditInsert[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A grade belongs to the bet that was taken: if a re-run changes a pick's side, line, price
    // or publish decision, its old result must go (the daily job grades it again).
    const key = (r: { game_id: string; market_type: string; line_key?: string | null }) =>
      `${r.game_id}\u001f${r.market_type}\u001f${r.line_key ?? ''}`;
    const bet = (r: {
      side?: string | null;
      line?: number | null;
      price?: number | null;
      publish_decision?: boolean;
    }) =>
      JSON.stringify([
        r.side ?? null,
        r.line ?? null,
        r.price ?? null,
        r.publish_decision ?? false,
      ]);
    const next = new Map(rows.map((r) => [key(r), bet(r)]));
    const previous = await trx
      .selectFrom('pick_audit')
      .select([
        'id',
        'game_id',
        'market_type',
        'line_key',
        'side',
        'line',
        'price',
        'publish_decision',
      ])
      .where('run_id', '=', runId)
      .execute();
    const stale = previous.filter((p) => next.get(key(p)) !== bet(p)).map((p) => p.id);
    if (stale.length > 0)
      await trx.deleteFrom('pick_results').where('pick_id', 'in', stale).execute();
    for (const chunk of batches(rows, 28)) {
      await trx
        .insertInto('pick_audit')
        .values([...chunk])
        .onConflict((oc) =>
          oc
            .columns(['run_id', 'game_id', 'market_type', 'line_key'])
            .doUpdateSet((eb) =>
              Object.fromEntries(AUDIT_UPDATE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
            ),
        )
        .execute();
    }
    const keep = rows.map((r) => `${r.game_id}\u001f${r.market_type}\u001f${r.line_key ?? ''}`);
    await trx
      .deleteFrom('pick_audit')
      .where('run_id', '=', runId)
      .where(
        sql<boolean>`not (game_id || chr(31) || market_type || chr(31) || line_key = any(${keep}::text[]))`,
      )
      .execute();
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

/** Writes a version stamp (R9) on the run and on all of its audit rows (one statement each). */
export async function stampRun(
  db: Kysely<Database>,
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
  await db.transaction().execute(async (trx) => {
    await trx
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
      .execute();
    await trx
      .updateTable('pick_audit')
      .set({
        model_hash: stamp.modelHash,
        config_hash: stamp.configHash,
        git_commit: stamp.gitCommit,
        seed: stamp.seed,
        iterations: stamp.iterations,
        versions: sql`versions || ${JSON.stringify({ stamp })}::jsonb`,
      })
      .where('run_id', '=', runId)
      .execute();
  });
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
