/** Client-side Temporal helpers for the CLI. */
import { Client, Connection } from '@temporalio/client';
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

/** True if at least one worker polled `taskQueue` for workflow tasks recently. */
export async function hasWorkflowPollers(client: Client, taskQueue: string): Promise<boolean> {
  const response = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (response.pollers ?? []).length > 0;
}
