/** Helpers for fault tests: child worker processes, Postgres stop/start, dev server restart. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_DATABASE_URL } from '../support/db';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'beatvegas.cjs');

/** A `beatvegas worker` process on the given task queues, against the test database. */
export function spawnWorker(taskQueue: string, simTaskQueue: string): ChildProcess {
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
    ],
    {
      env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr?.resume();
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

export function postgres(action: 'stop' | 'start'): void {
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', pgVersion(), 'main', action], {
    stdio: 'ignore',
  });
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
