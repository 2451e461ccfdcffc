/** Client-side Temporal helpers for the CLI. */
import { Client, Connection } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporalAddress, temporalNamespace } from '../worker/env';

export class TemporalUnavailableError extends Error {
  override readonly name = 'TemporalUnavailableError';
}

export async function connectClient(): Promise<{ client: Client; connection: Connection }> {
  const address = temporalAddress();
  let connection: Connection;
  try {
    connection = await Connection.connect({ address, connectTimeout: 5_000 });
  } catch (error) {
    throw new TemporalUnavailableError(
      `cannot reach Temporal at ${address} (${error instanceof Error ? error.message : String(error)}); start it with \`beatvegas dev-server\``,
    );
  }
  return { client: new Client({ connection, namespace: temporalNamespace() }), connection };
}

/**
 * A live worker's pollers call again at least once a minute (the server's long poll expires
 * after 60 s); the server keeps a dead worker's pollers listed for minutes. Pollers seen less
 * recently than this are taken for gone.
 */
export const LIVE_POLLER_MS = 90_000;

/**
 * True if a worker is polling `taskQueue` for workflow tasks: a poller seen within
 * {@link LIVE_POLLER_MS} (so a worker that died a minute ago, e.g. the in-process worker of an
 * interrupted `--wait`, does not count).
 */
export async function hasWorkflowPollers(
  client: Client,
  taskQueue: string,
  now = Date.now(),
): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (response.pollers ?? []).some((p) => {
    const seen = optionalTsToMs(p.lastAccessTime);
    // No time recorded: count it, as before this check existed.
    return seen === undefined || now - seen < LIVE_POLLER_MS;
  });
}
