/** `beatvegas slate`: starts a SlateWorkflow (its own run) and optionally waits for it. */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { EffectiveConfig } from '../core/effective-config';
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { pickAuditForRun } from '../db/repositories/slates';
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
  /** The run's configuration, resolved by the trigger (see cli/run-config.ts). */
  config?: EffectiveConfig;
  taskQueue?: string;
}

/** A second trigger of a slot whose run is still going: refused, never silently attached. */
export class SlotBusyError extends Error {
  override readonly name = 'SlotBusyError';
}

/**
 * Starts the slate workflow under the slot's readable ID (`slate/<sport>/<date>`). Every start
 * is its own run (a re-run gets a new Temporal run id and its own rows); a start while the
 * slot's run is still going is refused with a message naming that run.
 */
export async function startSlate(client: Client, options: StartSlateOptions) {
  const workflowId = slateWorkflowId(options.sport, options.date, options.runKind);
  const input: SlateInput = {
    sport: options.sport,
    date: options.date,
    source: options.source,
    runKind: options.runKind,
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const handle = await client.workflow
    .start('SlateWorkflow', {
      workflowId,
      taskQueue: options.taskQueue ?? TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
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
    })
    .catch((error: unknown) => {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new SlotBusyError(
          `${workflowId} is already running (${workflowUiLink(workflowId)}); nothing was started. ` +
            `Wait for it, or cancel it: temporal workflow cancel --workflow-id ${workflowId}`,
        );
      }
      throw error;
    });
  return { handle, workflowId, input, uiLink: workflowUiLink(workflowId) };
}

export interface SlateReportRow {
  id: string;
  game: string;
  market: string;
  lineKey: string;
  state: string;
  side: string | null;
  line: number | null;
  price: number | null;
  edgePp: number | null;
  confidence: number | null;
  projection: number | null;
  parlayEligible: boolean;
  reasons: string[];
  triggers: string[];
}

export interface SlateReport {
  result: SlateResult;
  picks: SlateReportRow[];
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

/** The run's audit rows, ready to print (`--json` prints exactly this). */
export async function slateReport(db: Kysely<Database>, result: SlateResult): Promise<SlateReport> {
  const audit = await pickAuditForRun(db, result.runId);
  return {
    result,
    picks: audit.map((a) => ({
      id: a.id,
      game: a.game_id.split(':').slice(3).join(':'),
      market: a.market_type,
      lineKey: a.line_key,
      state: a.state,
      side: a.side,
      line: a.line,
      price: a.price,
      edgePp: round(a.edge_pp, 2),
      confidence: round(a.confidence, 1),
      projection: round(a.projection, 2),
      parlayEligible: a.parlay_eligible,
      reasons: a.reasons,
      triggers: a.triggers,
    })),
  };
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

/** Plain-text table: one line per (game, market, line), published picks first. */
export function formatSlateTable(report: SlateReport): string {
  const r = report.result;
  const c = r.classify.states;
  const header = [
    `${r.sport.toUpperCase()} ${r.date} — run ${r.runId} (${r.runKind}, source ${r.source}, as of ${r.asOf}, ${r.iterations} iterations)`,
    `games ${r.verify.games} · priceable ${r.verify.verifiedGameIds.length} · simulated ${r.simulate.simulated} · blocked markets ${r.verify.marketsBlocked}` +
      ` · PICK ${c.PICK} · LEAN ${c.LEAN} · NO_PLAY ${c.NO_PLAY} · published ${r.persist.picksPublished}`,
    `model ${r.stamp.modelHash.slice(0, 12)} · config ${r.stamp.configHash.slice(0, 12)} · git ${r.stamp.gitCommit.slice(0, 12)}${r.stamp.gitDirty ? ' (dirty)' : ''}` +
      ` · calibration offset ${r.calibration.offset} damp ${r.calibration.dampFactor}`,
    r.flagsDisabled.length > 0 ? `WARNING: feature flags OFF: ${r.flagsDisabled.join(', ')}` : '',
    r.classify.warnings.length > 0 ? `warnings: ${r.classify.warnings.join(', ')}` : '',
  ].filter(Boolean);
  const order = { PICK: 0, LEAN: 1, NO_PLAY: 2 } as Record<string, number>;
  const rows = [...report.picks]
    .sort(
      (a, b) =>
        (order[a.state] ?? 3) - (order[b.state] ?? 3) ||
        a.game.localeCompare(b.game) ||
        a.market.localeCompare(b.market),
    )
    .map((p) => [
      p.state,
      p.game,
      p.market + (p.lineKey ? ` ${p.lineKey}` : ''),
      p.side ?? '—',
      p.line === null ? '—' : String(p.line),
      p.price === null ? '—' : String(p.price),
      p.edgePp === null ? '—' : p.edgePp.toFixed(2),
      p.confidence === null ? '—' : p.confidence.toFixed(0),
      p.projection === null ? '—' : p.projection.toFixed(1),
      [...p.reasons, ...p.triggers].join(', '),
    ]);
  const cols = [
    'state',
    'game',
    'market',
    'side',
    'line',
    'price',
    'edge pp',
    'conf',
    'proj',
    'reasons / triggers',
  ];
  const widths = cols.map((col, i) => Math.max(col.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!))
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
