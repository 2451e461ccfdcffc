/**
 * fetchSlateOdds over the real client and the local history server: one `/odds` call, then
 * per-event market lists and derivative odds only where a book lists them; raw captures for
 * every body; malformed events quarantined with their raw JSON while the slate goes on.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/schema';
import { OddsApiClient, OddsApiAuthError } from '../../odds/client';
import { eventIdForGame } from '../../odds/history-store';
import { startOddsServer, type OddsServer } from '../../odds/server';
import { fetchSlateOdds } from '../../odds/slate-odds';
import { BUF_AT_KC, oddsTestDb, seedHistory, SLATE_DATE, type Seeded } from './support/odds-db';

const KEY = 'slate-odds-key';
let db: Kysely<Database>;
let seeded: Seeded;
let server: OddsServer;
let client: OddsApiClient;
const FIXED_NOW = () => new Date('2023-12-10T16:00:00Z');

beforeAll(async () => {
  db = await oddsTestDb();
  seeded = await seedHistory(db);
  server = await startOddsServer({ db, apiKey: KEY });
  client = new OddsApiClient({ baseUrl: server.url, apiKey: KEY });
});
afterAll(async () => {
  await server.close();
  await db.destroy();
});

describe('fetchSlateOdds', () => {
  it('fetches featured odds, then only the derivative markets that exist', async () => {
    const before = server.requests.length;
    const slate = await fetchSlateOdds(client, 'nfl', SLATE_DATE, { now: FIXED_NOW });
    const expectedGames = seeded.games
      .filter((g) => g.gameDate === SLATE_DATE)
      .map((g) => g.gameId);
    expect(slate.games.map((g) => g.gameId).sort()).toEqual(expectedGames.sort());
    expect(slate.quarantined).toEqual([]);
    expect(slate.window).toEqual({
      commenceTimeFrom: '2023-12-10T05:00:00Z',
      commenceTimeTo: '2023-12-11T04:59:59Z',
    });

    // 1 /odds + 12 /markets + 1 /events/{id}/odds (only BUF@KC lists derivatives).
    expect(slate.requests).toBe(14);
    const kinds = server.requests
      .slice(before)
      .map((r) =>
        r.path
          .replace(/^\/v4\/sports\/americanfootball_nfl\//, '')
          .replace(/\/[0-9a-f]{32}\//, '/{id}/'),
      );
    expect(kinds[0]).toBe('odds');
    expect(kinds.filter((k) => k === 'events/{id}/markets')).toHaveLength(12);
    expect(kinds.filter((k) => k === 'events/{id}/odds')).toHaveLength(1);
    const derivativeRequest = slate.captures.find(
      (c) => c.request.includes('/odds?') && c.eventId !== null,
    )!;
    expect(derivativeRequest.eventId).toBe(eventIdForGame(BUF_AT_KC));
    expect(derivativeRequest.request).toMatch(/markets=alternate_totals,team_totals,totals_h1&/);
    expect(
      slate.captures.every(
        (c) => c.fetchedAt === '2023-12-10T16:00:00.000Z' && !c.request.includes(KEY),
      ),
    ).toBe(true);

    // 12 games × 3 featured + 5 derivative lines of BUF@KC; no duplicates of featured lines.
    expect(slate.quotes).toHaveLength(41);
    const kcMarkets = slate.quotes
      .filter((q) => q.gameId === BUF_AT_KC)
      .map((q) => `${q.market}:${q.lineKey}`);
    expect(kcMarkets.sort()).toEqual(
      [
        'h2h:',
        'spreads:',
        'totals:',
        'totals_h1:',
        'alternate_totals:46.5',
        'alternate_totals:52.5',
        'team_totals:home:25.5',
        'team_totals:away:23.5',
      ].sort(),
    );
    // 3 (featured) + 12 × 1 (market lists) + 3 (derivative odds); the last call was a market list.
    expect(slate.quota).toMatchObject({ used: 18, last: 1 });
  });

  it('skips the per-event calls when no derivative market is wanted', async () => {
    const slate = await fetchSlateOdds(client, 'nfl', SLATE_DATE, { derivativeMarkets: [] });
    expect(slate.requests).toBe(1);
    expect(slate.quotes).toHaveLength(36);
  });

  it('quarantines a malformed event with its raw JSON and game id; the rest of the slate goes on', async () => {
    server.setFaults({
      queue: [{ kind: 'malformed', corruption: 'string-price', eventIndex: 0, path: '/odds' }],
    });
    const slate = await fetchSlateOdds(client, 'nfl', SLATE_DATE, { derivativeMarkets: [] });
    expect(slate.games).toHaveLength(11);
    expect(slate.quarantined).toHaveLength(1);
    const [q] = slate.quarantined;
    expect(q!.reason).toMatch(/price: Expected number, received string/);
    expect(q!.gameId).toMatch(/^nfl:2023:2023-12-10:/);
    expect(q!.request).toBe(slate.captures[0]!.request);
    expect(q!.payload).toEqual((slate.captures[0]!.payload as unknown[])[0]);
  });

  it('quarantines a whole body that is not an array instead of throwing', async () => {
    const weird = new OddsApiClient({
      baseUrl: 'https://api.example.test',
      apiKey: KEY,
      fetch: () => Promise.resolve(new Response('{"data": []}', { status: 200 })),
    });
    const slate = await fetchSlateOdds(weird, 'nfl', SLATE_DATE);
    expect(slate.games).toEqual([]);
    expect(slate.captures).toHaveLength(1);
    expect(slate.quarantined).toEqual([
      expect.objectContaining({
        index: -1,
        eventId: null,
        reason: 'expected a JSON array of events, got an object',
      }),
    ]);
  });

  it('lets client errors through for the retry policy', async () => {
    server.setFaults({ queue: [{ kind: 'out-of-credits' }] });
    await expect(fetchSlateOdds(client, 'nfl', SLATE_DATE)).rejects.toBeInstanceOf(
      OddsApiAuthError,
    );
  });
});
