/**
 * SPEC R2 + R2b: verify lines. One realistic game per reason code, realistic games that must
 * pass, and the consensus / price / flag rules.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTEGRITY_CONFIG,
  IntegrityInputError,
  verifyGameLines,
  type MarketVerdict,
  type VerifyInput,
} from '../../core/integrity';
import type { MarketKey, Sport } from '../../core/sports';
import type { MarketQuote } from '../../core/types';

interface GameFixture {
  readonly gameId: string;
  readonly sport: Sport;
  readonly commenceTime: string;
}

/** Quote with sensible defaults; `lastUpdate` defaults to 25 minutes before kickoff (5 min before the live asOf). */
function quote(
  game: GameFixture,
  over: Partial<MarketQuote> & Pick<MarketQuote, 'bookmaker' | 'market'>,
): MarketQuote {
  return {
    gameId: game.gameId,
    lineKey: '',
    pointA: null,
    priceA: null,
    pointB: null,
    priceB: null,
    lastUpdate: minutesBefore(game.commenceTime, 25),
    ...over,
  };
}

/** Totals quote (a = over, b = under). */
function total(
  game: GameFixture,
  bookmaker: string,
  point: number,
  priceA: number | null = -110,
  priceB: number | null = -110,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, {
    bookmaker,
    market: 'totals',
    pointA: point,
    pointB: point,
    priceA,
    priceB,
    ...extra,
  });
}

/** Spreads quote, home handicap `homePoint` (−3.5 = home favoured by 3.5). */
function spread(
  game: GameFixture,
  bookmaker: string,
  homePoint: number,
  priceA: number | null = -110,
  priceB: number | null = -110,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, {
    bookmaker,
    market: 'spreads',
    pointA: homePoint,
    pointB: -homePoint,
    priceA,
    priceB,
    ...extra,
  });
}

/** Moneyline quote (a = home, b = away). */
function moneyline(
  game: GameFixture,
  bookmaker: string,
  home: number | null,
  away: number | null,
  extra: Partial<MarketQuote> = {},
): MarketQuote {
  return quote(game, { bookmaker, market: 'h2h', priceA: home, priceB: away, ...extra });
}

function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}

function minutesAfter(iso: string, minutes: number): string {
  return minutesBefore(iso, -minutes);
}

/** A live run 20 minutes before kickoff, integrity on. */
function liveInput(
  game: GameFixture,
  quotes: readonly MarketQuote[],
  requestedMarkets: readonly MarketKey[],
  over: Partial<VerifyInput> = {},
): VerifyInput {
  return {
    game,
    quotes,
    asOf: minutesBefore(game.commenceTime, 20),
    live: true,
    requestedMarkets,
    enabled: true,
    ...over,
  };
}

const NFL_GAME: GameFixture = {
  gameId: 'nfl:2023:2023-12-10:KC@BUF',
  sport: 'nfl',
  commenceTime: '2023-12-10T21:25:00.000Z',
};
const NBA_GAME: GameFixture = {
  gameId: 'nba:2023:2024-01-23:LAL@BOS',
  sport: 'nba',
  commenceTime: '2024-01-24T00:30:00.000Z',
};
const MLB_GAME: GameFixture = {
  gameId: 'mlb:2023:2023-07-14:NYY@BOS',
  sport: 'mlb',
  commenceTime: '2023-07-14T23:10:00.000Z',
};
const NHL_GAME: GameFixture = {
  gameId: 'nhl:2023:2023-11-11:MTL@TOR',
  sport: 'nhl',
  commenceTime: '2023-11-12T00:00:00.000Z',
};
const NCAAF_GAME: GameFixture = {
  gameId: 'ncaaf:2023:2023-11-25:MICH@OSU',
  sport: 'ncaaf',
  commenceTime: '2023-11-25T17:00:00.000Z',
};
const NCAAB_GAME: GameFixture = {
  gameId: 'ncaab:2023:2024-02-03:DUKE@UNC',
  sport: 'ncaab',
  commenceTime: '2024-02-03T23:30:00.000Z',
};

function only(verdicts: readonly MarketVerdict[], market: MarketKey, lineKey = ''): MarketVerdict {
  const found = verdicts.filter((v) => v.market === market && v.lineKey === lineKey);
  expect(found).toHaveLength(1);
  return found[0] as MarketVerdict;
}

function expectOk(v: MarketVerdict): void {
  expect(v.reasons, v.detail.join('\n')).toEqual([]);
  expect(v.ok).toBe(true);
}

const BOOKS = ['draftkings', 'fanduel', 'betmgm', 'caesars'] as const;

