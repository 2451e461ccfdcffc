/**
 * The CLI's Temporal operations through the real `bin/beatvegas.cjs` on the dev server, in a
 * namespace of their own (the CLI's task queue is fixed): `schedules delete` and unknown
 * schedule IDs; Ctrl-C during `backfill --wait`, which must leave the run going in Temporal and
 * print the command that cancels it; and `backfill cancel`, which must cancel the backfill and
 * the child slate it is running, whose `slate_runs` row is closed.
 */
import path from 'node:path';
import { CancelledFailure, Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { backfillInput } from '../../cli/commands/backfill';
import { startBackfill, type BackfillCancellation } from '../../cli/operations';
import { hasWorkflowPollers } from '../../cli/temporal';
import { temporalAddress } from '../../worker/env';
import { withEmbeddedWorkers } from '../../worker/embedded';
import { installQuietRuntime } from '../../worker/worker';
import { TASK_QUEUE } from '../../workflows/shared';
import { resetDb, testDb, TEST_DATABASE_URL } from '../support/db';
import { ensureNamespace, runCli, startCli } from './run-cli';

const NAMESPACE = 'beatvegas-cli-test';
const SAMPLE = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
const ENV = { DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_NAMESPACE: NAMESPACE };
const db = testDb();
let connection: Connection;
let client: Client;

const cli = (...args: string[]) => runCli(ENV, ...args);

/** Polls `check` every 250 ms until it returns a value (not undefined) or the time is up. */
async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  await ensureNamespace(NAMESPACE);
  await resetDb(db);
  await importHistoryFile(db, 'nfl', SAMPLE);
  connection = await Connection.connect({ address: temporalAddress() });
  client = new Client({ connection, namespace: NAMESPACE });
  // Leftovers of an earlier run of this file (same namespace): closed, so IDs can be reused.
  for await (const s of client.schedule.list())
    await client.schedule.getHandle(s.scheduleId).delete();
  for await (const w of client.workflow.list({ query: 'ExecutionStatus = "Running"' }))
    await client.workflow.getHandle(w.workflowId, w.runId).terminate('test cleanup');
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await db.destroy();
});

describe('beatvegas schedules on the dev server', () => {
  it('apply, list on stdout, delete; an unknown ID exits 2 naming it', async () => {
    const applied = await cli('schedules', 'apply', '--json');
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toEqual({ 'daily-calibration': 'created' });

    const list = await cli('schedules', 'list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('daily-calibration (DailyCalibrationWorkflow)');
    expect(list.stderr).toBe('');

    for (const args of [
      ['schedules', 'delete', 'no-such-schedule'],
      ['schedules', 'pause', '--id', 'no-such-schedule'],
      ['schedules', 'trigger', '--id', 'no-such-schedule'],
    ]) {
      const r = await cli(...args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('no schedule "no-such-schedule"');
      expect(r.stderr).toContain(args[2] === '--id' ? '--id' : 'schedules delete <id>');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }

    const deleted = await cli('schedules', 'delete', 'daily-calibration', '--json');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ scheduleId: 'daily-calibration', deleted: true });
    // Gone from the server (describe is consistent; the list is eventually consistent).
    await expect(client.schedule.getHandle('daily-calibration').describe()).rejects.toThrow();
    const again = await cli('schedules', 'delete', 'daily-calibration');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no schedule "daily-calibration"');
  }, 300_000);
});

