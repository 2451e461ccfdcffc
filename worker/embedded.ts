/**
 * Runs an orchestration worker and a simulation worker (with a thread pool) inside the current
 * process for the duration of `fn` — for `slate --wait` without a separate worker, the demo and
 * tests.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { SimPool } from './sim-pool';
import {
  connectWorker,
  createSimWorker,
  createWorker,
  defaultSimThreads,
  installQuietRuntime,
} from './worker';

export interface EmbeddedOptions {
  taskQueue?: string;
  simTaskQueue?: string;
  simThreads?: number;
}

export async function withEmbeddedWorkers<T>(
  db: Kysely<Database>,
  fn: () => Promise<T>,
  options: EmbeddedOptions = {},
): Promise<T> {
  installQuietRuntime('ERROR');
  const connection = await connectWorker();
  const pool = await SimPool.create({ threads: options.simThreads ?? defaultSimThreads() });
  try {
    const orchestration = await createWorker({
      db,
      connection,
      ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
    });
    const sim = await createSimWorker({
      db,
      connection,
      pool,
      ...(options.simTaskQueue ? { taskQueue: options.simTaskQueue } : {}),
    });
    // Both workers run until fn settles; runUntil shuts each down cleanly afterwards.
    let settled: Promise<T> | null = null;
    const work = (): Promise<T> => (settled ??= fn());
    const [result] = await Promise.all([
      orchestration.runUntil(work),
      sim.runUntil(() => work().catch(() => undefined)),
    ]);
    return result;
  } finally {
    await pool.close();
    await connection.close();
  }
}