describe('valid games pass (realistic closing-day lines)', () => {
  it('NFL KC@BUF: totals 48.5 / BUF -2.5 / moneyline, four books', () => {
    const g = NFL_GAME;
    const quotes = [
      total(g, 'draftkings', 48.5, -110, -110),
      total(g, 'fanduel', 48.5, -108, -112),
      total(g, 'betmgm', 48, -115, -105),
      total(g, 'caesars', 48.5, -110, -110),
      spread(g, 'draftkings', -2.5, -115, -105),
      spread(g, 'fanduel', -2.5, -112, -108),
      spread(g, 'betmgm', -3, -105, -115),
      spread(g, 'caesars', -2.5, -110, -110),
      moneyline(g, 'draftkings', -142, 120),
      moneyline(g, 'fanduel', -144, 122),
      moneyline(g, 'betmgm', -140, 118),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['totals', 'spreads', 'h2h']));
    expect(out.map((v) => v.market)).toEqual(['h2h', 'spreads', 'totals']);
    out.forEach(expectOk);
    const t = only(out, 'totals');
    expect(t.consensusPoint).toBe(48.5); // median of 48, 48.5, 48.5, 48.5
    expect(t.books).toBe(4);
    expect(t.notes).toEqual([]);
    expect(t.noVigA! + t.noVigB!).toBeCloseTo(1, 12);
    const s = only(out, 'spreads');
    expect(s.consensusPoint).toBe(-2.5);
    const ml = only(out, 'h2h');
    expect(ml.consensusPoint).toBeNull();
    expect(ml.priceA).toBe(-142);
    expect(ml.priceB).toBe(120);
    expect(ml.noVigA!).toBeGreaterThan(0.5); // BUF favoured at home
    expect(ml.books).toBe(3);
  });

  it('NBA LAL@BOS: total 228.5, BOS -7.5', () => {
    const g = NBA_GAME;
    const quotes = BOOKS.flatMap((b, i) => [
      total(g, b, i === 3 ? 229 : 228.5, -110, -110),
      spread(g, b, -7.5, -110, -110),
    ]);
    const out = verifyGameLines(liveInput(g, quotes, ['spreads', 'totals']));
    out.forEach(expectOk);
    expect(only(out, 'totals').consensusPoint).toBe(228.5);
    expect(only(out, 'spreads').consensusPoint).toBe(-7.5);
  });

  it('MLB NYY@BOS: total 9 (-116/-104), run line BOS -1.5 (+140/-160), moneyline -117/+103', () => {
    const g = MLB_GAME;
    const quotes = [
      total(g, 'draftkings', 9, -116, -104),
      total(g, 'fanduel', 9, -115, -105),
      total(g, 'betmgm', 9, -120, 100),
      spread(g, 'draftkings', -1.5, 140, -160),
      spread(g, 'fanduel', -1.5, 142, -166),
      moneyline(g, 'draftkings', -117, 103),
      moneyline(g, 'fanduel', -118, 100),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['h2h', 'spreads', 'totals']));
    out.forEach(expectOk);
    const t = only(out, 'totals');
    expect(t.consensusPoint).toBe(9);
    expect(t.priceA).toBe(-116);
    expect(t.priceB).toBe(-104);
    // Even count: average in decimal odds of +140 and +142 is 2.41 → +141.
    expect(only(out, 'spreads').priceA).toBe(141);
  });

  it('NHL MTL@TOR: total 6, puck line TOR -1.5 (+105/-125), moneyline -240/+210', () => {
    const g = NHL_GAME;
    const quotes = [
      total(g, 'draftkings', 6, -110, -110),
      total(g, 'fanduel', 6, -105, -115),
      total(g, 'betmgm', 6.5, 120, -140),
      spread(g, 'draftkings', -1.5, 105, -125),
      spread(g, 'fanduel', -1.5, 102, -122),
      moneyline(g, 'draftkings', -240, 210),
      moneyline(g, 'fanduel', -235, 195),
    ];
    const out = verifyGameLines(liveInput(g, quotes, ['h2h', 'spreads', 'totals']));
    out.forEach(expectOk);
    expect(only(out, 'totals').consensusPoint).toBe(6);
    expect(only(out, 'spreads').consensusPoint).toBe(-1.5);
  });

  it('NCAAF and NCAAB featured lines within their wider ranges', () => {
    const f = verifyGameLines(
      liveInput(
        NCAAF_GAME,
        [total(NCAAF_GAME, 'dk', 44.5), spread(NCAAF_GAME, 'dk', -3.5)],
        ['totals', 'spreads'],
      ),
    );
    f.forEach(expectOk);
    const b = verifyGameLines(
      liveInput(
        NCAAB_GAME,
        [total(NCAAB_GAME, 'dk', 151.5), spread(NCAAB_GAME, 'dk', 2)],
        ['totals', 'spreads'],
      ),
    );
    b.forEach(expectOk);
  });

  it("a pick'em spread (0 / 0) is valid and never reported as -0", () => {
    const v = only(
      verifyGameLines(
        liveInput(NFL_GAME, [spread(NFL_GAME, 'dk', 0), spread(NFL_GAME, 'fd', -0)], ['spreads']),
      ),
      'spreads',
    );
    expectOk(v);
    expect(Object.is(v.consensusPoint, 0)).toBe(true);
  });
});

