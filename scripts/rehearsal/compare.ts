/**
 * Row-for-row comparison of two app databases that ran the same backfill (the production
 * topology and the dev server with one worker). Each table is read as natural key → md5 of its
 * stable columns: everything a run decided or computed, nothing that names the run (run ids,
 * which embed Temporal's run id) or says when it happened (created_at, finished_at, graded_at).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { CheckResult } from './checks';

type KeyedRows = RawBuilder<{ k: string; v: string }>;

/** Per table: its natural key and a digest of its stable columns. */
export const STABLE_ROWS: readonly { table: string; query: KeyedRows }[] = [
  {
    table: 'slate_runs',
    query: sql`select concat_ws('/', sport, slate_date, run_kind, chain) as k,
      md5(row(status, source, as_of, games, games_verified, markets_blocked, picks_published,
        seed, iterations, model_hash, config_hash, git_commit, git_dirty, sdk_version,
        node_version, flags, triggers, quota, summary, error, baseline, config, live)::text) as v
      from slate_runs`,
  },
  {
    table: 'pick_audit',
    query: sql`select concat_ws('/', s.chain, s.run_kind, p.game_id, p.market_type, p.line_key) as k,
      md5(row(p.sport, p.slate_date, p.line, p.side, p.price, p.state, p.parlay_eligible,
        p.publish_decision, p.model_prob, p.market_prob, p.edge_pp, p.ev, p.confidence,
        p.projection, p.reasons, p.triggers, p.layers, p.model_hash, p.config_hash, p.git_commit,
        p.seed, p.iterations, p.versions)::text) as v
      from pick_audit p join slate_runs s using (run_id)`,
  },
  {
    table: 'decisions_of_record',
    query: sql`select concat_ws('/', chain, game_id, market_type, line_key) as k,
      md5(row(run_kind, live, decided_at, sport, slate_date, line, side, price, state,
        parlay_eligible, publish_decision, model_prob, market_prob, edge_pp, ev, confidence,
        projection, reasons, triggers, layers, model_hash, config_hash, seed, iterations)::text) as v
      from decisions_of_record`,
  },
  {
    table: 'pick_results',
    query: sql`select concat_ws('/', s.chain, s.run_kind, p.game_id, p.market_type, p.line_key,
        r.home_score, r.away_score) as k,
      md5(row(r.result, r.units)::text) as v
      from pick_results r join pick_audit p on p.id = r.pick_id join slate_runs s using (run_id)`,
  },
  {
    table: 'simulations',
    query: sql`select concat_ws('/', s.chain, s.run_kind, t.game_id) as k,
      md5(row(t.sport, t.iterations, t.seed, t.model_hash, t.summary)::text) as v
      from simulations t join slate_runs s using (run_id)`,
  },
  {
    table: 'game_inputs',
    query: sql`select concat_ws('/', s.chain, s.run_kind, t.game_id) as k,
      md5(row(t.sport, t.inputs, t.home_sample, t.away_sample)::text) as v
      from game_inputs t join slate_runs s using (run_id)`,
  },
  {
    table: 'decomposition_logs',
    query: sql`select concat_ws('/', s.chain, s.run_kind, t.game_id) as k,
      md5(row(t.sport, t.slate_date, t.projected_total, t.baseline_total, t.pace_part,
        t.efficiency_part, t.metrics, t.flags)::text) as v
      from decomposition_logs t join slate_runs s using (run_id)`,
  },
  {
    table: 'line_checks',
    query: sql`select concat_ws('/', s.chain, s.run_kind, t.game_id, t.market, t.line_key) as k,
      md5(row(t.ok, t.reasons, t.notes, t.consensus_point, t.price_a, t.price_b, t.no_vig_a,
        t.no_vig_b, t.books, t.detail)::text) as v
      from line_checks t join slate_runs s using (run_id)`,
  },
  {
    table: 'calibration_daily',
    query: sql`select concat_ws('/', sport, date, chain) as k,
      md5(row(window_days, games, over_rate_leans, over_rate_picks, bias_vs_actual,
        bias_vs_market, win_rate, push_rate, damp_factor, "offset", triggers, config_hash,
        ungraded, scores)::text) as v
      from calibration_daily`,
  },
];

