/**
 * `beatvegas worker`: runs the orchestration worker until SIGINT/SIGTERM.
 */
import { createDb, databaseUrl } from '../db/connection';
import { connectWorker, createWorker, installQuietRuntime } from './worker';

export async function runWorker(options: { taskQueue?: string } = {}): Promise<void> {
  installQuietRuntime();
  const db = createDb(databaseUrl());
  const connection = await connectWorker();
  try {
    const worker = await createWorker({ db, connection, taskQueue: options.taskQueue });
    console.error(`[beatvegas] worker polling task queue ${worker.options.taskQueue}`);
    await worker.run();
  } finally {
    await connection.close();
    await db.destroy();
  }
}
