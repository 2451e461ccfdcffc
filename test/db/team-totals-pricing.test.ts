/**
 * team_totals through the real pricing activities on the real Postgres: verified team-total
 * line checks → simulate (SimPool, 2 threads) → `simulations.summary` with per-side
 * probabilities → decompose → classify → `pick_audit`. The activities run in Temporal's mock
 * activity context (the simulate step heartbeats), not on a worker.
 *
 * The slate's verify step checks the team totals because a book quotes them for this game
 * (core/config.ts `gameMarkets`); games nobody quotes them for get no team-total checks.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, createSimActivities } from '../../activities';
import { importHistoryFile } from '../../cli/import';
import { defaultRunConfig } from '../../core/effective-config';
import type { SimSummary } from '../../core/simulation-types';
import { teamTotalLineKey } from '../../core/sports';
import type { MarketQuote } from '../../core/types';
import { linesForGames, upsertMarketLines } from '../../db/repositories/games';
import { SimPool } from '../../worker/sim-pool';
import { resetDb, testDb } from '../support/db';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const DATE = '2023-12-10';
const GAME = 'nfl:2023:2023-12-10:BUF@KC';
const RUN = 'test/team-totals/nfl/2023-12-10';
const ITERATIONS = 4_000;
const db = testDb();
let pool: SimPool;

const versions = {
  node: process.version,
  sdk: null,
  gitCommit: 'a'.repeat(40),
  gitDirty: null,
  modelHash: () => 'b'.repeat(64),
};
const acts = createActivities({ db, versions, oddsApi: null });

/** Runs `fn` with pick_audit's append-only trigger off (fixture edits only). */
async function withAuditWritable<T>(fn: () => Promise<T>): Promise<T> {
  await sql`alter table pick_audit disable trigger pick_audit_append_only`.execute(db);
  try {
    return await fn();
  } finally {
    await sql`alter table pick_audit enable trigger pick_audit_append_only`.execute(db);
  }
}
const config = { ...defaultRunConfig('nfl', 'manual'), iterations: ITERATIONS };

/** Team-total quotes of BUF@KC: home 25.5 at two books, away 23.5, and one with no side. */
function teamTotalQuotes(lastUpdate: string): MarketQuote[] {
  const q = (bookmaker: string, lineKey: string, point: number, a: number, b: number) => ({
    gameId: GAME,
    bookmaker,
    market: 'team_totals' as const,
    lineKey,
    pointA: point,
    priceA: a,
    pointB: point,
    priceB: b,
    lastUpdate,
  });
  return [
    q('book-a', teamTotalLineKey('home', 25.5), 25.5, -120, 100),
    q('book-b', teamTotalLineKey('home', 25.5), 25.5, -115, -105),
    q('book-a', teamTotalLineKey('away', 23.5), 23.5, -110, -110),
    // A corrupt key: names a team code, not a side.
    q('book-c', 'KC:27.5', 27.5, -110, -110),
  ];
}

/** Runs one activity call in Temporal's mock activity context (heartbeats are accepted). */
function run<R>(call: () => Promise<R>): Promise<R> {
  return new MockActivityEnvironment().run<[], R, typeof call>(call);
}

let summary: SimSummary;
let others: SimSummary[];

