/**
 * Long-running child processes of the rehearsal (Temporal server, workers): each logs to its
 * own file, can be killed with a signal and started again with the same command, and keeps
 * every pid it ever had so CPU accounting covers all its incarnations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ProcessSpec {
  /** Short unique name, e.g. `orchestration-1`; names the log file. */
  name: string;
  /** Accounting group, e.g. `temporal-server`, `orchestration`, `sim`. */
  role: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** A command that is meant to exit (its exit is not a crash). */
  oneShot?: boolean;
}

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** Every pid this process has had, oldest first. */
  readonly pids: number[] = [];
  readonly logFile: string;
  /** Exits we did not ask for (code or signal), for the report. */
  readonly unexpectedExits: string[] = [];
  private stopping = false;

  constructor(
    readonly spec: ProcessSpec,
    logDir: string,
  ) {
    this.logFile = path.join(logDir, `${spec.name}.log`);
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | null {
    return this.child && this.child.exitCode === null && this.child.signalCode === null
      ? (this.child.pid ?? null)
      : null;
  }

  start(): number {
    if (this.pid !== null) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    this.stopping = false;
    const fd = fs.openSync(this.logFile, 'a');
    fs.writeSync(
      fd,
      `--- ${new Date().toISOString()} start: ${this.spec.command} ${this.spec.args.join(' ')}\n`,
    );
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env ?? process.env,
      stdio: ['ignore', fd, fd],
    });
    fs.closeSync(fd);
    if (child.pid === undefined)
      throw new Error(`${this.name}: could not start ${this.spec.command}`);
    this.child = child;
    this.pids.push(child.pid);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping && !this.spec.oneShot)
          this.unexpectedExits.push(`${code !== null ? `exit ${code}` : signal}`);
        resolve();
      });
    });
    return child.pid;
  }

  /** Sends `signal` and waits for the process to exit (SIGKILL after `graceMs`). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.pid === null) return;
    this.stopping = true;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves with the exit code (null: killed by a signal) once the current process exits. */
  async waitExit(): Promise<number | null> {
    await this.exited;
    return this.child?.exitCode ?? null;
  }

  /** True if the process exited on its own (not stopped by us). */
  get died(): boolean {
    return this.unexpectedExits.length > 0;
  }

  /** The last `lines` lines of the log file (for error messages). */
  tail(lines = 20): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** Stops every process (in parallel), ignoring the ones already gone. */
export async function stopAll(procs: readonly ManagedProcess[]): Promise<void> {
  await Promise.all(procs.map((p) => p.stop('SIGTERM').catch(() => undefined)));
}
