/**
 * The rehearsal's PostgreSQL databases: dropped and created fresh every time, so a rehearsal
 * is a cold boot. The app database is migrated and loaded with the history through the CLI, as
 * an operator would; the comparison run's database is a copy of it (same rows, same ids).
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { ROOT_DIR } from '../../worker/env';
import { BIN } from './backfill-run';

export class RehearsalDbError extends Error {
  override readonly name = 'RehearsalDbError';
}

/** Database names are spliced into DDL: only lowercase letters, digits and underscores. */
export function checkDbName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new RehearsalDbError(`refusing database name ${JSON.stringify(name)} (want [a-z0-9_])`);
  return name;
}

/** `url` with its database replaced. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${checkDbName(name)}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  try {
    await client.connect();
  } catch (error) {
    throw new RehearsalDbError(
      `cannot reach PostgreSQL at ${serverUrl}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops `names` (terminating their sessions) if they exist. */
export async function dropDatabases(serverUrl: string, names: readonly string[]): Promise<void> {
  await admin(serverUrl, async (c) => {
    for (const n of names)
      await c.query(`drop database if exists "${checkDbName(n)}" with (force)`);
  });
}

/** Creates `name` as a copy of `template` (which must have no open session). */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
  name: string,
): Promise<void> {
  await admin(serverUrl, async (c) => {
    await c.query(`drop database if exists "${checkDbName(name)}" with (force)`);
    await c.query(`create database "${checkDbName(name)}" template "${checkDbName(template)}"`);
  });
}

/** Runs `beatvegas <args>` with `env`; rejects with its output when it fails. */
export function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT_DIR, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(
            new RehearsalDbError(`beatvegas ${args.join(' ')} exited ${code}:\n${out.trim()}`),
          ),
    );
  });
}
