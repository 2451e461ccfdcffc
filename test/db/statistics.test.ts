/**
 * `analyzeStaleTables` on the real Postgres: a table that grew past autovacuum's threshold since
 * its last analyze is analyzed (its planner row estimate follows), a fresh one is left alone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStaleTables, GROWING_TABLES } from '../../db/repositories/statistics';
import { resetDb, testDb } from '../support/db';

const db = testDb();

/** The planner's row count of `table` (what `ANALYZE` refreshes). */
async function plannerRows(table: string): Promise<number> {
  const r = await sql<{ reltuples: number }>`
    select reltuples::float8 as reltuples from pg_class where oid = ${table}::regclass`.execute(db);
  return r.rows[0]?.reltuples ?? Number.NaN;
}

/** Statistics counters are flushed asynchronously: wait until the table shows `n` changes. */
async function waitForChanges(table: string, n: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await sql<{ n: number }>`
      select coalesce(n_mod_since_analyze, 0)::int as n from pg_stat_user_tables
      where relname = ${table}`.execute(db);
    if ((r.rows[0]?.n ?? 0) >= n) return;
    await sql`select pg_stat_clear_snapshot()`.execute(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('analyzeStaleTables', () => {
  beforeAll(async () => {
    await resetDb(db);
    await sql`analyze`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('analyzes a table that grew past the threshold, and only that one', async () => {
    expect(await analyzeStaleTables(db)).toEqual([]);
    const before = await plannerRows('calibration_daily');
    await sql`
      insert into calibration_daily (sport, date, window_days, games, damp_factor, "offset",
        triggers, chain)
      select 'nfl', date '2000-01-01' + i, 30, 0, 1, 0, '[]'::jsonb, 'statistics-test'
      from generate_series(1, 500) i`.execute(db);
    await waitForChanges('calibration_daily', 500);
    expect(await analyzeStaleTables(db)).toEqual(['calibration_daily']);
    expect(await plannerRows('calibration_daily')).toBeGreaterThanOrEqual(before + 500);
    // Analyzed: nothing is stale any more.
    await sql`select pg_stat_clear_snapshot()`.execute(db);
    expect(await analyzeStaleTables(db)).toEqual([]);
  });

  it('names only tables of the schema', async () => {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables
      where schemaname = current_schema() and tablename in (${sql.join([...GROWING_TABLES])})`.execute(
      db,
    );
    expect(r.rows[0]?.n).toBe(GROWING_TABLES.length);
  });
});