beforeAll(async () => {
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  const totals = (await linesForGames(db, [GAME], 'history')).find((l) => l.market === 'totals');
  if (!totals) throw new Error('fixture lost the BUF@KC total');
  await upsertMarketLines(db, teamTotalQuotes(totals.last_update.toISOString()), 'history');
  pool = await SimPool.create({ threads: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await db.destroy();
});

describe('team_totals through the pricing activities', () => {
  it('verified team totals reach the engine and the stored summary', async () => {
    const ref = { runId: RUN, sport: 'nfl', date: DATE, config };
    const fetched = await run(() =>
      acts.fetchOdds({
        ...ref,
        source: 'history',
        runKind: 'manual' as const,
        requestedAsOf: new Date().toISOString(),
        seed: RUN,
        iterations: ITERATIONS,
      }),
    );
    const verified = await run(() =>
      acts.verifyLines({
        ...ref,
        source: 'history',
        asOf: fetched.asOf,
        live: fetched.live,
      }),
    );
    expect(verified.verifiedGameIds).toContain(GAME);

    // The verify step itself checks the team totals a book offers (core/config.ts gameMarkets):
    // every line, attributable or not, gets an R2/R2b verdict in line_checks.
    const checks = await db
      .selectFrom('line_checks')
      .select(['game_id', 'line_key', 'ok'])
      .where('run_id', '=', RUN)
      .where('market', '=', 'team_totals')
      .orderBy('line_key')
      .execute();
    expect(checks.map((c) => [c.game_id, c.line_key, c.ok])).toEqual([
      [GAME, 'KC:27.5', true],
      [GAME, 'away:23.5', true],
      [GAME, 'home:25.5', true],
    ]);
    // Games no book quotes team totals for get no team-total checks at all (no NO_MARKET spam).
    expect(
      await db
        .selectFrom('line_checks')
        .select('game_id')
        .where('run_id', '=', RUN)
        .where('market', '=', 'alternate_totals')
        .execute(),
    ).toEqual([]);

    await run(() =>
      acts.loadRatings({
        ...ref,
        asOf: fetched.asOf,
        gameIds: verified.verifiedGameIds,
      }),
    );
    const sim = createSimActivities({ db, pool, modelHash: versions.modelHash });
    const simulated = await run(() =>
      sim.simulateSlate({
        ...ref,
        seed: RUN,
        iterations: ITERATIONS,
      }),
    );
    expect(simulated.simulated).toBe(verified.verifiedGameIds.length);

    const rows = await db
      .selectFrom('simulations')
      .select(['game_id', 'summary'])
      .where('run_id', '=', RUN)
      .execute();
    summary = rows.find((r) => r.game_id === GAME)!.summary as SimSummary;
    others = rows.filter((r) => r.game_id !== GAME).map((r) => r.summary as SimSummary);
    // Only the attributable lines, each on its own side.
    expect(summary.full.teamTotals?.home.map((t) => t.line)).toEqual([25.5]);
    expect(summary.full.teamTotals?.away.map((t) => t.line)).toEqual([23.5]);
    for (const t of [...summary.full.teamTotals!.home, ...summary.full.teamTotals!.away])
      expect(t.pOver + t.pUnder + t.pPush).toBeCloseTo(1, 12);
    // Games without team-total lines keep the summary they always had.
    expect(others.length).toBeGreaterThan(0);
    for (const s of others) expect('teamTotals' in s.full).toBe(false);
  });

  it('classify writes a priced audit row per attributable line and rejects the other', async () => {
    const ref = { runId: RUN, sport: 'nfl', date: DATE, config };
    await run(() => acts.decomposeSlate(ref));
    const calibration = await run(() => acts.loadCalibration(ref));
    const classified = await run(() =>
      acts.classifySlate({
        ...ref,
        ...calibration,
        iterations: ITERATIONS,
        seed: RUN,
      }),
    );
    expect(classified.decisions).toBeGreaterThan(0);

    const audit = await db
      .selectFrom('pick_audit')
      .selectAll()
      .where('run_id', '=', RUN)
      .where('market_type', '=', 'team_totals')
      .orderBy('line_key')
      .execute();
    expect(audit.map((a) => a.line_key)).toEqual(['KC:27.5', 'away:23.5', 'home:25.5']);

    const home = audit.find((a) => a.line_key === 'home:25.5')!;
    expect(home.model_prob).not.toBeNull();
    expect(home.side === 'OVER' || home.side === 'UNDER').toBe(true);
    // Raw projection: the home side's own simulated points. Published projection: with no
    // calibration row there is no L2 shift and the skill weight is its prior (0), so it sits on
    // the market's line.
    const versions = (v: unknown) =>
      (typeof v === 'string' ? JSON.parse(v) : v) as {
        projectionRaw: number;
        skillWeight: number;
      };
    expect(versions(home.versions).projectionRaw).toBeCloseTo(summary.full.home.mean, 9);
    expect(versions(home.versions).skillWeight).toBe(0);
    expect(home.projection).toBeCloseTo(25.5, 9);
    // Market: no-vig of the books' consensus prices; both books make the Over the favourite.
    const overMarket = home.side === 'OVER' ? home.market_prob! : 1 - home.market_prob!;
    expect(overMarket).toBeGreaterThan(0.5);
    expect(home.layers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ layer: 'L1_DATA_INTEGRITY' }),
        expect.objectContaining({ layer: 'L5_PUBLISH_GATES' }),
      ]),
    );
    expect(home.publish_decision).toBe(home.state !== 'NO_PLAY');
    if (home.state === 'NO_PLAY') expect(home.reasons.length).toBeGreaterThan(0);

    const away = audit.find((a) => a.line_key === 'away:23.5')!;
    expect(away.model_prob).not.toBeNull();
    expect(versions(away.versions).projectionRaw).toBeCloseTo(summary.full.away.mean, 9);
    expect(away.projection).toBeCloseTo(23.5, 9);

    expect(audit.find((a) => a.line_key === 'KC:27.5')).toMatchObject({
      state: 'NO_PLAY',
      publish_decision: false,
      reasons: ['UNATTRIBUTED_TEAM_TOTAL'],
      model_prob: null,
      side: null,
    });
  });

  it("published team totals are graded against the named side's own score", async () => {
    // Only decisions of record are graded: the run completes first.
    await run(() => acts.persistSlate({ runId: RUN, sport: 'nfl', date: DATE, summary: {} }));
    // BUF 20 @ KC 17. Publish every team-total row of the run as the stack might have (the SQL
    // check ties publish_decision to state), sides fixed so the expected result is known; the
    // unattributable KC:27.5 is given a side and line too, to show it is skipped, not guessed.
    const set = (lineKey: string, side: string, line: number) =>
      db
        .updateTable('pick_audit')
        .set({ state: 'LEAN', publish_decision: true, side, line, price: -110 })
        .where('run_id', '=', RUN)
        .where('market_type', '=', 'team_totals')
        .where('line_key', '=', lineKey)
        .execute();
    // Audit rows are append-only (migration 0005); this fixture edit is a test's privilege.
    await withAuditWritable(async () => {
      await set('home:25.5', 'OVER', 25.5);
      await set('away:23.5', 'UNDER', 23.5);
      await set('KC:27.5', 'UNDER', 27.5);
    });

    await run(() => acts.calibrateSport({ sport: 'nfl', date: DATE, config }));
    const graded = await db
      .selectFrom('pick_results as r')
      .innerJoin('pick_audit as p', 'p.id', 'r.pick_id')
      .select(['p.line_key', 'r.result', 'r.units'])
      .where('p.run_id', '=', RUN)
      .where('p.market_type', '=', 'team_totals')
      .orderBy('p.line_key')
      .execute();
    expect(graded).toEqual([
      { line_key: 'away:23.5', result: 'win', units: 100 / 110 }, // BUF 20 < 23.5
      { line_key: 'home:25.5', result: 'loss', units: -1 }, // KC 17 < 25.5
    ]);
  });

  it('published alternate totals are graded against the full-game total at their own line', async () => {
    // Two alternate lines of the same game as the stack would store them (one row per line
    // key), published; BUF 20 @ KC 17 = 37. A period market stays ungraded (no period scores).
    const row = (marketType: string, lineKey: string, side: string, line: number) => ({
      run_id: RUN,
      game_id: GAME,
      sport: 'nfl',
      slate_date: DATE,
      market_type: marketType,
      line_key: lineKey,
      line,
      side,
      price: 150,
      state: 'LEAN' as const,
      parlay_eligible: false,
      publish_decision: true,
      reasons: [],
      triggers: [],
      layers: '[]',
      versions: '{}',
    });
    await withAuditWritable(() =>
      db
        .insertInto('pick_audit')
        .values([
          row('alternate_totals', '36.5', 'OVER', 36.5),
          row('alternate_totals', '40.5', 'OVER', 40.5),
          row('totals_h1', '', 'OVER', 17.5),
        ])
        // The run may already hold a 1H row from the pricing test above: publish it the same way.
        .onConflict((oc) =>
          oc.constraint('pick_audit_natural_key').doUpdateSet((eb) => ({
            side: eb.ref('excluded.side'),
            line: eb.ref('excluded.line'),
            price: eb.ref('excluded.price'),
            state: eb.ref('excluded.state'),
            publish_decision: eb.ref('excluded.publish_decision'),
          })),
        )
        .execute(),
    );
    await run(() => acts.calibrateSport({ sport: 'nfl', date: DATE, config }));
    const graded = await db
      .selectFrom('pick_audit as p')
      .leftJoin('pick_results as r', 'r.pick_id', 'p.id')
      .select(['p.market_type', 'p.line_key', 'r.result', 'r.units'])
      .where('p.run_id', '=', RUN)
      .where('p.market_type', 'in', ['alternate_totals', 'totals_h1'])
      .where('p.game_id', '=', GAME)
      .where('p.line_key', 'in', ['36.5', '40.5', ''])
      .orderBy('p.market_type')
      .orderBy('p.line_key')
      .execute();
    expect(graded).toEqual([
      { market_type: 'alternate_totals', line_key: '36.5', result: 'win', units: 1.5 },
      { market_type: 'alternate_totals', line_key: '40.5', result: 'loss', units: -1 },
      { market_type: 'totals_h1', line_key: '', result: null, units: null },
    ]);
  });
});
