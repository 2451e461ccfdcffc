/**
 * The local odds server speaks the Odds API v4 dialect: shapes validate against the same zod
 * schemas as real payloads, parameters are checked like the API checks them, quota headers
 * count, and faults are injected exactly as planned. Raw HTTP (fetch), no client.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventListSchema,
  eventMarketsSchema,
  oddsEventSchema,
  scoreEventSchema,
  sportSchema,
  slateWindow,
} from '../../core/odds-api';
import { resolveTeam } from '../../core/teams';
import type { Database } from '../../db/schema';
import { eventIdForGame } from '../../odds/history-store';
import { parseFault, runOddsServer, startOddsServer, type OddsServer } from '../../odds/server';
import { TEST_DATABASE_URL } from '../support/db';
import {
  BUF_AT_KC,
  ODDS_TEST_DATABASE,
  oddsTestDb,
  seedHistory,
  SLATE_DATE,
} from './support/odds-db';

const KEY = 'server-test-key';
const NFL = '/v4/sports/americanfootball_nfl';
const WINDOW: Record<string, string> = { ...slateWindow(SLATE_DATE) };

let db: Kysely<Database>;
let server: OddsServer;

async function get(path: string, params: Record<string, string> = {}, key: string | null = KEY) {
  const url = new URL(path, server.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (key !== null) url.searchParams.set('apiKey', key);
  const res = await fetch(url);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // non-JSON bodies stay text
  }
  return { status: res.status, headers: res.headers, body };
}

beforeAll(async () => {
  db = await oddsTestDb();
  await seedHistory(db);
  // The clock sits on the slate morning so windowless requests see it as "upcoming".
  server = await startOddsServer({
    db,
    apiKey: KEY,
    quota: 1000,
    clock: () => new Date('2023-12-10T12:00:00Z'),
  });
});
afterAll(async () => {
  await server.close();
  await db.destroy();
});

describe('local odds server: shapes', () => {
  it('lists sports', async () => {
    const { status, body } = await get('/v4/sports');
    expect(status).toBe(200);
    const sports = sportSchema.array().parse(body);
    expect(sports.map((s) => s.key)).toContain('americanfootball_nfl');
  });

  it('serves /odds, /events, /events/{id}/markets, /events/{id}/odds and /scores in API shape', async () => {
    const odds = await get(`${NFL}/odds`, {
      regions: 'us',
      markets: 'h2h,spreads,totals',
      ...WINDOW,
    });
    expect(oddsEventSchema.array().parse(odds.body)).toHaveLength(12);
    const events = await get(`${NFL}/events`, WINDOW);
    expect(eventListSchema.parse(events.body)).toHaveLength(12);
    expect(events.headers.get('x-requests-last')).toBe('0');

    const id = eventIdForGame(BUF_AT_KC);
    const markets = await get(`${NFL}/events/${id}/markets`, { regions: 'us' });
    expect(eventMarketsSchema.parse(markets.body).bookmakers[0]!.markets.map((m) => m.key)).toEqual(
      ['h2h', 'spreads', 'totals', 'totals_h1', 'alternate_totals', 'team_totals'],
    );
    const eventOdds = await get(`${NFL}/events/${id}/odds`, {
      regions: 'us,uk',
      markets: 'alternate_totals',
    });
    const parsed = oddsEventSchema.parse(eventOdds.body);
    expect(parsed).toMatchObject({
      id,
      home_team: 'Kansas City Chiefs',
      away_team: 'Buffalo Bills',
      commence_time: '2023-12-10T21:25:00Z',
    });
    expect(parsed.bookmakers[0]!.markets).toEqual([
      {
        key: 'alternate_totals',
        last_update: '2023-12-10T21:15:00Z',
        outcomes: [
          { name: 'Over', price: -160, point: 46.5 },
          { name: 'Under', price: 135, point: 46.5 },
          { name: 'Over', price: 145, point: 52.5 },
          { name: 'Under', price: -175, point: 52.5 },
        ],
      },
    ]);
    expect(eventOdds.headers.get('x-requests-last')).toBe('2'); // 1 market × 2 regions

    const scores = await get(`${NFL}/scores`, { date: SLATE_DATE });
    const kc = scoreEventSchema
      .array()
      .parse(scores.body)
      .find((s) => s.id === id)!;
    expect(kc).toMatchObject({
      completed: true,
      scores: [
        { name: 'Kansas City Chiefs', score: '17' },
        { name: 'Buffalo Bills', score: '20' },
      ],
      last_update: '2023-12-11T01:25:00Z',
    });
  });

  it("serves /participants: the newest season's teams as The Odds API names them", async () => {
    const res = await get(`${NFL}/participants`);
    expect(res.status).toBe(200);
    const names = (res.body as { full_name: string; id: string }[]).map((p) => p.full_name);
    expect(names).toContain('Kansas City Chiefs');
    expect(names).toContain('Las Vegas Raiders');
    expect(names.every((n) => resolveTeam('nfl', n, SLATE_DATE).ok)).toBe(true);
    expect(res.headers.get('x-requests-last')).toBe('1');
  });

  it('lists upcoming games from the server clock when no window is given', async () => {
    const odds = await get(`${NFL}/odds`, { regions: 'us', markets: 'totals' });
    const commence = (odds.body as { commence_time: string }[]).map((e) => e.commence_time);
    // Week 14 from the clock on: the 12 Sunday games and 2 Monday games.
    expect(commence).toHaveLength(14);
    expect(commence.every((t) => t >= '2023-12-10T12:00:00Z')).toBe(true);
    // Live scores around the clock: none final yet at noon.
    const scores = await get(`${NFL}/scores`, { daysFrom: '1' });
    const items = scoreEventSchema.array().parse(scores.body);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((s) => s.completed).map((s) => s.commence_time)).toEqual([]);
    expect(scores.headers.get('x-requests-last')).toBe('2');
  });
});

describe('local odds server: errors and quota', () => {
  it.each([
    ['no key', `${NFL}/odds`, { regions: 'us' }, null, 401, 'MISSING_KEY'],
    ['wrong key', `${NFL}/odds`, { regions: 'us' }, 'nope', 401, 'INVALID_KEY'],
    ['unknown sport', '/v4/sports/quidditch/odds', { regions: 'us' }, KEY, 404, 'UNKNOWN_SPORT'],
    ['missing regions', `${NFL}/odds`, {}, KEY, 422, 'MISSING_REGION'],
    ['bad region', `${NFL}/odds`, { regions: 'mars' }, KEY, 422, 'INVALID_REGION'],
    [
      'derivative on /odds',
      `${NFL}/odds`,
      { regions: 'us', markets: 'totals_h1' },
      KEY,
      422,
      'INVALID_MARKET',
    ],
    [
      'milliseconds',
      `${NFL}/odds`,
      { regions: 'us', commenceTimeFrom: '2023-12-10T05:00:00.000Z' },
      KEY,
      422,
      'INVALID_COMMENCE_TIME_FROM',
    ],
    [
      'decimal odds',
      `${NFL}/odds`,
      { regions: 'us', oddsFormat: 'decimal' },
      KEY,
      422,
      'INVALID_ODDS_FORMAT',
    ],
    ['daysFrom 9', `${NFL}/scores`, { daysFrom: '9' }, KEY, 422, 'INVALID_SCORES_DAYS_FROM'],
    [
      'unknown event',
      `${NFL}/events/${'0'.repeat(32)}/odds`,
      { regions: 'us' },
      KEY,
      404,
      'EVENT_NOT_FOUND',
    ],
    ['unknown path', '/v4/other', {}, KEY, 404, 'NOT_FOUND'],
  ] as const)('%s → %i %s', async (_name, path, params, key, status, code) => {
    const res = await get(path, params, key);
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ message: expect.any(String) as string, error_code: code });
  });

  it('counts quota per the API rules and refuses when it runs out', async () => {
    const small = await startOddsServer({ db, apiKey: KEY, quota: 5 });
    try {
      const at = async (params: Record<string, string>) => {
        const res = await fetch(
          `${small.url}${NFL}/odds?${new URLSearchParams({ ...params, apiKey: KEY }).toString()}`,
        );
        return {
          status: res.status,
          quota: ['x-requests-remaining', 'x-requests-used', 'x-requests-last'].map((h) =>
            res.headers.get(h),
          ),
          body: await res.json(),
        };
      };
      expect((await at({ regions: 'us', markets: 'totals,spreads', ...WINDOW })).quota).toEqual([
        '3',
        '2',
        '2',
      ]);
      // An empty answer is free.
      expect(
        (await at({ regions: 'us', markets: 'totals', ...slateWindow('2030-01-01') })).quota,
      ).toEqual(['3', '2', '0']);
      expect((await at({ regions: 'us,uk', markets: 'totals', ...WINDOW })).quota).toEqual([
        '1',
        '4',
        '2',
      ]);
      const refused = await at({ regions: 'us', markets: 'totals,h2h', ...WINDOW });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error_code: 'OUT_OF_USAGE_CREDITS' });
      expect(small.quotaUsed()).toBe(4);
    } finally {
      await small.close();
    }
  });
});

describe('local odds server: faults', () => {
  it('consumes queued faults one per matching request, then per-path faults, and logs them', async () => {
    server.setFaults({
      queue: [{ kind: 'server-error', status: 503, path: '/scores' }, { kind: 'rate-limit' }],
      perPath: { '/events': { kind: 'invalid-key' } },
    });
    const before = server.requests.length;
    expect((await get('/v4/sports')).status).toBe(429); // first queued fault without a path filter
    expect((await get(`${NFL}/scores`, { date: SLATE_DATE })).status).toBe(503);
    expect((await get(`${NFL}/scores`, { date: SLATE_DATE })).status).toBe(200);
    expect((await get(`${NFL}/events`, WINDOW)).status).toBe(401);
    expect((await get(`${NFL}/events`, WINDOW)).status).toBe(401);
    server.setFaults({});
    expect((await get(`${NFL}/events`, WINDOW)).status).toBe(200);
    expect(server.requests.slice(before).map((r) => [r.path, r.status, r.fault])).toEqual([
      ['/v4/sports', 429, 'rate-limit'],
      [`${NFL}/scores`, 503, 'server-error'],
      [`${NFL}/scores`, 200, null],
      [`${NFL}/events`, 401, 'invalid-key'],
      [`${NFL}/events`, 401, 'invalid-key'],
      [`${NFL}/events`, 200, null],
    ]);
    expect(server.requests.every((r) => !r.query.includes(KEY))).toBe(true);
    expect(server.requests.at(-1)!.query).toBe(new URLSearchParams(WINDOW).toString());
  });

  it('corrupts exactly one event for a malformed fault', async () => {
    server.setFaults({
      queue: [{ kind: 'malformed', corruption: 'string-price', eventIndex: 99 }],
    });
    const res = await get(`${NFL}/odds`, { regions: 'us', markets: 'totals', ...WINDOW });
    const events = res.body as {
      bookmakers: { markets: { outcomes: { price: unknown }[] }[] }[];
    }[];
    const bad = events.filter(
      (e) => typeof e.bookmakers[0]!.markets[0]!.outcomes[0]!.price === 'string',
    );
    expect(bad).toEqual([events.at(-1)]); // index clamped to the last event
  });

  it('closes promptly even with a slow reply pending', async () => {
    const slow = await startOddsServer({
      db,
      apiKey: KEY,
      faults: { queue: [{ kind: 'slow', delayMs: 60_000 }] },
    });
    const pending = fetch(`${slow.url}/v4/sports?apiKey=${KEY}`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });

  it('parses CLI fault specs', () => {
    expect(parseFault('429:3@/odds')).toEqual({
      kind: 'rate-limit',
      retryAfterS: 3,
      path: '/odds',
    });
    expect(parseFault('slow:1500')).toEqual({ kind: 'slow', delayMs: 1500 });
    expect(parseFault('malformed:string-price')).toEqual({
      kind: 'malformed',
      corruption: 'string-price',
    });
    expect(parseFault('503')).toEqual({ kind: 'server-error', status: 503 });
    expect(parseFault('credits')).toEqual({ kind: 'out-of-credits' });
    expect(() => parseFault('slow')).toThrow(/bad fault "slow"; valid: 401 \| credits/);
    expect(() => parseFault('teapot')).toThrow(/bad fault/);
  });
});

describe('runOddsServer (CLI entry)', () => {
  it('logs its URL without the key, serves, and stops on abort', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${ODDS_TEST_DATABASE}`;
    let listening: (base: string) => void = () => undefined;
    const base = new Promise<string>((resolve) => (listening = resolve));
    const running = runOddsServer({
      apiKey: KEY,
      port: 0,
      databaseUrl: url.toString(),
      signal: stop.signal,
      log: (line) => {
        lines.push(line);
        const m = /listening on (\S+)/.exec(line);
        if (m) listening(m[1]!);
      },
    });
    const served = await fetch(`${await base}/v4/sports?apiKey=${KEY}`);
    expect(served.status).toBe(200);
    stop.abort();
    await running;
    expect(lines.join('\n')).not.toContain(KEY);
    expect(lines.at(-1)).toMatch(/^stopping \(1 requests served, 0 credits used\)$/);
  });
});
