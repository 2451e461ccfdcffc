/**
 * `beatvegas worker` as an operator runs it: a separate process with its Prometheus endpoint
 * and JSON logs, on the real dev server and Postgres, pricing from the local Odds-API-compatible
 * server. After a priced slate, an empty one and a failed one, the endpoint's `beatvegas_*`
 * series agree with the database and the feed, the SDK's `temporal_*` series are there, and
 * every log line is JSON with the run's id, sport and date on the activities' lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { startOddsServer, type OddsServer } from '../../odds/server';
import { temporalAddress } from '../../worker/env';
import type { SlateInput, SlateResult } from '../../workflows/shared';
import { resetDb, TEST_DATABASE_URL, testDb } from '../support/db';
import { parseExposition, sampleValue, type Sample } from '../support/prometheus';

const ROOT = path.join(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'samples/nfl-2023-weeks09-14.csv');
const API_KEY = 'bv-observability-key';
const QUOTA = 50_000;
const CALIBRATION_AGE_HOURS = 5;

const db = testDb();
const taskQueue = `test-observability-${process.pid}-${Date.now()}`;
let server: OddsServer;
let connection: Connection;
let client: Client;
let worker: ChildProcess;
let metricsUrl: string;
const stdout: string[] = [];
let stderr = '';

/** A port nothing listens on right now (the worker binds it next). */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The worker's log lines so far, parsed (a line that is not JSON fails the parse). */
function logs(): Record<string, unknown>[] {
  return stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (worker.exitCode !== null) {
      throw new Error(`the worker exited (${worker.exitCode}) before ${what}:\n${stderr}`);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function slateInput(date: string, source: string): SlateInput {
  return {
    sport: 'nfl',
    date,
    source,
    runKind: 'manual',
    iterations: 4_000,
    simTaskQueue: `${taskQueue}-sim`,
  };
}

/** Runs one slate on the worker process; its run id and result (or failure). */
async function runSlate(date: string, source: string) {
  const workflowId = `test-observability/slate/nfl/${date}/${source}/${Date.now()}`;
  const handle = await client.workflow.start('SlateWorkflow', {
    workflowId,
    taskQueue,
    args: [slateInput(date, source)],
  });
  const runId = `${workflowId}@${handle.firstExecutionRunId}`;
  try {
    return { runId, result: (await handle.result()) as SlateResult, error: null };
  } catch (error) {
    return { runId, result: null, error };
  }
}

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', SAMPLE);
  // The production calibration, last written five hours ago.
  await db
    .insertInto('calibration_daily')
    .values({
      sport: 'nfl',
      date: '2023-12-09',
      window_days: 28,
      games: 40,
      damp_factor: 1,
      offset: 0,
      triggers: JSON.stringify([]),
      chain: 'production',
    })
    .execute();
  await db
    .updateTable('calibration_daily')
    .set({ created_at: sql<Date>`now() - make_interval(hours => ${CALIBRATION_AGE_HOURS})` })
    .execute();
  server = await startOddsServer({
    db,
    apiKey: API_KEY,
    quota: QUOTA,
    clock: () => new Date('2023-12-10T12:00:00Z'),
  });

  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  worker = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bin/beatvegas.cjs'),
      'worker',
      '--task-queue',
      taskQueue,
      '--sim-task-queue',
      `${taskQueue}-sim`,
      '--sim-threads',
      '1',
      '--metrics-address',
      `127.0.0.1:${port}`,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        ODDS_API_BASE_URL: server.url,
        ODDS_API_KEY: API_KEY,
        // Debug: the SDK's per-activity "Activity completed" lines carry the run fields too.
        BEATVEGAS_LOG_LEVEL: 'debug',
        BEATVEGAS_METRICS_ADDRESS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let partial = '';
  worker.stdout!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines.filter((l) => l !== ''));
  });
  worker.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  await waitFor(
    'both task queues are polled',
    () => stdout.filter((l) => l.includes('"worker polling task queue"')).length === 2,
    150_000,
  );
  connection = await Connection.connect({ address: temporalAddress() });
  client = new Client({ connection });
}, 240_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    const timer = setTimeout(() => worker.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
  await connection?.close();
  await server?.close();
  await db.destroy();
}, 60_000);

