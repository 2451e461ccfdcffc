/**
 * The real HTTP client against the local history server (real Postgres): happy paths, quota
 * headers, every typed failure of SPEC §7, and that the API key never leaks into an error
 * message or a stored request string.
 */
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  normalizeEventOddsPayload,
  normalizeOddsPayload,
  normalizeScores,
  parseEventMarkets,
  slateWindow,
} from '../../core/odds-api';
import type { Database } from '../../db/schema';
import {
  OddsApiAuthError,
  OddsApiClient,
  OddsApiError,
  OddsApiNetworkError,
  OddsApiRateLimitError,
  OddsApiRequestError,
  OddsApiServerError,
  OddsApiTimeoutError,
} from '../../odds/client';
import { eventIdForGame } from '../../odds/history-store';
import { startOddsServer, type OddsServer } from '../../odds/server';
import {
  BUF_AT_KC,
  MIN_AT_ATL_1999,
  oddsTestDb,
  seedHistory,
  SLATE_DATE,
  type Seeded,
} from './support/odds-db';

const API_KEY = 'sekret-Key_42+/=';
const NFL = 'americanfootball_nfl';
const FEATURED = ['h2h', 'spreads', 'totals'];
const QUOTA = 500;

let db: Kysely<Database>;
let seeded: Seeded;
let server: OddsServer;
/** Every error and request string seen, checked for the key at the end. */
const seen: string[] = [];

