/**
 * Durability under faults (SPEC §7), asserted on row contents, not exit codes:
 * (a) kill -9 of the worker mid-backfill → a new worker finishes it, identical picks, no duplicates;
 * (b) Postgres stopped mid-slate (after verify, before simulate) → activities fail and retry, the
 *     slate completes with the same rows as an undisturbed run;
 * (d) Temporal dev server restarted (same SQLite file) mid-backfill → the backfill resumes.
 * (c) — odds API 429/500/slow/401 — is in test/workflow/slate-sources.test.ts.
 */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { ensureDevServer } from '../../worker/dev-server';
import { temporalAddress } from '../../worker/env';
import type { BackfillInput, BackfillProgress, BackfillResult } from '../../workflows/backfill';
import type { SlateResult } from '../../workflows/shared';
import { countRows, resetDb, TABLES, testDb } from '../support/db';
import {
  devServerPid,
  hasPgCtl,
  postgres,
  sleep,
  spawnWorker,
  startPgProxy,
  waitExit,
  waitForPolling,
} from './support';

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

/** Row count of every table: a re-run that duplicated anything would change one of them. */
async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = await countRows(db, t);
  return counts;
}

type BackfillRow = Awaited<ReturnType<typeof backfillRows>>[number];

/** A backfill's decisions without their run (runs are append-only: each backfill has its own). */
function bare(rows: readonly BackfillRow[]) {
  return rows.map(({ id: _id, run_id: runId, ...rest }) => ({
    ...rest,
    slot: runId.split('@')[0],
  }));
}

/** Rows of runs that are not among `known`'s runs. */
function newRuns(rows: readonly BackfillRow[], known: readonly BackfillRow[]): BackfillRow[] {
  const seen = new Set(known.map((r) => r.run_id));
  return rows.filter((r) => !seen.has(r.run_id));
}

/** Tables a re-run of a backfill adds its own rows to (one run per slot and backfill). */
const RUN_TABLES = [
  'slate_runs',
  'line_checks',
  'game_inputs',
  'simulations',
  'decomposition_logs',
  'pick_audit',
] as const;

/**
 * Waits until the backfill has finished `slatesDone` slates and returns how many it still had
 * to run at that moment: the fault is injected right after, so the caller asserts the backfill
 * really was mid-way (a fault after the last slate would prove nothing).
 */
