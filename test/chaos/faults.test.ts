/**
 * Durability under faults (SPEC §7), asserted on row contents, not exit codes:
 * (a) kill -9 of the worker mid-backfill → a new worker finishes it, identical picks, no duplicates;
 * (b) Postgres stopped during a slate → activities retry, the slate completes with the same rows;
 * (d) Temporal dev server restarted (same SQLite file) mid-backfill → the backfill resumes.
 * (c) — odds API 429/500/slow/401 — is in test/workflow/slate-sources.test.ts.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { ensureDevServer } from '../../worker/dev-server';
import { temporalAddress } from '../../worker/env';
import type { BackfillInput, BackfillProgress, BackfillResult } from '../../workflows/backfill';
import type { SlateResult } from '../../workflows/shared';
import { resetDb, testDb } from '../support/db';
import { devServerPid, hasPgCtl, postgres, sleep, spawnWorker, waitExit } from './support';

const SAMPLE = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
const tag = `${process.pid}-${Date.now()}`;
const taskQueue = `chaos-${tag}`;
const simTaskQueue = `chaos-${tag}-sim`;
const db = testDb();
let connection: Connection;
let client: Client;

const RANGE: BackfillInput = {
  sports: ['nfl'],
  from: '2023-11-02',
  to: '2023-12-11',
  iterations: 10_000,
  simTaskQueue,
};

async function backfillRows() {
  return db
    .selectFrom('pick_audit')
    .select([
      'id',
      'run_id',
      'game_id',
      'market_type',
      'line_key',
      'state',
      'side',
      'edge_pp',
      'confidence',
      'model_prob',
    ])
    .where('run_id', 'like', 'backfill-slate/%')
    .orderBy('id')
    .execute();
}

async function waitForProgress(workflowId: string, slatesDone: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const p = await client.workflow.getHandle(workflowId).query<BackfillProgress>('progress');
      if ((p.sports.nfl?.done ?? 0) >= slatesDone) return;
    } catch {
      // not started yet
    }
    await sleep(100);
  }
  throw new Error(`backfill ${workflowId} made no progress`);
}

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', SAMPLE);
  connection = await Connection.connect({ address: temporalAddress() });
  client = new Client({ connection });
});

afterAll(async () => {
  await connection?.close();
  await db.destroy();
});

describe('fault tolerance', () => {
  let clean: Awaited<ReturnType<typeof backfillRows>>;

  it('(a) kill -9 of the worker mid-backfill: a new worker completes it with identical picks', async () => {
    let worker = spawnWorker(taskQueue, simTaskQueue);
    try {
      const uninterrupted = (await client.workflow.execute('BackfillWorkflow', {
        workflowId: `chaos/${tag}/a-clean`,
        taskQueue,
        args: [RANGE],
      })) as BackfillResult;
      expect(uninterrupted.sports.nfl!.failed).toBe(0);
      clean = await backfillRows();
      expect(clean.length).toBeGreaterThan(100);

      const handle = await client.workflow.start('BackfillWorkflow', {
        workflowId: `chaos/${tag}/a-killed`,
        taskQueue,
        args: [RANGE],
      });
      await waitForProgress(handle.workflowId, 3);
      worker.kill('SIGKILL');
      await waitExit(worker);
      worker = spawnWorker(taskQueue, simTaskQueue);
      const resumed = (await handle.result()) as BackfillResult;
      expect(resumed.sports.nfl).toMatchObject({
        done: uninterrupted.sports.nfl!.done,
        failed: 0,
        picks: uninterrupted.sports.nfl!.picks,
      });
      expect(await backfillRows()).toEqual(clean);
      const dupes = await sql<{ n: string }>`
        select count(*) as n from (select run_id, game_id, market_type, line_key from pick_audit
        group by 1, 2, 3, 4 having count(*) > 1) d`.execute(db);
      expect(Number(dupes.rows[0]!.n)).toBe(0);
    } finally {
      worker.kill('SIGKILL');
      await waitExit(worker);
    }
  });

  it.skipIf(!hasPgCtl())(
    '(b) Postgres stopped during a slate: the slate completes once it is back',
    async () => {
      const worker = spawnWorker(taskQueue, simTaskQueue);
      const input = {
        sport: 'nfl',
        date: '2023-12-10',
        source: 'history',
        runKind: 'manual',
        iterations: 10_000,
        seed: 'chaos-seed',
        simTaskQueue,
      };
      try {
        const reference = (await client.workflow.execute('SlateWorkflow', {
          workflowId: `chaos/${tag}/b-reference`,
          taskQueue,
          args: [input],
        })) as SlateResult;
        const handle = await client.workflow.start('SlateWorkflow', {
          workflowId: `chaos/${tag}/b-outage`,
          taskQueue,
          args: [input],
        });
        postgres('stop');
        await sleep(4_000);
        postgres('start');
        const result = (await handle.result()) as SlateResult;
        expect(result.classify).toEqual(reference.classify);
        const rows = (runId: string) =>
          db
            .selectFrom('pick_audit')
            .select([
              'game_id',
              'market_type',
              'line_key',
              'state',
              'side',
              'edge_pp',
              'confidence',
            ])
            .where('run_id', '=', runId)
            .orderBy('game_id')
            .orderBy('market_type')
            .orderBy('line_key')
            .execute();
        expect(await rows(result.runId)).toEqual(await rows(reference.runId));
      } finally {
        postgres('start');
        worker.kill('SIGKILL');
        await waitExit(worker);
      }
    },
  );

  it('(d) Temporal dev server restarted mid-backfill: the backfill resumes and completes', async (ctx) => {
    const pid = devServerPid();
    if (pid === null)
      ctx.skip('the dev server was not started by this checkout (no .data/temporal.pid)');
    const worker = spawnWorker(taskQueue, simTaskQueue);
    try {
      const handle = await client.workflow.start('BackfillWorkflow', {
        workflowId: `chaos/${tag}/d-restart`,
        taskQueue,
        args: [RANGE],
      });
      await waitForProgress(handle.workflowId, 2);
      process.kill(pid!, 'SIGTERM');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid!, 0);
          await sleep(100);
        } catch {
          break;
        }
      }
      await ensureDevServer();
      const fresh = await Connection.connect({ address: temporalAddress() });
      try {
        const result = (await new Client({ connection: fresh }).workflow
          .getHandle(handle.workflowId)
          .result()) as BackfillResult;
        expect(result.sports.nfl).toMatchObject({ failed: 0, remaining: 0 });
        // Same deterministic children as (a)'s uninterrupted run, when (a) ran in this file.
        if (clean) expect(await backfillRows()).toEqual(clean);
      } finally {
        await fresh.close();
      }
    } finally {
      worker.kill('SIGKILL');
      await waitExit(worker);
    }
  });
});
