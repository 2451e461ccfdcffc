import { describe, expect, it } from 'vitest';
import {
  InvalidPayloadError,
  normalizeEventOddsPayload,
  normalizeOddsPayload,
  parseEventMarkets,
} from '../../../core/odds-api';

const FETCHED_AT = '2023-12-10T17:55:00.000Z';

/** A real-looking event in the API's own team naming (full names). */
function chiefsBills(): Record<string, unknown> {
  return {
    id: 'e1f3c0b7a9d24c55b1f0a2b3c4d5e6f7',
    sport_key: 'americanfootball_nfl',
    sport_title: 'NFL',
    commence_time: '2023-12-10T21:25:00Z',
    home_team: 'Kansas City Chiefs',
    away_team: 'Buffalo Bills',
    bookmakers: [
      {
        key: 'draftkings',
        title: 'DraftKings',
        last_update: '2023-12-10T21:10:00Z',
        markets: [
          {
            key: 'h2h',
            last_update: '2023-12-10T21:09:00Z',
            outcomes: [
              { name: 'Buffalo Bills', price: 105 },
              { name: 'Kansas City Chiefs', price: -125 },
            ],
          },
          {
            key: 'spreads',
            outcomes: [
              // Away listed first on purpose: sides come from names, not order.
              { name: 'Buffalo Bills', price: -110, point: 2 },
              { name: 'Kansas City Chiefs', price: -110, point: -2 },
            ],
          },
          {
            key: 'totals',
            last_update: '2023-12-10T21:08:00Z',
            outcomes: [
              { name: 'Under', price: -105, point: 49.5 },
              { name: 'Over', price: -115, point: 49.5 },
            ],
          },
          {
            key: 'player_pass_tds',
            outcomes: [{ name: 'Over', description: 'Patrick Mahomes', price: 120, point: 1.5 }],
          },
        ],
      },
      {
        key: 'fanduel',
        title: 'FanDuel',
        last_update: '2023-12-10T21:05:00Z',
        markets: [
          {
            key: 'totals',
            outcomes: [
              { name: 'Over', price: -110, point: 49 },
              { name: 'Under', price: -110, point: 49 },
            ],
          },
        ],
      },
    ],
  };
}

function derivatives(): Record<string, unknown> {
  const event = chiefsBills();
  event.bookmakers = [
    {
      key: 'draftkings',
      last_update: '2023-12-10T21:10:00Z',
      markets: [
        {
          key: 'totals_h1',
          outcomes: [
            { name: 'Over', price: -112, point: 24.5 },
            { name: 'Under', price: -108, point: 24.5 },
          ],
        },
        {
          key: 'alternate_totals',
          outcomes: [
            { name: 'Over', price: 150, point: 52.5 },
            { name: 'Under', price: -180, point: 52.5 },
            { name: 'Over', price: -150, point: 46.5 },
            { name: 'Under', price: 125, point: 46.5 },
          ],
        },
        {
          key: 'team_totals',
          outcomes: [
            { name: 'Over', description: 'Kansas City Chiefs', price: -115, point: 26.5 },
            { name: 'Under', description: 'Kansas City Chiefs', price: -105, point: 26.5 },
            { name: 'Over', description: 'Buffalo Bills', price: -110, point: 23.5 },
            { name: 'Under', description: 'Buffalo Bills', price: -110, point: 23.5 },
          ],
        },
      ],
    },
  ];
  return event;
}

