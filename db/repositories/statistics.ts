/**
 * Planner statistics of the tables that grow with every slate run. Autovacuum keeps them fresh
 * where it runs; where it is off (as on this project's development machines) nothing does, and
 * queries are planned for the tables as they were when last analyzed. Measured there: by the
 * third MLB season of a backfill, the decisions-of-record query behind each date's calibration
 * took 1.5 s (a nested loop over every run of the chain) instead of 1.8 ms after `ANALYZE`, and
 * the backfills ran ~5× slower for it; after a long backfill a report query ran for minutes
 * instead of 2 s. ANALYZE samples a bounded number of rows per table; a role that does not own
 * a table gets a warning for it, not an error.
 */
import { sql } from 'kysely';
import type { Database, Db } from '../schema';

/** Tables of the schema, by name. */
export type TableName = keyof Database;

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
] as const satisfies readonly TableName[];

/**
 * Analyzes `tables` now. `skipLocked`: a table another session is analyzing is skipped, not
 * waited for.
 */
export async function analyzeTables(
  db: Db,
  tables: readonly TableName[],
  { skipLocked = false }: { skipLocked?: boolean } = {},
): Promise<void> {
  if (tables.length === 0) return;
  const list = sql.join(tables.map((t) => sql.table(t)));
  await (skipLocked ? sql`analyze (skip_locked) ${list}` : sql`analyze ${list}`).execute(db);
}

/**
 * Analyzes every table of {@link GROWING_TABLES} changed by more than autovacuum's own default
 * threshold since its last analyze (50 rows + 10% of its live rows), and returns their names.
 * A table another session is analyzing is skipped (`SKIP_LOCKED`), not waited for. Cheap when
 * nothing is stale: one read of `pg_stat_user_tables`.
 */
export async function analyzeStaleTables(db: Db): Promise<string[]> {
  const stale = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema() and relname in (${sql.join([...GROWING_TABLES])})
      and n_mod_since_analyze > 50 + 0.1 * n_live_tup`.execute(db);
  const names = GROWING_TABLES.filter((t) => stale.rows.some((r) => r.relname === t));
  await analyzeTables(db, names, { skipLocked: true });
  return names;
}
