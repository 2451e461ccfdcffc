/**
 * Operations on Temporal from the CLI (R11–R13): daily calibration, backfills and schedules.
 */
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  WorkflowNotFoundError,
  type Client,
  type ScheduleOptions,
} from '@temporalio/client';
import { effectiveConfigHash } from '../core/effective-config';
import type { Sport } from '../core/sports';
import { workflowUiLink } from '../worker/env';
import type { BackfillInput, BackfillProgress, BackfillResult } from '../workflows/backfill';
import type { DailyCalibrationInput } from '../workflows/calibration';
import { SA_RUN_KIND, SA_SLATE_DATE, SA_SPORT, TASK_QUEUE } from '../workflows/shared';
import { UsageError } from './usage';

export const DAILY_CALIBRATION_SCHEDULE = 'daily-calibration';

export function calibrationWorkflowId(sports: readonly string[], date: string): string {
  return `calibrate/${sports.length === 6 ? 'all' : sports.join(',')}/${date}`;
}

export async function startCalibration(
  client: Client,
  sports: Sport[],
  date: string,
  taskQueue = TASK_QUEUE,
) {
  const workflowId = calibrationWorkflowId(sports, date);
  const input: DailyCalibrationInput = { sports, date };
  const handle = await client.workflow.start('DailyCalibrationWorkflow', {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [
      { key: SA_SLATE_DATE, value: date },
      { key: SA_RUN_KIND, value: 'manual' },
    ],
    staticSummary: `Daily calibration ${sports.join(', ')} through ${date}`,
  });
  return { handle, workflowId, uiLink: workflowUiLink(workflowId) };
}

export function backfillWorkflowId(sports: readonly string[], from: string, to: string): string {
  return `backfill/${sports.join(',')}/${from}/${to}`;
}

/** What a backfill runs with, per sport (`nfl:<config hash>,…`; '' without resolved configs). */
export function backfillConfigKey(input: Pick<BackfillInput, 'sports' | 'configs'>): string {
  const configs = input.configs;
  if (configs === undefined) return '';
  return input.sports
    .map((s) => `${s}:${configs[s] === undefined ? '' : effectiveConfigHash(configs[s])}`)
    .join(',');
}

/**
 * Starts a backfill, or attaches to the running one with the same ID (the ID names sports and
 * range). Attaching is only right when it runs the same configuration: an opening-lines or
 * research backfill over a range whose closing-lines backfill is still running would otherwise
 * wait on, and report, the other run.
 *
 * @throws UsageError (exit 2) when a backfill with this ID is running another configuration.
 */
export async function startBackfill(client: Client, input: BackfillInput, taskQueue = TASK_QUEUE) {
  const workflowId =
    backfillWorkflowId(input.sports, input.from, input.to) + (input.dryRun ? '/dry-run' : '');
  const configKey = backfillConfigKey(input);
  const handle = await client.workflow.start('BackfillWorkflow', {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    typedSearchAttributes: [
      { key: SA_SPORT, value: input.sports.join(',') },
      { key: SA_RUN_KIND, value: 'backfill' },
    ],
    memo: { configKey },
    staticSummary: `Backfill ${input.sports.join(', ')} ${input.from} → ${input.to}${input.dryRun ? ' (dry run)' : ''}`,
  });
  // The memo outlives continue-as-new; a run started before it existed has none (attach).
  const running = (await handle.describe()).memo?.configKey;
  if (typeof running === 'string' && running !== configKey)
    throw new UsageError(
      `backfill ${workflowId} is already running with another configuration (${running}; ` +
        `this one: ${configKey}). Wait for it, cancel it (beatvegas backfill cancel ${workflowId}), ` +
        `or run over another date range`,
    );
  return { handle, workflowId, uiLink: workflowUiLink(workflowId) };
}

