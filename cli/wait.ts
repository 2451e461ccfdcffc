/**
 * Starting a workflow from the CLI and waiting for it (`--wait`): what the command announces
 * (R13), the in-process worker when nobody polls, and Ctrl-C — which stops the waiting, never
 * the run: the run is durable in Temporal, so the command says so and how to cancel it.
 */
import type { Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporalAddress, temporalNamespace, workflowUiLink } from '../worker/env';
import { withEmbeddedWorkers } from '../worker/embedded';
import { TASK_QUEUE } from '../workflows/shared';
import { withDb } from './connections';
import { hasWorkflowPollers } from './temporal';
import { EXIT, log } from './program';

/** Single-quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[\w./:@,=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The Temporal CLI line that cancels a workflow (its namespace and address only when they
 * are not the defaults).
 */
export function temporalCancelCommand(workflowId: string): string {
  const namespace = temporalNamespace();
  const address = temporalAddress();
  return [
    'temporal workflow cancel',
    `--workflow-id ${shellQuote(workflowId)}`,
    namespace !== 'default' ? `--namespace ${shellQuote(namespace)}` : '',
    address !== '127.0.0.1:7233' ? `--address ${shellQuote(address)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** R13: every command prints the workflow ID, its UI link and the equivalent `temporal` line. */
export function announce(workflowId: string, type: string, input: unknown): void {
  log(`workflow ${workflowId}`);
  log(`UI: ${workflowUiLink(workflowId)}`);
  log(
    `same from the Temporal CLI: temporal workflow start --task-queue ${TASK_QUEUE} --type ${type} --workflow-id '${workflowId}' --input '${JSON.stringify(input)}'`,
  );
}

/** A started run, as the waiting command names it on Ctrl-C. */
export interface WaitedRun {
  workflowId: string;
  /** The exact command that cancels the run. */
  cancelCommand: string;
}

/**
 * Waits for `wait()`, running in-process workers meanwhile if no worker polls the task queue.
 * Ctrl-C (SIGINT) stops only the waiting: it prints that the run goes on in Temporal and the
 * command that cancels it, then exits 130 at once (the run's state is in Temporal, not here).
 */
export async function waitForRun<T>(
  client: Client,
  run: WaitedRun,
  wait: () => Promise<T>,
  options: { stuckMs?: number } = {},
): Promise<T> {
  let polled = await hasWorkflowPollers(client, TASK_QUEUE);
  const onInterrupt = (): void => {
    log(`interrupted: only the waiting stopped; ${run.workflowId} goes on in Temporal`);
    if (!polled)
      log(
        `it was running on this command's in-process worker: it resumes when a worker polls ${TASK_QUEUE} (\`beatvegas worker\`)`,
      );
    log(`follow it: ${workflowUiLink(run.workflowId)}`);
    log(`cancel it: ${run.cancelCommand}`);
    process.exit(EXIT.interrupted);
  };
  // Registered before any in-process worker: this handler runs first and exits.
  process.once('SIGINT', onInterrupt);
  try {
    if (polled) {
      const result = wait();
      const stuckMs = options.stuckMs ?? FIRST_TASK_STUCK_MS;
      if (!(await firstTaskStuck(client, run.workflowId, result, stuckMs))) return await result;
      // A worker that stopped moments ago (another command's in-process worker) stays listed
      // as a poller for up to a minute: nobody takes the task, so run one here after all.
      polled = false;
      log(
        `no worker took ${run.workflowId}'s first task within ${stuckMs / 1000} s (a poller listed by the server had stopped); running an in-process worker`,
      );
      return await withDb((db) => withEmbeddedWorkers(db, () => result));
    }
    log('no worker is polling; running an in-process worker');
    return await withDb((db) => withEmbeddedWorkers(db, wait));
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** How long a started run's first workflow task may wait for a listed poller to take it. */
export const FIRST_TASK_STUCK_MS = 15_000;

/**
 * Resolves true if `workflowId`'s first workflow task is still only scheduled `stuckMs` after it
 * was, false as soon as a worker started it (or `settled` settles, or the run is gone).
 */
async function firstTaskStuck(
  client: Client,
  workflowId: string,
  settled: Promise<unknown>,
  stuckMs: number,
): Promise<boolean> {
  let done = false;
  void settled.then(
    () => (done = true),
    () => (done = true),
  );
  const handle = client.workflow.getHandle(workflowId);
  while (!done) {
    const raw = (await handle.describe().catch(() => null))?.raw;
    if (!raw) return false;
    // Events 1–2 are the start and the first task's scheduling; a third means it was taken.
    if (Number(raw.workflowExecutionInfo?.historyLength ?? 0) > 2) return false;
    const task = raw.pendingWorkflowTask;
    const scheduled = optionalTsToMs(task?.originalScheduledTime ?? task?.scheduledTime);
    if (scheduled !== undefined && Date.now() - scheduled >= stuckMs) return true;
    await Promise.race([settled.catch(() => undefined), sleep(500)]);
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
