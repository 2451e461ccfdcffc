/**
 * Workflow tests run on the real Temporal dev server started by the global setup, with an
 * in-process worker on a task queue unique to the test file.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { temporalAddress } from '../../worker/env';
import { withEmbeddedWorkers } from '../../worker/embedded';
import { installQuietRuntime } from '../../worker/worker';

export interface TemporalTestEnv {
  client: Client;
  taskQueue: string;
  simTaskQueue: string;
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function temporalTestEnv(
  db: Kysely<Database>,
  name: string,
): Promise<TemporalTestEnv> {
  installQuietRuntime();
  const connection = await Connection.connect({ address: temporalAddress() });
  const workerConnection = await NativeConnection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const taskQueue = `test-${name}-${process.pid}-${Date.now()}`;
  const simTaskQueue = `${taskQueue}-sim`;
  return {
    client,
    taskQueue,
    simTaskQueue,
    async run<T>(fn: () => Promise<T>): Promise<T> {
      return withEmbeddedWorkers(db, fn, {
        taskQueue,
        simTaskQueue,
        simThreads: 2,
      });
    },
    async close() {
      await workerConnection.close();
      await connection.close();
    },
  };
}
