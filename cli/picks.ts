/**
 * `beatvegas picks --sport S --date D [--all-runs] [--chain C] [--json]`: the decisions of
 * record of a slate (what the system says, per game and market), and with `--all-runs` every
 * run's decision with its time, so a withdrawn PICK stays visible beside what replaced it.
 */
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { allRunDecisions, decisionsOfRecord, type RunDecision } from '../db/repositories/decisions';
import type { Database } from '../db/schema';

export interface PicksReport {
  sport: Sport;
  date: string;
  chain: string | null;
  decisions: RunDecision[];
}

export async function loadPicks(
  db: Kysely<Database>,
  sport: Sport,
  date: string,
  options: { allRuns?: boolean; chain?: string },
): Promise<PicksReport> {
  const decisions = options.allRuns
    ? await allRunDecisions(db, sport, date)
    : await decisionsOfRecord(db, sport, date, options.chain ?? 'production');
  return {
    sport,
    date,
    chain: options.allRuns ? null : (options.chain ?? 'production'),
    decisions,
  };
}

/** A plain table, one decision per line. */
export function formatPicks(r: PicksReport, allRuns: boolean): string {
  if (r.decisions.length === 0) {
    return `no ${allRuns ? 'decisions' : `decisions of record (chain ${r.chain})`} for ${r.sport} ${r.date}`;
  }
  const fmt = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));
  const lines = r.decisions.map((d) =>
    [
      allRuns ? (d.of_record ? '*' : ' ') : '',
      allRuns ? d.run_id : '',
      allRuns ? (d.decided_at?.toISOString() ?? 'not completed') : '',
      d.game_id,
      `${d.market_type}${d.line_key ? `[${d.line_key}]` : ''}`,
      d.state,
      d.side ?? '—',
      fmt(d.line),
      d.price === null ? '—' : String(d.price),
      fmt(d.edge_pp),
      fmt(d.confidence, 0),
      d.state === 'NO_PLAY' ? d.reasons.join(',') : '',
    ]
      .filter((c, i) => allRuns || i > 2)
      .join('  '),
  );
  const head = allRuns
    ? `${r.sport} ${r.date}: every run's decisions (* = decision of record)`
    : `${r.sport} ${r.date}: decisions of record (chain ${r.chain})`;
  return [head, ...lines].join('\n');
}