async function waitForProgress(workflowId: string, slatesDone: number): Promise<number> {
  for (let i = 0; i < 1200; i++) {
    try {
      const p = await client.workflow.getHandle(workflowId).query<BackfillProgress>('progress');
      const nfl = p.sports.nfl;
      if (nfl && nfl.done >= slatesDone) return nfl.remaining;
    } catch {
      // not started yet
    }
    await sleep(50);
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
  let clean: Awaited<ReturnType<typeof backfillRows>> | undefined;
  let cleanCounts: Record<string, number> | undefined;

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
      cleanCounts = await tableCounts();
      expect(clean.length).toBeGreaterThan(100);

      const handle = await client.workflow.start('BackfillWorkflow', {
        workflowId: `chaos/${tag}/a-killed`,
        taskQueue,
        args: [RANGE],
      });
      expect(await waitForProgress(handle.workflowId, 3)).toBeGreaterThan(5);
      worker.kill('SIGKILL');
      await waitExit(worker);
      worker = spawnWorker(taskQueue, simTaskQueue);
      const resumed = (await handle.result()) as BackfillResult;
      expect(resumed.sports.nfl).toMatchObject({
        done: uninterrupted.sports.nfl!.done,
        failed: 0,
        picks: uninterrupted.sports.nfl!.picks,
      });
      // The clean backfill's rows are untouched; the resumed one made exactly the same
      // decisions in runs of its own, one per slot: the killed attempt duplicated nothing.
      const after = await backfillRows();
      expect(after.filter((r) => clean!.some((c) => c.id === r.id))).toEqual(clean);
      expect(bare(newRuns(after, clean))).toEqual(bare(clean));
      const counts = await tableCounts();
      for (const t of RUN_TABLES) expect(counts[t], t).toBe(2 * cleanCounts[t]!);
      for (const t of ['games', 'market_lines', 'calibration_daily'] as const)
        expect(counts[t], t).toBe(cleanCounts[t]);
    } finally {
      worker.kill('SIGKILL');
      await waitExit(worker);
    }
  });

  it.skipIf(!hasPgCtl())(
    '(b) Postgres stopped during a slate: the slate completes once it is back',
    async () => {
      const input = {
        sport: 'nfl',
        // The last date of RANGE: this slate's manual runs (own seed) then never enter the
        // variance history of a later backfill slate that (d) compares with (a).
        date: '2023-12-11',
        source: 'history',
        runKind: 'manual',
        iterations: 10_000,
        seed: 'chaos-seed',
      };
      const workers = [spawnWorker(taskQueue, simTaskQueue)];
      const proxy = await startPgProxy();
      try {
        const reference = (await client.workflow.execute('SlateWorkflow', {
          workflowId: `chaos/${tag}/b-reference`,
          taskQueue,
          args: [{ ...input, simTaskQueue }],
        })) as SlateResult;

        // The outage run's simulation worker reaches Postgres through a proxy the test
        // controls: a worker checks the database before it polls, so it must start while the
        // database is there; the proxy then takes it away before the slate starts.
        const outageSimQueue = `${simTaskQueue}-b`;
        const outageSim = spawnWorker(taskQueue, outageSimQueue, 'sim', proxy.databaseUrl);
        workers.push(outageSim);
        await waitForPolling(outageSim, 1);
        proxy.cut();

        // Fetch and verify run on the orchestration worker and write their rows; simulate
        // fails against the unreachable database and is retried.
        const handle = await client.workflow.start('SlateWorkflow', {
          workflowId: `chaos/${tag}/b-outage`,
          taskQueue,
          args: [{ ...input, simTaskQueue: outageSimQueue }],
        });
        const simulateAttempt = async () =>
          Math.max(
            0,
            ...((await handle.describe()).raw.pendingActivities ?? [])
              .filter((a) => a.activityType?.name === 'simulateSlate')
              .map((a) => a.attempt ?? 0),
          );
        const attemptAbove = async (n: number) => {
          for (let i = 0; i < 600; i++) {
            if ((await simulateAttempt()) > n) return true;
            await sleep(100);
          }
          return false;
        };
        expect(await attemptAbove(1)).toBe(true);
        const verified = await db
          .selectFrom('line_checks')
          .select('game_id')
          .where('run_id', '=', `${handle.workflowId}@${handle.firstExecutionRunId}`)
          .execute();
        expect(verified.length).toBeGreaterThan(0);

        // Now Postgres itself stops mid-slate (every worker's connections die) and the proxy
        // forwards again: the simulation keeps failing, now against the stopped cluster, until
        // Postgres is back.
        const before = await simulateAttempt();
        await postgres('stop');
        proxy.restore();
        const retrying = await attemptAbove(before);
        await postgres('start');
        expect(retrying).toBe(true);

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
        const outageRows = await rows(result.runId);
        expect(outageRows.length).toBeGreaterThan(0);
        expect(outageRows).toEqual(await rows(reference.runId));
        // Recorded in the history too: the completed simulate attempt was not the first.
        let maxAttempt = 0;
        for (const e of (await handle.fetchHistory()).events ?? []) {
          maxAttempt = Math.max(maxAttempt, e.activityTaskStartedEventAttributes?.attempt ?? 0);
        }
        expect(maxAttempt).toBeGreaterThan(1);
      } finally {
        await proxy.close();
        await postgres('start');
        for (const w of workers) {
          w.kill('SIGKILL');
          await waitExit(w);
        }
      }
    },
  );

  it('(d) Temporal dev server restarted mid-backfill: the backfill resumes and completes', async (ctx) => {
    const pid = devServerPid();
    if (pid === null)
      ctx.skip('the dev server was not started by this checkout (no .data/temporal.pid)');
    // Everything (a) and (b) left: the resumed backfill adds its own runs of (a)'s slots.
    const before = await backfillRows();
    const worker = spawnWorker(taskQueue, simTaskQueue);
    try {
      const handle = await client.workflow.start('BackfillWorkflow', {
        workflowId: `chaos/${tag}/d-restart`,
        taskQueue,
        args: [RANGE],
      });
      expect(await waitForProgress(handle.workflowId, 2)).toBeGreaterThan(5);
      process.kill(pid!, 'SIGTERM');
      let gone = false;
      for (let i = 0; i < 150 && !gone; i++) {
        try {
          process.kill(pid!, 0);
          await sleep(100);
        } catch {
          gone = true;
        }
      }
      expect(gone).toBe(true);
      const restarted = await ensureDevServer();
      expect(restarted.started).toBe(true);
      expect(devServerPid()).not.toBe(pid);
      const fresh = await Connection.connect({ address: temporalAddress() });
      try {
        const result = (await new Client({ connection: fresh }).workflow
          .getHandle(handle.workflowId)
          .result()) as BackfillResult;
        expect(result.sports.nfl).toMatchObject({ failed: 0, remaining: 0 });
        const rows = newRuns(await backfillRows(), before);
        expect(rows.length).toBeGreaterThan(100);
        // Same deterministic decisions as (a)'s uninterrupted run, when (a) ran in this file.
        if (clean) expect(bare(rows)).toEqual(bare(clean));
      } finally {
        await fresh.close();
      }
    } finally {
      worker.kill('SIGKILL');
      await waitExit(worker);
    }
  });
});