/** One-line progress bar for a backfill (stderr). */
export function formatBackfillProgress(p: BackfillProgress, width = 30): string {
  const totals = Object.values(p.sports).reduce(
    (a, s) => ({
      done: a.done + s.done + s.failed,
      all: a.all + s.done + s.failed + s.remaining,
      failed: a.failed + s.failed,
      picks: a.picks + s.picks,
      games: a.games + s.games,
    }),
    { done: 0, all: 0, failed: 0, picks: 0, games: 0 },
  );
  const frac = totals.all === 0 ? 1 : totals.done / totals.all;
  const filled = Math.round(frac * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${totals.done}/${totals.all} slates · ${totals.failed} failed · ${totals.games} games · ${totals.picks} picks published`;
}

/** Polls the backfill's progress query until it finishes, drawing a bar on stderr. */
export async function waitForBackfill(
  client: Client,
  workflowId: string,
  onProgress: (p: BackfillProgress) => void,
): Promise<BackfillResult> {
  const handle = client.workflow.getHandle(workflowId);
  const result = handle.result() as Promise<BackfillResult>;
  let finished = false;
  void result.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) {
    try {
      // The handle follows continue-as-new: query the newest run.
      onProgress(await client.workflow.getHandle(workflowId).query<BackfillProgress>('progress'));
    } catch {
      // between runs of continue-as-new, or not started yet
    }
    await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
  }
  return result;
}

export interface ApplyOptions {
  /** Sports with a daily scheduled slate (empty: only the calibration schedule). */
  slates: Sport[];
  /** Local times (America/New_York) of the scheduled slates, HH:MM; each firing is a run. */
  slateTimes: readonly string[];
  slateSource: string;
  taskQueue?: string;
  /** Prefix for schedule IDs (tests isolate themselves with it). */
  idPrefix?: string;
}

function calibrationScheduleOptions(taskQueue: string, prefix: string): ScheduleOptions {
  return {
    scheduleId: `${prefix}${DAILY_CALIBRATION_SCHEDULE}`,
    spec: { calendars: [{ hour: 2, minute: 0 }], timezone: 'America/New_York' },
    action: {
      type: 'startWorkflow',
      workflowType: 'DailyCalibrationWorkflow',
      taskQueue,
      args: [{}],
      workflowId: `${prefix}${DAILY_CALIBRATION_SCHEDULE}`,
      staticSummary: 'Daily calibration of all six sports (results through yesterday)',
    },
    // Missed a night (server down)? Catch up within 6 hours; never run two calibrations at once.
    policies: { overlap: 'SKIP', catchupWindow: '6 hours', pauseOnFailure: false },
  };
}

function slateScheduleOptions(
  sport: Sport,
  times: readonly string[],
  source: string,
  taskQueue: string,
  prefix: string,
): ScheduleOptions {
  const calendars = times.map((time) => {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    return { hour, minute };
  });
  return {
    scheduleId: `${prefix}slate-${sport}`,
    spec: { calendars, timezone: 'America/New_York' },
    action: {
      type: 'startWorkflow',
      workflowType: 'ScheduledSlateWorkflow',
      taskQueue,
      args: [{ sport, source }],
      workflowId: `${prefix}scheduled-slate-${sport}`,
      staticSummary: `Scheduled ${sport.toUpperCase()} slate (source ${source})`,
    },
    policies: { overlap: 'SKIP', catchupWindow: '2 hours', pauseOnFailure: false },
  };
}

/** Creates or updates the schedules (idempotent). Returns what it did per schedule. */
export async function applySchedules(
  client: Client,
  options: ApplyOptions,
): Promise<Record<string, 'created' | 'updated'>> {
  const taskQueue = options.taskQueue ?? TASK_QUEUE;
  const wanted = [
    calibrationScheduleOptions(taskQueue, options.idPrefix ?? ''),
    ...options.slates.map((s) =>
      slateScheduleOptions(
        s,
        options.slateTimes,
        options.slateSource,
        taskQueue,
        options.idPrefix ?? '',
      ),
    ),
  ];
  const out: Record<string, 'created' | 'updated'> = {};
  for (const opts of wanted) {
    try {
      await client.schedule.create(opts);
      out[opts.scheduleId] = 'created';
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      // Keep the schedule's pause state (an operator may have paused it on purpose).
      await client.schedule.getHandle(opts.scheduleId).update((previous) => ({
        spec: opts.spec,
        action: opts.action,
        policies: opts.policies ?? previous.policies,
        state: { paused: previous.state.paused, note: previous.state.note },
      }));
      out[opts.scheduleId] = 'updated';
    }
  }
  return out;
}

export async function listSchedules(client: Client) {
  const out = [];
  for await (const s of client.schedule.list()) {
    out.push({
      scheduleId: s.scheduleId,
      workflowType: s.action?.type === 'startWorkflow' ? s.action.workflowType : null,
      paused: s.state.paused,
      nextActionTimes: s.info.nextActionTimes.slice(0, 3).map((d) => d.toISOString()),
      recentActions: s.info.recentActions.slice(-3).map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      })),
    });
  }
  return out;
}

/** A schedule ID that names no schedule of the namespace (the CLI exits 2 naming it). */
export class UnknownScheduleError extends Error {
  override readonly name = 'UnknownScheduleError';
  constructor(readonly scheduleId: string) {
    super(`no schedule ${JSON.stringify(scheduleId)}`);
  }
}

/** Runs `fn`, turning the server's "not found" into an UnknownScheduleError. */
async function onSchedule<T>(scheduleId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) throw new UnknownScheduleError(scheduleId);
    throw error;
  }
}

export async function pauseSchedule(
  client: Client,
  scheduleId: string,
  pause: boolean,
): Promise<void> {
  const handle = client.schedule.getHandle(scheduleId);
  await onSchedule(scheduleId, () =>
    pause
      ? handle.pause('paused from the beatvegas CLI')
      : handle.unpause('unpaused from the beatvegas CLI'),
  );
}

/** Fires a schedule's action now (overlap policy ALLOW_ALL for this one trigger). */
export async function triggerSchedule(client: Client, scheduleId: string): Promise<void> {
  await onSchedule(scheduleId, () => client.schedule.getHandle(scheduleId).trigger('ALLOW_ALL'));
}

/**
 * Deletes a schedule. Runs it already started are not touched (they are workflows of their
 * own); `schedules apply` creates it again.
 */
export async function deleteSchedule(client: Client, scheduleId: string): Promise<void> {
  await onSchedule(scheduleId, () => client.schedule.getHandle(scheduleId).delete());
}

/** A workflow ID that names no backfill (unknown, or a workflow of another type). */
export class NotABackfillError extends Error {
  override readonly name = 'NotABackfillError';
}

export interface BackfillCancellation {
  workflowId: string;
  /** The run of the chain (continue-as-new) that received the request. */
  runId: string;
  /** `CANCEL_REQUESTED`, or the status it had already closed with (nothing requested). */
  status: string;
  /** Child slates open at the request: each receives the cancellation from the backfill. */
  children: { workflowId: string; parentClosePolicy: string }[];
}

const PARENT_CLOSE_POLICIES: Record<number, string> = {
  1: 'TERMINATE',
  2: 'ABANDON',
  3: 'REQUEST_CANCEL',
};

/**
 * Requests cancellation of a backfill's current run. The backfill's cancellation scope reaches
 * the child slate it awaits (executeChild, cancellation type WAIT_CANCELLATION_COMPLETED): the
 * child is cancelled and the backfill closes once it has; a child still open when the backfill
 * closes is terminated (parent close policy TERMINATE, the default).
 *
 * @throws NotABackfillError for an unknown ID or a workflow that is not a BackfillWorkflow.
 */
export async function cancelBackfill(
  client: Client,
  workflowId: string,
): Promise<BackfillCancellation> {
  const handle = client.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new NotABackfillError(`no workflow ${JSON.stringify(workflowId)}`);
    throw error;
  }
  if (description.type !== 'BackfillWorkflow') {
    throw new NotABackfillError(
      `${JSON.stringify(workflowId)} is a ${description.type}, not a BackfillWorkflow`,
    );
  }
  const children = (description.raw.pendingChildren ?? []).map((c) => ({
    workflowId: c.workflowId ?? '?',
    parentClosePolicy: PARENT_CLOSE_POLICIES[c.parentClosePolicy ?? 0] ?? 'UNSPECIFIED',
  }));
  const status = description.status.name;
  if (status !== 'RUNNING') {
    return { workflowId, runId: description.runId, status, children: [] };
  }
  await client.workflow.getHandle(workflowId, description.runId).cancel();
  return { workflowId, runId: description.runId, status: 'CANCEL_REQUESTED', children };
}