describe('one game per reason code', () => {
  it('MISSING_LINE: NFL game with spreads but no book offering totals', () => {
    const g = NFL_GAME;
    const out = verifyGameLines(
      liveInput(g, [spread(g, 'draftkings', -2.5)], ['totals', 'spreads']),
    );
    const t = only(out, 'totals');
    expect(t.ok).toBe(false);
    expect(t.reasons).toEqual(['MISSING_LINE']);
    expect(t.consensusPoint).toBeNull();
    expect(t.priceA).toBeNull();
    expect(t.books).toBe(0);
    expect(t.detail).toEqual(['no bookmaker offers totals']);
    expectOk(only(out, 'spreads'));
  });

  it('STALE_LINE: NBA live run where every book last moved 2 hours before asOf', () => {
    const g = NBA_GAME;
    const old = minutesBefore(g.commenceTime, 140);
    const out = verifyGameLines(
      liveInput(
        g,
        [
          total(g, 'dk', 228.5, -110, -110, { lastUpdate: old }),
          total(g, 'fd', 228.5, -110, -110, { lastUpdate: old }),
        ],
        ['totals'],
      ),
    );
    const t = only(out, 'totals');
    expect(t.reasons).toEqual(['STALE_LINE']);
    expect(t.detail[0]).toMatch(/all 2 books older than 30 min/);
    // Consensus is still recorded for the audit row.
    expect(t.consensusPoint).toBe(228.5);
    expect(t.books).toBe(2);
  });

  it('INVALID_LINE: NFL total 84.5 (outside 28-65) at the only book', () => {
    const t = only(
      verifyGameLines(liveInput(NFL_GAME, [total(NFL_GAME, 'dk', 84.5)], ['totals'])),
      'totals',
    );
    expect(t.reasons).toEqual(['INVALID_LINE']);
    expect(t.detail).toContain('book dk: total 84.5 outside nfl plausible range 28-65');
    expect(t.notes).toEqual([]);
    expect(t.consensusPoint).toBeNull();
    expect(t.noVigA).toBeNull();
  });

  it('GAME_STARTED: live MLB run 10 minutes after first pitch', () => {
    const g = MLB_GAME;
    const input = liveInput(
      g,
      [total(g, 'dk', 8.5, -110, -110, { lastUpdate: g.commenceTime })],
      ['totals'],
      { asOf: minutesAfter(g.commenceTime, 10) },
    );
    const t = only(verifyGameLines(input), 'totals');
    expect(t.reasons).toEqual(['GAME_STARTED']);
    expect(t.detail[0]).toMatch(/game started at 2023-07-14T23:10:00.000Z/);
  });

  it('MARKET_DISAGREEMENT: NBA books at 224.5 and 228.5 (range 4 > tolerance 3)', () => {
    const g = NBA_GAME;
    const t = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 224.5), total(g, 'fd', 228.5)], ['totals'])),
      'totals',
    );
    expect(t.reasons).toEqual(['MARKET_DISAGREEMENT']);
    expect(t.detail).toEqual([
      "books' totals points range 224.5 to 228.5 (4) exceeds nba tolerance 3",
    ]);
    expect(t.consensusPoint).toBe(226.5);
  });

  it('NO_MARKET: NBA first-quarter total requested, no book quotes it', () => {
    const g = NBA_GAME;
    const t = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 228.5)], ['totals_q1'])),
      'totals_q1',
    );
    expect(t.reasons).toEqual(['NO_MARKET']);
    expect(t.consensusPoint).toBeNull();
  });

  it('INVALID_PAYLOAD: NHL game whose commenceTime is not an instant (never throws)', () => {
    const g = { ...NHL_GAME, commenceTime: 'tonight' };
    const t = only(
      verifyGameLines({
        game: g,
        quotes: [total(NHL_GAME, 'dk', 6)],
        asOf: '2023-11-11T23:00:00.000Z',
        live: true,
        requestedMarkets: ['totals'],
        enabled: true,
      }),
      'totals',
    );
    expect(t.reasons).toEqual(['INVALID_PAYLOAD']);
  });
});

