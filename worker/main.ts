/**
 * `beatvegas worker`: runs the orchestration worker and a simulation worker (with its thread
 * pool) in one process until SIGINT/SIGTERM. Scale out by running more of these, or run
 * `--only sim` / `--only orchestration` processes separately. Logs are JSON lines on stdout
 * (worker/logging.ts); metrics are served for Prometheus (worker/metrics.ts,
 * docs/observability.md).
 */
import type { NativeConnection } from '@temporalio/worker';
import { createDb, databaseUrl } from '../db/connection';
import { SIM_TASK_QUEUE, TASK_QUEUE } from '../workflows/shared';
import { temporalAddress, temporalNamespace } from './env';
import { createWorkerLogger, logSlateOutcomes, workerLogLevel } from './logging';
import { createMeterMetrics, refreshCalibrationAge } from './metrics';
import { checkDatabase, checkDefaultConfigs, checkNamespace, connectTemporal } from './preflight';
import { SimPool } from './sim-pool';
import {
  connectWorker,
  createSimWorker,
  createWorker,
  installObservedRuntime,
  jsonStepLogger,
} from './worker';

export interface RunWorkerOptions {
  taskQueue?: string;
  simTaskQueue?: string;
  simThreads: number;
  only?: 'sim' | 'orchestration';
  /** Prometheus bind address (`IP:PORT`), or null for none (see metricsBindAddress). */
  metricsAddress: string | null;
}

export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const level = workerLogLevel();
  const log = createWorkerLogger({ level });
  // Fail at start, with one clear message, rather than poll and then fail every task. The
  // database first: its check needs no Temporal runtime (nor the metrics port that binds).
  const db = createDb(databaseUrl());
  try {
    checkDefaultConfigs();
    await checkDatabase(db, databaseUrl());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const runtime = installObservedRuntime({
    logger: log,
    level,
    metricsAddress: options.metricsAddress,
  });
  let connection: NativeConnection | undefined;
  try {
    connection = await connectTemporal(connectWorker, temporalAddress());
    await checkNamespace(connection, temporalNamespace(), temporalAddress());
  } catch (error) {
    await connection?.close();
    await db.destroy();
    throw error;
  }
  const pool =
    options.only === 'orchestration' ? null : await SimPool.create({ threads: options.simThreads });
  // One set of instruments on the runtime's meter, served by Core's Prometheus exporter.
  const metrics = createMeterMetrics(runtime.metricMeter);
  const calibration = refreshCalibrationAge(db, metrics, {
    onError: (error) => log.warn({ error }, 'calibration age not refreshed'),
  });
  try {
    const workers = [];
    if (options.only !== 'sim') {
      workers.push(
        await createWorker({
          db,
          connection,
          taskQueue: options.taskQueue ?? TASK_QUEUE,
          logger: jsonStepLogger(),
          metrics: logSlateOutcomes(metrics, runtime.logger),
        }),
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
      log.info({ taskQueue: w.options.taskQueue }, 'worker polling task queue');
    }
    if (options.metricsAddress !== null) {
      log.info(
        { metricsAddress: options.metricsAddress },
        'serving Prometheus metrics on /metrics',
      );
    }
    await Promise.all(workers.map((w) => w.run()));
    log.info('worker stopped');
  } finally {
    await calibration.stop();
    await pool?.close();
    await connection.close();
    await db.destroy();
  }
}
