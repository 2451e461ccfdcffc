/** What a slate run's row records (core/pipeline/run-record.ts). */
import { describe, expect, it } from 'vitest';
import { calibrationChain, defaultRunConfig } from '../../../core/effective-config';
import {
  completedRunUpdate,
  failedRunUpdate,
  fetchedRunUpdate,
  persistSummary,
  runStartRecord,
  verifiedRunUpdate,
} from '../../../core/pipeline/run-record';

describe('runStartRecord', () => {
  const config = defaultRunConfig('nfl');
  const q = {
    runId: 'slate/nfl/2023-12-10@r1',
    sport: 'nfl',
    date: '2023-12-10',
    runKind: 'scheduled',
    source: 'history',
    asOf: '2023-12-10T09:00:00.000Z',
    live: false,
    seed: 'seed',
    iterations: 10_000,
    config,
    versions: { node: 'v22.0.0', sdk: '1.13.2' },
  };

  it("records the run's as-of, flags, versions, configuration and calibration chain", () => {
    const r = runStartRecord(q);
    expect(r).toEqual({
      runId: q.runId,
      sport: 'nfl',
      slateDate: '2023-12-10',
      runKind: 'scheduled',
      source: 'history',
      asOf: q.asOf,
      seed: 'seed',
      iterations: 10_000,
      flags: config.safety.flags,
      nodeVersion: 'v22.0.0',
      sdkVersion: '1.13.2',
      config,
      live: false,
      chain: 'production',
    });
    // A copy: the record never aliases the configuration's flags.
    expect(r.flags).not.toBe(config.safety.flags);
  });

  it('the chain is calibrationChain of the config, run kind and live flag', () => {
    const research = { ...config, iterations: 20_000 };
    for (const runKind of ['scheduled', 'manual', 'backfill'])
      for (const live of [false, true])
        for (const c of [config, research])
          expect(runStartRecord({ ...q, runKind, live, config: c }).chain).toBe(
            calibrationChain(c, runKind, live),
          );
  });
});

describe('run progress and close', () => {
  it('after the fetch: games, and the quota with the requests when the API reported one', () => {
    expect(fetchedRunUpdate(4, null)).toEqual({ games: 4 });
    expect(fetchedRunUpdate(4, { quota: null, requests: 2 })).toEqual({ games: 4 });
    expect(fetchedRunUpdate(4, { quota: { remaining: 9, used: 1, last: 1 }, requests: 2 })).toEqual(
      {
        games: 4,
        quota: { remaining: 9, used: 1, last: 1, requests: 2 },
      },
    );
  });

  it('after verify: games verified and markets blocked', () => {
    expect(
      verifiedRunUpdate({
        games: 3,
        verifiedGameIds: ['a', 'b'],
        blockedGameIds: ['c'],
        marketsChecked: 12,
        marketsBlocked: 5,
        reasons: { STALE_LINE: 5 },
      }),
    ).toEqual({ games_verified: 2, markets_blocked: 5 });
  });

  it('completed: published picks and the summary with the audit counts; failed: why', () => {
    const counts = { rows: 10, published: 3, PICK: 1, LEAN: 2, NO_PLAY: 7 };
    expect(completedRunUpdate({ games: 2 }, counts)).toEqual({
      status: 'completed',
      picks_published: 3,
      summary: { games: 2, audit: counts },
      finished: true,
    });
    expect(persistSummary(counts)).toEqual({ auditRows: 10, noPlay: 7, picksPublished: 3 });
    expect(failedRunUpdate('boom')).toEqual({ status: 'failed', error: 'boom', finished: true });
  });
});