describe('normalizeOddsPayload: valid events', () => {
  it('maps the game and the featured markets onto sides a/b', () => {
    const result = normalizeOddsPayload('nfl', [chiefsBills()], { fetchedAt: FETCHED_AT });
    expect(result.quarantined).toEqual([]);
    expect(result.fetchedAt).toBe(FETCHED_AT);
    const [event] = result.events;
    expect(event!.eventId).toBe('e1f3c0b7a9d24c55b1f0a2b3c4d5e6f7');
    expect(event!.game).toEqual({
      gameId: 'nfl:2023:2023-12-10:BUF@KC',
      sport: 'nfl',
      season: 2023,
      gameDate: '2023-12-10',
      commenceTime: '2023-12-10T21:25:00.000Z',
      homeTeam: 'KC',
      awayTeam: 'BUF',
      neutralSite: false,
      homeScore: null,
      awayScore: null,
      homePeriods: null,
      awayPeriods: null,
      overtime: null,
      meta: { oddsApiId: 'e1f3c0b7a9d24c55b1f0a2b3c4d5e6f7' },
    });
    expect(event!.marketsListed).toEqual(['h2h', 'player_pass_tds', 'spreads', 'totals']);
    const gameId = event!.game.gameId;
    expect(event!.quotes).toEqual([
      {
        gameId,
        bookmaker: 'draftkings',
        market: 'h2h',
        lineKey: '',
        pointA: null,
        priceA: -125, // home
        pointB: null,
        priceB: 105, // away
        lastUpdate: '2023-12-10T21:09:00.000Z', // the market's own last_update
      },
      {
        gameId,
        bookmaker: 'draftkings',
        market: 'spreads',
        lineKey: '',
        pointA: -2, // home favoured by 2
        priceA: -110,
        pointB: 2,
        priceB: -110,
        lastUpdate: '2023-12-10T21:10:00.000Z', // falls back to the bookmaker's
      },
      {
        gameId,
        bookmaker: 'draftkings',
        market: 'totals',
        lineKey: '',
        pointA: 49.5, // Over
        priceA: -115,
        pointB: 49.5, // Under
        priceB: -105,
        lastUpdate: '2023-12-10T21:08:00.000Z',
      },
      {
        gameId,
        bookmaker: 'fanduel',
        market: 'totals',
        lineKey: '',
        pointA: 49,
        priceA: -110,
        pointB: 49,
        priceB: -110,
        lastUpdate: '2023-12-10T21:05:00.000Z',
      },
    ]);
  });

  it('maps 1H totals, alternate totals per point and team totals per team', () => {
    const { events, quarantined } = normalizeOddsPayload('nfl', [derivatives()], {
      fetchedAt: FETCHED_AT,
    });
    expect(quarantined).toEqual([]);
    const rows = events[0]!.quotes.map((q) => [
      q.market,
      q.lineKey,
      q.pointA,
      q.priceA,
      q.pointB,
      q.priceB,
    ]);
    expect(rows).toEqual([
      ['totals_h1', '', 24.5, -112, 24.5, -108],
      ['alternate_totals', '52.5', 52.5, 150, 52.5, -180],
      ['alternate_totals', '46.5', 46.5, -150, 46.5, 125],
      ['team_totals', 'home:26.5', 26.5, -115, 26.5, -105],
      ['team_totals', 'away:23.5', 23.5, -110, 23.5, -110],
    ]);
  });

  it('keeps a one-sided market with the missing side null, and a null price (history extension)', () => {
    const event = chiefsBills();
    event.bookmakers = [
      {
        key: 'closing',
        last_update: '2023-12-10T21:15:00Z',
        markets: [{ key: 'totals', outcomes: [{ name: 'Over', price: null, point: 49.5 }] }],
      },
    ];
    const { events } = normalizeOddsPayload('nfl', [event], { fetchedAt: FETCHED_AT });
    expect(events[0]!.quotes[0]).toMatchObject({
      pointA: 49.5,
      priceA: null,
      pointB: null,
      priceB: null,
    });
  });

  it('numbers doubleheaders in payload order and honours known event → game ids', () => {
    const first = {
      ...chiefsBills(),
      id: 'a',
      commence_time: '2023-12-10T17:00:00Z',
      bookmakers: [],
    };
    const second = {
      ...chiefsBills(),
      id: 'b',
      commence_time: '2023-12-10T21:00:00Z',
      bookmakers: [],
    };
    const both = normalizeOddsPayload('nfl', [first, second], { fetchedAt: FETCHED_AT });
    expect(both.events.map((e) => e.game.gameId)).toEqual([
      'nfl:2023:2023-12-10:BUF@KC',
      'nfl:2023:2023-12-10:BUF@KC#2',
    ]);
    const single = normalizeEventOddsPayload('nfl', second, {
      fetchedAt: FETCHED_AT,
      gameIdByEventId: { b: both.events[1]!.game.gameId },
    });
    expect(single.events[0]!.game.gameId).toBe('nfl:2023:2023-12-10:BUF@KC#2');
  });

  it('accepts an empty payload and an event with no bookmakers', () => {
    expect(normalizeOddsPayload('nfl', [], { fetchedAt: FETCHED_AT })).toMatchObject({
      events: [],
      quarantined: [],
    });
    const { events } = normalizeOddsPayload('nfl', [{ ...chiefsBills(), bookmakers: [] }], {
      fetchedAt: FETCHED_AT,
    });
    expect(events[0]!.quotes).toEqual([]);
  });
});

