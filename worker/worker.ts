/**
 * Builds Temporal workers with real dependencies: the only place that wires pg, flags,
 * versions, the odds API settings and the simulation thread pool into the activities.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, createSimActivities } from '../activities';
import { FLAG_NAMES } from '../core/config';
import type { Database } from '../db/schema';
import { SIM_TASK_QUEUE, TASK_QUEUE } from '../workflows/shared';
import { oddsApiKey, temporalAddress, temporalNamespace } from './env';
import { SimPool } from './sim-pool';
import { collectVersions, type Versions } from './versions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkVersion = (require('@temporalio/worker/package.json') as { version: string }).version;

let versions: Versions | null = null;
function processVersions(): Versions {
  versions ??= collectVersions();
  return versions;
}

/** The workflows entry bundled by the worker (TypeScript source under tsx/vitest, JS if compiled). */
function workflowsPath(): string {
  const ts = path.join(__dirname, '..', 'workflows', 'index.ts');
  return fs.existsSync(ts) ? ts : path.join(__dirname, '..', 'workflows', 'index.js');
}

export interface WorkerSetup {
  db: Kysely<Database>;
  connection: NativeConnection;
  taskQueue?: string;
  options?: Partial<WorkerOptions>;
}

/** A worker for the orchestration task queue (workflows + I/O activities). */
export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  // Settings that change results travel in each run's input; a worker's environment has none.
  const ignored = FLAG_NAMES.filter((f) => process.env[f] !== undefined);
  if (ignored.length > 0) {
    console.warn(
      `[beatvegas] WARNING ${ignored.join(', ')} set on this worker is ignored: feature flags are ` +
        "part of each run's configuration (beatvegas slate --flag NAME=off, --config FILE)",
    );
  }
  const v = processVersions();
  const activities = createActivities({
    db: setup.db,
    versions: { node: process.version, sdk: sdkVersion, ...v, modelHash: (s) => v.modelHash(s) },
    oddsApi: {
      baseUrl: process.env.ODDS_API_BASE_URL || 'https://api.the-odds-api.com',
      apiKey: oddsApiKey(),
    },
    logger: {
      warn: (message, meta) => console.warn(`[beatvegas] WARNING ${message}`, meta ?? ''),
    },
  });
  return Worker.create({
    connection: setup.connection,
    namespace: temporalNamespace(),
    taskQueue: setup.taskQueue ?? TASK_QUEUE,
    workflowsPath: workflowsPath(),
    activities,
    ...setup.options,
  });
}

export interface SimWorkerSetup {
  db: Kysely<Database>;
  connection: NativeConnection;
  pool: SimPool;
  taskQueue?: string;
}

/**
 * A worker for the simulation task queue. The CPU work runs in `pool`'s threads, so the
 * worker's event loop keeps heartbeating; one simulate task at a time per process keeps the
 * pool's threads busy without oversubscribing them.
 */
export async function createSimWorker(setup: SimWorkerSetup): Promise<Worker> {
  const v = processVersions();
  return Worker.create({
    connection: setup.connection,
    namespace: temporalNamespace(),
    taskQueue: setup.taskQueue ?? SIM_TASK_QUEUE,
    activities: createSimActivities({
      db: setup.db,
      pool: setup.pool,
      modelHash: (s) => v.modelHash(s),
    }),
    maxConcurrentActivityTaskExecutions: 1,
  });
}

/** Threads for the simulation pool: `--sim-threads`, else the core count. */
export function defaultSimThreads(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

export async function connectWorker(): Promise<NativeConnection> {
  return NativeConnection.connect({ address: temporalAddress() });
}

let runtimeInstalled = false;
/** Quiet the core SDK's logs (once per process): warnings for `beatvegas worker`, errors in-process. */
export function installQuietRuntime(level: 'WARN' | 'ERROR' = 'WARN'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // already installed by someone else in this process
  }
}

export { sdkVersion };
