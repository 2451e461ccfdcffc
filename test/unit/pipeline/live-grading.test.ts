/**
 * Live grading's decisions (core/pipeline/live-grading.ts): which live games await `/scores`,
 * how a body is read and captured, and what the day's ingestion reports — UNGRADED games are
 * counted, never dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar';
import { CALIBRATION_WINDOW_DAYS } from '../../../core/effective-config';
import {
  awaitingScores,
  liveGradingNeedsAttention,
  liveGradingWindow,
  liveScoresSummary,
  matchScores,
  readScores,
  SCORES_DAYS_FROM,
  SCORES_WITHOUT_KEY,
  scoresSnapshot,
  type ScoresIngestion,
} from '../../../core/pipeline/live-grading';
import type { StoredLiveGame } from '../../../core/pipeline/stored-rows';
import { SPORTS } from '../../../core/sports';

const DATE = '2023-12-11';
const { lookBack } = liveGradingWindow('nfl', DATE);

function live(
  gameId: string,
  commence: string,
  final: [number, number] | null,
  over: Partial<StoredLiveGame> = {},
): StoredLiveGame {
  return {
    game_id: gameId,
    commence_time: new Date(commence),
    home_team: 'KC',
    away_team: 'BUF',
    event_id: null,
    home_score: final?.[0] ?? null,
    away_score: final?.[1] ?? null,
    ...over,
  };
}

/** Kicked off within the look-back, no final: what `/scores` is for. */
const A = live('nfl:2023:2023-12-10:BUF@KC', '2023-12-10T21:25:00Z', null, { event_id: 'ev1' });
/** Kicked off before the look-back, still no final: UNGRADED unless a final arrives. */
const B = live('nfl:2023:2023-12-05:NYJ@MIA', '2023-12-05T18:00:00Z', null, {
  home_team: 'MIA',
  away_team: 'NYJ',
});
/** Final, before the look-back: settled. */
const C = live('nfl:2023:2023-12-03:DEN@LAC', '2023-12-03T18:00:00Z', [20, 17]);
/** Final, within the look-back: a correction may still come. */
const D = live('nfl:2023:2023-12-10:PHI@DAL', '2023-12-10T18:00:00Z', [24, 21]);
const LIVE = [A, B, C, D];

const EVENT = {
  id: 'ev1',
  sport_key: 'americanfootball_nfl',
  sport_title: 'NFL',
  commence_time: '2023-12-10T21:25:00Z',
  completed: true,
  home_team: 'Kansas City Chiefs',
  away_team: 'Buffalo Bills',
  scores: [
    { name: 'Kansas City Chiefs', score: '17' },
    { name: 'Buffalo Bills', score: '20' },
  ],
  last_update: '2023-12-11T01:25:00Z',
};
const BODY = [EVENT, { id: 'bad' }];

describe('liveGradingWindow and awaitingScores', () => {
  it("production's calibration window, and the look-back of SCORES_DAYS_FROM days", () => {
    for (const sport of SPORTS) {
      const w = liveGradingWindow(sport, DATE);
      expect(w.from).toBe(addDays(DATE, -(CALIBRATION_WINDOW_DAYS[sport] - 1)));
      expect(new Date(w.lookBack).toISOString()).toBe(
        `${addDays(DATE, 1 - SCORES_DAYS_FROM)}T00:00:00.000Z`,
      );
    }
  });

  it('awaits every game without a final, and any kicked off within the look-back', () => {
    expect(awaitingScores(LIVE, lookBack)).toEqual([A, B, D]);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            ms: fc.integer({ min: lookBack - 10 * 86_400_000, max: lookBack + 86_400_000 }),
            final: fc.boolean(),
          }),
        ),
        (gs) => {
          const games = gs.map((g, i) =>
            live(`g${i}`, new Date(g.ms).toISOString(), g.final ? [1, 0] : null),
          );
          const awaiting = new Set(awaitingScores(games, lookBack));
          for (const g of games)
            expect(awaiting.has(g)).toBe(
              g.home_score === null || g.commence_time.getTime() >= lookBack,
            );
        },
      ),
    );
  });
});

