/**
 * Runs the real `bin/beatvegas.cjs` in a child process, as a user does, and gives back its exit
 * code, stdout and stderr apart; and an isolated Temporal namespace for CLI tests that start
 * workflows or create schedules (the CLI's task queue is fixed, and other processes may poll
 * it in the default namespace).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributes } from '../../worker/dev-server';
import { temporalAddress } from '../../worker/env';

export const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI to completion with `env` added to this process's environment. Asynchronous, so
 * the test process stays responsive while the child runs.
 */
export function runCli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const running = startCli(env, ...args);
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 180_000);
  return running.exited.finally(() => clearTimeout(timer));
}

/** A CLI process left running (for Ctrl-C tests), with its output so far. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr contains `text` (rejects after `timeoutMs`). */
  waitForStderr(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<CliResult>;
}

export function startCli(env: NodeJS.ProcessEnv, ...args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout: out, stderr: err })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForStderr(text, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      const seen = () => (typeof text === 'string' ? err.includes(text) : text.test(err));
      while (!seen()) {
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`stderr never showed ${String(text)}; stderr so far:\n${err}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/**
 * Creates (once) a namespace on the dev server with our search attributes, and waits until
 * the frontend serves it (a new namespace reaches the frontend's cache within seconds).
 */
export async function ensureNamespace(namespace: string): Promise<void> {
  const connection = await Connection.connect({ address: temporalAddress() });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs('1 day'),
      });
    } catch (error) {
      if (!/already exists/i.test((error as Error).message)) throw error;
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await registerSearchAttributes(connection, namespace);
        // Listing workflows needs the namespace in the frontend's cache, as every command does.
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await connection.close();
  }
}