describe('STALE_LINE rule: age measured at min(asOf, commenceTime), stale iff older than 30 min', () => {
  const g = NFL_GAME;
  const at = (lastUpdate: string, asOf: string, live: boolean): MarketVerdict =>
    only(
      verifyGameLines(
        liveInput(g, [total(g, 'dk', 47.5, -110, -110, { lastUpdate })], ['totals'], {
          asOf,
          live,
        }),
      ),
      'totals',
    );

  it('exactly 30 minutes old is fresh; one millisecond more is stale', () => {
    const asOf = minutesBefore(g.commenceTime, 60);
    expectOk(at(minutesBefore(asOf, 30), asOf, true));
    const justOver = new Date(Date.parse(asOf) - 30 * 60_000 - 1).toISOString();
    expect(at(justOver, asOf, true).reasons).toEqual(['STALE_LINE']);
  });

  it('history run: a closing line stamped at kickoff is fresh at any asOf >= kickoff', () => {
    for (const hours of [0, 3, 24 * 30]) {
      expectOk(at(g.commenceTime, minutesAfter(g.commenceTime, hours * 60), false));
    }
  });

  it('history run before kickoff: a closing line stamped later than asOf is fresh', () => {
    expectOk(at(g.commenceTime, minutesBefore(g.commenceTime, 240), false));
  });

  it('history run: a line 31 minutes older than kickoff is stale even with asOf far later', () => {
    expect(
      at(minutesBefore(g.commenceTime, 31), minutesAfter(g.commenceTime, 600), false).reasons,
    ).toEqual(['STALE_LINE']);
  });

  it('live run after kickoff: the closing line is GAME_STARTED, not STALE_LINE', () => {
    expect(at(g.commenceTime, minutesAfter(g.commenceTime, 180), true).reasons).toEqual([
      'GAME_STARTED',
    ]);
  });

  it('one stale book among fresh ones is dropped with a note', () => {
    const quotes = [
      total(g, 'dk', 47.5),
      total(g, 'fd', 47.5),
      total(g, 'oldbook', 51.5, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 300) }),
    ];
    const t = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(t);
    expect(t.notes).toEqual(['STALE_BOOK_DROPPED:oldbook']);
    expect(t.books).toBe(2);
    expect(t.consensusPoint).toBe(47.5);
  });

  it('maxLineAgeMinutes is configurable per sport', () => {
    const lastUpdate = minutesBefore(g.commenceTime, 80); // 60 min before the live asOf
    const input = liveInput(g, [total(g, 'dk', 47.5, -110, -110, { lastUpdate })], ['totals']);
    expect(only(verifyGameLines(input), 'totals').reasons).toEqual(['STALE_LINE']);
    expectOk(
      only(
        verifyGameLines(input, {
          ...DEFAULT_INTEGRITY_CONFIG,
          perSport: { nfl: { maxLineAgeMinutes: 90 } },
        }),
        'totals',
      ),
    );
  });
});

