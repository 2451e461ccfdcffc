/**
 * Decisions are never overwritten (append-only runs, the decision of record, the run's
 * configuration as its input), on the real Temporal dev server and Postgres. A live slate of
 * today is published by a scheduled run, the line moves, an operator re-runs it by hand: both
 * runs' rows stay, the later run is the decision of record for games not yet started, the
 * earlier one for the game that started in between, and a re-run after every kick-off changes
 * nothing of record.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { reproducePick } from '../../cli/reproduce';
import { SlotBusyError, startSlate } from '../../cli/slate';
import { resolveRunConfig } from '../../core/effective-config';
import { utcToEasternDate } from '../../core/calendar';
import { decisionsOfRecord } from '../../db/repositories/decisions';
import type { BackfillResult } from '../../workflows/backfill';
import type { SlateInput, SlateResult } from '../../workflows/shared';
import { resetDb, testDb, seedEarnedSkill } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const SAMPLE = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
const db = testDb();
let env: TemporalTestEnv;
let tmp: string;

const MATCHUPS: [string, string][] = [
  ['Buffalo Bills', 'Kansas City Chiefs'],
  ['Dallas Cowboys', 'Philadelphia Eagles'],
  ['Detroit Lions', 'Chicago Bears'],
  ['Denver Broncos', 'Las Vegas Raiders'],
];

/** An Odds-API-shaped event with one book's totals and spreads. */
function event(i: number, commence: Date, total: number, lastUpdate: Date) {
  const [away, home] = MATCHUPS[i]!;
  const at = lastUpdate.toISOString();
  return {
    id: `${'d'.repeat(31)}${i}`,
    sport_key: 'americanfootball_nfl',
    sport_title: 'NFL',
    commence_time: commence.toISOString().replace('.000Z', 'Z'),
    home_team: home,
    away_team: away,
    bookmakers: [
      {
        key: 'book',
        title: 'Book',
        last_update: at,
        markets: [
          {
            key: 'totals',
            last_update: at,
            outcomes: [
              { name: 'Over', price: -110, point: total },
              { name: 'Under', price: -110, point: total },
            ],
          },
          {
            key: 'spreads',
            last_update: at,
            outcomes: [
              { name: home, price: -110, point: -3.5 },
              { name: away, price: -110, point: 3.5 },
            ],
          },
        ],
      },
    ],
  };
}

function feed(name: string, commences: Date[], total: number): string {
  const file = path.join(tmp, name);
  const now = new Date(Date.now() - 60_000);
  fs.writeFileSync(file, JSON.stringify(commences.map((c, i) => event(i, c, total + i, now))));
  return `file:${file}`;
}

function slate(workflowId: string, input: SlateInput): Promise<SlateResult> {
  return env.run(
    () =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId,
        taskQueue: env.taskQueue,
        args: [{ ...input, simTaskQueue: env.simTaskQueue }],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      }) as Promise<SlateResult>,
  );
}

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-decisions-'));
  await resetDb(db);
  await importHistoryFile(db, 'nfl', SAMPLE);
  // Published picks need an earned skill weight (a fresh database has none: prior 0).
  await seedEarnedSkill(db, 'nfl', '2023-11-01');
  env = await temporalTestEnv(db, 'decisions');
}, 60_000);

