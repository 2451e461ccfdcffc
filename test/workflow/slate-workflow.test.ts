/**
 * SlateWorkflow end to end on the real Temporal dev server and the real Postgres:
 * fetch (history) → verify lines → persist, with the rows it writes and a re-run that
 * creates no duplicates.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { reproducePick } from '../../cli/reproduce';
import { DEFAULT_FLAGS } from '../../core/config';
import { resolveRunConfig } from '../../core/effective-config';
import {
  SA_FLAGS_DISABLED,
  SA_MODEL_HASH,
  SA_PICKS_PUBLISHED,
  SA_RUN_KIND,
  SA_SLATE_DATE,
  SA_SPORT,
  slateWorkflowId,
  type SlateInput,
  type SlateResult,
} from '../../workflows/shared';
import { countRows, resetDb, testDb } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const db = testDb();
let env: TemporalTestEnv;
let missingGame: string;
let invalidGame: string;

const ITERATIONS = 4_000;
let input: SlateInput = {
  sport: 'nfl',
  date: '2023-12-10',
  source: 'history',
  runKind: 'manual',
};

async function runSlate(
  workflowId = slateWorkflowId('nfl', '2023-12-10'),
  flags = DEFAULT_FLAGS,
): Promise<SlateResult> {
  // Flags are part of the run's configuration (its input), never a worker's environment.
  const config = resolveRunConfig('nfl', 'manual', {
    flags,
    ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  return env.run(
    () =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId,
        taskQueue: env.taskQueue,
        args: [{ ...input, config }],
        workflowIdConflictPolicy: 'TERMINATE_EXISTING',
        typedSearchAttributes: [
          { key: SA_SPORT, value: 'nfl' },
          { key: SA_SLATE_DATE, value: '2023-12-10' },
          { key: SA_RUN_KIND, value: 'manual' },
        ],
      }) as Promise<SlateResult>,
  );
}

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  const games = await db
    .selectFrom('games')
    .select('game_id')
    .where('game_date', '=', '2023-12-10')
    .orderBy('game_id')
    .execute();
  missingGame = games[0]!.game_id;
  invalidGame = games[1]!.game_id;
  // Real closing lines, then two realistic defects: one game with no lines at all, one with a
  // total off the half-point grid.
  await db.deleteFrom('market_lines').where('game_id', '=', missingGame).execute();
  await db
    .updateTable('market_lines')
    .set({ point_a: 47.3, point_b: 47.3 })
    .where('game_id', '=', invalidGame)
    .where('market', '=', 'totals')
    .execute();
  env = await temporalTestEnv(db, 'slate');
  input = { ...input, iterations: ITERATIONS, simTaskQueue: env.simTaskQueue };
});

afterAll(async () => {
  await env?.close();
  await db.destroy();
});

describe('SlateWorkflow (history source)', () => {
  let first: SlateResult;

  it('verifies every game of the date and blocks the defective markets', async () => {
    first = await runSlate();
    // One run per execution: the slot's readable workflow ID plus the Temporal run id.
    expect(first.runId).toMatch(/^slate\/nfl\/2023-12-10@[0-9a-f-]{36}$/);
    expect(first.verify.games).toBe(12);
    // The game with no lines cannot be priced; the one with a bad total still has its spread.
    expect(first.verify.blockedGameIds).toEqual([missingGame]);
    expect(first.verify.verifiedGameIds).toHaveLength(11);
    expect(first.verify.reasons.MISSING_LINE).toBe(3);
    expect(first.verify.reasons.INVALID_LINE).toBe(1);
    // No 1H line exists in the history data: never derived, always NO_MARKET (R2b).
    expect(first.verify.reasons.NO_MARKET).toBe(12);
  });

  it('writes the run, its line checks and exactly one audit row per (game, market, line)', async () => {
    const run = await db
      .selectFrom('slate_runs')
      .selectAll()
      .where('run_id', '=', first.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      sport: 'nfl',
      slate_date: '2023-12-10',
      status: 'completed',
      games: 12,
      games_verified: 11,
      markets_blocked: 16,
      iterations: ITERATIONS,
      // The seed stays the slot's workflow ID, so a re-run of the slot reproduces it.
      seed: 'slate/nfl/2023-12-10',
    });
    expect(run.finished_at).not.toBeNull();
    expect(await countRows(db, 'line_checks')).toBe(48);

    const audit = await db
      .selectFrom('pick_audit')
      .selectAll()
      .where('run_id', '=', first.runId)
      .execute();
    // Every check gets its row, except unblocked moneylines (not priced by the safety stack).
    expect(audit).toHaveLength(48 - 11);
    const keys = audit.map((a) => `${a.game_id}|${a.market_type}|${a.line_key}`);
    expect(new Set(keys).size).toBe(audit.length);
    expect(run.picks_published).toBe(audit.filter((a) => a.publish_decision).length);

    // Blocked markets are NO_PLAY with their R2 reasons.
    const missing = audit
      .filter((a) => a.game_id === missingGame)
      .map((a) => [a.market_type, a.reasons]);
    expect(missing).toEqual(
      expect.arrayContaining([
        ['totals', ['MISSING_LINE']],
        ['spreads', ['MISSING_LINE']],
        ['h2h', ['MISSING_LINE']],
      ]),
    );
    const invalid = audit.find((a) => a.game_id === invalidGame && a.market_type === 'totals');
    expect(invalid?.state).toBe('NO_PLAY');
    expect(invalid?.reasons).toEqual(['INVALID_LINE']);
    for (const row of audit.filter((a) => a.market_type === 'totals_h1')) {
      expect(row.state).toBe('NO_PLAY');
      expect(row.reasons).toContain('NO_MARKET');
    }

    // R8 on every row: the state follows from edge, confidence and triggers.
    for (const row of audit) {
      expect(row.publish_decision).toBe(row.state !== 'NO_PLAY');
      expect(row.parlay_eligible).toBe(row.state === 'PICK');
      if (row.state === 'NO_PLAY') expect(row.reasons.length).toBeGreaterThan(0);
      if (row.state === 'PICK') {
        expect(row.edge_pp!).toBeGreaterThanOrEqual(3);
        expect(row.confidence!).toBeGreaterThanOrEqual(65);
        expect(row.triggers).toEqual([]);
      }
      if (row.state === 'LEAN') expect(row.edge_pp!).toBeGreaterThanOrEqual(1.5);
    }
    // Priced lines exist: the pipeline did price the verified games.
    expect(audit.filter((a) => a.model_prob !== null).length).toBeGreaterThanOrEqual(20);
  });

  it('simulates, decomposes and stamps every verified game (R4, R5, R9)', async () => {
    expect(first.simulate.simulated).toBe(11);
    const sims = await db
      .selectFrom('simulations')
      .selectAll()
      .where('run_id', '=', first.runId)
      .execute();
    expect(sims).toHaveLength(11);
    expect(sims.map((s) => s.game_id)).not.toContain(missingGame);
    for (const s of sims) expect(s.iterations).toBe(ITERATIONS);
    const logs = await db
      .selectFrom('decomposition_logs')
      .selectAll()
      .where('run_id', '=', first.runId)
      .execute();
    expect(logs).toHaveLength(11);
    for (const log of logs) {
      expect(log.pace_part + log.efficiency_part).toBeCloseTo(
        log.projected_total - log.baseline_total,
        6,
      );
    }
    const run = await db
      .selectFrom('slate_runs')
      .selectAll()
      .where('run_id', '=', first.runId)
      .executeTakeFirstOrThrow();
    expect(run.model_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.config_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.model_hash).toBe(first.stamp.modelHash);
    const audit = await db
      .selectFrom('pick_audit')
      .selectAll()
      .where('run_id', '=', first.runId)
      .execute();
    for (const row of audit) {
      expect(row.model_hash).toBe(run.model_hash);
      expect(row.config_hash).toBe(run.config_hash);
      expect(row.git_commit).toBe(run.git_commit);
    }
  });

  it('reproduce: a pick re-run from its stamps is identical; a tampered simulation is caught', async () => {
    // Any priced decision (with no calibration history the skill weight is its prior, 0, so
    // nothing is published: reproduction must hold for NO_PLAY decisions just the same).
    const published = await db
      .selectFrom('pick_audit')
      .selectAll()
      .where('run_id', '=', first.runId)
      .where('model_prob', 'is not', null)
      .orderBy('id')
      .execute();
    expect(published.length).toBeGreaterThan(0);
    const pick = published[0]!;
    const same = await reproducePick(db, pick.id);
    expect(same.firstDifference).toBeNull();
    expect(same.identical).toBe(true);
    expect(same.stamps.modelHash.stored).toBe(same.stamps.modelHash.current);
    expect(same.stamps.configHash.stored).toBe(same.stamps.configHash.current);

    const row = await db
      .selectFrom('simulations')
      .select('summary')
      .where('run_id', '=', first.runId)
      .where('game_id', '=', pick.game_id)
      .executeTakeFirstOrThrow();
    const tampered = structuredClone(row.summary) as { full: { total: { mean: number } } };
    tampered.full.total.mean += 0.5;
    // Stored simulations are append-only; tampering takes a DBA switching the guard off.
    const setSummary = async (summary: unknown) => {
      await sql`alter table simulations disable trigger simulations_append_only`.execute(db);
      try {
        await db
          .updateTable('simulations')
          .set({ summary: JSON.stringify(summary) })
          .where('run_id', '=', first.runId)
          .where('game_id', '=', pick.game_id)
          .execute();
      } finally {
        await sql`alter table simulations enable trigger simulations_append_only`.execute(db);
      }
    };
    await setSummary(tampered);
    try {
      const diff = await reproducePick(db, pick.id);
      expect(diff.identical).toBe(false);
      expect(diff.firstDifference?.path).toBe('simulation.full.total.mean');
      expect(diff.differences.map((d) => d.path)).toContain('simulation.full.total.mean');
    } finally {
      await setSummary(row.summary);
    }
  });

  it('sets the search attributes the UI filters on', async () => {
    const description = await env.client.workflow.getHandle('slate/nfl/2023-12-10').describe();
    expect(description.typedSearchAttributes.get(SA_SPORT)).toBe('nfl');
    expect(description.typedSearchAttributes.get(SA_SLATE_DATE)).toBe('2023-12-10');
    expect(description.typedSearchAttributes.get(SA_RUN_KIND)).toBe('manual');
    expect(description.typedSearchAttributes.get(SA_PICKS_PUBLISHED)).toBe(
      first.persist.picksPublished,
    );
    expect(description.typedSearchAttributes.get(SA_MODEL_HASH)).toBe(first.stamp.modelHash);
  });

  it('re-running the same slate adds its own rows: identical decisions, the earlier run untouched', async () => {
    const before = await db
      .selectFrom('pick_audit')
      .select([
        'id',
        'game_id',
        'market_type',
        'line_key',
        'state',
        'side',
        'edge_pp',
        'confidence',
        'reasons',
        'triggers',
      ])
      .orderBy('id')
      .execute();
    const second = await runSlate();
    expect(second.runId).not.toBe(first.runId);
    expect(second.verify).toEqual(first.verify);
    expect(second.classify).toEqual(first.classify);
    const all = await db
      .selectFrom('pick_audit')
      .select([
        'id',
        'game_id',
        'market_type',
        'line_key',
        'state',
        'side',
        'edge_pp',
        'confidence',
        'reasons',
        'triggers',
        'run_id',
      ])
      .orderBy('id')
      .execute();
    // The earlier run's rows are exactly as they were; the re-run has its own rows.
    const strip = (rows: typeof all) => rows.map(({ run_id: _r, ...rest }) => rest);
    expect(strip(all.filter((r) => r.run_id === first.runId))).toEqual(before);
    // Same seed (the slot's), same inputs: bit-identical decisions.
    const mine = all.filter((r) => r.run_id === second.runId);
    const bare = (rows: typeof all) => rows.map(({ id: _i, run_id: _r, ...rest }) => rest);
    expect(bare(mine)).toEqual(bare(all.filter((r) => r.run_id === first.runId)));
    expect(await countRows(db, 'slate_runs')).toBe(2);
    expect(await countRows(db, 'line_checks')).toBe(96);
  });

  it('with ENABLE_MARKET_INTEGRITY off, is loud: flag on the run, search attribute, note on every check', async () => {
    const result = await runSlate('slate/nfl/2023-12-10/flags-off', {
      ...DEFAULT_FLAGS,
      ENABLE_MARKET_INTEGRITY: false,
    });
    expect(result.flagsDisabled).toEqual(['ENABLE_MARKET_INTEGRITY']);
    const run = await db
      .selectFrom('slate_runs')
      .selectAll()
      .where('run_id', '=', result.runId)
      .executeTakeFirstOrThrow();
    expect(run.flags).toMatchObject({ ENABLE_MARKET_INTEGRITY: false });
    const description = await env.client.workflow
      .getHandle('slate/nfl/2023-12-10/flags-off')
      .describe();
    expect(description.typedSearchAttributes.get(SA_FLAGS_DISABLED)).toEqual([
      'ENABLE_MARKET_INTEGRITY',
    ]);
    const checks = await db
      .selectFrom('line_checks')
      .selectAll()
      .where('run_id', '=', result.runId)
      .execute();
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(check.notes).toContain('INTEGRITY_DISABLED');
    // With no usable line there is nothing to price, flag or not (no market = no pick).
    expect(result.verify.blockedGameIds).toEqual([missingGame]);
  });
});
