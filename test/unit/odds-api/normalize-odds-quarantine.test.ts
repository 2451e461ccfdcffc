/**
 * normalizeOddsPayload on malformed events: each is quarantined with its reason while the rest
 * go on; a top level that is not an array throws.
 */
import { describe, expect, it } from 'vitest';
import {
  InvalidPayloadError,
  normalizeEventOddsPayload,
  normalizeOddsPayload,
} from '../../../core/odds-api';
import { FETCHED_AT, chiefsBills } from './normalize-odds-fixtures';

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
