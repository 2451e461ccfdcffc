/**
 * The live path end to end, as a new user meets it: The Odds API's full team names ("Kansas City
 * Chiefs") from the local Odds-API-compatible server, the real client, the real Temporal dev
 * server and Postgres. The feed knows the results; our database only has the history before
 * the slate. A live slate must land on the history game ids and price every game from ratings,
 * and the next day's calibration must grade its picks from `/scores`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistoryFile } from '../../cli/import';
import { createDb, ensureDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { startOddsServer, type OddsServer } from '../../odds/server';
import type { DailyCalibrationResult } from '../../workflows/calibration';
import type { SlateInput, SlateResult } from '../../workflows/shared';
import { resetDb, TEST_DATABASE_URL, testDb, seedEarnedSkill } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const SAMPLE = path.join(__dirname, '../../samples/nfl-2023-weeks09-14.csv');
const SLATE_DATE = '2023-12-10';
const API_KEY = 'bv-live-path-key';
const FEED_DATABASE = 'bv_live_feed_test';

const db = testDb();
let feed: Kysely<Database>;
let env: TemporalTestEnv;
let server: OddsServer;
let now = new Date('2023-12-10T12:00:00Z');
let tmp: string;
let counter = 0;

function runSlate(source: string, date = SLATE_DATE): Promise<SlateResult> {
  counter += 1;
  const input: SlateInput = {
    sport: 'nfl',
    date,
    source,
    runKind: 'manual',
    iterations: 20_000,
    simTaskQueue: env.simTaskQueue,
  };
  return env.run(
    () =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId: `test-live/slate/nfl/${date}/${counter}-${Date.now()}`,
        taskQueue: env.taskQueue,
        args: [input],
      }) as Promise<SlateResult>,
  );
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bv-live-'));
  // The feed: every game of the sample, results included.
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${FEED_DATABASE}`;
  await ensureDatabase(url.toString());
  feed = createDb(url.toString(), { max: 3 });
  await migrateToLatest(feed);
  await importHistoryFile(feed, 'nfl', SAMPLE);
  // Our history: only what was final before the slate's Sunday.
  const lines = fs.readFileSync(SAMPLE, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const gameday = header.indexOf('gameday');
  const before = lines.filter(
    (l, i) => i === 0 || (l.trim() !== '' && l.split(',')[gameday]! < SLATE_DATE),
  );
  const history = path.join(tmp, 'history.csv');
  fs.writeFileSync(history, `${before.join('\n')}\n`);
  await resetDb(db);
  // Published picks need an earned skill weight (a fresh database has none: prior 0).
  await seedEarnedSkill(db, 'nfl', '2023-11-01');
  await importHistoryFile(db, 'nfl', history);

  server = await startOddsServer({ db: feed, apiKey: API_KEY, clock: () => now });
  process.env.ODDS_API_BASE_URL = server.url;
  process.env.ODDS_API_KEY = API_KEY;
  env = await temporalTestEnv(db, 'live-path');
}, 120_000);

afterAll(async () => {
  await env?.close();
  await server?.close();
  await feed?.destroy();
  await db.destroy();
  delete process.env.ODDS_API_KEY;
  delete process.env.ODDS_API_BASE_URL;
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a live NFL slate with The Odds API team names', () => {
  let slate: SlateResult;

  it('lands on the history game ids and prices every game from ratings', async () => {
    now = new Date('2023-12-10T12:00:00Z');
    slate = await runSlate('odds-api');
    expect(slate.verify.games).toBe(12);
    expect(slate.verify.reasons.UNKNOWN_TEAM ?? 0).toBe(0);
    expect(slate.verify.verifiedGameIds).toHaveLength(12);
    // The games are the history codes' ids (BUF@KC), not "BUFFALOBILLS@KANSASCITYCHIEFS".
    expect(slate.verify.verifiedGameIds).toContain('nfl:2023:2023-12-10:BUF@KC');
    expect(slate.verify.verifiedGameIds.every((id) => /:[A-Z]{2,3}@[A-Z]{2,3}$/.test(id))).toBe(
      true,
    );
    // Priced from ratings: every team has this season's games behind it (weeks 9–13 of the
    // sample), not the league mean.
    const inputs = await db
      .selectFrom('game_inputs')
      .selectAll()
      .where('run_id', '=', slate.runId)
      .execute();
    expect(inputs).toHaveLength(12);
    for (const row of inputs) {
      expect(row.home_sample).toBeGreaterThanOrEqual(3);
      expect(row.away_sample).toBeGreaterThanOrEqual(3);
    }
    const homeExpected = new Set(
      inputs.map((r) => (r.inputs as { homeExpected: number }).homeExpected.toFixed(3)),
    );
    expect(homeExpected.size).toBeGreaterThan(6);
  });

  it("is graded by the next day's calibration from /scores, raw body kept", async () => {
    const published = await db
      .selectFrom('pick_audit')
      .select(['id', 'game_id'])
      .where('run_id', '=', slate.runId)
      .where('publish_decision', '=', true)
      .where('market_type', 'in', ['totals', 'spreads', 'alternate_totals', 'team_totals'])
      .execute();
    expect(published.length).toBeGreaterThan(0);
    // Before the feed reports them completed nothing can be graded.
    const scoredBefore = await db
      .selectFrom('games')
      .select('game_id')
      .where('game_date', '=', SLATE_DATE)
      .where('home_score', 'is not', null)
      .execute();
    expect(scoredBefore).toEqual([]);

    now = new Date('2023-12-12T08:00:00Z');
    const result = await env.run(
      () =>
        env.client.workflow.execute('DailyCalibrationWorkflow', {
          workflowId: `test-live/calibration/${Date.now()}`,
          taskQueue: env.taskQueue,
          args: [{ sports: ['nfl'], date: '2023-12-11' }],
        }) as Promise<DailyCalibrationResult>,
    );
    const nfl = result.sports[0]!;
    expect(nfl.scoresUpdated).toBe(12);
    expect(nfl.ungraded).toBe(0);
    const results = await db
      .selectFrom('pick_results')
      .select('pick_id')
      .where(
        'pick_id',
        'in',
        published.map((p) => p.id),
      )
      .execute();
    expect(results).toHaveLength(published.length);
    const snapshots = await db
      .selectFrom('odds_snapshots')
      .select(['request', 'run_id'])
      .where('request', 'like', '%/scores%')
      .execute();
    expect(snapshots).toEqual([expect.objectContaining({ run_id: 'calibration/nfl/2023-12-11' })]);
    const row = await db
      .selectFrom('calibration_daily')
      .selectAll()
      .where('sport', '=', 'nfl')
      .where('date', '=', '2023-12-11')
      .executeTakeFirstOrThrow();
    expect(row.ungraded).toBe(0);
    expect(row.scores).toMatchObject({ awaiting: 12, applied: 12, rejected: [] });
  });
});

describe('a corrected final score', () => {
  it('is kept beside the old one and its picks are graded again in a new row', async () => {
    const pick = await db
      .selectFrom('pick_audit as p')
      .innerJoin('pick_results as r', 'r.pick_id', 'p.id')
      .select(['p.id', 'p.game_id', 'r.result', 'r.home_score', 'r.away_score'])
      .where('p.publish_decision', '=', true)
      .where('p.slate_date', '=', SLATE_DATE)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    // The feed corrects that game's home score by 30 points.
    await feed
      .updateTable('games')
      .set((eb) => ({ home_score: eb('home_score', '+', 30) }))
      .where('game_id', '=', pick.game_id)
      .execute();
    now = new Date('2023-12-12T09:00:00Z');
    const result = await env.run(
      () =>
        env.client.workflow.execute('DailyCalibrationWorkflow', {
          workflowId: `test-live/calibration-correction/${Date.now()}`,
          taskQueue: env.taskQueue,
          args: [{ sports: ['nfl'], date: '2023-12-12' }],
        }) as Promise<DailyCalibrationResult>,
    );
    expect(result.sports[0]!.scoresUpdated).toBe(1);
    const corrections = await db.selectFrom('score_corrections').selectAll().execute();
    expect(corrections).toEqual([
      expect.objectContaining({
        game_id: pick.game_id,
        old_home_score: pick.home_score,
        new_home_score: pick.home_score + 30,
        source: 'odds-api',
      }),
    ]);
    const grades = await db
      .selectFrom('pick_results')
      .selectAll()
      .where('pick_id', '=', pick.id)
      .orderBy('graded_at')
      .execute();
    expect(grades.map((g) => g.home_score)).toEqual([pick.home_score, pick.home_score + 30]);
    expect(grades[0]!.result).toBe(pick.result);
  });
});

describe('bad live input', () => {
  it('an invented team is NO_PLAY UNKNOWN_TEAM naming the team; the rest is priced', async () => {
    now = new Date('2023-12-10T12:00:00Z');
    const body = (await (
      await fetch(
        `${server.url}/v4/sports/americanfootball_nfl/odds?apiKey=${API_KEY}&regions=us&markets=totals,spreads&commenceTimeFrom=2023-12-10T05:00:00Z&commenceTimeTo=2023-12-11T05:00:00Z`,
      )
    ).json()) as {
      home_team: string;
      away_team: string;
      bookmakers: { markets: { outcomes: { name: string }[] }[] }[];
    }[];
    expect(body.length).toBe(12);
    const invented = body[0]!;
    const real = invented.home_team;
    invented.home_team = 'Springfield Atoms';
    for (const b of invented.bookmakers)
      for (const m of b.markets)
        for (const o of m.outcomes) if (o.name === real) o.name = 'Springfield Atoms';
    const result = await runSlate(`file:${writeJson('invented.json', body)}`);
    expect(result.verify.games).toBe(12);
    expect(result.verify.verifiedGameIds).toHaveLength(11);
    const audit = await db
      .selectFrom('pick_audit')
      .select(['game_id', 'state', 'reasons'])
      .where('run_id', '=', result.runId)
      .where('game_id', 'like', '%SPRINGFIELDATOMS%')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) {
      expect(a.state).toBe('NO_PLAY');
      expect(JSON.stringify(a.reasons)).toContain('UNKNOWN_TEAM');
    }
    const checks = await db
      .selectFrom('line_checks')
      .select(['detail'])
      .where('run_id', '=', result.runId)
      .where('game_id', 'like', '%SPRINGFIELDATOMS%')
      .execute();
    expect(JSON.stringify(checks)).toContain(
      'NFL team \\"Springfield Atoms\\" is not in the team registry',
    );
  });

  it('an empty feed after a good one prices nothing: no lines of earlier runs are reused', async () => {
    const good = await runSlate('odds-api');
    expect(good.classify.published).toBeGreaterThan(0);
    const empty = await runSlate(`file:${writeJson('empty.json', [])}`);
    expect(empty.fetch.games).toBe(0);
    expect(empty.fetch.quotes).toBe(0);
    expect(empty.classify.decisions).toBe(0);
    expect(empty.persist.picksPublished).toBe(0);
  });

  it('a 2xx body that is not JSON is quarantined at once with its raw body, not retried', async () => {
    now = new Date('2023-12-10T12:00:00Z');
    const before = server.requests.length;
    server.setFaults({ queue: [{ kind: 'non-json', path: '/odds' }] });
    const result = await runSlate('odds-api');
    server.setFaults({});
    expect(server.requests.length - before).toBe(1);
    expect(result.fetch.games).toBe(0);
    expect(result.fetch.quarantined).toBe(1);
    expect(result.persist.picksPublished).toBe(0);
    const snapshots = await db
      .selectFrom('odds_snapshots')
      .select(['status', 'reason', 'payload'])
      .where('run_id', '=', result.runId)
      .execute();
    expect(snapshots.map((r) => r.status)).toEqual(['quarantined']);
    expect(snapshots[0]!.reason).toMatch(/not JSON/);
    expect(String(snapshots[0]!.payload)).toMatch(/^<html>/);
  });

  it('a feed that serves only /odds (per-event requests 404) still prices the featured markets', async () => {
    now = new Date('2023-12-10T12:00:00Z');
    const url = `${server.url}/v4/sports/americanfootball_nfl/odds?apiKey=${API_KEY}&regions=us&markets=h2h,spreads,totals&commenceTimeFrom=2023-12-10T05:00:00Z&commenceTimeTo=2023-12-11T04:59:59Z`;
    const body = JSON.stringify(await (await fetch(url)).json());
    const bare = http.createServer((req, res) => {
      const featured = (req.url ?? '').includes('/odds?') && !(req.url ?? '').includes('/events/');
      res.writeHead(featured ? 200 : 404, { 'content-type': 'application/json' });
      res.end(featured ? body : JSON.stringify({ message: 'Not found', error_code: 'NOT_FOUND' }));
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const previous = process.env.ODDS_API_BASE_URL;
    process.env.ODDS_API_BASE_URL = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
    try {
      const result = await runSlate('odds-api');
      expect(result.verify.games).toBe(12);
      expect(result.verify.verifiedGameIds).toHaveLength(12);
      // Each event's refused derivative request is recorded, and costs nothing else.
      expect(result.fetch.quarantined).toBe(12);
      expect(result.verify.reasons.INVALID_PAYLOAD ?? 0).toBe(0);
    } finally {
      process.env.ODDS_API_BASE_URL = previous;
      await new Promise<void>((r) => bare.close(() => r()));
    }
  });

  it('a malformed event of a game never stored still gets NO_PLAY INVALID_PAYLOAD', async () => {
    const event = {
      id: 'a'.repeat(32),
      sport_key: 'americanfootball_nfl',
      sport_title: 'NFL',
      commence_time: '2023-12-17T18:00:00Z',
      home_team: 'Chicago Bears',
      away_team: 'Detroit Lions',
      bookmakers: [{ key: 'book', title: 'Book', last_update: 'not a time', markets: [] }],
    };
    const result = await runSlate(`file:${writeJson('bad.json', [event])}`, '2023-12-17');
    expect(result.fetch.quarantined).toBe(1);
    expect(result.verify.games).toBe(1);
    const audit = await db
      .selectFrom('pick_audit')
      .select(['game_id', 'state', 'reasons'])
      .where('run_id', '=', result.runId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a) => a.game_id === 'nfl:2023:2023-12-17:DET@CHI')).toBe(true);
    expect(audit.every((a) => a.state === 'NO_PLAY')).toBe(true);
    expect(JSON.stringify(audit[0]!.reasons)).toContain('INVALID_PAYLOAD');
  });
});
