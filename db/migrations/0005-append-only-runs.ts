/**
 * Append-only runs: what a run decided can never change after the fact.
 * - The audit tables (`line_checks`, `game_inputs`, `simulations`, `decomposition_logs`,
 *   `pick_audit`, `pick_results`) refuse every UPDATE and DELETE (trigger, for every role), and
 *   the application role `beatvegas_app`, where it exists, loses those privileges too.
 * - `slate_runs` refuses DELETE, and UPDATE once a run has finished: only a running run may
 *   record its own progress and outcome; its identity columns never change.
 * - Deleting a game or a run never cascades into audit rows (foreign keys restrict).
 * - `slate_runs` records the run's whole configuration, whether it was live, and its
 *   calibration chain; `calibration_daily` rows belong to a chain (production, or one research
 *   or backfill chain per config hash).
 */
import { sql, type Kysely } from 'kysely';

const AUDIT_TABLES = [
  'line_checks',
  'game_inputs',
  'simulations',
  'decomposition_logs',
  'pick_audit',
  'pick_results',
] as const;

/** Foreign keys created with ON DELETE CASCADE: [table, column, referenced table, its key]. */
const CASCADES: readonly [string, string, string, string][] = [
  ['line_checks', 'run_id', 'slate_runs', 'run_id'],
  ['line_checks', 'game_id', 'games', 'game_id'],
  ['game_inputs', 'run_id', 'slate_runs', 'run_id'],
  ['game_inputs', 'game_id', 'games', 'game_id'],
  ['simulations', 'run_id', 'slate_runs', 'run_id'],
  ['simulations', 'game_id', 'games', 'game_id'],
  ['decomposition_logs', 'run_id', 'slate_runs', 'run_id'],
  ['decomposition_logs', 'game_id', 'games', 'game_id'],
  ['pick_audit', 'run_id', 'slate_runs', 'run_id'],
  ['pick_audit', 'game_id', 'games', 'game_id'],
  ['pick_results', 'pick_id', 'pick_audit', 'id'],
  ['pick_results', 'game_id', 'games', 'game_id'],
];

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, column, target, key] of CASCADES) {
    const name = `${table}_${column}_fkey`;
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(name)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)}
      foreign key (${sql.id(column)}) references ${sql.table(target)} (${sql.id(key)})`.execute(db);
  }

  await db.schema
    .alterTable('slate_runs')
    .addColumn('config', 'jsonb')
    .addColumn('live', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('chain', 'text', (c) => c.notNull().defaultTo('production'))
    .execute();
  await db.schema
    .alterTable('calibration_daily')
    .addColumn('chain', 'text', (c) => c.notNull().defaultTo('production'))
    .execute();
  await sql`alter table calibration_daily drop constraint calibration_daily_pkey`.execute(db);
  await db.schema
    .alterTable('calibration_daily')
    .addPrimaryKeyConstraint('calibration_daily_pkey', ['sport', 'date', 'chain'])
    .execute();

  await sql`
    create or replace function beatvegas_refuse_audit_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'append-only: % rows are never updated or deleted (% refused)',
        tg_table_name, tg_op using errcode = '42501';
    end $$`.execute(db);
  for (const table of AUDIT_TABLES) {
    await sql`create trigger ${sql.id(`${table}_append_only`)}
      before update or delete on ${sql.table(table)}
      for each row execute function beatvegas_refuse_audit_change()`.execute(db);
  }

  await sql`
    create or replace function beatvegas_guard_slate_run() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'append-only: slate_runs rows are never deleted (run %)', old.run_id
          using errcode = '42501';
      end if;
      if old.status <> 'running' then
        raise exception 'append-only: run % is % and can no longer change', old.run_id, old.status
          using errcode = '42501';
      end if;
      if new.run_id <> old.run_id or new.sport <> old.sport or new.slate_date <> old.slate_date
         or new.run_kind <> old.run_kind or new.source <> old.source or new.as_of <> old.as_of
         or new.chain <> old.chain or new.config is distinct from old.config then
        raise exception 'append-only: the identity of run % never changes', old.run_id
          using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger slate_runs_append_only before update or delete on slate_runs
    for each row execute function beatvegas_guard_slate_run()`.execute(db);

  // The decision of record (README): per chain and (game, market, line), the decision of the
  // newest run that completed before the game's commence time. A live run decides when it
  // completes; a replay (history, a past date) as of its as-of time.
  await sql`create index pick_audit_line_idx on pick_audit (game_id, market_type, line_key)`.execute(
    db,
  );
  await sql`
    create view decisions_of_record as
    select p.*, s.chain, s.run_kind, s.live, s.finished_at as run_finished_at,
      case when s.live then s.finished_at else s.as_of end as decided_at
    from pick_audit p
      join slate_runs s on s.run_id = p.run_id
      join games g on g.game_id = p.game_id
    where s.status = 'completed'
      and (case when s.live then s.finished_at else s.as_of end) < g.commence_time
      and not exists (
        select 1 from pick_audit p2 join slate_runs s2 on s2.run_id = p2.run_id
        where p2.game_id = p.game_id and p2.market_type = p.market_type
          and p2.line_key = p.line_key and s2.chain = s.chain and s2.status = 'completed'
          and (case when s2.live then s2.finished_at else s2.as_of end) < g.commence_time
          and ((case when s2.live then s2.finished_at else s2.as_of end), s2.finished_at, p2.id)
            > ((case when s.live then s.finished_at else s.as_of end), s.finished_at, p.id))`.execute(
    db,
  );

  // The application role (deploy/postgres-init.sh) may insert and read audit rows, never
  // change them; it may update a running run's own row. Skipped where the role does not exist.
  await sql`
    do $$ begin
      if exists (select 1 from pg_roles where rolname = 'beatvegas_app') then
        revoke update, delete on line_checks, game_inputs, simulations, decomposition_logs,
          pick_audit, pick_results from beatvegas_app;
        revoke delete on slate_runs from beatvegas_app;
      end if;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view if exists decisions_of_record`.execute(db);
  await sql`drop index if exists pick_audit_line_idx`.execute(db);
  await sql`drop trigger if exists slate_runs_append_only on slate_runs`.execute(db);
  for (const table of AUDIT_TABLES) {
    await sql`drop trigger if exists ${sql.id(`${table}_append_only`)} on ${sql.table(table)}`.execute(
      db,
    );
  }
  await sql`drop function if exists beatvegas_guard_slate_run()`.execute(db);
  await sql`drop function if exists beatvegas_refuse_audit_change()`.execute(db);
  await sql`alter table calibration_daily drop constraint calibration_daily_pkey`.execute(db);
  await sql`delete from calibration_daily where chain <> 'production'`.execute(db);
  await db.schema
    .alterTable('calibration_daily')
    .addPrimaryKeyConstraint('calibration_daily_pkey', ['sport', 'date'])
    .execute();
  await db.schema.alterTable('calibration_daily').dropColumn('chain').execute();
  await db.schema
    .alterTable('slate_runs')
    .dropColumn('chain')
    .dropColumn('live')
    .dropColumn('config')
    .execute();
  for (const [table, column, target, key] of CASCADES) {
    const name = `${table}_${column}_fkey`;
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(name)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)}
      foreign key (${sql.id(column)}) references ${sql.table(target)} (${sql.id(key)}) on delete cascade`.execute(
      db,
    );
  }
}