afterAll(async () => {
  await env?.close();
  await db.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a live slate re-run after the line moved', () => {
  it('keeps both runs; the decision of record is the later run before kick-off only', async () => {
    const t0 = Date.now();
    // Game 0 kicks off between the two runs; the others after both.
    const first = new Date(t0 + 25_000);
    const later = (k: number) => new Date(t0 + 45_000 + k * 1_000);
    const commences = [first, later(1), later(2), later(3)];
    const date = utcToEasternDate(first.toISOString());
    const slot = `slate/nfl/${date}`;

    const scheduled = await slate(slot, {
      sport: 'nfl',
      date,
      source: feed('a.json', commences, 44.5),
      runKind: 'scheduled',
    });
    expect(scheduled.verify.games).toBe(4);
    expect(Date.now()).toBeLessThan(first.getTime());
    await sleepUntil(first.getTime() + 1_000);

    const rerun = await slate(slot, {
      sport: 'nfl',
      date,
      source: feed('b.json', commences, 47.5),
      runKind: 'manual',
    });
    expect(rerun.runId).not.toBe(scheduled.runId);
    expect(rerun.runId.startsWith(`${slot}@`)).toBe(true);
    expect(rerun.verify.reasons.GAME_STARTED).toBeGreaterThan(0);

    // Both runs' rows are there, and the first run is still completed.
    for (const r of [scheduled, rerun]) {
      const run = await db
        .selectFrom('slate_runs')
        .select(['status', 'chain', 'live'])
        .where('run_id', '=', r.runId)
        .executeTakeFirstOrThrow();
      expect(run).toEqual({ status: 'completed', chain: 'production', live: true });
      const rows = await db
        .selectFrom('pick_audit')
        .select('id')
        .where('run_id', '=', r.runId)
        .execute();
      expect(rows.length).toBeGreaterThanOrEqual(8);
    }

    const record = await decisionsOfRecord(db, 'nfl', date);
    const started = record.filter((d) => d.game_id.endsWith('@KC'));
    const open = record.filter((d) => !d.game_id.endsWith('@KC'));
    expect(started.length).toBeGreaterThan(0);
    expect(started.every((d) => d.run_id === scheduled.runId)).toBe(true);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((d) => d.run_id === rerun.runId)).toBe(true);
    const moved = open.find((d) => d.market_type === 'totals')!;
    expect(moved.line).toBeGreaterThan(46);

    // After every kick-off a re-run changes no decision of record.
    await sleepUntil(later(3).getTime() + 1_000);
    const late = await slate(slot, {
      sport: 'nfl',
      date,
      source: feed('c.json', commences, 50.5),
      runKind: 'manual',
    });
    expect(late.verify.verifiedGameIds).toEqual([]);
    expect(late.persist.picksPublished).toBe(0);
    expect(await decisionsOfRecord(db, 'nfl', date)).toEqual(record);

    // `reproduce` re-runs a live pick's whole path from what its run stored.
    const live = await reproducePick(db, open[0]!.id);
    expect(live.differences).toEqual([]);
    expect(live.identical).toBe(true);
  }, 180_000);

  it('the database refuses to change or delete what a run decided', async () => {
    const row = await db
      .selectFrom('pick_audit')
      .select(['id', 'run_id', 'game_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await expect(
      db.updateTable('pick_audit').set({ state: 'PICK' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only: pick_audit rows are never updated or deleted/);
    await expect(
      db.deleteFrom('line_checks').where('run_id', '=', row.run_id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db
        .updateTable('slate_runs')
        .set({ status: 'failed' })
        .where('run_id', '=', row.run_id)
        .execute(),
    ).rejects.toThrow(/is completed and can no longer change/);
    await expect(
      db.deleteFrom('slate_runs').where('run_id', '=', row.run_id).execute(),
    ).rejects.toThrow(/append-only/);
    // Deleting a game never cascades into its audit rows.
    await expect(
      db.deleteFrom('games').where('game_id', '=', row.game_id).execute(),
    ).rejects.toThrow(/foreign key/);
  });

  it('a second trigger of a running slot is refused, naming the running workflow', async () => {
    const date = '2023-12-03';
    const first = await startSlate(env.client, {
      sport: 'nfl',
      date,
      source: 'history',
      runKind: 'manual',
      taskQueue: `${env.taskQueue}-idle`,
    });
    try {
      await expect(
        startSlate(env.client, {
          sport: 'nfl',
          date,
          source: 'history',
          runKind: 'manual',
          taskQueue: `${env.taskQueue}-idle`,
        }),
      ).rejects.toThrow(SlotBusyError);
      await expect(
        startSlate(env.client, { sport: 'nfl', date, source: 'history', runKind: 'manual' }),
      ).rejects.toThrow(`slate/nfl/${date} is already running`);
    } finally {
      await first.handle.terminate('test done');
    }
  });

  it('a bad configuration started by hand fails at once, naming every field, writing nothing', async () => {
    const before = await db.selectFrom('slate_runs').select('run_id').execute();
    const config = { ...resolveRunConfig('nfl', 'manual'), iterations: 2000, varianceWindow: 0 };
    await expect(
      slate(`test-decisions/bad-config/${Date.now()}`, {
        sport: 'nfl',
        date: '2023-12-10',
        source: 'history',
        runKind: 'manual',
        config,
      }),
    ).rejects.toThrow();
    const after = await db.selectFrom('slate_runs').select('run_id').execute();
    expect(after).toHaveLength(before.length);
  });
});

describe("the configuration is the run's input", () => {
  it('two workers with different flag environments give identical rows for one input', async () => {
    const config = resolveRunConfig('nfl', 'manual', { iterations: 4_000, seed: 'fixed-seed' });
    const input: SlateInput = {
      sport: 'nfl',
      date: '2023-12-10',
      source: 'history',
      runKind: 'manual',
      config,
    };
    const a = await slate(`test-decisions/env-a/${Date.now()}`, input);
    process.env.ENABLE_PICK_STATE_MACHINE = 'false';
    process.env.ENABLE_MARKET_INTEGRITY = 'false';
    let b: SlateResult;
    try {
      b = await slate(`test-decisions/env-b/${Date.now()}`, input);
    } finally {
      delete process.env.ENABLE_PICK_STATE_MACHINE;
      delete process.env.ENABLE_MARKET_INTEGRITY;
    }
    const rows = async (runId: string) =>
      (
        await db
          .selectFrom('pick_audit')
          .selectAll()
          .where('run_id', '=', runId)
          .orderBy(['game_id', 'market_type', 'line_key'])
          .execute()
      ).map(({ id: _id, run_id: _r, created_at: _c, ...rest }) => rest);
    const rowsA = await rows(a.runId);
    expect(rowsA.length).toBeGreaterThan(20);
    expect(rowsA.some((r) => r.state === 'PICK' || r.state === 'LEAN')).toBe(true);
    expect(await rows(b.runId)).toEqual(rowsA);
    expect(b.flagsDisabled).toEqual([]);
  }, 120_000);

  it('reproduce says identical for a pick of a backfill', async () => {
    const result = await env.run(
      () =>
        env.client.workflow.execute('BackfillWorkflow', {
          workflowId: `test-decisions/backfill/${Date.now()}`,
          taskQueue: env.taskQueue,
          args: [
            {
              sports: ['nfl'],
              from: '2023-12-03',
              to: '2023-12-03',
              iterations: 4_000,
              simTaskQueue: env.simTaskQueue,
            },
          ],
        }) as Promise<BackfillResult>,
    );
    expect(result.sports.nfl?.done).toBe(1);
    const pick = await db
      .selectFrom('pick_audit as p')
      .innerJoin('slate_runs as s', 's.run_id', 'p.run_id')
      .select(['p.id', 's.chain'])
      .where('s.run_kind', '=', 'backfill')
      .where('p.model_prob', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    expect(pick.chain).toMatch(/^backfill:/);
    const r = await reproducePick(db, pick.id);
    expect(r.differences).toEqual([]);
    expect(r.identical).toBe(true);
    // Its calibration row belongs to its own chain, never to production.
    const rows = await db.selectFrom('calibration_daily').select(['chain', 'date']).execute();
    const own = rows.filter((row) => row.chain !== 'production');
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.chain === pick.chain)).toBe(true);
    // The only production row is the one the tests seeded.
    expect(rows.filter((row) => row.chain === 'production').map((row) => row.date)).toEqual([
      '2023-11-01',
    ]);
  }, 120_000);
});
