/** Helpers for fault tests: child worker processes, Postgres stop/start, dev server restart. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
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
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
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