function client(
  overrides: Partial<ConstructorParameters<typeof OddsApiClient>[0]> = {},
): OddsApiClient {
  return new OddsApiClient({
    baseUrl: server.url,
    apiKey: API_KEY,
    timeoutMs: 5_000,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<OddsApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OddsApiError);
  const e = error as OddsApiError;
  seen.push(e.message, e.request, String(e.stack));
  return e;
}

beforeAll(async () => {
  db = await oddsTestDb();
  seeded = await seedHistory(db);
  server = await startOddsServer({ db, apiKey: API_KEY, quota: QUOTA });
});
afterEach(() => {
  server.setFaults({});
});
afterAll(async () => {
  await server.close();
  await db.destroy();
  // SPEC R1/§1: secrets never enter messages, logs or stored requests.
  for (const text of [...seen, ...server.requests.map((r) => `${r.path}?${r.query}`)]) {
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(encodeURIComponent(API_KEY));
  }
});

describe('OddsApiClient against the local history server', () => {
  it('fetches featured odds for a slate window; they normalise onto the history games', async () => {
    const window = slateWindow(SLATE_DATE);
    const response = await client().getOdds(NFL, { markets: FEATURED, ...window });
    seen.push(response.request);
    expect(response.status).toBe(200);
    expect(response.request).toBe(
      '/v4/sports/americanfootball_nfl/odds?regions=us&markets=h2h,spreads,totals&oddsFormat=american' +
        '&dateFormat=iso&commenceTimeFrom=2023-12-10T05:00:00Z&commenceTimeTo=2023-12-11T04:59:59Z',
    );
    expect(response.quota).toMatchObject({ last: 3 });
    expect(response.quota!.remaining + response.quota!.used).toBe(QUOTA);

    const result = normalizeOddsPayload('nfl', response.body, { fetchedAt: new Date() });
    expect(result.quarantined).toEqual([]);
    const expected = seeded.games.filter((g) => g.gameDate === SLATE_DATE).map((g) => g.gameId);
    expect(result.events.map((e) => e.game.gameId).sort()).toEqual(expected.sort());
    expect(result.events.map((e) => e.eventId)).toEqual(
      result.events.map((e) => eventIdForGame(e.game.gameId)),
    );

    const kc = result.events.find((e) => e.game.gameId === BUF_AT_KC)!;
    // Featured markets only, even though BUF@KC also has derivative lines.
    expect(kc.marketsListed).toEqual(['h2h', 'spreads', 'totals']);
    expect(kc.quotes.find((q) => q.market === 'totals')).toMatchObject({
      bookmaker: 'closing',
      pointA: 49.5,
      priceA: -110,
      pointB: 49.5,
      priceB: -110,
      lastUpdate: '2023-12-10T21:15:00.000Z', // 16:25 ET kick-off − 10 min
    });
    expect(kc.quotes.find((q) => q.market === 'spreads')).toMatchObject({ pointA: -2, pointB: 2 });
  });

  it('lists an event’s markets and returns only the requested markets that exist', async () => {
    const api = client();
    const eventId = eventIdForGame(BUF_AT_KC);
    const listed = await api.getEventMarkets(NFL, eventId);
    expect(listed.quota).toMatchObject({ last: 1 });
    expect(parseEventMarkets(listed.body).marketKeys).toEqual([
      'alternate_totals',
      'h2h',
      'spreads',
      'team_totals',
      'totals',
      'totals_h1',
    ]);

    const odds = await api.getEventOdds(NFL, eventId, ['totals_h1', 'team_totals', 'totals_q1']);
    seen.push(odds.request);
    expect(odds.quota).toMatchObject({ last: 2 }); // two markets returned × one region
    const result = normalizeEventOddsPayload('nfl', odds.body, { fetchedAt: new Date() });
    expect(result.quarantined).toEqual([]);
    const [event] = result.events;
    expect(event!.game.gameId).toBe(BUF_AT_KC);
    expect(event!.marketsListed).toEqual(['team_totals', 'totals_h1']);
    expect(event!.quotes.map((q) => [q.market, q.lineKey, q.pointA, q.priceA, q.priceB])).toEqual([
      ['totals_h1', '', 24.5, -115, -105],
      ['team_totals', 'away:23.5', 23.5, -120, 100],
      ['team_totals', 'home:25.5', 25.5, -110, -110],
    ]);

    // A game without derivative lines lists the featured markets only.
    const other = seeded.games.find((g) => g.gameDate === SLATE_DATE && g.gameId !== BUF_AT_KC)!;
    const plain = await api.getEventMarkets(NFL, eventIdForGame(other.gameId));
    expect(parseEventMarkets(plain.body).marketKeys).toEqual(['h2h', 'spreads', 'totals']);
  });

  it('serves history without prices as null prices, which normalise to null sides', async () => {
    const response = await client().getOdds(NFL, {
      markets: ['totals'],
      ...slateWindow('1999-09-12'),
    });
    const result = normalizeOddsPayload('nfl', response.body, { fetchedAt: new Date() });
    expect(result.quarantined).toEqual([]);
    const atl = result.events.find((e) => e.game.gameId === MIN_AT_ATL_1999)!;
    expect(atl.quotes).toEqual([
      expect.objectContaining({ market: 'totals', pointA: 49, priceA: null, priceB: null }),
    ]);
  });

  it('returns final scores for a date via the non-standard date parameter', async () => {
    const response = await client().getScores(NFL, { date: SLATE_DATE });
    expect(response.request).toBe(
      '/v4/sports/americanfootball_nfl/scores?dateFormat=iso&date=2023-12-10',
    );
    const scores = normalizeScores('nfl', response.body);
    expect(scores.quarantined).toEqual([]);
    expect(scores.finals[BUF_AT_KC]).toMatchObject({ homeScore: 17, awayScore: 20 });
    expect(Object.keys(scores.finals)).toHaveLength(12);
  });

  it('401 INVALID_KEY → non-retryable OddsApiAuthError naming the cause, not the key', async () => {
    const wrongKey = 'wrong-key-123';
    const e = await failure(client({ apiKey: wrongKey }).getOdds(NFL, { markets: FEATURED }));
    expect(e).toBeInstanceOf(OddsApiAuthError);
    expect(e).toMatchObject({
      reason: 'INVALID_KEY',
      retryable: false,
      status: 401,
      errorCode: 'INVALID_KEY',
    });
    expect(e.message).toMatch(/INVALID_KEY: the API key is invalid/);
    expect(e.message).not.toContain(wrongKey);
    expect(e.request).not.toContain(wrongKey);

    // The injected fault behaves the same with the right key.
    server.setFaults({ queue: [{ kind: 'invalid-key' }] });
    const injected = await failure(client().getSports());
    expect(injected).toMatchObject({
      name: 'OddsApiAuthError',
      reason: 'INVALID_KEY',
      retryable: false,
    });
  });

  it('OUT_OF_USAGE_CREDITS → non-retryable OddsApiAuthError', async () => {
    const small = await startOddsServer({ db, apiKey: API_KEY, quota: 4 });
    try {
      const api = new OddsApiClient({ baseUrl: small.url, apiKey: API_KEY });
      const first = await api.getOdds(NFL, { markets: FEATURED, ...slateWindow(SLATE_DATE) });
      expect(first.quota).toEqual({ remaining: 1, used: 3, last: 3 });
      const e = await failure(api.getOdds(NFL, { markets: FEATURED, ...slateWindow(SLATE_DATE) }));
      expect(e).toBeInstanceOf(OddsApiAuthError);
      expect(e).toMatchObject({ reason: 'OUT_OF_USAGE_CREDITS', retryable: false, status: 401 });
      expect(e.message).toMatch(/OUT_OF_USAGE_CREDITS: the API usage quota is exhausted/);
      // Free endpoints still answer.
      expect((await api.getEvents(NFL, slateWindow(SLATE_DATE))).quota).toEqual({
        remaining: 1,
        used: 3,
        last: 0,
      });
    } finally {
      await small.close();
    }
    server.setFaults({ queue: [{ kind: 'out-of-credits' }] });
    expect(await failure(client().getSports())).toMatchObject({ reason: 'OUT_OF_USAGE_CREDITS' });
  });

  it('429 EXCEEDED_FREQ_LIMIT → retryable OddsApiRateLimitError; the next request succeeds', async () => {
    server.setFaults({ queue: [{ kind: 'rate-limit', retryAfterS: 2 }] });
    const api = client();
    const e = await failure(api.getOdds(NFL, { markets: FEATURED, ...slateWindow(SLATE_DATE) }));
    expect(e).toBeInstanceOf(OddsApiRateLimitError);
    expect(e).toMatchObject({
      retryable: true,
      status: 429,
      errorCode: 'EXCEEDED_FREQ_LIMIT',
      retryAfterMs: 2000,
    });
    const again = await api.getOdds(NFL, { markets: FEATURED, ...slateWindow(SLATE_DATE) });
    expect(Array.isArray(again.body)).toBe(true);
  });

  it('5xx → retryable OddsApiServerError', async () => {
    server.setFaults({ queue: [{ kind: 'server-error' }, { kind: 'server-error', status: 503 }] });
    const api = client();
    expect(await failure(api.getSports())).toMatchObject({
      name: 'OddsApiServerError',
      status: 500,
      retryable: true,
    });
    const e = await failure(api.getSports());
    expect(e).toBeInstanceOf(OddsApiServerError);
    expect(e.status).toBe(503);
  });

  it('slow answer beyond the timeout → retryable OddsApiTimeoutError', async () => {
    server.setFaults({ queue: [{ kind: 'slow', delayMs: 2_000 }] });
    const started = Date.now();
    const e = await failure(client({ timeoutMs: 200 }).getOdds(NFL, { markets: FEATURED }));
    expect(e).toBeInstanceOf(OddsApiTimeoutError);
    expect(e).toMatchObject({ retryable: true, timeoutMs: 200, status: null });
    expect(Date.now() - started).toBeLessThan(1_500);
    // A slow answer within the timeout is just slow.
    server.setFaults({ queue: [{ kind: 'slow', delayMs: 100 }] });
    expect((await client({ timeoutMs: 2_000 }).getSports()).status).toBe(200);
  });

  it.each(['drop-home-team', 'string-price'] as const)(
    'malformed event (%s) → quarantined by normalisation while the others pass',
    async (corruption) => {
      server.setFaults({ queue: [{ kind: 'malformed', corruption, eventIndex: 3 }] });
      const response = await client().getOdds(NFL, {
        markets: FEATURED,
        ...slateWindow(SLATE_DATE),
      });
      const result = normalizeOddsPayload('nfl', response.body, { fetchedAt: new Date() });
      expect(result.events).toHaveLength(11);
      expect(result.quarantined).toHaveLength(1);
      const [q] = result.quarantined;
      expect(q!.index).toBe(3);
      expect(q!.eventId).toBe((response.body as { id: string }[])[3]!.id);
      if (corruption === 'drop-home-team') {
        expect(q!.reason).toBe('home_team: Required');
        expect(q!.gameId).toBeNull();
      } else {
        expect(q!.reason).toMatch(
          /^bookmakers\[0\]\.markets\[0\]\.outcomes\[0\]\.price: Expected number, received string$/,
        );
        expect(q!.gameId).toMatch(/^nfl:2023:2023-12-10:/);
      }
    },
  );

  it('2xx with a non-JSON body → returned flagged notJson with the raw text (quarantined, not retried)', async () => {
    server.setFaults({ queue: [{ kind: 'non-json' }] });
    const before = server.requests.length;
    const res = await client().getSports();
    expect(res).toMatchObject({ notJson: true, status: 200 });
    expect(String(res.body)).toMatch(/^<html>/);
    expect(server.requests.length - before).toBe(1);
  });

  it('other 4xx → non-retryable OddsApiRequestError with the API error code', async () => {
    const api = client();
    expect(await failure(api.getOdds('curling_world', { markets: FEATURED }))).toMatchObject({
      name: 'OddsApiRequestError',
      status: 404,
      errorCode: 'UNKNOWN_SPORT',
      retryable: false,
    });
    expect(await failure(api.getEventOdds(NFL, 'f'.repeat(32), ['totals']))).toMatchObject({
      status: 404,
      errorCode: 'EVENT_NOT_FOUND',
    });
    const e = await failure(api.getOdds(NFL, { markets: ['totals_h1'] }));
    expect(e).toBeInstanceOf(OddsApiRequestError);
    expect(e).toMatchObject({ status: 422, errorCode: 'INVALID_MARKET' });
    expect(e.message).toMatch(/use \/events\/\{eventId\}\/odds/);
  });

  it('no server → retryable OddsApiNetworkError', async () => {
    const gone = await startOddsServer({ db, apiKey: API_KEY });
    const url = gone.url;
    await gone.close();
    const e = await failure(new OddsApiClient({ baseUrl: url, apiKey: API_KEY }).getSports());
    expect(e).toBeInstanceOf(OddsApiNetworkError);
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('the server log never holds the key', () => {
    expect(server.requests.length).toBeGreaterThan(10);
    expect(server.requests.every((r) => !r.query.includes('apiKey'))).toBe(true);
  });
});
