/**
 * `beatvegas worker`: runs the orchestration worker and a simulation worker (with its thread
 * pool) in one process until SIGINT/SIGTERM. Scale out by running more of these, or run
 * `--only sim` / `--only orchestration` processes separately.
 */
import type { NativeConnection } from '@temporalio/worker';
import { createDb, databaseUrl } from '../db/connection';
import { SIM_TASK_QUEUE, TASK_QUEUE } from '../workflows/shared';
import { temporalAddress, temporalNamespace } from './env';
import { checkDatabase, checkNamespace, connectTemporal } from './preflight';
import { SimPool } from './sim-pool';
import { connectWorker, createSimWorker, createWorker, installQuietRuntime } from './worker';

export interface RunWorkerOptions {
  taskQueue?: string;
  simTaskQueue?: string;
  simThreads: number;
  only?: 'sim' | 'orchestration';
}

export async function runWorker(options: RunWorkerOptions): Promise<void> {
  installQuietRuntime();
  // Fail at start, with one clear message, rather than poll and then fail every task.
  const db = createDb(databaseUrl());
  let connection: NativeConnection | undefined;
  try {
    await checkDatabase(db, databaseUrl());
    connection = await connectTemporal(connectWorker, temporalAddress());
    await checkNamespace(connection, temporalNamespace(), temporalAddress());
  } catch (error) {
    await connection?.close();
    await db.destroy();
    throw error;
  }
  const pool =
    options.only === 'orchestration' ? null : await SimPool.create({ threads: options.simThreads });
  try {
    const workers = [];
    if (options.only !== 'sim') {
      workers.push(
        await createWorker({ db, connection, taskQueue: options.taskQueue ?? TASK_QUEUE }),
      );
    }
    if (pool) {
      workers.push(
        await createSimWorker({
          db,
          connection,
          pool,
          taskQueue: options.simTaskQueue ?? SIM_TASK_QUEUE,
        }),
      );
    }
    for (const w of workers) {
      console.error(`[beatvegas] worker polling task queue ${w.options.taskQueue}`);
    }
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    await pool?.close();
    await connection.close();
    await db.destroy();
  }
}