describe('beatvegas worker metrics and logs', () => {
  let priced: Awaited<ReturnType<typeof runSlate>>;
  let empty: Awaited<ReturnType<typeof runSlate>>;
  let failed: Awaited<ReturnType<typeof runSlate>>;
  let samples: Sample[];

  it('runs a priced slate, an empty one and a failed one', async () => {
    priced = await runSlate('2023-12-10', 'odds-api');
    expect(priced.error).toBeNull();
    expect(priced.result!.fetch.games).toBe(12);
    empty = await runSlate('2023-12-12', 'odds-api');
    expect(empty.error).toBeNull();
    expect(empty.result!.fetch.games).toBe(0);
    failed = await runSlate('2023-12-10', 'file:/nonexistent/observability-odds.json');
    expect(failed.error).toBeInstanceOf(WorkflowFailedError);
  }, 180_000);

  it('serves the pipeline series with the values the runs wrote', async () => {
    const nfl = { sport: 'nfl', trigger: 'manual' };
    const runs = (outcome: string) =>
      sampleValue(samples, 'beatvegas_slate_runs_total', { ...nfl, outcome });
    // The failed run's counter is written by a sink after the activation that failed it, which
    // the client may see first: scrape until it is there (or the time is up).
    const deadline = Date.now() + 30_000;
    do {
      const response = await fetch(metricsUrl);
      expect(response.status).toBe(200);
      samples = parseExposition(await response.text());
      if (runs('failed') > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    expect([runs('completed'), runs('empty'), runs('failed')]).toEqual([1, 1, 1]);
    // Series an alert reads start at zero before anything happens.
    expect(
      sampleValue(samples, 'beatvegas_slate_runs_total', {
        sport: 'nba',
        outcome: 'failed',
        trigger: 'schedule',
      }),
    ).toBe(0);

    const result = priced.result!;
    expect(result.verify.verifiedGameIds).toHaveLength(12);
    expect(sampleValue(samples, 'beatvegas_games_priced_total', { sport: 'nfl' })).toBe(12);

    const states = await db
      .selectFrom('pick_audit')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('run_id', 'in', [priced.runId, empty.runId])
      .groupBy('state')
      .execute();
    const byState = Object.fromEntries(states.map((s) => [s.state, Number(s.n)]));
    for (const state of ['PICK', 'LEAN', 'NO_PLAY']) {
      expect(sampleValue(samples, 'beatvegas_picks_total', { sport: 'nfl', state }), state).toBe(
        byState[state] ?? 0,
      );
    }
    expect(
      sampleValue(samples, 'beatvegas_picks_total', { sport: 'nfl', state: 'PICK' }) +
        sampleValue(samples, 'beatvegas_picks_total', { sport: 'nfl', state: 'LEAN' }),
    ).toBe(result.persist.picksPublished);

    const blocked = await sql<{ reason: string; n: string }>`
      select r as reason, count(*) as n from line_checks, unnest(reasons) as r
      where run_id in (${priced.runId}, ${empty.runId}) and not ok group by r`.execute(db);
    expect(blocked.rows.length).toBeGreaterThan(0);
    for (const row of blocked.rows) {
      expect(
        sampleValue(samples, 'beatvegas_blocked_markets_total', {
          sport: 'nfl',
          reason: row.reason,
        }),
        row.reason,
      ).toBe(Number(row.n));
    }

    expect(server.quotaUsed()).toBeGreaterThan(0);
    expect(sampleValue(samples, 'beatvegas_odds_quota_remaining')).toBe(QUOTA - server.quotaUsed());

    const age = sampleValue(samples, 'beatvegas_calibration_age_hours', { sport: 'nfl' });
    expect(age).toBeGreaterThanOrEqual(CALIBRATION_AGE_HOURS);
    expect(age).toBeLessThan(CALIBRATION_AGE_HOURS + 0.25);
  });

  it("serves the Temporal SDK's own series on the same endpoint", () => {
    const sdk = samples.filter((s) => s.name.startsWith('temporal_'));
    expect(sdk.length).toBeGreaterThan(0);
    const completed = samples.filter(
      (s) => s.name === 'temporal_workflow_completed' && s.labels.workflow_type === 'SlateWorkflow',
    );
    expect(completed.reduce((n, s) => n + s.value, 0)).toBe(2);
  });

  it('logs JSON lines; activity lines carry the run id, sport and date', async () => {
    // The client may see a run end before the worker's lines for it reach our end of the pipe
    // (workflow sinks run after the activation that completed it): wait for them.
    await waitFor(
      'the worker to log the failed run',
      () =>
        logs().some((l) => l.runId === failed.runId && l.msg === 'slate run failed') &&
        logs().some((l) => l.runId === failed.runId && l.msg === 'Activity failed'),
      30_000,
    );
    const lines = logs();
    for (const line of lines) {
      expect(typeof line.level).toBe('string');
      expect(typeof line.time).toBe('string');
      expect(typeof line.msg).toBe('string');
    }
    const ofRun = lines.filter(
      (l) => l.runId === priced.runId && l.sport === 'nfl' && l.date === '2023-12-10',
    );
    const completedSteps = new Set(
      ofRun.filter((l) => l.msg === 'Activity completed').map((l) => l.activityType),
    );
    for (const step of [
      'fetchOdds',
      'verifyLines',
      'simulateSlate',
      'classifySlate',
      'persistSlate',
    ]) {
      expect(completedSteps, step).toContain(step);
    }
    const failure = lines.find(
      (l) => l.runId === failed.runId && l.msg === 'Activity failed' && l.level === 'warn',
    );
    expect(failure).toMatchObject({
      activityType: 'fetchOdds',
      sport: 'nfl',
      date: '2023-12-10',
      workflowId: failed.runId.split('@')[0],
    });
    expect((failure!.error as { message: string }).message).toMatch(/observability-odds\.json/);
    // One line per finished run, at info (warn when failed), with the run's fields.
    const outcomes = lines
      .filter((l) => typeof l.msg === 'string' && l.msg.startsWith('slate run '))
      .map((l) => [l.level, l.msg, l.runId, l.date, l.outcome]);
    expect(outcomes).toEqual([
      ['info', 'slate run completed', priced.runId, '2023-12-10', 'completed'],
      ['info', 'slate run empty', empty.runId, '2023-12-12', 'empty'],
      ['warn', 'slate run failed', failed.runId, '2023-12-10', 'failed'],
    ]);
    expect(lines.some((l) => 'taskToken' in l)).toBe(false);
  });
});
