/**
 * The two topologies the rehearsal runs the same backfill on:
 * - production: the Temporal server of compose's version on PostgreSQL, two orchestration
 *   workers and two simulation-only workers, each its own process (as compose scales them);
 * - reference: the Temporal CLI dev server (its own SQLite file) with one `beatvegas worker`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, type Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES, SIM_TASK_QUEUE, TASK_QUEUE } from '../../workflows/shared';
import { devServerDynamicConfig, ensureTemporalCli } from '../../worker/dev-server';
import { BIN } from './backfill-run';
import { ManagedProcess } from './processes';
import type { TemporalBinaries } from './temporal-build';
import { prepareNamespace, serverProcess, waitForFrontend } from './temporal-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Topology {
  client: Client;
  connection: Connection;
  server: ManagedProcess;
  /** Worker processes by accounting group. */
  workers: Record<string, ManagedProcess[]>;
  all(): ManagedProcess[];
}

function workerProcess(
  name: string,
  role: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logDir: string,
): ManagedProcess {
  return new ManagedProcess(
    // Several workers share this host: none binds the default metrics port (docs/observability.md).
    {
      name,
      role,
      command: process.execPath,
      args: [BIN, 'worker', '--metrics-address', 'off', ...args],
      env,
    },
    logDir,
  );
}

/** Waits until `taskQueue` has pollers of `type` (1 workflow, 2 activity), or throws. */
async function waitForPollers(
  client: Client,
  taskQueue: string,
  type: 1 | 2,
  want: number,
  procs: readonly ManagedProcess[],
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = procs.find((p) => p.died);
    if (dead) throw new Error(`worker ${dead.name} exited at start:\n${dead.tail()}`);
    const r = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: type,
    });
    const ids = new Set((r.pollers ?? []).map((p) => p.identity));
    if (ids.size >= want) return;
    if (Date.now() > deadline)
      throw new Error(
        `only ${ids.size} of ${want} workers poll ${taskQueue} after ${timeoutMs / 1000} s`,
      );
    await sleep(1_000);
  }
}

export interface ProductionOptions {
  bins: TemporalBinaries;
  serverDir: string;
  address: string;
  namespace: string;
  workerEnv: NodeJS.ProcessEnv;
  logDir: string;
  log: (m: string) => void;
}

/** Starts the server, prepares its namespace, starts the four workers and waits for them. */
export async function startProduction(
  o: ProductionOptions,
): Promise<Topology & { timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const server = serverProcess(o.bins, o.serverDir, o.logDir);
  server.start();
  const connection = await waitForFrontend(o.address, 120_000, server);
  timings['server start'] = (performance.now() - t) / 1000;
  t = performance.now();
  const ns = await prepareNamespace(connection, o.namespace);
  timings['namespace + search attributes'] = (performance.now() - t) / 1000;
  o.log(
    `Temporal ${o.bins.version} answers at ${o.address}; namespace ${o.namespace}${ns.created ? ' created' : ''}, search attributes added: ${ns.searchAttributesAdded.join(', ') || 'none'}`,
  );
  const client = new Client({ connection, namespace: o.namespace });
  const workers = {
    'orchestration workers': [1, 2].map((i) =>
      workerProcess(
        `orchestration-${i}`,
        'orchestration',
        ['--only', 'orchestration'],
        o.workerEnv,
        o.logDir,
      ),
    ),
    'sim workers': [1, 2].map((i) =>
      workerProcess(
        `sim-${i}`,
        'sim',
        ['--only', 'sim', '--sim-threads', '1'],
        o.workerEnv,
        o.logDir,
      ),
    ),
  };
  t = performance.now();
  const procs = Object.values(workers).flat();
  for (const p of procs) p.start();
  await waitForPollers(client, TASK_QUEUE, 1, 2, procs);
  await waitForPollers(client, SIM_TASK_QUEUE, 2, 2, procs);
  timings['workers polling'] = (performance.now() - t) / 1000;
  return { client, connection, server, workers, timings, all: () => [server, ...procs] };
}

