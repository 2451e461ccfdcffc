/**
 * The rehearsal's row checks on real Postgres: two databases holding the same decisions under
 * different run ids compare identical; a second run of a slate is caught as a duplicate, as a
 * repeated slate run, and as a difference.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, ensureDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { checkNoDuplicates, checkSlateRuns } from '../../scripts/rehearsal/checks';
import { compareDatabases, comparisonChecks } from '../../scripts/rehearsal/compare';
import { TEST_DATABASE_URL } from '../support/db';

const base = new URL(TEST_DATABASE_URL).pathname.slice(1);
const urlOf = (name: string) =>
  Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${name}` }).toString();

async function freshDb(name: string): Promise<Kysely<Database>> {
  const admin = createDb(TEST_DATABASE_URL, { max: 1 });
  try {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
  } finally {
    await admin.destroy();
  }
  await ensureDatabase(urlOf(name));
  const db = createDb(urlOf(name), { max: 2 });
  await migrateToLatest(db);
  return db;
}

const GAME = 'nfl-2023-09-10-KC-DET';

/** One completed backfill run of the 2023-09-10 slate with one decision and one simulation. */
async function run(db: Kysely<Database>, runId: string, edge: number): Promise<void> {
  await db
    .insertInto('games')
    .values({
      game_id: GAME,
      sport: 'nfl',
      season: 2023,
      game_date: '2023-09-10',
      commence_time: '2023-09-10T17:00:00Z',
      home_team: 'KC',
      away_team: 'DET',
      neutral_site: false,
      meta: '{}',
      source: 'test',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('slate_runs')
    .values({
      run_id: runId,
      sport: 'nfl',
      slate_date: '2023-09-10',
      run_kind: 'backfill',
      source: 'history',
      status: 'running',
      as_of: '2023-09-10T12:00:00Z',
      seed: 'backfill-slate/nfl/2023-09-10',
      iterations: 10_000,
    })
    .execute();
  await db
    .insertInto('simulations')
    .values({
      run_id: runId,
      game_id: GAME,
      sport: 'nfl',
      iterations: 10_000,
      seed: 's',
      model_hash: 'm',
      summary: JSON.stringify({ mean: 47.5 }),
    })
    .execute();
  await db
    .insertInto('pick_audit')
    .values({
      run_id: runId,
      game_id: GAME,
      sport: 'nfl',
      slate_date: '2023-09-10',
      market_type: 'totals',
      line_key: 'total:47.5',
      line: 47.5,
      side: 'over',
      price: -110,
      state: 'PICK',
      parlay_eligible: false,
      publish_decision: true,
      edge_pp: edge,
      reasons: [],
      triggers: [],
      layers: '[]',
      versions: '{}',
    })
    .execute();
  await db
    .updateTable('slate_runs')
    .set({ status: 'completed', finished_at: new Date() })
    .where('run_id', '=', runId)
    .execute();
}

describe('rehearsal row checks', () => {
  let a: Kysely<Database>;
  let b: Kysely<Database>;

  beforeAll(async () => {
    a = await freshDb(`${base}_rh_a`);
    b = await freshDb(`${base}_rh_b`);
    await run(a, 'backfill-slate/nfl/2023-09-10@run-a', 4.2);
    await run(b, 'backfill-slate/nfl/2023-09-10@run-b', 4.2);
  });
  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
  });

  it('the same decisions under other run ids and times compare identical', async () => {
    const checks = comparisonChecks(await compareDatabases(a, b), { a: 'A', b: 'B' });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.find((c) => c.name.endsWith('pick_audit'))!.detail).toBe('1 rows, identical');
    expect((await checkNoDuplicates(a)).ok).toBe(true);
    expect((await checkSlateRuns(a, [{ sport: 'nfl', date: '2023-09-10' }])).ok).toBe(true);
  });

  it('a slate that ran twice is a duplicate, a repeated run and a difference', async () => {
    await run(b, 'backfill-slate/nfl/2023-09-10@run-b2', 3.9);
    const dup = await checkNoDuplicates(b);
    expect(dup.ok).toBe(false);
    expect(dup.detail).toContain('slate_runs (sport, slate_date, run_kind, chain): 1 keys');
    expect(dup.detail).toContain('pick_audit (chain, run_kind, game_id, market_type, line_key)');
    expect(dup.detail).toContain('simulations (chain, run_kind, game_id)');
    const runs = await checkSlateRuns(b, [{ sport: 'nfl', date: '2023-09-10' }]);
    expect(runs.ok).toBe(false);
    expect(runs.detail).toContain('more than one run for nfl/2023-09-10');
    const failed = comparisonChecks(await compareDatabases(a, b), { a: 'A', b: 'B' })
      .filter((c) => !c.ok)
      .map((c) => c.name);
    expect(failed).toEqual(
      expect.arrayContaining([
        'identical rows: slate_runs',
        'identical rows: pick_audit',
        'identical rows: simulations',
        // the newest run's decision (edge 3.9) is B's decision of record: a value difference
        'identical rows: decisions_of_record',
      ]),
    );
  });

  it('a plan with a slate that never ran fails', async () => {
    const r = await checkSlateRuns(a, [
      { sport: 'nfl', date: '2023-09-10' },
      { sport: 'nfl', date: '2023-09-11' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.detail).toContain('no run for nfl/2023-09-11');
  });
});