export interface TableComparison {
  table: string;
  rowsA: number;
  rowsB: number;
  onlyInA: string[];
  onlyInB: string[];
  different: string[];
}

async function keyed(db: Kysely<Database>, query: KeyedRows): Promise<Map<string, string[]>> {
  const { rows } = await query.execute(db);
  const out = new Map<string, string[]>();
  // A repeated key keeps all its digests: the duplicate shows up as a difference too.
  for (const r of rows) out.set(r.k, [...(out.get(r.k) ?? []), r.v].sort());
  return out;
}

/** Compares every table of {@link STABLE_ROWS} between two databases. */
export async function compareDatabases(
  a: Kysely<Database>,
  b: Kysely<Database>,
): Promise<TableComparison[]> {
  const out: TableComparison[] = [];
  for (const { table, query } of STABLE_ROWS) {
    const [ra, rb] = await Promise.all([keyed(a, query), keyed(b, query)]);
    const count = (m: Map<string, string[]>) => [...m.values()].reduce((n, v) => n + v.length, 0);
    out.push({
      table,
      rowsA: count(ra),
      rowsB: count(rb),
      onlyInA: [...ra.keys()].filter((k) => !rb.has(k)),
      onlyInB: [...rb.keys()].filter((k) => !ra.has(k)),
      different: [...ra]
        .filter(([k, v]) => rb.has(k) && rb.get(k)!.join() !== v.join())
        .map(([k]) => k),
    });
  }
  return out;
}

/**
 * Both runs ran the same code: the stamps of their slate runs (git commit and dirty flag, SDK,
 * Node, model hash) are the same set. When they differ every stamped row differs, and this
 * check says why.
 */
export async function compareStamps(
  a: Kysely<Database>,
  b: Kysely<Database>,
  labels: { a: string; b: string },
): Promise<CheckResult> {
  const stamps = async (db: Kysely<Database>) =>
    (
      await db
        .selectFrom('slate_runs')
        .select(['git_commit', 'git_dirty', 'sdk_version', 'node_version', 'model_hash'])
        .distinct()
        .execute()
    )
      .map(
        (r) =>
          `${r.git_commit}${r.git_dirty ? '+dirty' : ''} sdk ${r.sdk_version} node ${r.node_version} model ${r.model_hash?.slice(0, 12)}`,
      )
      .sort();
  const [sa, sb] = await Promise.all([stamps(a), stamps(b)]);
  const same = sa.join('|') === sb.join('|');
  return {
    name: 'both runs stamped with the same code version',
    ok: same,
    detail: same ? sa.join('; ') : `${labels.a}: ${sa.join('; ')} — ${labels.b}: ${sb.join('; ')}`,
  };
}

/** Tables every backfill writes to: empty means nothing ran, not that both runs agree. */
const MUST_HAVE_ROWS = new Set(['slate_runs', 'pick_audit', 'decisions_of_record', 'simulations']);

const sample = (xs: readonly string[]) =>
  xs.slice(0, 3).join(', ') + (xs.length > 3 ? ` … (${xs.length})` : '');

/** One check per table: identical key sets and digests, and not empty where runs wrote rows. */
export function comparisonChecks(
  tables: readonly TableComparison[],
  labels: { a: string; b: string },
): CheckResult[] {
  return tables.map((t) => {
    const problems = [
      t.onlyInA.length ? `only in ${labels.a}: ${sample(t.onlyInA)}` : '',
      t.onlyInB.length ? `only in ${labels.b}: ${sample(t.onlyInB)}` : '',
      t.different.length ? `different: ${sample(t.different)}` : '',
      t.rowsA === 0 && MUST_HAVE_ROWS.has(t.table) ? 'no rows at all' : '',
    ].filter(Boolean);
    return {
      name: `identical rows: ${t.table}`,
      ok: problems.length === 0,
      detail: problems.length
        ? `${t.rowsA} vs ${t.rowsB} rows; ${problems.join('; ')}`
        : `${t.rowsA} rows, identical`,
    };
  });
}
