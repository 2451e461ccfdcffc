/**
 * Shared odds payloads of the normalisation tests: a real-looking NFL event in the API's own
 * team naming and a variant carrying derivative markets (1H, alternate and team totals).
 */
export const FETCHED_AT = '2023-12-10T17:55:00.000Z';

/** A real-looking event in the API's own team naming (full names). */
export function chiefsBills(): Record<string, unknown> {
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

export function derivatives(): Record<string, unknown> {
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
