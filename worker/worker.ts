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
import type { Logger as PinoLogger } from 'pino';
import { createActivities, createSimActivities } from '../activities';
import type { PipelineMetrics } from '../activities/metrics';
import { FLAG_NAMES } from '../core/config';
import type { Database } from '../db/schema';
import { SIM_TASK_QUEUE, TASK_QUEUE } from '../workflows/shared';
import { oddsApiKey, temporalAddress, temporalNamespace } from './env';
import { SimPool } from './sim-pool';
import { collectVersions, type Versions } from './versions';
import {
  contextStepLogger,
  PinoTemporalLogger,
  runLogAttributes,
  type StepLogger,
  type WorkerLogLevel,
} from './logging';
import { createMeterMetrics, MetricsAddressError } from './metrics';

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
  /**
   * Where the worker's own warnings go: JSON through the runtime logger for `beatvegas worker`
   * ({@link jsonStepLogger}); default, human lines on stderr (in-process workers of the CLI).
   */
  logger?: StepLogger;
  /** The pipeline's metrics; default, on the runtime's meter (a no-op unless it exports). */
  metrics?: PipelineMetrics;
}

/** Human warnings on stderr: what the CLI's in-process workers print. */
const humanStepLogger: StepLogger = {
  warn: (message, meta) => console.warn(`[beatvegas] WARNING ${message}`, meta ?? ''),
};

/** Warnings through the activity context logger (JSON, with run fields) or the runtime's. */
export function jsonStepLogger(): StepLogger {
  return contextStepLogger(Runtime.instance().logger);
}

/** A worker for the orchestration task queue (workflows + I/O activities). */
export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  // Settings that change results travel in each run's input; a worker's environment has none.
  const logger = setup.logger ?? humanStepLogger;
  const ignored = FLAG_NAMES.filter((f) => process.env[f] !== undefined);
  if (ignored.length > 0) {
    logger.warn(
      `${ignored.join(', ')} set on this worker is ignored: feature flags are ` +
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
    logger,
    metrics: setup.metrics ?? createMeterMetrics(Runtime.instance().metricMeter),
  });
  return Worker.create({
    connection: setup.connection,
    namespace: temporalNamespace(),
    taskQueue: setup.taskQueue ?? TASK_QUEUE,
    workflowsPath: workflowsPath(),
    activities,
    interceptors: { activity: [runLogAttributes] },
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
    interceptors: { activity: [runLogAttributes] },
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
/** Quiet the core SDK's logs (once per process): human lines, errors only in-process and in tests. */
export function installQuietRuntime(level: 'WARN' | 'ERROR' = 'WARN'): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // already installed by someone else in this process
  }
}

export interface ObservedRuntimeOptions {
  /** The process's JSON logger; the SDK, Core and activity context logs go to it. */
  logger: PinoLogger;
  level: WorkerLogLevel;
  /** Prometheus bind address (`IP:PORT`); null serves no metrics. */
  metricsAddress: string | null;
}

/**
 * The runtime of a `beatvegas worker` process (once, before any connection): SDK and Core logs
 * forwarded to pino as JSON, and, with an address, Core's Prometheus exporter serving the SDK's
 * `temporal_*` series and the pipeline's `beatvegas_*` ones on `/metrics`. A port that cannot be
 * bound is a {@link MetricsAddressError}: the worker does not start half-observed.
 */
export function installObservedRuntime(options: ObservedRuntimeOptions): Runtime {
  if (runtimeInstalled)
    throw new Error('the Temporal runtime of this process is already installed');
  // Core's own lines are few above INFO; its DEBUG/TRACE would drown everything else.
  const core = options.level === 'trace' || options.level === 'debug' ? 'INFO' : 'WARN';
  try {
    const runtime = Runtime.install({
      logger: new PinoTemporalLogger(options.logger),
      telemetryOptions: {
        logging: { filter: { core, other: 'ERROR' }, forward: {} },
        ...(options.metricsAddress !== null
          ? { metrics: { prometheus: { bindAddress: options.metricsAddress } } }
          : {}),
      },
    });
    runtimeInstalled = true;
    return runtime;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (options.metricsAddress === null || !/prometheus/i.test(why)) throw error;
    throw new MetricsAddressError(
      `cannot serve metrics on ${options.metricsAddress}: ${why} ` +
        '(choose another with --metrics-address or BEATVEGAS_METRICS_ADDRESS, or "off")',
    );
  }
}

export { sdkVersion };