describe('INVALID_LINE per book', () => {
  const g = NFL_GAME;
  const cases: ReadonlyArray<[string, MarketQuote, RegExp]> = [
    ['total below range', total(g, 'x', 27.5), /outside nfl plausible range/],
    ['point off the half-point grid', total(g, 'x', 47.25), /not on the half-point grid/],
    [
      'over/under points differ',
      quote(g, {
        bookmaker: 'x',
        market: 'totals',
        pointA: 47.5,
        pointB: 48,
        priceA: -110,
        priceB: -110,
      }),
      /over\/under points differ \(47.5 vs 48\)/,
    ],
    [
      'over point missing',
      quote(g, {
        bookmaker: 'x',
        market: 'totals',
        pointA: null,
        pointB: 48,
        priceA: -110,
        priceB: -110,
      }),
      /must be finite/,
    ],
    ['NaN point', total(g, 'x', Number.NaN), /must be finite numbers \(NaN vs NaN\)/],
    ['Infinity point', total(g, 'x', Number.POSITIVE_INFINITY), /must be finite/],
    [
      'price with |price| < 100',
      total(g, 'x', 47.5, -95, -110),
      /over price -95 is not an American price/,
    ],
    [
      'price above 10000',
      total(g, 'x', 47.5, -110, 20000),
      /under price 20000 is not an American price/,
    ],
    ['NaN price', total(g, 'x', 47.5, Number.NaN, -110), /over price NaN/],
    [
      '-Infinity price',
      total(g, 'x', 47.5, -110, Number.NEGATIVE_INFINITY),
      /under price -Infinity/,
    ],
    ['spread beyond max', spread(g, 'x', -31.5), /spread -31.5 beyond nfl maximum ±30/],
    [
      'spread handicaps do not mirror',
      quote(g, {
        bookmaker: 'x',
        market: 'spreads',
        pointA: -3,
        pointB: 3.5,
        priceA: -110,
        priceB: -110,
      }),
      /do not mirror \(-3 vs 3.5\)/,
    ],
    ['spread off grid', spread(g, 'x', -2.75), /spread -2.75 is not on the half-point grid/],
    [
      'unparsable lastUpdate',
      total(g, 'x', 47.5, -110, -110, { lastUpdate: 'yesterday' }),
      /lastUpdate "yesterday" is not an ISO-8601 instant/,
    ],
    [
      'zone-less lastUpdate',
      total(g, 'x', 47.5, -110, -110, { lastUpdate: '2023-12-10T21:00:00' }),
      /not an ISO-8601 instant/,
    ],
    ['moneyline missing a side', moneyline(g, 'x', -142, null), /moneyline needs both prices/],
    ['moneyline price 50', moneyline(g, 'x', -142, 50), /away price 50/],
  ];

  it.each(cases)('%s: the only book → INVALID_LINE with detail', (_name, q, detail) => {
    const v = only(verifyGameLines(liveInput(g, [q], [q.market])), q.market);
    expect(v.ok).toBe(false);
    expect(v.reasons).toEqual(['INVALID_LINE']);
    expect(
      v.detail.some((d) => detail.test(d)),
      v.detail.join('\n'),
    ).toBe(true);
    expect(v.books).toBe(0);
  });

  it.each(cases)('%s: next to a valid book → dropped with a note, market ok', (_name, q) => {
    const good =
      q.market === 'totals'
        ? total(g, 'good', 47.5)
        : q.market === 'spreads'
          ? spread(g, 'good', -2.5)
          : moneyline(g, 'good', -142, 120);
    const v = only(verifyGameLines(liveInput(g, [q, good], [q.market])), q.market);
    expectOk(v);
    expect(v.notes).toEqual(['INVALID_BOOK_DROPPED:x']);
    expect(v.books).toBe(1);
  });

  it('derivative totals: 1H total only bounded by (0, full-game max]', () => {
    const ok = verifyGameLines(
      liveInput(
        g,
        [
          quote(g, {
            bookmaker: 'dk',
            market: 'totals_h1',
            pointA: 23.5,
            pointB: 23.5,
            priceA: -110,
            priceB: -110,
          }),
        ],
        ['totals_h1'],
      ),
    );
    expectOk(only(ok, 'totals_h1'));
    const bad = verifyGameLines(
      liveInput(
        g,
        [
          quote(g, {
            bookmaker: 'dk',
            market: 'totals_h1',
            pointA: 0,
            pointB: 0,
            priceA: -110,
            priceB: -110,
          }),
        ],
        ['totals_h1'],
      ),
    );
    expect(only(bad, 'totals_h1').reasons).toEqual(['INVALID_LINE']);
  });

  it('prices at the limits (±100, ±10000) are valid', () => {
    expectOk(
      only(verifyGameLines(liveInput(g, [moneyline(g, 'dk', -10000, 10000)], ['h2h'])), 'h2h'),
    );
    expectOk(
      only(verifyGameLines(liveInput(g, [total(g, 'dk', 47.5, 100, -100)], ['totals'])), 'totals'),
    );
  });
});

describe('GAME_STARTED', () => {
  const g = NHL_GAME;
  const q = [total(g, 'dk', 6, -110, -110, { lastUpdate: g.commenceTime })];

  it('applies at asOf == commenceTime in live runs', () => {
    expect(
      only(verifyGameLines(liveInput(g, q, ['totals'], { asOf: g.commenceTime })), 'totals')
        .reasons,
    ).toEqual(['GAME_STARTED']);
  });

  it('never applies to history runs', () => {
    expectOk(
      only(
        verifyGameLines(
          liveInput(g, q, ['totals'], { asOf: minutesAfter(g.commenceTime, 120), live: false }),
        ),
        'totals',
      ),
    );
  });

  it('accumulates with other reasons (sorted, unique)', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [], ['totals', 'totals_p1'], { asOf: minutesAfter(g.commenceTime, 1) }),
      ),
      'totals_p1',
    );
    expect(v.reasons).toEqual(['GAME_STARTED', 'NO_MARKET']);
  });
});

