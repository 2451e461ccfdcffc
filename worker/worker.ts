/**
 * Builds Temporal workers with real dependencies. The only place that wires pg, flags and
 * versions into `createActivities`.
 */
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkerOptions,
} from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { createActivities } from '../activities';
import { flagsFromEnv, type FeatureFlags } from '../core/config';
import type { Database } from '../db/schema';
import { TASK_QUEUE } from '../workflows/shared';
import { temporalAddress, temporalNamespace } from './env';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkVersion = (require('@temporalio/worker/package.json') as { version: string }).version;

/** The workflows entry bundled by the worker (TypeScript source under tsx/vitest, JS if compiled). */
function workflowsPath(): string {
  const ts = path.join(__dirname, '..', 'workflows', 'index.ts');
  return fs.existsSync(ts) ? ts : path.join(__dirname, '..', 'workflows', 'index.js');
}

export interface WorkerSetup {
  db: Kysely<Database>;
  connection: NativeConnection;
  taskQueue?: string;
  flags?: FeatureFlags;
  options?: Partial<WorkerOptions>;
}

/** A worker for the orchestration task queue (workflows + I/O activities). */
export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  const flags = setup.flags ?? flagsFromEnv(process.env);
  const activities = createActivities({
    db: setup.db,
    flags,
    versions: { node: process.version, sdk: sdkVersion },
    oddsApi: {
      baseUrl: process.env.ODDS_API_BASE_URL || 'https://api.the-odds-api.com',
      apiKey: process.env.ODDS_API_KEY || null,
    },
    logger: { warn: (message, meta) => console.warn(`[beatvegas] WARNING ${message}`, meta ?? '') },
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

export async function connectWorker(): Promise<NativeConnection> {
  return NativeConnection.connect({ address: temporalAddress() });
}

let runtimeInstalled = false;
/** Quiet the core SDK's logs to warnings (once per process). */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by someone else in this process
  }
}

export { sdkVersion };
