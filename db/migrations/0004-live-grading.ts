/**
 * Live grading and score corrections (live path):
 * - `pick_results` keeps every grade: one row per (pick, final score it was graded on). A score
 *   correction grades the pick again in a new row; the old grade stays. The current grade of a
 *   pick is the row for its game's current score.
 * - `score_corrections`: a final score that changed after it was stored, with the old and new
 *   score, where the new one came from and when.
 * - `calibration_daily.ungraded`: live games priced but still without a final score past the
 *   `/scores` look-back; `calibration_daily.scores`: what the day's `/scores` ingestion did
 *   (fetched, applied, rejected with reasons, ungraded game ids).
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('pick_results')
    .addColumn('home_score', 'integer')
    .addColumn('away_score', 'integer')
    .execute();
  await sql`update pick_results r set home_score = g.home_score, away_score = g.away_score
            from games g where g.game_id = r.game_id`.execute(db);
  await sql`delete from pick_results where home_score is null or away_score is null`.execute(db);
  await sql`alter table pick_results alter column home_score set not null,
            alter column away_score set not null`.execute(db);
  await sql`alter table pick_results drop constraint pick_results_pkey`.execute(db);
  await db.schema
    .alterTable('pick_results')
    .addPrimaryKeyConstraint('pick_results_pkey', ['pick_id', 'home_score', 'away_score'])
    .execute();

  await db.schema
    .createTable('score_corrections')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('game_id', 'text', (c) => c.notNull().references('games.game_id'))
    .addColumn('old_home_score', 'integer', (c) => c.notNull())
    .addColumn('old_away_score', 'integer', (c) => c.notNull())
    .addColumn('new_home_score', 'integer', (c) => c.notNull())
    .addColumn('new_away_score', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('score_corrections_game_idx')
    .on('score_corrections')
    .column('game_id')
    .execute();

  await db.schema
    .alterTable('calibration_daily')
    .addColumn('ungraded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scores', 'jsonb')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('calibration_daily')
    .dropColumn('scores')
    .dropColumn('ungraded')
    .execute();
  await db.schema.dropTable('score_corrections').ifExists().execute();
  await sql`alter table pick_results drop constraint pick_results_pkey`.execute(db);
  await sql`delete from pick_results r using pick_results s
            where r.pick_id = s.pick_id and r.graded_at < s.graded_at`.execute(db);
  await db.schema
    .alterTable('pick_results')
    .addPrimaryKeyConstraint('pick_results_pkey', ['pick_id'])
    .execute();
  await db.schema
    .alterTable('pick_results')
    .dropColumn('home_score')
    .dropColumn('away_score')
    .execute();
}
