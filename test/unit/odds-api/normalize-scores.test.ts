import { describe, expect, it } from 'vitest';
import { InvalidPayloadError, normalizeScores } from '../../../core/odds-api';

function score(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'ev1',
    sport_key: 'americanfootball_nfl',
    sport_title: 'NFL',
    commence_time: '2023-12-10T21:25:00Z',
    completed: true,
    home_team: 'KC',
    away_team: 'BUF',
    scores: [
      { name: 'BUF', score: '20' },
      { name: 'KC', score: '17' },
    ],
    last_update: '2023-12-11T01:25:00Z',
    ...overrides,
  };
}

describe('normalizeScores', () => {
  it('keys completed games by game id with integer scores', () => {
    const result = normalizeScores('nfl', [
      score(),
      score({
        id: 'ev2',
        home_team: 'DAL',
        away_team: 'PHI',
        completed: false,
        scores: null,
        last_update: null,
      }),
    ]);
    expect(result.finals).toEqual({
      'nfl:2023:2023-12-10:BUF@KC': {
        gameId: 'nfl:2023:2023-12-10:BUF@KC',
        eventId: 'ev1',
        homeScore: 17,
        awayScore: 20,
        lastUpdate: '2023-12-11T01:25:00.000Z',
        commenceTime: '2023-12-10T21:25:00.000Z',
        homeTeam: 'KC',
        awayTeam: 'BUF',
      },
    });
    expect(result.pending).toEqual(['nfl:2023:2023-12-10:PHI@DAL']);
    expect(result.quarantined).toEqual([]);
  });

  it('accepts numeric scores and ignores partial scores of games in progress', () => {
    const result = normalizeScores('nfl', [
      score({
        scores: [
          { name: 'KC', score: 24 },
          { name: 'BUF', score: 0 },
        ],
      }),
      score({
        id: 'live',
        home_team: 'MIA',
        away_team: 'TEN',
        completed: false,
        scores: [{ name: 'MIA', score: '7' }],
      }),
    ]);
    expect(result.finals['nfl:2023:2023-12-10:BUF@KC']).toMatchObject({
      homeScore: 24,
      awayScore: 0,
    });
    expect(result.pending).toEqual(['nfl:2023:2023-12-10:TEN@MIA']);
  });

  it.each([
    ['completed without scores', { scores: null }, /^scores: completed event without scores$/],
    [
      'non-numeric score',
      {
        scores: [
          { name: 'KC', score: 'seventeen' },
          { name: 'BUF', score: '20' },
        ],
      },
      /^scores\[0\]\.score: not a non-negative integer: "seventeen"$/,
    ],
    [
      'negative score',
      {
        scores: [
          { name: 'KC', score: -3 },
          { name: 'BUF', score: '20' },
        ],
      },
      /^scores\[0\]\.score/,
    ],
    [
      'unknown team',
      {
        scores: [
          { name: 'NYJ', score: '3' },
          { name: 'BUF', score: '20' },
        ],
      },
      /^scores\[0\]\.name: "NYJ" is not/,
    ],
    [
      'one team missing',
      { scores: [{ name: 'BUF', score: '20' }] },
      /^scores: missing the home team's score$/,
    ],
    [
      'completed not boolean',
      { completed: 'yes' },
      /^completed: Expected boolean, received string$/,
    ],
    ['wrong sport', { sport_key: 'icehockey_nhl' }, /^sport_key: expected "americanfootball_nfl"/],
  ])('quarantines %s', (_name, overrides, reason) => {
    const ok = score({
      id: 'ok',
      home_team: 'DAL',
      away_team: 'PHI',
      scores: [
        { name: 'DAL', score: '33' },
        { name: 'PHI', score: '13' },
      ],
    });
    const result = normalizeScores('nfl', [score(overrides), ok]);
    expect(Object.keys(result.finals)).toEqual(['nfl:2023:2023-12-10:PHI@DAL']);
    expect(result.quarantined).toHaveLength(1);
    expect(result.quarantined[0]!.reason).toMatch(reason);
  });

  it('throws a typed error for a non-array body', () => {
    expect(() => normalizeScores('nfl', { message: 'nope', error_code: 'INVALID_KEY' })).toThrow(
      InvalidPayloadError,
    );
  });
});
