/**
 * normalizeOddsPayload on well-formed events: the game, featured and derivative markets mapped
 * onto sides a/b, one-sided markets, doubleheaders and empty payloads.
 */
import { describe, expect, it } from 'vitest';
import { normalizeEventOddsPayload, normalizeOddsPayload } from '../../../core/odds-api';
import { FETCHED_AT, chiefsBills, derivatives } from './normalize-odds-fixtures';

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
