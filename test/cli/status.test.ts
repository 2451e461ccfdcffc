/**
 * `beatvegas status` through the real `bin/beatvegas.cjs` against a database with real runs:
 * a scheduled slate from history, the daily calibration of that date, and a manual slate that
 * fetched from the local Odds-API-compatible server (which answers with quota headers). The
 * JSON must carry each run's outcome, games, decisions by state and warnings, the newest
 * production calibration row, and the quota that run recorded; the text goes to stdout.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import type { StatusReport } from '../../cli/status';
import { SPORTS } from '../../core/sports';
import { startOddsServer, type OddsServer } from '../../odds/server';
import type { DailyCalibrationResult } from '../../workflows/calibration';
import type { SlateInput, SlateResult } from '../../workflows/shared';
import { resetDb, testDb, TEST_DATABASE_URL } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';
import { runCli } from './run-cli';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const API_KEY = 'bv-status-test-key';
const QUOTA = 5_000;
const DATE = '2023-12-10';
const db = testDb();
const tag = `${process.pid}-${Date.now()}`;
let env: TemporalTestEnv;
let server: OddsServer;
let scheduled: SlateResult;
let live: SlateResult;
let calibration: DailyCalibrationResult;

function runSlate(id: string, input: Omit<SlateInput, 'simTaskQueue'>): Promise<SlateResult> {
  return env.run(
    () =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId: `test-cli-status/${tag}/${id}`,
        taskQueue: env.taskQueue,
        args: [{ ...input, simTaskQueue: env.simTaskQueue }],
      }) as Promise<SlateResult>,
  );
}

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  server = await startOddsServer({ db, apiKey: API_KEY, quota: QUOTA });
  process.env.ODDS_API_BASE_URL = server.url;
  process.env.ODDS_API_KEY = API_KEY;
  env = await temporalTestEnv(db, 'cli-status');
  const base = { sport: 'nfl', date: DATE, iterations: 4_000 } as const;
  // The production chain: a scheduled run, then the daily calibration of its date.
  scheduled = await runSlate('scheduled', { ...base, source: 'history', runKind: 'scheduled' });
  calibration = (await env.run(() =>
    env.client.workflow.execute('DailyCalibrationWorkflow', {
      workflowId: `test-cli-status/${tag}/calibrate`,
      taskQueue: env.taskQueue,
      args: [{ sports: ['nfl'], date: DATE }],
    }),
  )) as DailyCalibrationResult;
  live = await runSlate('odds-api', { ...base, source: 'odds-api', runKind: 'manual' });
}, 240_000);

afterAll(async () => {
  await env?.close();
  await server?.close();
  await db.destroy();
  delete process.env.ODDS_API_BASE_URL;
  delete process.env.ODDS_API_KEY;
});

describe('beatvegas status', () => {
  it('--json: per sport the runs, decisions by state, the last calibration row and the quota', async () => {
    const r = await runCli({ DATABASE_URL: TEST_DATABASE_URL }, 'status', '--date', DATE, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const status = JSON.parse(r.stdout) as StatusReport;
    expect(status).toMatchObject({ date: DATE, timeZone: 'America/New_York', chain: 'production' });
    expect(status.sports.map((s) => s.sport)).toEqual([...SPORTS]);
    const [nfl, ...others] = status.sports;
    for (const s of others) expect(s).toEqual({ sport: s.sport, runs: [], calibration: null });

    // Both runs of the date, in start order, as the workflows reported them.
    expect(nfl!.runs.map((run) => run.runId)).toEqual([scheduled.runId, live.runId]);
    for (const [run, result] of [
      [nfl!.runs[0]!, scheduled],
      [nfl!.runs[1]!, live],
    ] as const) {
      expect(run).toMatchObject({
        outcome: 'completed',
        runKind: result.runKind,
        source: result.source,
        games: result.verify.games,
        gamesPriceable: result.verify.verifiedGameIds.length,
        marketsBlocked: result.verify.marketsBlocked,
        picks: result.classify.states,
        published: result.persist.picksPublished,
        error: null,
      });
      expect(run.games).toBeGreaterThan(0);
      expect(run.warnings).toEqual(expect.arrayContaining(result.classify.warnings));
      expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    }

    const [cal] = calibration.sports;
    expect(nfl!.calibration).toMatchObject({
      date: DATE,
      chain: 'production',
      ageDays: 0,
      games: cal!.games,
      offset: cal!.offset,
      dampFactor: cal!.dampFactor,
      triggers: cal!.triggers,
    });

    // The quota headers of the odds-api run's last response: remaining + used = the quota.
    const quota = status.oddsQuota!;
    expect(quota).toMatchObject({ runId: live.runId, sport: 'nfl' });
    expect(quota.used).toBeGreaterThan(0);
    expect(quota.used).toBeLessThanOrEqual(server.quotaUsed());
    expect(quota.remaining! + quota.used!).toBe(QUOTA);
    expect(quota.requests).toBeGreaterThan(0);
  });

  it('text on stdout; another date shows no runs, the newest calibration row before it, the same quota', async () => {
    const text = await runCli({ DATABASE_URL: TEST_DATABASE_URL }, 'status', '--date', DATE);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(`COMPLETED ${scheduled.runId} (scheduled, source history)`);
    expect(text.stdout).toContain(`COMPLETED ${live.runId} (manual, source odds-api`);
    expect(text.stdout).toMatch(/odds API quota: \d+ requests remaining/);

    const later = await runCli(
      { DATABASE_URL: TEST_DATABASE_URL },
      'status',
      '--date',
      '2023-12-12',
      '--json',
    );
    expect(later.code, later.stderr).toBe(0);
    const status = JSON.parse(later.stdout) as StatusReport;
    expect(status.sports[0]!.runs).toEqual([]);
    expect(status.sports[0]!.calibration).toMatchObject({ date: DATE, ageDays: 2 });
    expect(status.oddsQuota?.runId).toBe(live.runId);
  });
});
