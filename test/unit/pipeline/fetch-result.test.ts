/**
 * What the fetch step hands on (core/pipeline/fetch-result.ts) and the as-of it computes from
 * the fetched slate (fetchedRunAsOf, core/pipeline/as-of.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AS_OF_POLICY } from '../../../core/effective-config';
import { fetchedRunAsOf, runAsOf } from '../../../core/pipeline/as-of';
import { fetchesOdds, fetchResult, type StoredFetch } from '../../../core/pipeline/fetch-result';

describe('fetchesOdds', () => {
  it('history lines are imported, never fetched; odds-api and files are', () => {
    expect(fetchesOdds('history')).toBe(false);
    expect(fetchesOdds('history-open')).toBe(false);
    expect(fetchesOdds('odds-api')).toBe(true);
    expect(fetchesOdds('file')).toBe(true);
  });
});

describe('fetchedRunAsOf', () => {
  const instant = fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
    .map((ms) => new Date(ms).toISOString());

  it("is runAsOf on the fetched games' kick-offs under the config's policy", () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.option(fc.array(instant, { maxLength: 5 }), { nil: null }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 120 }),
        (at, requested, kickoffs, historyUtcHour, replayLeadMinutes) => {
          const date = at.slice(0, 10);
          const fetched =
            kickoffs === null ? null : { games: kickoffs.map((k) => ({ commenceTime: k })) };
          expect(
            fetchedRunAsOf(date, requested, fetched, { historyUtcHour, replayLeadMinutes }),
          ).toEqual(
            runAsOf({
              date,
              requestedAsOf: requested,
              fetchedKickoffs: kickoffs,
              historyUtcHour,
              replayLeadMinutes,
            }),
          );
        },
      ),
    );
  });

  it('a history run is as of the fixed hour and never live; a replay leads its first game', () => {
    expect(
      fetchedRunAsOf('2023-12-10', '2024-05-01T12:00:00.000Z', null, DEFAULT_AS_OF_POLICY),
    ).toEqual({ asOf: '2023-12-10T09:00:00.000Z', live: false });
    const fetched = {
      games: [
        { commenceTime: '2023-12-10T21:25:00.000Z' },
        { commenceTime: '2023-12-10T18:00:00.000Z' },
      ],
    };
    expect(
      fetchedRunAsOf('2023-12-10', '2024-05-01T12:00:00.000Z', fetched, DEFAULT_AS_OF_POLICY),
    ).toEqual({ asOf: '2023-12-10T17:45:00.000Z', live: false });
  });
});

describe('fetchResult', () => {
  const base = {
    games: 3,
    quotes: 40,
    flagsDisabled: ['ENABLE_STATE_MACHINE'],
    live: false,
    asOf: '2023-12-10T09:00:00.000Z',
  };

  it('a history run: nothing quarantined, no unknown team, the whole date (fetchedGameIds null)', () => {
    expect(fetchResult({ ...base, quota: null, stored: null })).toEqual({
      games: 3,
      quotes: 40,
      quarantined: 0,
      quota: null,
      flagsDisabled: ['ENABLE_STATE_MACHINE'],
      live: false,
      asOf: '2023-12-10T09:00:00.000Z',
      quarantinedGameIds: [],
      unknownTeams: [],
      fetchedGameIds: null,
    });
  });

  it('a fetching run hands on what it stored, and its quota as strings', () => {
    const stored: StoredFetch = {
      quarantined: 2,
      quarantinedGameIds: ['g2'],
      unresolved: [{ gameId: 'g3', reason: 'NFL team "X" is not in the team registry' }],
      gameIds: ['g1', 'g2', 'g3'],
    };
    const r = fetchResult({
      ...base,
      live: true,
      quota: { remaining: 480, used: 20, last: 3 },
      stored,
    });
    expect(r.quarantined).toBe(2);
    expect(r.quota).toEqual({ remaining: '480', used: '20', last: '3' });
    expect(r.quarantinedGameIds).toEqual(['g2']);
    expect(r.unknownTeams).toEqual(stored.unresolved);
    expect(r.fetchedGameIds).toEqual(['g1', 'g2', 'g3']);
    expect(r.live).toBe(true);
    // The workflow's replay histories hold this shape: same keys, same order.
    expect(Object.keys(r)).toEqual([
      'games',
      'quotes',
      'quarantined',
      'quota',
      'flagsDisabled',
      'live',
      'asOf',
      'quarantinedGameIds',
      'unknownTeams',
      'fetchedGameIds',
    ]);
  });
});
