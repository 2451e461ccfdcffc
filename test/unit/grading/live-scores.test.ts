/** `/scores` finals are applied only to the live games they agree with. */
import { describe, expect, it } from 'vitest';
import { matchLiveScores, type AwaitingGame } from '../../../core/grading';
import { normalizeScores, type FinalScore } from '../../../core/odds-api';

const GAME: AwaitingGame = {
  gameId: 'nfl:2023:2023-12-10:BUF@KC',
  commenceTime: '2023-12-10T21:25:00.000Z',
  homeTeam: 'KC',
  awayTeam: 'BUF',
  eventId: 'ev1',
};

function final(over: Partial<FinalScore> = {}): FinalScore {
  return {
    gameId: GAME.gameId,
    eventId: 'ev1',
    homeScore: 17,
    awayScore: 20,
    lastUpdate: null,
    commenceTime: GAME.commenceTime,
    homeTeam: 'KC',
    awayTeam: 'BUF',
    ...over,
  };
}

describe('matchLiveScores', () => {
  it('applies a final that agrees with the stored game', () => {
    expect(matchLiveScores([final()], [GAME])).toEqual({
      apply: [{ gameId: GAME.gameId, homeScore: 17, awayScore: 20 }],
      rejected: [],
      notPriced: [],
    });
  });

  it('rejects a final whose teams or commence time disagree, naming what', () => {
    const m = matchLiveScores(
      [final({ homeTeam: 'DEN', commenceTime: '2023-12-11T21:25:00.000Z' })],
      [GAME],
    );
    expect(m.apply).toEqual([]);
    expect(m.rejected).toHaveLength(1);
    expect(m.rejected[0]!.reason).toMatch(/teams BUF@DEN disagree with the stored BUF@KC/);
    expect(m.rejected[0]!.reason).toMatch(/commence time 2023-12-11T21:25:00.000Z disagrees/);
  });

  it('ignores (and counts) finals of events no live run priced', () => {
    const m = matchLiveScores(
      [final({ eventId: 'other', gameId: 'nfl:2023:2023-12-10:PHI@DAL' })],
      [GAME],
    );
    expect(m).toEqual({ apply: [], rejected: [], notPriced: ['other'] });
  });

  it('a /scores event with a team the registry does not know is quarantined with the reason', () => {
    const r = normalizeScores('nfl', [
      {
        id: 'ev9',
        sport_key: 'americanfootball_nfl',
        sport_title: 'NFL',
        commence_time: '2023-12-10T21:25:00Z',
        completed: true,
        home_team: 'Kansas City Chiefs',
        away_team: 'Springfield Atoms',
        scores: [
          { name: 'Kansas City Chiefs', score: '17' },
          { name: 'Springfield Atoms', score: '20' },
        ],
        last_update: '2023-12-11T01:25:00Z',
      },
    ]);
    expect(r.finals).toEqual({});
    expect(r.quarantined[0]!.reason).toMatch(
      /NFL team "Springfield Atoms" is not in the team registry/,
    );
  });
});
