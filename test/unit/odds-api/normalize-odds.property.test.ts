/**
 * Properties of odds normalisation over generated payloads: it never throws for an array, every
 * input event is accounted for exactly once (normalised or quarantined with a reason), and
 * well-formed events are never quarantined.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeOddsPayload } from '../../../core/odds-api';

const FETCHED_AT = '2024-01-01T00:00:00Z';
const TEAMS = ['KC', 'BUF', 'Dallas Cowboys', 'Philadelphia Eagles', 'NYJ', 'MIA'];

const price = fc.oneof(
  fc.integer({ min: -10000, max: -100 }),
  fc.integer({ min: 100, max: 10000 }),
);
const point = fc.integer({ min: -120, max: 120 }).map((n) => n / 2);
const instant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) })
  .map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** A well-formed event: distinct teams, each book once, each market once per book. */
const validEvent = fc
  .record({
    id: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 32 }),
    teams: fc.uniqueArray(fc.constantFrom(...TEAMS), { minLength: 2, maxLength: 2 }),
    commence: instant,
    books: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom('draftkings', 'fanduel', 'betmgm', 'closing'),
        update: instant,
        total: point.map((p) => Math.abs(p) + 30),
        spread: point,
        prices: fc.tuple(price, price),
        markets: fc.subarray([
          'h2h',
          'spreads',
          'totals',
          'totals_h1',
          'alternate_totals',
          'team_totals',
          'btts',
        ]),
      }),
      { selector: (b) => b.key, maxLength: 4 },
    ),
  })
  .map(({ id, teams, commence, books }) => {
    const [home, away] = teams as [string, string];
    return {
      id,
      sport_key: 'americanfootball_nfl',
      commence_time: commence,
      home_team: home,
      away_team: away,
      bookmakers: books.map((b) => ({
        key: b.key,
        last_update: b.update,
        markets: b.markets.map((key) => {
          const [pa, pb] = b.prices;
          if (key === 'h2h')
            return {
              key,
              outcomes: [
                { name: away, price: pb },
                { name: home, price: pa },
              ],
            };
          if (key === 'spreads') {
            return {
              key,
              outcomes: [
                { name: home, price: pa, point: b.spread },
                { name: away, price: pb, point: -b.spread },
              ],
            };
          }
          if (key === 'team_totals') {
            return {
              key,
              outcomes: [home, away].flatMap((team) => [
                { name: 'Over', description: team, price: pa, point: b.total / 2 },
                { name: 'Under', description: team, price: pb, point: b.total / 2 },
              ]),
            };
          }
          if (key === 'alternate_totals') {
            return {
              key,
              outcomes: [b.total - 3, b.total + 3].flatMap((p) => [
                { name: 'Over', price: pa, point: p },
                { name: 'Under', price: pb, point: p },
              ]),
            };
          }
          return {
            key,
            last_update: b.update,
            outcomes: [
              { name: 'Over', price: pa, point: b.total },
              { name: 'Under', price: pb, point: b.total },
            ],
          };
        }),
      })),
    };
  });

/** Quotes a valid event must produce: one per (book, priced market, line). */
function expectedQuotes(event: { bookmakers: { markets: { key: string }[] }[] }): number {
  const perMarket: Record<string, number> = {
    h2h: 1,
    spreads: 1,
    totals: 1,
    totals_h1: 1,
    alternate_totals: 2,
    team_totals: 2,
  };
  return event.bookmakers.reduce(
    (n, b) => n + b.markets.reduce((m, k) => m + (perMarket[k.key] ?? 0), 0),
    0,
  );
}

type Json = unknown;

/** Replaces the value at a random path of a JSON tree (or deletes the key). */
function mutate(value: Json, steps: readonly number[], replacement: Json, del: boolean): Json {
  if (steps.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const [step, ...rest] = steps as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return value;
    const copy = [...(value as Json[])];
    const i = step % copy.length;
    if (del && rest.length === 0) copy.splice(i, 1);
    else copy[i] = mutate(copy[i], rest, replacement, del);
    return copy;
  }
  const obj = { ...(value as Record<string, Json>) };
  const keys = Object.keys(obj);
  if (keys.length === 0) return obj;
  const key = keys[step % keys.length]!;
  if (del && rest.length === 0) delete obj[key];
  else obj[key] = mutate(obj[key], rest, replacement, del);
  return obj;
}

const mutatedEvent = fc
  .tuple(
    validEvent,
    fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
    fc.oneof(fc.jsonValue(), fc.constantFrom(null, '', 'Over', -110, '-110', [], {})),
    fc.boolean(),
  )
  .map(([event, steps, replacement, del]) => mutate(event, steps, replacement, del));

const anyEvent = fc.oneof(validEvent, mutatedEvent, fc.jsonValue(), fc.anything());

describe('normalizeOddsPayload properties', () => {
  it('never throws for an array; every event is normalised or quarantined with a reason, once', () => {
    let normalised = 0;
    let quarantined = 0;
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 8 }), (payload) => {
        const result = normalizeOddsPayload('nfl', payload, { fetchedAt: FETCHED_AT });
        normalised += result.events.length;
        quarantined += result.quarantined.length;
        const quarantinedIdx = result.quarantined.map((q) => q.index);
        expect(result.events.length + quarantinedIdx.length).toBe(payload.length);
        expect(new Set(quarantinedIdx).size).toBe(quarantinedIdx.length);
        for (const q of result.quarantined) {
          expect(q.index).toBeGreaterThanOrEqual(0);
          expect(q.index).toBeLessThan(payload.length);
          expect(q.reason.trim()).not.toBe('');
        }
        for (const e of result.events) {
          expect(e.game.gameId.startsWith('nfl:')).toBe(true);
          for (const q of e.quotes) expect(q.gameId).toBe(e.game.gameId);
          // No two quotes share a natural key (a single upsert would fail on it).
          const keys = e.quotes.map((q) => `${q.bookmaker}|${q.market}|${q.lineKey}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 1000 },
    );
    // The generators must exercise both outcomes, or the property says nothing.
    expect(normalised).toBeGreaterThan(100);
    expect(quarantined).toBeGreaterThan(100);
  });

  it('never quarantines a well-formed event and prices every known market', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(validEvent, { selector: (e) => e.id, maxLength: 5 }),
        (payload) => {
          const result = normalizeOddsPayload('nfl', payload, { fetchedAt: FETCHED_AT });
          expect(result.quarantined).toEqual([]);
          result.events.forEach((e, i) => {
            expect(e.quotes).toHaveLength(expectedQuotes(payload[i]!));
            for (const q of e.quotes) {
              const book = payload[i]!.bookmakers.find((b) => b.key === q.bookmaker)!;
              const market = book.markets.find((m) => m.key === q.market)!;
              // The generator lists h2h away-first and prices home with the first price.
              if (q.market === 'h2h') {
                const byName = new Map(market.outcomes.map((o) => [o.name, o.price]));
                expect([q.priceA, q.priceB]).toEqual([
                  byName.get(payload[i]!.home_team),
                  byName.get(payload[i]!.away_team),
                ]);
              }
              if (q.market === 'spreads') expect(q.pointA! + q.pointB!).toBe(0);
              if (q.market === 'totals') expect(q.pointA).toBe(q.pointB);
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
