/** `beatvegas slate`: starts (or attaches to) a SlateWorkflow and optionally waits for it. */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { pickAuditForRun, lineChecksForRun } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import { workflowUiLink } from '../worker/env';
import {
  SA_RUN_KIND,
  SA_SLATE_DATE,
  SA_SPORT,
  TASK_QUEUE,
  slateWorkflowId,
  type RunKind,
  type SlateInput,
  type SlateResult,
} from '../workflows/shared';

export interface StartSlateOptions {
  sport: Sport;
  date: string;
  source: string;
  runKind: RunKind;
  iterations?: number;
  seed?: string;
  taskQueue?: string;
}

/** Starts the slate workflow with its deterministic ID; attaches if that run is already going. */
export async function startSlate(client: Client, options: StartSlateOptions) {
  const workflowId = slateWorkflowId(options.sport, options.date, options.runKind);
  const input: SlateInput = {
    sport: options.sport,
    date: options.date,
    source: options.source,
    runKind: options.runKind,
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const handle = await client.workflow.start('SlateWorkflow', {
    workflowId,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [
      { key: SA_SPORT, value: options.sport },
      { key: SA_SLATE_DATE, value: options.date },
      { key: SA_RUN_KIND, value: options.runKind },
    ],
    staticSummary: `${options.sport.toUpperCase()} slate ${options.date} (${options.runKind}, source ${options.source})`,
    memo: {
      sport: options.sport,
      date: options.date,
      source: options.source,
      runKind: options.runKind,
    },
  });
  return { handle, workflowId, uiLink: workflowUiLink(workflowId) };
}

export interface SlateReport {
  result: SlateResult;
  markets: {
    gameId: string;
    market: string;
    lineKey: string;
    state: string;
    line: number | null;
    noVig: [number | null, number | null];
    reasons: string[];
    notes: string[];
  }[];
}

/** Joins the run's line checks with its audit rows for printing. */
export async function slateReport(db: Kysely<Database>, result: SlateResult): Promise<SlateReport> {
  const [checks, audit] = await Promise.all([
    lineChecksForRun(db, result.runId),
    pickAuditForRun(db, result.runId),
  ]);
  const state = new Map(audit.map((a) => [`${a.game_id}|${a.market_type}|${a.line_key}`, a.state]));
  return {
    result,
    markets: checks.map((c) => ({
      gameId: c.game_id,
      market: c.market,
      lineKey: c.line_key,
      state: state.get(`${c.game_id}|${c.market}|${c.line_key}`) ?? 'VERIFIED',
      line: c.consensus_point,
      noVig: [c.no_vig_a, c.no_vig_b],
      reasons: c.reasons,
      notes: c.notes,
    })),
  };
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

/** Plain-text table: one line per (game, market). */
export function formatSlateTable(report: SlateReport): string {
  const r = report.result;
  const header = [
    `${r.sport.toUpperCase()} ${r.date} — run ${r.runId} (${r.runKind}, source ${r.source}, as of ${r.asOf})`,
    `games ${r.verify.games} · priceable ${r.verify.verifiedGameIds.length} · markets checked ${r.verify.marketsChecked} · blocked ${r.verify.marketsBlocked} · audit rows ${r.persist.auditRows} · published ${r.persist.picksPublished}`,
    r.flagsDisabled.length > 0 ? `WARNING: feature flags OFF: ${r.flagsDisabled.join(', ')}` : '',
  ].filter(Boolean);
  const cols = ['game', 'market', 'line', 'no-vig a/b', 'state', 'reasons / notes'];
  const rows = report.markets.map((m) => [
    m.gameId.split(':').slice(3).join(':'),
    m.market + (m.lineKey ? ` ${m.lineKey}` : ''),
    m.line === null ? '—' : String(m.line),
    m.noVig[0] === null ? '—' : `${m.noVig[0].toFixed(3)}/${(m.noVig[1] ?? 0).toFixed(3)}`,
    m.state,
    [...m.reasons, ...m.notes].join(', '),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    ...header,
    '',
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