describe('outliers and disagreement', () => {
  const g = NFL_GAME;

  it('drops a lone book far from agreeing books (MAD = 0 uses the floor)', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 47.5),
      total(g, 'c', 47.5),
      total(g, 'd', 47.5),
      total(g, 'typo', 57.5),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.notes).toEqual(['OUTLIER_BOOK_DROPPED:typo']);
    expect(v.books).toBe(4);
    expect(v.consensusPoint).toBe(47.5);
    expect(v.detail).toContain('book typo: point 57.5 is 10 from median 47.5 (> 1)');
  });

  it('identical books plus a half-point mover: nothing is dropped', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 47.5),
      total(g, 'c', 47.5),
      total(g, 'd', 48.5),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.notes).toEqual([]);
    expect(v.books).toBe(4);
  });

  it('two books cannot outvote each other: no outlier, MARKET_DISAGREEMENT', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 44.5), total(g, 'b', 51.5)], ['totals'])),
      'totals',
    );
    expect(v.notes).toEqual([]);
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });

  it('widely scattered books (MAD large) are all kept and disagree', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 44), total(g, 'b', 47.5), total(g, 'c', 51)], ['totals']),
      ),
      'totals',
    );
    expect(v.notes).toEqual([]);
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });

  it('range equal to the tolerance still agrees', () => {
    expectOk(
      only(
        verifyGameLines(liveInput(g, [total(g, 'a', 46.5), total(g, 'b', 48.5)], ['totals'])),
        'totals',
      ),
    );
  });

  it('spreads use the home handicap', () => {
    const v = only(
      verifyGameLines(
        liveInput(
          g,
          [spread(g, 'a', -2.5), spread(g, 'b', -3), spread(g, 'c', -3), spread(g, 'd', 7)],
          ['spreads'],
        ),
      ),
      'spreads',
    );
    expect(v.notes).toEqual(['OUTLIER_BOOK_DROPPED:d']);
    expect(v.consensusPoint).toBe(-3);
    expectOk(v);
  });

  it('per-sport tolerance override', () => {
    const input = liveInput(g, [total(g, 'a', 46.5), total(g, 'b', 48.5)], ['totals']);
    const v = only(
      verifyGameLines(input, {
        ...DEFAULT_INTEGRITY_CONFIG,
        perSport: { nfl: { disagreementTolerance: 1 } },
      }),
      'totals',
    );
    expect(v.reasons).toEqual(['MARKET_DISAGREEMENT']);
  });
});

describe('consensus and prices', () => {
  const g = NFL_GAME;

  it('median of an even number of books averages the middle two', () => {
    const quotes = [
      total(g, 'a', 47, -105, -115),
      total(g, 'b', 48.5, -110, -110),
      total(g, 'c', 47.5, -110, -110),
      total(g, 'd', 48, -115, -105),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.consensusPoint).toBe(47.75);
    // Over prices in decimal: 1.952, 1.909, 1.909, 1.870 → middle two both −110.
    expect(v.priceA).toBe(-110);
    expect(v.priceB).toBe(-110);
  });

  it('even-count price median crosses ±100 through decimal odds (−105 & +105 → +100.12)', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 47.5, -105, -115), total(g, 'b', 47.5, 105, -125)], ['totals']),
      ),
      'totals',
    );
    // decimals 1.95238 and 2.05 → 2.00119 → +100.12 (an American average would give 0).
    expect(v.priceA).toBe(100.12);
  });

  it('ASSUMED_PRICE: no book priced the total → −110/−110 and no-vig 0.5/0.5', () => {
    const v = only(
      verifyGameLines(
        liveInput(
          g,
          [total(g, 'a', 47.5, null, null), total(g, 'b', 47.5, null, null)],
          ['totals'],
        ),
      ),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual(['ASSUMED_PRICE']);
    expect([v.priceA, v.priceB, v.noVigA, v.noVigB]).toEqual([-110, -110, 0.5, 0.5]);
    expect(v.consensusPoint).toBe(47.5);
  });

  it('one-sided prices are ignored (detail) and real prices of other books are used', () => {
    const v = only(
      verifyGameLines(
        liveInput(g, [total(g, 'a', 47.5, -120, null), total(g, 'b', 47.5, -120, 100)], ['totals']),
      ),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual([]);
    expect(v.detail).toContain('book a: only the over side is priced; prices ignored');
    expect([v.priceA, v.priceB]).toEqual([-120, 100]);
    expect(v.noVigA).toBeCloseTo(12 / 23, 12);
  });

  it('only one-sided prices anywhere → ASSUMED_PRICE', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 47.5, null, -130)], ['totals'])),
      'totals',
    );
    expect(v.notes).toEqual(['ASSUMED_PRICE']);
    expect(v.priceB).toBe(-110);
  });

  it('no-vig of the consensus prices sums to 1', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'a', 47.5, -125, 105)], ['totals'])),
      'totals',
    );
    expect(v.noVigA! + v.noVigB!).toBe(1);
  });
});

