/**
 * Real-Postgres helpers for DB, activity and workflow tests. Tests run against
 * `beatvegas_test` (override with TEST_DATABASE_URL), migrated by the global setup.
 */
import { sql, type Kysely } from 'kysely';
import { createDb } from '../../db/connection';
import type { Database } from '../../db/schema';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beatvegas_test';

export function testDb(): Kysely<Database> {
  return createDb(TEST_DATABASE_URL, { max: 5 });
}

/** Every table of the schema (SPEC R10). */
export const TABLES: readonly (keyof Database)[] = [
  'games',
  'odds_snapshots',
  'market_lines',
  'slate_runs',
  'line_checks',
  'game_inputs',
  'simulations',
  'decomposition_logs',
  'pick_audit',
  'pick_results',
  'calibration_daily',
  'score_corrections',
  'import_rejections',
];

/** Empties every table (test files run one at a time). */
export async function resetDb(db: Kysely<Database>): Promise<void> {
  await sql`truncate ${sql.join(TABLES.map((t) => sql.table(t)))} restart identity cascade`.execute(
    db,
  );
}

/** Row count of a table, optionally filtered by run. */
export async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A production calibration row dated `date` whose skill weights are 1 for both market kinds:
 * the model's full disagreement with the market has been earned. Workflow tests that need
 * published picks (grading, decisions of record) seed it, since a fresh database has earned
 * nothing and would publish no pick at all (the skill weight's prior is 0).
 */
export async function seedEarnedSkill(
  db: Kysely<Database>,
  sport: string,
  date: string,
  chain = 'production',
): Promise<void> {
  const earned = { w: 1, n: 10_000, raw: 1, source: 'estimate', se: 0.01 };
  await db
    .insertInto('calibration_daily')
    .values({
      sport,
      date,
      window_days: 28,
      games: 0,
      over_rate_leans: null,
      over_rate_picks: null,
      bias_vs_actual: null,
      bias_vs_market: null,
      win_rate: null,
      push_rate: null,
      damp_factor: 1,
      offset: 0,
      triggers: JSON.stringify([]),
      config_hash: null,
      scores: null,
      chain,
      skill_weight_total: 1,
      skill_weight_spread: 1,
      skill: JSON.stringify({ total: earned, spread: earned }),
    })
    .execute();
}
