/**
 * What the rehearsal asserts on an app database after a backfill: every planned slate completed
 * exactly once (Temporal and `slate_runs`), no natural key holds two rows, and the decisions and
 * simulation summaries equal another run's row for row on the columns that do not name the run.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Client } from '@temporalio/client';
import { slateDates } from '../../db/repositories/calibration';
import type { Database } from '../../db/schema';
import { slateWorkflowId } from '../../workflows/shared';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BackfillRange {
  sport: string;
  from: string;
  to: string;
}

/** The (sport, date) slates a backfill of `ranges` plans: every date with games. */
export async function plannedSlates(
  db: Kysely<Database>,
  ranges: readonly BackfillRange[],
): Promise<{ sport: string; date: string; games: number }[]> {
  const out = [];
  for (const r of ranges)
    for (const d of await slateDates(db, r.sport, r.from, r.to)) out.push({ sport: r.sport, ...d });
  return out;
}

/** Backfill slate runs recorded as completed so far (progress while the backfill runs). */
export async function completedBackfillSlates(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('slate_runs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('run_kind', '=', 'backfill')
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const list = (xs: readonly string[], n = 5) =>
  xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} … (${xs.length} in all)`;

/**
 * `slate_runs`: each planned slate has exactly one backfill run, completed; there is no backfill
 * run outside the plan.
 */
export async function checkSlateRuns(
  db: Kysely<Database>,
  planned: readonly { sport: string; date: string }[],
): Promise<CheckResult> {
  const rows = await db
    .selectFrom('slate_runs')
    .select(['sport', 'slate_date', 'status', 'run_id'])
    .where('run_kind', '=', 'backfill')
    .execute();
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const k = `${r.sport}/${r.slate_date}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r.status]);
  }
  const want = new Set(planned.map((p) => `${p.sport}/${p.date}`));
  const missing = [...want].filter((k) => !byKey.has(k));
  const notCompleted = [...byKey].filter(
    ([k, s]) => want.has(k) && !s.every((x) => x === 'completed'),
  );
  const repeated = [...byKey].filter(([, s]) => s.length > 1).map(([k]) => k);
  const extra = [...byKey.keys()].filter((k) => !want.has(k));
  const problems = [
    missing.length ? `no run for ${list(missing)}` : '',
    notCompleted.length
      ? `not completed: ${list(notCompleted.map(([k, s]) => `${k} (${s.join('/')})`))}`
      : '',
    repeated.length ? `more than one run for ${list(repeated)}` : '',
    extra.length ? `runs outside the plan: ${list(extra)}` : '',
  ].filter(Boolean);
  return {
    name: 'slate_runs: one completed run per planned slate',
    ok: problems.length === 0,
    detail: problems.length ? problems.join('; ') : `${planned.length} slates, each completed once`,
  };
}

/**
 * Temporal: every planned `backfill-slate/<sport>/<date>` has exactly one execution and it
 * completed; no other SlateWorkflow ran. Visibility is eventually consistent, so a mismatch is
 * re-read for up to `settleMs` before it counts.
 */
export async function checkTemporalSlates(
  client: Client,
  planned: readonly { sport: string; date: string }[],
  settleMs = 30_000,
): Promise<CheckResult> {
  const want = new Set(planned.map((p) => slateWorkflowId(p.sport, p.date, 'backfill')));
  const deadline = Date.now() + settleMs;
  for (;;) {
    const executions = new Map<string, string[]>();
    for await (const w of client.workflow.list({ query: `WorkflowType = 'SlateWorkflow'` })) {
      executions.set(w.workflowId, [...(executions.get(w.workflowId) ?? []), w.status.name]);
    }
    const missing = [...want].filter((id) => !executions.has(id));
    const bad = [...executions].filter(
      ([id, s]) => want.has(id) && (s.length !== 1 || s[0] !== 'COMPLETED'),
    );
    const extra = [...executions.keys()].filter((id) => !want.has(id));
    const problems = [
      missing.length ? `never started: ${list(missing)}` : '',
      bad.length
        ? `not exactly one completed execution: ${list(bad.map(([id, s]) => `${id} [${s.join(',')}]`))}`
        : '',
      extra.length ? `unplanned slate workflows: ${list(extra)}` : '',
    ].filter(Boolean);
    if (problems.length === 0 || Date.now() > deadline)
      return {
        name: 'Temporal: one completed SlateWorkflow execution per planned slate',
        ok: problems.length === 0,
        detail: problems.length
          ? problems.join('; ')
          : `${want.size} SlateWorkflow executions, all COMPLETED`,
      };
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/**
 * Natural keys of the run tables across runs: within one calibration chain and run kind, a game
 * is simulated, decomposed, checked and decided once per market line, and a slate runs once.
 * (Keys that a primary or unique constraint already enforces — games, market_lines,
 * odds_snapshots, calibration_daily, and every table's per-run key — are not re-checked.)
 */
const NATURAL_KEYS: readonly { table: string; query: RawBuilder<{ n: string }> }[] = [
  {
    table: 'slate_runs (sport, slate_date, run_kind, chain)',
    query: sql`select count(*) as n from (select 1 from slate_runs
      group by sport, slate_date, run_kind, chain having count(*) > 1) d`,
  },
  {
    table: 'simulations (chain, run_kind, game_id)',
    query: sql`select count(*) as n from (select 1 from simulations t join slate_runs s using (run_id)
      group by s.chain, s.run_kind, t.game_id having count(*) > 1) d`,
  },
  {
    table: 'game_inputs (chain, run_kind, game_id)',
    query: sql`select count(*) as n from (select 1 from game_inputs t join slate_runs s using (run_id)
      group by s.chain, s.run_kind, t.game_id having count(*) > 1) d`,
  },
  {
    table: 'decomposition_logs (chain, run_kind, game_id)',
    query: sql`select count(*) as n from (select 1 from decomposition_logs t join slate_runs s using (run_id)
      group by s.chain, s.run_kind, t.game_id having count(*) > 1) d`,
  },
  {
    table: 'line_checks (chain, run_kind, game_id, market, line_key)',
    query: sql`select count(*) as n from (select 1 from line_checks t join slate_runs s using (run_id)
      group by s.chain, s.run_kind, t.game_id, t.market, t.line_key having count(*) > 1) d`,
  },
  {
    table: 'pick_audit (chain, run_kind, game_id, market_type, line_key)',
    query: sql`select count(*) as n from (select 1 from pick_audit t join slate_runs s using (run_id)
      group by s.chain, s.run_kind, t.game_id, t.market_type, t.line_key having count(*) > 1) d`,
  },
  {
    table: 'pick_results (pick_id)',
    query: sql`select count(*) as n from (select 1 from pick_results
      group by pick_id having count(*) > 1) d`,
  },
  {
    table: 'decisions_of_record (chain, game_id, market_type, line_key)',
    query: sql`select count(*) as n from (select 1 from decisions_of_record
      group by chain, game_id, market_type, line_key having count(*) > 1) d`,
  },
];

export async function checkNoDuplicates(db: Kysely<Database>): Promise<CheckResult> {
  const dup: string[] = [];
  for (const k of NATURAL_KEYS) {
    const { rows } = await k.query.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) dup.push(`${k.table}: ${n} keys with more than one row`);
  }
  return {
    name: 'no duplicated row (natural keys across runs)',
    ok: dup.length === 0,
    detail: dup.length
      ? dup.join('; ')
      : `${NATURAL_KEYS.length} natural keys checked, none repeated`,
  };
}