describe('R2b: derivative markets are never derived', () => {
  it('totals_h1 with only the full-game total present → NO_MARKET (not half of 48.5)', () => {
    const g = NFL_GAME;
    const out = verifyGameLines(
      liveInput(g, [total(g, 'dk', 48.5), total(g, 'fd', 48.5)], ['totals', 'totals_h1']),
    );
    expectOk(only(out, 'totals'));
    const h1 = only(out, 'totals_h1');
    expect(h1.ok).toBe(false);
    expect(h1.reasons).toEqual(['NO_MARKET']);
    expect(h1.consensusPoint).toBeNull();
    expect(h1.priceA).toBeNull();
    expect(h1.notes).toEqual([]);
  });

  it('a market the sport cannot price is NO_MARKET even when a book quotes it', () => {
    const g = NFL_GAME;
    const q = quote(g, {
      bookmaker: 'dk',
      market: 'totals_q1',
      pointA: 10.5,
      pointB: 10.5,
      priceA: -110,
      priceB: -110,
    });
    const v = only(verifyGameLines(liveInput(g, [q], ['totals_q1'])), 'totals_q1');
    expect(v.reasons).toEqual(['NO_MARKET']);
    expect(v.detail).toEqual(['nfl cannot price totals_q1 (not among its derivative markets)']);
  });

  it('a real NBA first-quarter line is priced', () => {
    const g = NBA_GAME;
    const q = quote(g, {
      bookmaker: 'dk',
      market: 'totals_q1',
      pointA: 57.5,
      pointB: 57.5,
      priceA: -110,
      priceB: -110,
    });
    const v = only(verifyGameLines(liveInput(g, [q], ['totals_q1'])), 'totals_q1');
    expectOk(v);
    expect(v.consensusPoint).toBe(57.5);
  });

  it('MLB first five innings and NHL first period need their own lines', () => {
    const mlb = verifyGameLines(
      liveInput(MLB_GAME, [total(MLB_GAME, 'dk', 9)], ['totals_1st_5_innings']),
    );
    expect(only(mlb, 'totals_1st_5_innings').reasons).toEqual(['NO_MARKET']);
    const nhl = verifyGameLines(liveInput(NHL_GAME, [total(NHL_GAME, 'dk', 6)], ['totals_p1']));
    expect(only(nhl, 'totals_p1').reasons).toEqual(['NO_MARKET']);
  });

  it('alternate_totals / team_totals: one verdict per lineKey, sorted by (market, lineKey)', () => {
    const g = NFL_GAME;
    const alt = (book: string, point: number): MarketQuote =>
      quote(g, {
        bookmaker: book,
        market: 'alternate_totals',
        lineKey: `${point}`,
        pointA: point,
        pointB: point,
        priceA: point > 48 ? 130 : -150,
        priceB: point > 48 ? -160 : 120,
      });
    const team = (book: string, side: string, point: number): MarketQuote =>
      quote(g, {
        bookmaker: book,
        market: 'team_totals',
        lineKey: side,
        pointA: point,
        pointB: point,
        priceA: -115,
        priceB: -105,
      });
    const quotes = [
      alt('dk', 51.5),
      alt('fd', 45.5),
      alt('dk', 45.5),
      team('dk', 'home', 25.5),
      team('fd', 'home', 25.5),
      team('dk', 'away', 23.5),
      total(g, 'dk', 48.5),
    ];
    const out = verifyGameLines(
      liveInput(g, quotes, ['team_totals', 'totals', 'alternate_totals', 'totals_h1']),
    );
    expect(out.map((v) => `${v.market}/${v.lineKey}`)).toEqual([
      'alternate_totals/45.5',
      'alternate_totals/51.5',
      'team_totals/away',
      'team_totals/home',
      'totals/',
      'totals_h1/',
    ]);
    expect(only(out, 'alternate_totals', '45.5').books).toBe(2);
    expect(only(out, 'team_totals', 'home').consensusPoint).toBe(25.5);
    expect(out.filter((v) => v.ok)).toHaveLength(5);
  });

  it('alternate_totals with no quotes at all → one NO_MARKET verdict with lineKey ""', () => {
    const out = verifyGameLines(liveInput(NFL_GAME, [], ['alternate_totals']));
    expect(out).toHaveLength(1);
    expect(out[0]?.lineKey).toBe('');
    expect(out[0]?.reasons).toEqual(['NO_MARKET']);
  });
});

