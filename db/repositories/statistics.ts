/**
 * Planner statistics of the tables that grow with every slate run. Autovacuum keeps them fresh
 * where it runs; where it is off (as on this project's development machines) a backfill that
 * starts on empty tables keeps plans made for empty tables. Measured there: by the third MLB
 * season of a backfill, the decisions-of-record query behind each date's calibration took
 * 1.5 s (a nested loop over every run of the chain) instead of 1.8 ms after `ANALYZE`, and the
 * backfills ran ~5× slower for it.
 */
import { sql } from 'kysely';
import type { Db } from '../schema';

/** The tables a slate run writes and the calibration reads, in the order they are analyzed. */
export const GROWING_TABLES = [
  'slate_runs',
  'pick_audit',
  'pick_results',
  'calibration_daily',
  'market_lines',
  'line_checks',
  'simulations',
  'decomposition_logs',
] as const;

/**
 * Analyzes every table of {@link GROWING_TABLES} changed by more than autovacuum's own default
 * threshold since its last analyze (50 rows + 10% of its live rows), and returns their names.
 * A table another session is analyzing is skipped (`SKIP_LOCKED`), not waited for; a table the
 * role may not analyze is skipped by Postgres with a warning. Cheap when nothing is stale: one
 * read of `pg_stat_user_tables`.
 */
export async function analyzeStaleTables(db: Db): Promise<string[]> {
  const stale = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema() and relname in (${sql.join([...GROWING_TABLES])})
      and n_mod_since_analyze > 50 + 0.1 * n_live_tup`.execute(db);
  const names = GROWING_TABLES.filter((t) => stale.rows.some((r) => r.relname === t));
  if (names.length > 0)
    await sql`analyze (skip_locked) ${sql.join(names.map((t) => sql.table(t)))}`.execute(db);
  return names;
}
