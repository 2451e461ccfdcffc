/**
 * A worker that cannot work says so at start and exits 1 (issue #22, "Bad input and faults"):
 * unreachable PostgreSQL or Temporal, a namespace the server lacks, a schema of another
 * version. Runs the real `bin/beatvegas.cjs worker` against the test database and the test
 * Temporal server (global setup); a correct one polls.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, ensureDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { temporalAddress } from '../../worker/env';
import { checkDatabase, WorkerStartError } from '../../worker/preflight';
import { TEST_DATABASE_URL } from '../support/db';

const BIN = path.join(__dirname, '../../bin/beatvegas.cjs');

/**
 * Starts `beatvegas worker --only orchestration` on a queue of its own; resolves with its exit
 * code and stderr, or with code `null` once it printed `until` on either stream (then it is
 * stopped). A worker that neither exits nor prints `until` within 150 s is killed and resolves
 * with code -1, so a hung worker fails the "polls" case instead of passing on the timer.
 */
function worker(
  env: NodeJS.ProcessEnv,
  until?: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'worker',
        '--only',
        'orchestration',
        '--task-queue',
        `preflight-${process.pid}-${Date.now()}`,
      ],
      {
        // No metrics port: the cases run side by side and would race for the default one.
        env: {
          ...process.env,
          DATABASE_URL: TEST_DATABASE_URL,
          BEATVEGAS_METRICS_ADDRESS: 'off',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let output = '';
    let polled = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 150_000);
    // The structured log (where "worker polling task queue" is written) goes to stdout.
    const watch = (d: Buffer): void => {
      output += d.toString();
      if (until && !polled && output.includes(until)) {
        polled = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      watch(d);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: polled ? null : timedOut ? -1 : code, stderr });
    });
  });
}

// Each case starts a Node process (tsx, the SDK's native bridge): run them side by side.
describe.concurrent('beatvegas worker refuses to start half-working', { timeout: 180_000 }, () => {
  it('unreachable PostgreSQL → exit 1 naming the database, before any Temporal call', async () => {
    const r = await worker({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'cannot reach PostgreSQL at postgres://postgres:***@127.0.0.1:1/nowhere',
    );
    expect(r.stderr).not.toContain('secret');
  });

  it('unreachable Temporal → exit 1 naming the address', async () => {
    const r = await worker({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
    expect(r.stderr).not.toContain('    at '); // a message, not a stack trace
  });

  it('a namespace the server lacks → exit 1 naming it', async () => {
    const r = await worker({ TEMPORAL_NAMESPACE: 'no-such-namespace-preflight' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `Temporal at ${temporalAddress()} has no namespace "no-such-namespace-preflight"`,
    );
  });

  it('with everything right it polls', async () => {
    const r = await worker({}, 'worker polling task queue');
    expect(r.code).toBeNull();
    expect(r.stderr).not.toContain('error:');
  });
});

describe('checkDatabase: the schema must be this code’s version', () => {
  // A database of its own, created empty for each run of this file.
  const name = `${new URL(TEST_DATABASE_URL).pathname.slice(1)}_preflight`;
  const url = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${name}` }).toString();
  let db: ReturnType<typeof createDb>;

  beforeAll(async () => {
    const admin = createDb(TEST_DATABASE_URL, { max: 1 });
    try {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    } finally {
      await admin.destroy();
    }
    await ensureDatabase(url);
    db = createDb(url, { max: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('behind (no migrations applied) → names the missing ones and `beatvegas migrate`', async () => {
    const error = await checkDatabase(db, url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStartError);
    expect((error as Error).message).toMatch(
      /is behind this worker \(missing 0001-initial-schema, .*\): run `beatvegas migrate`/,
    );
  });

  it('newer (a migration unknown here) → says so; current → passes', async () => {
    await migrateToLatest(db);
    await expect(checkDatabase(db, url)).resolves.toBeUndefined();
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', now())`.execute(
      db,
    );
    try {
      await expect(checkDatabase(db, url)).rejects.toThrow(
        /is newer than this worker \(migrations 9999-from-the-future are unknown here\)/,
      );
    } finally {
      await sql`delete from kysely_migration where name = '9999-from-the-future'`.execute(db);
    }
  });
});