describe('enabled = false (ENABLE_MARKET_INTEGRITY off)', () => {
  const g = NBA_GAME;

  it('quality checks stop blocking but are recorded as WOULD_BLOCK notes', () => {
    const old = minutesBefore(g.commenceTime, 300);
    const quotes = [
      total(g, 'dk', 224.5, -110, -110, { lastUpdate: old }),
      total(g, 'fd', 228.5, -110, -110, { lastUpdate: old }),
    ];
    const v = only(
      verifyGameLines(
        liveInput(g, quotes, ['totals'], { enabled: false, asOf: minutesAfter(g.commenceTime, 5) }),
      ),
      'totals',
    );
    expect(v.ok).toBe(true);
    expect(v.reasons).toEqual([]);
    expect(v.notes).toEqual([
      'INTEGRITY_DISABLED',
      'WOULD_BLOCK:GAME_STARTED',
      'WOULD_BLOCK:MARKET_DISAGREEMENT',
      'WOULD_BLOCK:STALE_LINE',
    ]);
    expect(v.consensusPoint).toBe(226.5);
    expect(v.noVigA).toBe(0.5);
  });

  it('a clean market just carries the INTEGRITY_DISABLED note', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 228.5)], ['totals'], { enabled: false })),
      'totals',
    );
    expectOk(v);
    expect(v.notes).toEqual(['INTEGRITY_DISABLED']);
  });

  it('with no line at all there is nothing to price: MISSING_LINE / NO_MARKET / INVALID_LINE still block', () => {
    const out = verifyGameLines(
      liveInput(g, [spread(g, 'dk', 99)], ['totals', 'totals_h1', 'spreads'], { enabled: false }),
    );
    expect(only(out, 'totals').reasons).toEqual(['MISSING_LINE']);
    expect(only(out, 'totals_h1').reasons).toEqual(['NO_MARKET']);
    expect(only(out, 'spreads').reasons).toEqual(['INVALID_LINE']);
    for (const v of out) expect(v.notes).toContain('INTEGRITY_DISABLED');
  });
});

describe('duplicates, determinism and input errors', () => {
  const g = NFL_GAME;

  it('a book quoted twice uses its latest quote', () => {
    const quotes = [
      total(g, 'dk', 47, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 40) }),
      total(g, 'dk', 48.5, -110, -110, { lastUpdate: minutesBefore(g.commenceTime, 21) }),
    ];
    const v = only(verifyGameLines(liveInput(g, quotes, ['totals'])), 'totals');
    expectOk(v);
    expect(v.consensusPoint).toBe(48.5);
    expect(v.books).toBe(1);
  });

  it('two different quotes from one book at the same instant make the book invalid', () => {
    const v = only(
      verifyGameLines(liveInput(g, [total(g, 'dk', 47), total(g, 'dk', 48.5)], ['totals'])),
      'totals',
    );
    expect(v.reasons).toEqual(['INVALID_LINE']);
    expect(v.detail[0]).toMatch(/conflicting quotes/);
  });

  it('output does not depend on quote or market order', () => {
    const quotes = [
      total(g, 'a', 47.5),
      total(g, 'b', 48, -105, -115),
      total(g, 'c', 55.5),
      spread(g, 'a', -2.5),
      moneyline(g, 'b', -140, 120),
      total(g, 'd', 47.5, -110, -110, { lastUpdate: 'bad' }),
    ];
    const forward = verifyGameLines(liveInput(g, quotes, ['totals', 'spreads', 'h2h']));
    const backward = verifyGameLines(
      liveInput(g, [...quotes].reverse(), ['h2h', 'spreads', 'totals', 'h2h']),
    );
    expect(backward).toEqual(forward);
  });

  it('quotes of markets not requested are ignored', () => {
    expect(
      verifyGameLines(liveInput(g, [total(g, 'dk', 300)], ['spreads'])).map((v) => v.market),
    ).toEqual(['spreads']);
  });

  it('throws IntegrityInputError for caller bugs only', () => {
    const base = liveInput(g, [total(g, 'dk', 47.5)], ['totals']);
    const bad: Array<[VerifyInput, string]> = [
      [{ ...base, game: { ...base.game, sport: 'cricket' as never } }, 'INVALID_SPORT'],
      [{ ...base, asOf: 'now' }, 'INVALID_AS_OF'],
      [{ ...base, requestedMarkets: ['player_props' as never] }, 'INVALID_MARKET'],
      [{ ...base, quotes: [{ ...total(g, 'dk', 47.5), gameId: 'nfl:other' }] }, 'GAME_ID_MISMATCH'],
    ];
    for (const [input, code] of bad) {
      expect(() => verifyGameLines(input)).toThrow(IntegrityInputError);
      expect(() => verifyGameLines(input)).toThrow(code);
    }
    expect(() =>
      verifyGameLines(base, { ...DEFAULT_INTEGRITY_CONFIG, outlierMadMultiplier: 0.5 }),
    ).toThrow(/INVALID_CONFIG/);
    expect(() =>
      verifyGameLines(base, { ...DEFAULT_INTEGRITY_CONFIG, maxLineAgeMinutes: Number.NaN }),
    ).toThrow(/INVALID_CONFIG/);
    expect(() =>
      verifyGameLines(base, {
        ...DEFAULT_INTEGRITY_CONFIG,
        perSport: { nfl: { disagreementTolerance: -1 } },
      }),
    ).toThrow(/INVALID_CONFIG/);
  });

  it('an empty request yields no verdicts', () => {
    expect(verifyGameLines(liveInput(g, [total(g, 'dk', 47.5)], []))).toEqual([]);
  });
});
