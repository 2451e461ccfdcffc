/**
 * Starting a workflow from the CLI and waiting for it (`--wait`): what the command announces
 * (R13), the in-process worker when nobody polls, and Ctrl-C — which stops the waiting, never
 * the run: the run is durable in Temporal, so the command says so and how to cancel it.
 */
import type { Client } from '@temporalio/client';
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
): Promise<T> {
  const polled = await hasWorkflowPollers(client, TASK_QUEUE);
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
    if (polled) return await wait();
    log('no worker is polling; running an in-process worker');
    return await withDb((db) => withEmbeddedWorkers(db, wait));
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
