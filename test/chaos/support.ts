/** Helpers for fault tests: child worker processes, Postgres stop/start, dev server restart. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TEST_DATABASE_URL } from '../support/db';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'beatvegas.cjs');

/**
 * A `beatvegas worker` process on the given task queues, against the test database. Its JSON
 * log (stdout) and stderr go to `artifacts/chaos-worker-<queue>.log` so a failed fault test can
 * be read afterwards. No metrics endpoint: several of these run at once on one host.
 */
export function spawnWorker(
  taskQueue: string,
  simTaskQueue: string,
  only?: 'orchestration' | 'sim',
  databaseUrl: string = TEST_DATABASE_URL,
): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'worker',
      '--task-queue',
      taskQueue,
      '--sim-task-queue',
      simTaskQueue,
      '--sim-threads',
      '2',
      ...(only ? ['--only', only] : []),
      '--metrics-address',
      'off',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  fs.mkdirSync(path.join(ROOT, 'artifacts'), { recursive: true });
  const log = fs.createWriteStream(path.join(ROOT, 'artifacts', `chaos-worker-${taskQueue}.log`), {
    flags: 'a',
  });
  log.write(`--- worker pid ${child.pid} started ${new Date().toISOString()}\n`);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // Two streams share the file: it closes when the process is gone, not when one stream ends.
  child.once('close', () => log.end());
  return child;
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

function pgVersion(): string {
  return fs.readdirSync('/etc/postgresql').sort().at(-1)!;
}

function clusterOnline(version: string): boolean {
  const out = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' });
  return out.split('\n').some((l) => {
    const [v, name, , status] = l.trim().split(/\s+/);
    return v === version && name === 'main' && status === 'online';
  });
}

function accepting(): boolean {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-t', '1'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops or starts the local cluster and waits until the change took effect (down: the cluster
 * is offline; up: it accepts connections). Idempotent, so `finally` blocks can always call
 * `postgres('start')`.
 */
export async function postgres(action: 'stop' | 'start'): Promise<void> {
  const version = pgVersion();
  const want = action === 'start';
  if (clusterOnline(version) !== want) {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
      stdio: 'ignore',
    });
  }
  for (let i = 0; i < 300; i++) {
    if (want ? accepting() : !clusterOnline(version)) return;
    await sleep(100);
  }
  throw new Error(`Postgres did not ${action} within 30 s`);
}

export function hasPgCtl(): boolean {
  try {
    execFileSync('which', ['pg_ctlcluster'], { stdio: 'ignore' });
    return fs.existsSync('/etc/postgresql');
  } catch {
    return false;
  }
}

/** PID of the dev server this checkout started (see worker/dev-server.ts), if it is ours. */
export function devServerPid(): number | null {
  const file = path.join(ROOT, '.data', 'temporal.pid');
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves once `child` logged that it polls `queues` task queues (its JSON log line), rejects
 * if it exits first or the time is up. A worker checks the database before it polls, so this
 * is also "its preflight passed".
 */
export function waitForPolling(child: ChildProcess, queues: number, ms = 150_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let partial = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      seen += lines.filter((l) => l.includes('"worker polling task queue"')).length;
      if (seen >= queues) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`the worker exited (${code}) before it polled; see artifacts/`));
    const timer = setTimeout(() => done(new Error(`the worker did not poll within ${ms} ms`)), ms);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/**
 * A TCP proxy on 127.0.0.1 in front of the local Postgres, for one worker: `cut()` resets every
 * open connection and refuses new ones (the database is gone for that worker, whatever the
 * cluster does), `restore()` forwards again.
 */
export interface PgProxy {
  /** `TEST_DATABASE_URL` with the proxy's port. */
  readonly databaseUrl: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startPgProxy(): Promise<PgProxy> {
  const target = new URL(TEST_DATABASE_URL);
  const targetPort = Number(target.port || 5432);
  const open = new Set<net.Socket>();
  let forwarding = true;
  const server = net.createServer((client) => {
    if (!forwarding) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.once('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    databaseUrl: url.toString(),
    cut() {
      forwarding = false;
      for (const s of open) s.resetAndDestroy();
    },
    restore() {
      forwarding = true;
    },
    close() {
      forwarding = false;
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
