/**
 * Property tests for verify lines (SPEC R2): arbitrary — including hostile — quotes never throw,
 * every verdict is either ok or carries a reason, and no-vig probabilities are proper.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  noVigProbabilities,
  verifyGameLines,
  type MarketVerdict,
  type VerifyInput,
} from '../../core/integrity';
import { BLOCK_REASONS, type MarketQuote } from '../../core/types';
import { DERIVATIVE_MARKETS, FEATURED_MARKETS, SPORTS, type MarketKey } from '../../core/sports';

const ALL_MARKETS: readonly MarketKey[] = [...FEATURED_MARKETS, ...DERIVATIVE_MARKETS];
const GAME_ID = 'prop:2023:2023-12-10:AWY@HOM';
const KICKOFF_MS = Date.parse('2023-12-10T21:25:00.000Z');
const HOUR = 3_600_000;

/** Anything a JSON payload could put in a number slot. */
const hostileNumber = fc.oneof(
  fc.constant(null),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0),
  fc.integer({ min: -400, max: 400 }).map((n) => n / 2),
  fc.integer({ min: -20000, max: 20000 }),
  fc.double(),
);

/** Real-looking points across sports (spreads, period and full-game totals). */
const plausiblePoint = fc.constantFrom(
  -7.5,
  -3.5,
  -1.5,
  0,
  1.5,
  2,
  3.5,
  5.5,
  6,
  6.5,
  9,
  10.5,
  23.5,
  47.5,
  48,
  57.5,
  151.5,
  228.5,
);
const pointArb = fc.oneof(
  { weight: 3, arbitrary: plausiblePoint },
  { weight: 1, arbitrary: hostileNumber },
);
const priceArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(-240, -120, -110, -105, 100, 105, 120, 210) },
  { weight: 1, arbitrary: hostileNumber },
);

const instant = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .integer({ min: KICKOFF_MS - 3 * HOUR, max: KICKOFF_MS + HOUR / 6 })
      .map((ms) => new Date(ms).toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'yesterday', '2023-12-10T21:00:00', '2023-13-45T99:99:99Z'),
  },
);

/** pointB mirrors pointA the way a real book would (same total / negated handicap), or not. */
const quoteArb: fc.Arbitrary<MarketQuote> = fc
  .record({
    bookmaker: fc.constantFrom('dk', 'fd', 'mgm', 'czr', 'pinny'),
    market: fc.constantFrom(...ALL_MARKETS),
    lineKey: fc.constantFrom('', 'home', 'away', '47.5'),
    pointA: pointArb,
    pointMode: fc.constantFrom('same', 'negated', 'independent'),
    pointB: pointArb,
    priceA: priceArb,
    priceB: priceArb,
    lastUpdate: instant,
  })
  .map(({ pointMode, pointA, pointB, ...rest }) => ({
    ...rest,
    gameId: GAME_ID,
    pointA,
    pointB:
      pointMode === 'same' ? pointA : pointMode === 'negated' && pointA !== null ? -pointA : pointB,
  }));

const inputArb: fc.Arbitrary<VerifyInput> = fc.record({
  game: fc.record({
    gameId: fc.constant(GAME_ID),
    sport: fc.constantFrom(...SPORTS),
    commenceTime: fc.oneof(
      { weight: 9, arbitrary: fc.constant(new Date(KICKOFF_MS).toISOString()) },
      { weight: 1, arbitrary: fc.constant('TBD') },
    ),
  }),
  quotes: fc.array(quoteArb, { maxLength: 25 }),
  asOf: fc
    .integer({ min: KICKOFF_MS - 2 * HOUR, max: KICKOFF_MS + HOUR })
    .map((ms) => new Date(ms).toISOString()),
  live: fc.boolean(),
  requestedMarkets: fc.subarray([...ALL_MARKETS]),
  enabled: fc.boolean(),
});

/** Mostly valid NBA totals from several books: exercises staleness, outliers and disagreement. */
const plausibleNbaInput: fc.Arbitrary<VerifyInput> = fc
  .array(
    fc.record({
      bookmaker: fc.constantFrom('dk', 'fd', 'mgm', 'czr', 'pinny', 'bol', 'b365'),
      point: fc.integer({ min: 440, max: 470 }).map((n) => n / 2),
      priceA: fc.option(fc.integer({ min: -130, max: -100 }), { freq: 5 }),
      priceB: fc.option(fc.constantFrom(-120, -110, -105, 100, 105), { freq: 5 }),
      ageMinutes: fc.integer({ min: -5, max: 90 }),
    }),
    { minLength: 1, maxLength: 8 },
  )
  .chain((books) =>
    fc.record({
      game: fc.constant({
        gameId: GAME_ID,
        sport: 'nba' as const,
        commenceTime: new Date(KICKOFF_MS).toISOString(),
      }),
      quotes: fc.constant(
        books.map((b): MarketQuote => ({
          gameId: GAME_ID,
          bookmaker: b.bookmaker,
          market: 'totals',
          lineKey: '',
          pointA: b.point,
          pointB: b.point,
          priceA: b.priceA,
          priceB: b.priceB,
          lastUpdate: new Date(KICKOFF_MS - HOUR - b.ageMinutes * 60_000).toISOString(),
        })),
      ),
      asOf: fc.constant(new Date(KICKOFF_MS - HOUR).toISOString()),
      live: fc.constant(true),
      requestedMarkets: fc.constant<MarketKey[]>(['totals']),
      enabled: fc.constant(true),
    }),
  );

