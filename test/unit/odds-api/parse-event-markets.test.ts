/**
 * parseEventMarkets: the distinct market keys an event's bookmakers list.
 */
import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, parseEventMarkets } from '../../../core/odds-api';

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
