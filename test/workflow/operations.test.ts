/**
 * Operations on the real Temporal dev server and Postgres (SPEC R11–R14): grading and daily
 * calibration read by the next slate, point-in-time backfills with continue-as-new, progress,
 * dry runs, --only-failed, idempotent re-runs, schedules applied and triggered on demand, and
 * visibility queries that find runs by search attribute.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { applySchedules, triggerSchedule } from '../../cli/operations';
import type { BackfillInput, BackfillResult } from '../../workflows/backfill';
import type { DailyCalibrationResult } from '../../workflows/calibration';
import type { SlateResult } from '../../workflows/shared';
import { countRows, resetDb, testDb, seedEarnedSkill } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const db = testDb();
let env: TemporalTestEnv;
const tag = `${process.pid}-${Date.now()}`;

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  // Published picks need an earned skill weight (a fresh database has none: prior 0).
  await seedEarnedSkill(db, 'nfl', '2023-11-01');
  env = await temporalTestEnv(db, 'ops');
});

afterAll(async () => {
  await env?.close();
  await db.destroy();
});

function backfill(input: Omit<BackfillInput, 'simTaskQueue'>, id: string): Promise<BackfillResult> {
  return env.run(
    () =>
      env.client.workflow.execute('BackfillWorkflow', {
        workflowId: `test-ops/${tag}/${id}`,
        taskQueue: env.taskQueue,
        args: [{ ...input, simTaskQueue: env.simTaskQueue }],
      }) as Promise<BackfillResult>,
  );
}

describe('daily calibration (R11)', () => {
  it('grades the published picks of a slate and writes calibration_daily, which the next slate reads', async () => {
    const slate = (await env.run(() =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId: `test-ops/${tag}/slate/nfl/2023-12-10`,
        taskQueue: env.taskQueue,
        args: [
          {
            sport: 'nfl',
            date: '2023-12-10',
            source: 'history',
            // A scheduled run on the production configuration: the chain the daily job learns
            // from (a manual replay or a backfill keeps a chain of its own).
            runKind: 'scheduled',
            simTaskQueue: env.simTaskQueue,
          },
        ],
      }),
    )) as SlateResult;
    const gradable = await db
      .selectFrom('pick_audit')
      .select('id')
      .where('run_id', '=', slate.runId)
      .where('publish_decision', '=', true)
      .where('market_type', 'in', ['totals', 'spreads'])
      .execute();
    expect(gradable.length).toBeGreaterThan(0);

    const calibration = (await env.run(() =>
      env.client.workflow.execute('DailyCalibrationWorkflow', {
        workflowId: `test-ops/${tag}/calibrate/nfl/2023-12-10`,
        taskQueue: env.taskQueue,
        args: [{ sports: ['nfl'], date: '2023-12-10' }],
      }),
    )) as DailyCalibrationResult;
    const [nfl] = calibration.sports;
    expect(nfl).toMatchObject({ sport: 'nfl', date: '2023-12-10', graded: gradable.length });
    expect(await countRows(db, 'pick_results')).toBe(gradable.length);

    // BUF 20 @ KC 17 = 37 points: every published totals pick on that game is graded by it.
    const results = await db
      .selectFrom('pick_results as r')
      .innerJoin('pick_audit as p', 'p.id', 'r.pick_id')
      .select(['p.market_type', 'p.side', 'p.line', 'r.result', 'r.units', 'p.price'])
      .where('p.game_id', 'like', '%BUF@KC')
      .where('p.market_type', '=', 'totals')
      .execute();
    for (const r of results) {
      expect(r.result).toBe(r.side === 'UNDER' ? 'win' : 'loss');
      expect(r.units).toBeCloseTo(r.side === 'UNDER' ? 100 / 110 : -1, 6);
    }

    const row = await db
      .selectFrom('calibration_daily')
      .selectAll()
      .where('sport', '=', 'nfl')
      .where('date', '=', '2023-12-10')
      .executeTakeFirstOrThrow();
    expect(row.games).toBe(nfl!.games);
    expect(row.games).toBeGreaterThan(0);
    expect(row.damp_factor).toBeGreaterThanOrEqual(0.5);
    expect(row.damp_factor).toBeLessThanOrEqual(1);
    expect(row.bias_vs_actual).not.toBeNull();
    expect(row.over_rate_leans).not.toBeNull();

    // Grading twice grades nothing new.
    const again = (await env.run(() =>
      env.client.workflow.execute('DailyCalibrationWorkflow', {
        workflowId: `test-ops/${tag}/calibrate/nfl/2023-12-10-again`,
        taskQueue: env.taskQueue,
        args: [{ sports: ['nfl'], date: '2023-12-10' }],
      }),
    )) as DailyCalibrationResult;
    expect(again.sports[0]!.graded).toBe(0);

    // The next slate uses the newest row dated before it.
    const next = (await env.run(() =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId: `test-ops/${tag}/slate/nfl/2023-12-11`,
        taskQueue: env.taskQueue,
        args: [
          {
            sport: 'nfl',
            date: '2023-12-11',
            source: 'history',
            runKind: 'manual',
            iterations: 4_000,
            simTaskQueue: env.simTaskQueue,
          },
        ],
      }),
    )) as SlateResult;
    expect(next.calibration.asOfDate).toBe('2023-12-10');
    expect(next.calibration.offset).toBe(row.offset);
    expect(next.calibration.dampFactor).toBe(row.damp_factor);
  });
});

describe('backfill (R12)', () => {
  const range = { sports: ['nfl'], from: '2023-12-07', to: '2023-12-11', iterations: 4_000 };

  it('dry run lists the dates and game counts and runs nothing', async () => {
    const before = await countRows(db, 'slate_runs');
    const result = await backfill({ ...range, dryRun: true }, 'dry');
    expect(result.plan?.nfl).toEqual([
      { date: '2023-12-07', games: 1 },
      { date: '2023-12-10', games: 12 },
      { date: '2023-12-11', games: 2 },
    ]);
    expect(await countRows(db, 'slate_runs')).toBe(before);
  });

  interface AuditRow {
    id: string;
    run_id: string;
    game_id: string;
    market_type: string;
    line_key: string;
    state: string;
    side: string | null;
    edge_pp: number | null;
    confidence: number | null;
  }
  let first: { rows: AuditRow[]; result: BackfillResult };

  it('runs every date once, point in time, through continue-as-new', async () => {
    const result = await backfill({ ...range, continueAfter: 1 }, 'run-1');
    expect(result.runs).toBe(3);
    expect(result.sports.nfl).toMatchObject({
      done: 3,
      failed: 0,
      remaining: 0,
      games: 15,
      failedDates: [],
    });
    const runs = await db
      .selectFrom('slate_runs')
      .select(['run_id', 'slate_date', 'status', 'run_kind'])
      .where('run_kind', '=', 'backfill')
      .orderBy('slate_date')
      .execute();
    // One run per date: the readable workflow ID of the date plus its Temporal run id.
    expect(runs.map((r) => r.run_id.split('@')[0])).toEqual([
      'backfill-slate/nfl/2023-12-07',
      'backfill-slate/nfl/2023-12-10',
      'backfill-slate/nfl/2023-12-11',
    ]);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    // Calibrated on results before each date: rows for the day before each slate.
    const cal = await db
      .selectFrom('calibration_daily')
      .select('date')
      .where('sport', '=', 'nfl')
      .orderBy('date')
      .execute();
    expect(cal.map((c) => c.date)).toEqual(
      expect.arrayContaining(['2023-12-06', '2023-12-09', '2023-12-10']),
    );
    expect(result.sports.nfl!.picks).toBe(
      (
        await db
          .selectFrom('pick_audit')
          .select('id')
          .where('run_id', 'like', 'backfill-slate/%')
          .where('publish_decision', '=', true)
          .execute()
      ).length,
    );
    first = {
      result,
      rows: await db
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
        ])
        .where('run_id', 'like', 'backfill-slate/%')
        .orderBy('id')
        .execute(),
    };
  });

  it('a second backfill over the same range adds its own runs with identical decisions', async () => {
    const result = await backfill(range, 'run-2');
    expect(result.sports.nfl).toMatchObject({
      done: 3,
      failed: 0,
      picks: first.result.sports.nfl!.picks,
    });
    const rows = await db
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
      ])
      .where('run_id', 'like', 'backfill-slate/%')
      .orderBy('id')
      .execute();
    // The first backfill's rows are untouched; the second's are the same decisions (same
    // configuration, seeds from the date's workflow ID), in rows of its own.
    const firstIds = new Set(first.rows.map((r) => r.run_id));
    expect(rows.filter((r) => firstIds.has(r.run_id))).toEqual(first.rows);
    const bare = (list: AuditRow[]) =>
      list.map(({ id: _id, run_id: runId, ...rest }) => ({ ...rest, slot: runId.split('@')[0] }));
    expect(bare(rows.filter((r) => !firstIds.has(r.run_id)))).toEqual(bare(first.rows));
  });

  it('--only-failed finds nothing left to run', async () => {
    const result = await backfill({ ...range, onlyFailed: true }, 'only-failed');
    expect(result.sports.nfl).toMatchObject({ done: 0, failed: 0, remaining: 0 });
  });

  it('the children are found by search attribute, as `temporal workflow list --query` does', async () => {
    const ids: string[] = [];
    // Visibility is eventually consistent on the dev server: poll briefly.
    for (let i = 0; i < 20 && ids.length < 3; i++) {
      ids.length = 0;
      for await (const wf of env.client.workflow.list({
        query: `Sport='nfl' AND RunKind='backfill' AND SlateDate='2023-12-10' AND WorkflowId='backfill-slate/nfl/2023-12-10'`,
      })) {
        ids.push(wf.workflowId);
      }
      if (ids.length === 0) await new Promise((r) => setTimeout(r, 250));
      else break;
    }
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(['backfill-slate/nfl/2023-12-10']));
  });
});

describe('schedules (R11)', () => {
  it('applies idempotently with an explicit catch-up window and triggers on demand', async () => {
    const prefix = `test-${tag}-`;
    const options = {
      slates: [],
      slateTimes: ['10:00'],
      slateSource: 'history',
      taskQueue: env.taskQueue,
      idPrefix: prefix,
    };
    expect(await applySchedules(env.client, options)).toEqual({
      [`${prefix}daily-calibration`]: 'created',
    });
    expect(await applySchedules(env.client, options)).toEqual({
      [`${prefix}daily-calibration`]: 'updated',
    });
    const handle = env.client.schedule.getHandle(`${prefix}daily-calibration`);
    try {
      const description = await handle.describe();
      expect(description.spec.timezone).toBe('America/New_York');
      expect(description.spec.calendars?.[0]).toMatchObject({
        hour: [{ start: 2, end: 2, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      });
      expect(description.policies.overlap).toBe('SKIP');
      expect(description.policies.catchupWindow).toBe(6 * 3600 * 1000);

      const before = await countRows(db, 'calibration_daily');
      await env.run(async () => {
        await triggerSchedule(env.client, `${prefix}daily-calibration`);
        for (let i = 0; i < 60; i++) {
          const d = await handle.describe();
          const last = d.info.recentActions.at(-1);
          if (last) {
            const run = env.client.workflow.getHandle(
              last.action.workflow.workflowId,
              last.action.workflow.firstExecutionRunId,
            );
            await run.result();
            return;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        throw new Error('schedule did not start a run');
      });
      // One row per sport for "yesterday" in New York.
      expect(await countRows(db, 'calibration_daily')).toBe(before + 6);
    } finally {
      await handle.delete();
    }
  });

  it('a slate Schedule fires at every time of --slate-times', async () => {
    const prefix = `test-${tag}-times-`;
    await applySchedules(env.client, {
      slates: ['nba'],
      slateTimes: ['10:00', '12:30', '16:00'],
      slateSource: 'odds-api',
      taskQueue: env.taskQueue,
      idPrefix: prefix,
    });
    const slate = env.client.schedule.getHandle(`${prefix}slate-nba`);
    try {
      const d = await slate.describe();
      expect(d.spec.timezone).toBe('America/New_York');
      expect(
        (d.spec.calendars ?? []).map((c) => [c.hour?.[0]?.start, c.minute?.[0]?.start]),
      ).toEqual([
        [10, 0],
        [12, 30],
        [16, 0],
      ]);
    } finally {
      await slate.delete();
      await env.client.schedule.getHandle(`${prefix}daily-calibration`).delete();
    }
  });
});