describe('normalizeOddsPayload: malformed events are quarantined, the rest go on', () => {
  const cases: [string, (e: Record<string, unknown>) => unknown, RegExp][] = [
    ['missing home_team', (e) => ({ ...e, home_team: undefined }), /^home_team: Required$/],
    [
      'price as a string',
      (e) => {
        const books = e.bookmakers as { markets: { outcomes: { price: unknown }[] }[] }[];
        books[0]!.markets[2]!.outcomes[1]!.price = '-115';
        return e;
      },
      /^bookmakers\[0\]\.markets\[2\]\.outcomes\[1\]\.price: Expected number, received string$/,
    ],
    [
      'bad commence_time',
      (e) => ({ ...e, commence_time: 'Sunday' }),
      /^commence_time: expected an ISO-8601 instant$/,
    ],
    ['blank team', (e) => ({ ...e, away_team: '  ' }), /^away_team: must not be blank$/],
    [
      'same teams',
      (e) => ({ ...e, away_team: 'kansas city chiefs' }),
      /home_team and away_team are the same team/,
    ],
    [
      'wrong sport',
      (e) => ({ ...e, sport_key: 'basketball_nba' }),
      /^sport_key: expected "americanfootball_nfl", got "basketball_nba"$/,
    ],
    [
      'unknown spread side',
      (e) => {
        const books = e.bookmakers as { markets: { outcomes: { name: string }[] }[] }[];
        books[0]!.markets[1]!.outcomes[0]!.name = 'Draw';
        return e;
      },
      /^bookmakers\[0\]\.markets\[1\]\.outcomes\[0\]\.name: "Draw" is neither home_team nor away_team$/,
    ],
    [
      'totals without point',
      (e) => {
        const books = e.bookmakers as { markets: { outcomes: { point?: number }[] }[] }[];
        delete books[1]!.markets[0]!.outcomes[0]!.point;
        return e;
      },
      /^bookmakers\[1\]\.markets\[0\]\.outcomes\[0\]\.point: required for totals$/,
    ],
    [
      'two Overs',
      (e) => {
        const books = e.bookmakers as { markets: { outcomes: { name: string }[] }[] }[];
        books[1]!.markets[0]!.outcomes[1]!.name = 'Over';
        return e;
      },
      /^bookmakers\[1\]\.markets\[0\]\.outcomes\[1\]: second "Over" outcome \(ambiguous\)/,
    ],
    [
      'the same book twice',
      (e) => {
        const books = e.bookmakers as { key: string }[];
        books[1]!.key = 'draftkings';
        return e;
      },
      /^bookmakers\[1\]\.markets\[0\]: second totals market for bookmaker "draftkings" \(ambiguous\)$/,
    ],
    ['not an object', () => 'event', /^\(event\): Expected object, received string$/],
    ['null', () => null, /^\(event\): Expected object, received null$/],
  ];

  it.each(cases)('%s', (_name, corrupt, reason) => {
    const good = {
      ...chiefsBills(),
      id: 'good',
      home_team: 'Dallas Cowboys',
      away_team: 'Philadelphia Eagles',
      bookmakers: [],
    };
    const bad = corrupt(chiefsBills());
    const result = normalizeOddsPayload('nfl', [good, bad], { fetchedAt: FETCHED_AT });
    expect(result.events.map((e) => e.eventId)).toEqual(['good']);
    expect(result.quarantined).toHaveLength(1);
    const [q] = result.quarantined;
    expect(q!.index).toBe(1);
    expect(q!.reason).toMatch(reason);
  });

  it('names the game of a quarantined event when its identity fields are intact', () => {
    const event = chiefsBills();
    (
      event.bookmakers as { markets: { outcomes: { price: unknown }[] }[] }[]
    )[0]!.markets[0]!.outcomes[0]!.price = 'x';
    const { quarantined } = normalizeOddsPayload('nfl', [event], { fetchedAt: FETCHED_AT });
    expect(quarantined[0]).toMatchObject({
      eventId: 'e1f3c0b7a9d24c55b1f0a2b3c4d5e6f7',
      gameId: 'nfl:2023:2023-12-10:BUF@KC',
      index: 0,
    });
  });

  it('quarantines a duplicate event id', () => {
    const { events, quarantined } = normalizeOddsPayload('nfl', [chiefsBills(), chiefsBills()], {
      fetchedAt: FETCHED_AT,
    });
    expect(events).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({ index: 1, reason: 'id: duplicate event id in payload' });
  });

  it('lists at most five problems and counts the rest', () => {
    const event = chiefsBills();
    for (const book of event.bookmakers as { markets: { outcomes: { price: unknown }[] }[] }[]) {
      for (const market of book.markets) for (const o of market.outcomes) o.price = 'x';
    }
    const { quarantined } = normalizeOddsPayload('nfl', [event], { fetchedAt: FETCHED_AT });
    expect(quarantined[0]!.reason.split('; ')).toHaveLength(6);
    expect(quarantined[0]!.reason).toMatch(/\(\+4 more\)$/);
  });

  it('throws a typed error for a top level that is not an array', () => {
    for (const payload of [{ message: 'x' }, null, 'text', 42]) {
      expect(() => normalizeOddsPayload('nfl', payload, { fetchedAt: FETCHED_AT })).toThrow(
        InvalidPayloadError,
      );
    }
    expect(() =>
      normalizeEventOddsPayload('nfl', [chiefsBills()], { fetchedAt: FETCHED_AT }),
    ).toThrow(/expected one event object, got an array/);
  });
});

describe('parseEventMarkets', () => {
  it('lists distinct market keys over all bookmakers', () => {
    const body = {
      id: 'ev',
      sport_key: 'americanfootball_nfl',
      commence_time: '2023-12-10T21:25:00Z',
      home_team: 'KC',
      away_team: 'BUF',
      bookmakers: [
        {
          key: 'a',
          markets: [
            { key: 'totals_h1', last_update: '2023-12-10T21:00:00Z' },
            { key: 'team_totals' },
          ],
        },
        { key: 'b', markets: [{ key: 'totals_h1' }] },
      ],
    };
    expect(parseEventMarkets(body)).toEqual({
      eventId: 'ev',
      marketKeys: ['team_totals', 'totals_h1'],
      bookmakers: [
        { key: 'a', markets: ['totals_h1', 'team_totals'] },
        { key: 'b', markets: ['totals_h1'] },
      ],
    });
    expect(() => parseEventMarkets({ ...body, bookmakers: 'none' })).toThrow(
      /bookmakers: Expected array, received string/,
    );
    expect(() => parseEventMarkets([])).toThrow(InvalidPayloadError);
  });
});