describe('readScores and scoresSnapshot', () => {
  it('a body that is not JSON is refused, and captured quarantined', () => {
    const response = { body: '<html>', notJson: true as const, status: 502, request: '/scores' };
    const read = readScores('nfl', response, [A]);
    expect(read).toEqual({ normalized: null, error: '/scores body refused: 502 body is not JSON' });
    expect(scoresSnapshot('nfl', DATE, response, read, '2023-12-11T07:00:00.000Z')).toEqual({
      sport: 'nfl',
      source: 'odds-api',
      request: '/scores',
      runId: `calibration/nfl/${DATE}`,
      eventId: null,
      payload: '<html>',
      fetchedAt: '2023-12-11T07:00:00.000Z',
      status: 'quarantined',
      reason: '/scores body refused: 502 body is not JSON',
    });
  });

  it('a body that is no array of events is refused with the reason', () => {
    const read = readScores('nfl', { body: { message: 'x' }, status: 200 }, [A]);
    expect(read.normalized).toBeNull();
    expect(read.error).toMatch(/^\/scores body refused: expected a JSON array of score events/);
  });

  it("a valid body: its events under the stored games' ids (by event id), captured ok", () => {
    const response = {
      body: BODY,
      status: 200,
      request: '/scores',
    };
    const read = readScores('nfl', response, [{ ...A, game_id: 'stored-id' }]);
    expect(read.error).toBeNull();
    expect(Object.keys(read.normalized!.finals)).toEqual(['stored-id']);
    expect(read.normalized!.quarantined.map((q) => q.eventId)).toEqual(['bad']);
    expect(scoresSnapshot('nfl', DATE, response, read, 'T')).toMatchObject({
      status: 'ok',
      reason: null,
      payload: BODY,
    });
  });
});

describe('liveScoresSummary', () => {
  it('no key on the worker: no request, the error, and every overdue game UNGRADED', () => {
    const s = liveScoresSummary(LIVE, awaitingScores(LIVE, lookBack), lookBack, SCORES_WITHOUT_KEY);
    expect(s).toEqual({
      awaiting: 2,
      request: null,
      error: 'ODDS_API_KEY is not set on the worker: live games cannot be graded',
      applied: 0,
      corrected: 0,
      rejected: [],
      notPriced: 0,
      ungraded: [B.game_id],
    });
    expect(liveGradingNeedsAttention(s)).toBe(true);
  });

  it('a read body: finals applied, refused events listed, overdue games UNGRADED', () => {
    const awaiting = awaitingScores(LIVE, lookBack);
    const read = readScores('nfl', { body: BODY, status: 200 }, awaiting);
    const match = matchScores(read.normalized!, awaiting);
    expect(match.apply).toEqual([{ gameId: A.game_id, homeScore: 17, awayScore: 20 }]);
    const ingestion: ScoresIngestion = {
      request: '/scores',
      ...read,
      match,
      stored: { updated: 1, corrected: 0 },
    };
    const s = liveScoresSummary(LIVE, awaiting, lookBack, ingestion);
    expect(s).toEqual({
      awaiting: 2,
      request: '/scores',
      error: null,
      applied: 1,
      corrected: 0,
      rejected: [{ gameId: null, eventId: 'bad', reason: read.normalized!.quarantined[0]!.reason }],
      notPriced: 0,
      ungraded: [B.game_id],
    });
    // The same body with B's final too: nothing overdue, nothing to look at but the bad event.
    const withB = liveScoresSummary(LIVE, awaiting, lookBack, {
      ...ingestion,
      normalized: { ...read.normalized!, quarantined: [] },
      match: {
        ...match,
        apply: [...match.apply, { gameId: B.game_id, homeScore: 3, awayScore: 0 }],
      },
    });
    expect(withB.ungraded).toEqual([]);
    expect(withB.rejected).toEqual([]);
    expect(liveGradingNeedsAttention(withB)).toBe(false);
  });

  it('a refused body: the error, nothing applied', () => {
    const awaiting = awaitingScores(LIVE, lookBack);
    const read = readScores('nfl', { body: 'x', notJson: true, status: 500 }, awaiting);
    const s = liveScoresSummary(LIVE, awaiting, lookBack, {
      request: '/scores',
      ...read,
      match: null,
      stored: null,
    });
    expect(s).toMatchObject({ request: '/scores', applied: 0, rejected: [], notPriced: 0 });
    expect(s.error).toBe('/scores body refused: 500 body is not JSON');
    expect(s.ungraded).toEqual([B.game_id]);
  });
});