function checkVerdict(v: MarketVerdict): void {
  expect(v.ok).toBe(v.reasons.length === 0);
  expect([...v.reasons].sort()).toEqual(v.reasons);
  expect(new Set(v.reasons).size).toBe(v.reasons.length);
  for (const r of v.reasons) expect(BLOCK_REASONS).toContain(r);
  expect([...new Set(v.notes)].sort()).toEqual(v.notes);
  if (v.ok) {
    // An ok verdict is always priceable.
    expect(Number.isFinite(v.priceA)).toBe(true);
    expect(Number.isFinite(v.priceB)).toBe(true);
    if (v.market !== 'h2h') expect(Number.isFinite(v.consensusPoint)).toBe(true);
    expect(v.books).toBeGreaterThan(0);
  }
  if (v.noVigA !== null || v.noVigB !== null) {
    expect(v.noVigA).toBeGreaterThanOrEqual(0);
    expect(v.noVigA).toBeLessThanOrEqual(1);
    expect((v.noVigA ?? Number.NaN) + (v.noVigB ?? Number.NaN)).toBeCloseTo(1, 12);
  }
  if (v.consensusPoint !== null) expect(Number.isFinite(v.consensusPoint)).toBe(true);
  expect(JSON.parse(JSON.stringify(v))).toEqual(v); // JSON-safe (crosses activity boundaries)
}

describe('verifyGameLines properties', () => {
  it('random quotes never throw; every verdict is ok xor has ≥ 1 reason', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const out = verifyGameLines(input);
        out.forEach(checkVerdict);
        // Every requested market gets at least one verdict, and nothing else does.
        expect([...new Set(out.map((v) => v.market))].sort()).toEqual(
          [...new Set(input.requestedMarkets)].sort(),
        );
        const keys = out.map((v) => `${v.market}\u0000${v.lineKey}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(keys);
      }),
      { numRuns: 500 },
    );
  });

  it('deterministic and independent of quote order', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 25, maxLength: 25 }),
        (input, keys) => {
          // Permute by random sort keys (fast-check shrinks these, unlike Math.random).
          const shuffled = input.quotes
            .map((q, i) => [keys[i] ?? 0, q] as const)
            .sort((x, y) => x[0] - y[0])
            .map(([, q]) => q);
          expect(verifyGameLines({ ...input, quotes: shuffled })).toEqual(verifyGameLines(input));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('plausible multi-book totals: consensus lies within the books used, within tolerance when ok', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(plausibleNbaInput, (input) => {
        const [v] = verifyGameLines(input);
        expect(v).toBeDefined();
        if (v === undefined) return;
        checkVerdict(v);
        seen.add(v.ok ? 'ok' : v.reasons.join('+'));
        for (const n of v.notes) seen.add(n.split(':')[0] ?? n);
        const points = input.quotes.map((q) => q.pointA as number);
        if (v.consensusPoint !== null) {
          expect(v.consensusPoint).toBeGreaterThanOrEqual(Math.min(...points));
          expect(v.consensusPoint).toBeLessThanOrEqual(Math.max(...points));
        }
        expect(v.books).toBeLessThanOrEqual(new Set(input.quotes.map((q) => q.bookmaker)).size);
      }),
      { numRuns: 500 },
    );
    // The generator really reaches every branch it is meant to exercise.
    for (const branch of [
      'ok',
      'STALE_LINE',
      'MARKET_DISAGREEMENT',
      'OUTLIER_BOOK_DROPPED',
      'STALE_BOOK_DROPPED',
      'ASSUMED_PRICE',
    ]) {
      expect(seen).toContain(branch);
    }
  });

  it('with integrity disabled only "no usable line" reasons block', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const v of verifyGameLines({ ...input, enabled: false })) {
          expect(v.notes).toContain('INTEGRITY_DISABLED');
          for (const r of v.reasons)
            expect(['INVALID_LINE', 'INVALID_PAYLOAD', 'MISSING_LINE', 'NO_MARKET']).toContain(r);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('noVigProbabilities properties', () => {
  const price = fc.oneof(
    fc.integer({ min: 100, max: 10000 }),
    fc.integer({ min: -10000, max: -100 }),
    fc.double({ min: 100, max: 10000, noNaN: true }),
  );

  it('each in [0, 1], summing to 1, symmetric', () => {
    fc.assert(
      fc.property(price, price, (a, b) => {
        const [pa, pb] = noVigProbabilities(a, b);
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
        expect(pb).toBeGreaterThanOrEqual(0);
        expect(pb).toBeLessThanOrEqual(1);
        expect(pa + pb).toBeCloseTo(1, 14);
        expect(noVigProbabilities(b, a)[0]).toBeCloseTo(pb, 12);
      }),
      { numRuns: 1000 },
    );
  });
});
