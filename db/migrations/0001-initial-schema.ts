/**
 * Initial schema (SPEC R10). Frozen once landed: later changes go in new migrations.
 * Written against Kysely<any> on purpose — migrations must not depend on today's types.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('games')
    .addColumn('game_id', 'text', (c) => c.primaryKey())
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('season', 'integer', (c) => c.notNull())
    .addColumn('game_date', 'date', (c) => c.notNull())
    .addColumn('commence_time', 'timestamptz', (c) => c.notNull())
    .addColumn('home_team', 'text', (c) => c.notNull())
    .addColumn('away_team', 'text', (c) => c.notNull())
    .addColumn('neutral_site', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('home_score', 'integer')
    .addColumn('away_score', 'integer')
    .addColumn('home_periods', 'jsonb')
    .addColumn('away_periods', 'jsonb')
    .addColumn('overtime', 'boolean')
    .addColumn('meta', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('games_sport_date_idx')
    .on('games')
    .columns(['sport', 'game_date'])
    .execute();
  await db.schema
    .createIndex('games_sport_commence_idx')
    .on('games')
    .columns(['sport', 'commence_time'])
    .execute();

  await db.schema
    .createTable('odds_snapshots')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok', 'quarantined')`))
    .addColumn('reason', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('payload_sha256', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('captured_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Append-only, but a retried activity must not capture the same response twice.
    .addUniqueConstraint(
      'odds_snapshots_natural_key',
      ['source', 'request', 'event_id', 'payload_sha256'],
      (c) => c.nullsNotDistinct(),
    )
    .execute();
  await db.schema
    .createIndex('odds_snapshots_run_idx')
    .on('odds_snapshots')
    .column('run_id')
    .execute();

  await db.schema
    .createTable('market_lines')
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('bookmaker', 'text', (c) => c.notNull())
    .addColumn('market', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('point_a', 'double precision')
    .addColumn('price_a', 'double precision')
    .addColumn('point_b', 'double precision')
    .addColumn('price_b', 'double precision')
    .addColumn('last_update', 'timestamptz', (c) => c.notNull())
    .addColumn('captured_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('market_lines_pkey', [
      'game_id',
      'source',
      'bookmaker',
      'market',
      'line_key',
    ])
    .execute();

  await db.schema
    .createTable('slate_runs')
    .addColumn('run_id', 'text', (c) => c.primaryKey())
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('slate_date', 'date', (c) => c.notNull())
    .addColumn('run_kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('as_of', 'timestamptz', (c) => c.notNull())
    .addColumn('games', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('games_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('markets_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('picks_published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seed', 'text')
    .addColumn('iterations', 'integer')
    .addColumn('model_hash', 'text')
    .addColumn('config_hash', 'text')
    .addColumn('git_commit', 'text')
    .addColumn('git_dirty', 'boolean')
    .addColumn('sdk_version', 'text')
    .addColumn('node_version', 'text')
    .addColumn('flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('triggers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('quota', 'jsonb')
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('slate_runs_sport_date_idx')
    .on('slate_runs')
    .columns(['sport', 'slate_date'])
    .execute();

  await db.schema
    .createTable('line_checks')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('slate_runs.run_id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('market', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ok', 'boolean', (c) => c.notNull())
    .addColumn('reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('notes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('consensus_point', 'double precision')
    .addColumn('price_a', 'double precision')
    .addColumn('price_b', 'double precision')
    .addColumn('no_vig_a', 'double precision')
    .addColumn('no_vig_b', 'double precision')
    .addColumn('books', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('line_checks_pkey', ['run_id', 'game_id', 'market', 'line_key'])
    .execute();

  await db.schema
    .createTable('simulations')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('slate_runs.run_id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('iterations', 'integer', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('model_hash', 'text', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('simulations_pkey', ['run_id', 'game_id'])
    .execute();
  await db.schema.createIndex('simulations_game_idx').on('simulations').column('game_id').execute();

  await db.schema
    .createTable('decomposition_logs')
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('slate_runs.run_id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('slate_date', 'date', (c) => c.notNull())
    .addColumn('projected_total', 'double precision', (c) => c.notNull())
    .addColumn('baseline_total', 'double precision', (c) => c.notNull())
    .addColumn('pace_part', 'double precision', (c) => c.notNull())
    .addColumn('efficiency_part', 'double precision', (c) => c.notNull())
    .addColumn('metrics', 'jsonb', (c) => c.notNull())
    .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('decomposition_logs_pkey', ['run_id', 'game_id'])
    .execute();
  await db.schema
    .createIndex('decomposition_logs_game_idx')
    .on('decomposition_logs')
    .column('game_id')
    .execute();
  await db.schema
    .createIndex('decomposition_logs_sport_created_idx')
    .on('decomposition_logs')
    .columns(['sport', 'created_at'])
    .execute();
  await db.schema
    .createIndex('decomposition_logs_sport_slate_idx')
    .on('decomposition_logs')
    .columns(['sport', 'slate_date'])
    .execute();

  await db.schema
    .createTable('pick_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) =>
      c.notNull().references('slate_runs.run_id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('slate_date', 'date', (c) => c.notNull())
    .addColumn('market_type', 'text', (c) => c.notNull())
    .addColumn('line_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('line', 'double precision')
    .addColumn('side', 'text')
    .addColumn('price', 'double precision')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('PICK', 'LEAN', 'NO_PLAY')`))
    .addColumn('parlay_eligible', 'boolean', (c) => c.notNull())
    .addColumn('publish_decision', 'boolean', (c) => c.notNull())
    .addColumn('model_prob', 'double precision')
    .addColumn('market_prob', 'double precision')
    .addColumn('edge_pp', 'double precision')
    .addColumn('ev', 'double precision')
    .addColumn('confidence', 'double precision')
    .addColumn('projection', 'double precision')
    .addColumn('reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('triggers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('layers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('model_hash', 'text')
    .addColumn('config_hash', 'text')
    .addColumn('git_commit', 'text')
    .addColumn('seed', 'text')
    .addColumn('iterations', 'integer')
    .addColumn('versions', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pick_audit_natural_key', ['run_id', 'game_id', 'market_type', 'line_key'])
    // NO_PLAY is never published and never parlay-eligible; only PICK may go in a parlay.
    .addCheckConstraint('pick_audit_publish_rule', sql`publish_decision = (state <> 'NO_PLAY')`)
    .addCheckConstraint('pick_audit_parlay_rule', sql`(not parlay_eligible) or state = 'PICK'`)
    .execute();
  await db.schema.createIndex('pick_audit_game_idx').on('pick_audit').column('game_id').execute();
  await db.schema
    .createIndex('pick_audit_sport_created_idx')
    .on('pick_audit')
    .columns(['sport', 'created_at'])
    .execute();
  await db.schema
    .createIndex('pick_audit_market_idx')
    .on('pick_audit')
    .column('market_type')
    .execute();
  await db.schema
    .createIndex('pick_audit_publish_idx')
    .on('pick_audit')
    .column('publish_decision')
    .execute();

  await db.schema
    .createTable('pick_results')
    .addColumn('pick_id', 'bigint', (c) =>
      c.primaryKey().references('pick_audit.id').onDelete('cascade'),
    )
    .addColumn('game_id', 'text', (c) =>
      c.notNull().references('games.game_id').onDelete('cascade'),
    )
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('win', 'loss', 'push')`))
    .addColumn('units', 'double precision', (c) => c.notNull())
    .addColumn('graded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('calibration_daily')
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('games', 'integer', (c) => c.notNull())
    .addColumn('over_rate_leans', 'double precision')
    .addColumn('over_rate_picks', 'double precision')
    .addColumn('bias_vs_actual', 'double precision')
    .addColumn('bias_vs_market', 'double precision')
    .addColumn('win_rate', 'double precision')
    .addColumn('push_rate', 'double precision')
    .addColumn('damp_factor', 'double precision', (c) => c.notNull())
    .addColumn('offset', 'double precision', (c) => c.notNull())
    .addColumn('triggers', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('config_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('calibration_daily_pkey', ['sport', 'date'])
    .execute();
  await db.schema
    .createIndex('calibration_daily_date_idx')
    .on('calibration_daily')
    .column('date')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'calibration_daily',
    'pick_results',
    'pick_audit',
    'decomposition_logs',
    'simulations',
    'line_checks',
    'slate_runs',
    'market_lines',
    'odds_snapshots',
    'games',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