describe('beatvegas backfill: Ctrl-C during --wait, then backfill cancel', () => {
  it('an unknown ID or a workflow that is not a backfill exits 2', async () => {
    const unknown = await cli('backfill', 'cancel', 'backfill/nfl/1999-01-01/1999-01-02');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no workflow "backfill/nfl/1999-01-01/1999-01-02"');
    const slate = await cli('slate', '--sport', 'nfl', '--date', '2023-12-10');
    expect(slate.code, slate.stderr).toBe(0);
    const other = await cli('backfill', 'cancel', 'slate/nfl/2023-12-10');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('is a SlateWorkflow, not a BackfillWorkflow');
    await client.workflow.getHandle('slate/nfl/2023-12-10').terminate('test cleanup');
  }, 120_000);

  it('Ctrl-C: exit 130, the run goes on; the printed command cancels it and its child slate', async () => {
    // From a Sunday (13 games): at this iteration count a slate's simulation runs for seconds.
    const from = '2023-11-05';
    const to = '2023-12-11';
    const id = `backfill/nfl/${from}/${to}`;
    // No live worker in the namespace (one of an earlier run of this file may be listed for
    // another minute): the command must run its own in-process worker.
    await until(
      'no live poller',
      async () => ((await hasWorkflowPollers(client, TASK_QUEUE)) ? undefined : true),
      120_000,
    );
    const running = startCli(
      ENV,
      'backfill',
      '--sport',
      'nfl',
      '--from',
      from,
      '--to',
      to,
      '--iterations',
      '1000000',
      '--wait',
    );
    await running.waitForStderr('no worker is polling; running an in-process worker', 120_000);
    // Ctrl-C while the command's in-process worker runs a child slate's simulation: after it
    // the slate's last steps are local activities, which a new worker could finish before the
    // cancellation reaches the child.
    const child = await until(
      'a child slate simulating',
      async () => {
        const row = await db
          .selectFrom('slate_runs')
          .select('run_id')
          .where('run_id', 'like', 'backfill-slate/nfl/%')
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (!row) return undefined;
        const workflowId = row.run_id.split('@')[0]!;
        const pending = (await client.workflow.getHandle(workflowId).describe()).raw
          .pendingActivities;
        // Started (state 2, PENDING_ACTIVITY_STATE_STARTED) by the command's sim worker: at a
        // million iterations a game it runs for seconds, so the interrupt lands inside it.
        return (pending ?? []).some(
          (a) => a.activityType?.name === 'simulateSlate' && Number(a.state) === 2,
        )
          ? workflowId
          : undefined;
      },
      120_000,
    );
    running.child.kill('SIGINT');
    const interrupted = await running.exited;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stdout).toBe('');
    expect(interrupted.stderr).toContain(`only the waiting stopped; ${id} goes on in Temporal`);
    const cancelLine = /cancel it: (beatvegas backfill cancel \S+)\n/.exec(interrupted.stderr);
    expect(cancelLine?.[1]).toBe(`beatvegas backfill cancel ${id}`);
    expect((await client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');

    // The printed command, with no worker running: the request names the open child slate.
    const cancelled = await cli('backfill', 'cancel', id, '--json');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({
      workflowId: id,
      status: 'CANCEL_REQUESTED',
      children: [{ workflowId: child, parentClosePolicy: 'TERMINATE' }],
    } satisfies Partial<BackfillCancellation>);

    // A worker takes over: the backfill passes the cancellation to its child and both end.
    const previous = process.env.TEMPORAL_NAMESPACE;
    process.env.TEMPORAL_NAMESPACE = NAMESPACE;
    installQuietRuntime('ERROR');
    try {
      const error = await withEmbeddedWorkers(
        db,
        () =>
          client.workflow
            .getHandle(id)
            .result()
            .then(() => null)
            .catch((e: unknown) => e),
        { simThreads: 1 },
      );
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    } finally {
      if (previous === undefined) delete process.env.TEMPORAL_NAMESPACE;
      else process.env.TEMPORAL_NAMESPACE = previous;
    }
    expect((await client.workflow.getHandle(id).describe()).status.name).toBe('CANCELLED');
    expect((await client.workflow.getHandle(child).describe()).status.name).toBe('CANCELLED');
    // The child's row is closed, no row of the backfill is left running, no later date ran.
    const rows = await db
      .selectFrom('slate_runs')
      .select(['run_id', 'status', 'error'])
      .where('run_id', 'like', 'backfill-slate/nfl/%')
      .execute();
    expect(rows.map((r) => [r.run_id.split('@')[0], r.status, r.error])).toEqual([
      [child, 'failed', 'cancelled'],
    ]);

    // A closed backfill: nothing to cancel, exit 1.
    const late = await cli('backfill', 'cancel', id);
    expect(late.code).toBe(1);
    expect(late.stdout).toContain('already closed (CANCELLED)');
  }, 420_000);

  it('a poller the server still lists after its worker stopped: --wait runs its own worker', async () => {
    // The in-process worker of the test above has just stopped; the server lists its pollers
    // for a minute more, so the command cannot know it is gone until nobody takes the task.
    expect(await hasWorkflowPollers(client, TASK_QUEUE)).toBe(true);
    const run = await cli('slate', '--sport', 'nfl', '--date', '2023-12-03', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "no worker took slate/nfl/2023-12-03's first task within 15 s (a poller listed by the server had stopped); running an in-process worker",
    );
    expect(JSON.parse(run.stdout)).toMatchObject({ result: { date: '2023-12-03' } });
  }, 240_000);

  it('a backfill never attaches to a running one of the same range with another configuration', async () => {
    // Nobody polls this queue: the first backfill stays running while the others start.
    const queue = `nobody-polls-${process.pid}-${Date.now()}`;
    const base = backfillInput({ sport: 'nfl', from: '1999-02-01', to: '1999-02-02' });
    const other = backfillInput({
      sport: 'nfl',
      from: '1999-02-01',
      to: '1999-02-02',
      iterations: '3000',
    });
    const first = await startBackfill(client, base, queue);
    try {
      const again = await startBackfill(client, base, queue);
      expect(again.handle.firstExecutionRunId).toBe(first.handle.firstExecutionRunId);
      await expect(startBackfill(client, other, queue)).rejects.toThrow(
        /backfill backfill\/nfl\/1999-02-01\/1999-02-02 is already running with another configuration/,
      );
    } finally {
      await first.handle.terminate('test cleanup');
    }
  });
});
