/**
 * Per-run engine inputs (the "load ratings" step): the point-in-time projection of each priced
 * game and the league baseline it was made against, so simulate, decompose and classify read
 * the same numbers and `reproduce` can re-run a game from them.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('game_inputs')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('slate_runs.run_id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('inputs', 'jsonb', (c) => c.notNull())
    .addColumn('home_sample', 'integer', (c) => c.notNull())
    .addColumn('away_sample', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('game_inputs_pkey', ['run_id', 'game_id'])
    .execute();
  await db.schema.alterTable('slate_runs').addColumn('baseline', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('slate_runs').dropColumn('baseline').execute();
  await db.schema.dropTable('game_inputs').ifExists().execute();
}