/** Waits until the worker process `pid` polls `taskQueue` (identity `<pid>@host`, the SDK default). */
async function waitForPid(
  client: Client,
  taskQueue: string,
  type: 1 | 2,
  proc: ManagedProcess,
  pid: number,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.pid !== pid)
      throw new Error(`${proc.name} (pid ${pid}) exited at start:\n${proc.tail()}`);
    try {
      const r = await client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: type,
      });
      if ((r.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return;
    } catch {
      // the server is restarting
    }
    if (Date.now() > deadline)
      throw new Error(
        `${proc.name} (pid ${pid}) does not poll ${taskQueue} after ${timeoutMs / 1000} s`,
      );
    await sleep(500);
  }
}

/**
 * The faults of the production run: kill -9 one worker of a kind and start it again after
 * `downMs`, or kill -9 the server and start it again (same databases) after `downMs`. A fault
 * is over once the victim works again (the new worker process polls; the frontend answers),
 * so faults never overlap: a worker still starting when the server goes down would find no
 * Temporal and, by design, refuse to start.
 */
export function productionFaults(
  topo: Topology,
  address: string,
  downMs: number,
): (kind: string, sampleNow: () => Promise<void>) => Promise<string> {
  return async (kind, sampleNow) => {
    const victims: Record<string, [ManagedProcess, string, 1 | 2] | [ManagedProcess]> = {
      'kill-orchestration-worker': [topo.workers['orchestration workers']![0]!, TASK_QUEUE, 1],
      'kill-sim-worker': [topo.workers['sim workers']![0]!, SIM_TASK_QUEUE, 2],
      'restart-server': [topo.server],
    };
    const victim = victims[kind];
    if (!victim) throw new Error(`unknown fault ${kind}`);
    const [proc, queue, type] = victim;
    await sampleNow(); // the victim's CPU up to now
    const oldPid = proc.pid;
    const t = performance.now();
    await proc.stop('SIGKILL');
    await sleep(downMs);
    const newPid = proc.start();
    const back = () => ((performance.now() - t) / 1000).toFixed(1);
    if (queue === undefined) {
      const c = await waitForFrontend(address, 120_000, proc);
      await c.close();
      return `kill -9 temporal-server (pid ${oldPid}), started again as pid ${newPid}; frontend answering ${back()} s after the kill`;
    }
    await waitForPid(topo.client, queue, type!, proc, newPid);
    return `kill -9 ${proc.name} (pid ${oldPid}), started again after ${downMs / 1000} s as pid ${newPid}, polling ${back()} s after the kill`;
  };
}

export interface ReferenceOptions {
  port: number;
  sqliteFile: string;
  namespace: string;
  workerEnv: NodeJS.ProcessEnv;
  logDir: string;
  log: (m: string) => void;
}

/** The dev server with a fresh SQLite file and one `beatvegas worker` (all roles, all cores). */
export async function startReference(o: ReferenceOptions): Promise<Topology> {
  const cli = ensureTemporalCli(o.log);
  for (const f of [o.sqliteFile, `${o.sqliteFile}-wal`, `${o.sqliteFile}-shm`])
    fs.rmSync(f, { force: true });
  fs.mkdirSync(path.dirname(o.sqliteFile), { recursive: true });
  const address = `127.0.0.1:${o.port}`;
  const server = new ManagedProcess(
    {
      name: 'dev-server',
      role: 'dev-server',
      command: cli,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(o.port),
        '--headless',
        // Pinned next to the frontend (the CLI picks random free ports otherwise).
        '--http-port',
        String(o.port + 1),
        '--metrics-port',
        String(o.port + 2),
        '--db-filename',
        o.sqliteFile,
        '--namespace',
        o.namespace,
        '--log-level',
        'warn',
        ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([n, type]) => [
          '--search-attribute',
          `${n}=${type}`,
        ]),
        ...devServerDynamicConfig().flatMap((kv) => ['--dynamic-config-value', kv]),
      ],
    },
    o.logDir,
  );
  server.start();
  const connection = await waitForFrontend(address, 120_000, server);
  const client = new Client({ connection, namespace: o.namespace });
  const worker = workerProcess('reference-worker', 'worker', [], o.workerEnv, o.logDir);
  worker.start();
  await waitForPollers(client, TASK_QUEUE, 1, 1, [worker]);
  await waitForPollers(client, SIM_TASK_QUEUE, 2, 1, [worker]);
  return { client, connection, server, workers: { worker: [worker] }, all: () => [server, worker] };
}
