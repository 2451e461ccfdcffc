/**
 * The pricing steps' pure parts: every stored game's engine request (simRequestsFor), the games
 * a run projects and what load-ratings reports (gamesToProject, ratingsSummary), and the
 * decompose step's broken-run check and report (decomposeSlate, decomposeSummary).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRunConfig } from '../../../core/effective-config';
import {
  decomposeSlate,
  decomposeSummary,
  MissingBaselineError,
} from '../../../core/pipeline/decompose-slate';
import { gamesToProject, projectGames, ratingsSummary } from '../../../core/pipeline/project-slate';
import { simRequestFor, simRequestsFor } from '../../../core/pipeline/select-lines';
import type { StoredLineCheck } from '../../../core/pipeline/stored-rows';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { syntheticLeague } from '../ratings/synthetic';
import { BASELINES, fakeSim } from '../safety/helpers/fake-sim';

const check = (gameId: string, market: string, point: number, ok = true): StoredLineCheck => ({
  game_id: gameId,
  market,
  line_key: '',
  ok,
  reasons: ok ? [] : ['STALE_LINE'],
  notes: [],
  consensus_point: point,
  price_a: -110,
  price_b: -110,
  no_vig_a: 0.5,
  no_vig_b: 0.5,
});

describe('simRequestsFor', () => {
  it("one request per stored game, in order, each on that game's verified lines", () => {
    const checks = [
      check('g1', 'totals', 44.5),
      check('g1', 'spreads', -3),
      check('g2', 'totals', 51.5),
      check('g2', 'spreads', 7, false),
    ];
    const inputs = [
      { game_id: 'g2', inputs: { homeExpected: 27, awayExpected: 24 } },
      { game_id: 'g1', inputs: { homeExpected: 23, awayExpected: 21 } },
    ];
    const requests = simRequestsFor('nfl', 'seed', 4_000, inputs, checks);
    expect(requests).toEqual(
      inputs.map((r) => simRequestFor('nfl', r.game_id, 'seed', 4_000, r.inputs as never, checks)),
    );
    expect(requests.map((r) => [r.gameId, r.totalLines, r.spreadLines])).toEqual([
      ['g2', [51.5], []],
      ['g1', [44.5], [-3]],
    ]);
    expect(requests[1]!.inputs).toEqual(inputs[1]!.inputs);
    expect(simRequestsFor('nfl', 'seed', 4_000, [], checks)).toEqual([]);
  });
});

describe('gamesToProject and ratingsSummary', () => {
  const league = syntheticLeague({ seasons: [2021, 2022, 2023], teams: 8, noise: 6 });
  const history = league.games.filter((g) => g.season < 2023);
  const slate = league.games.filter((g) => g.season === 2023).slice(0, 8);

  it('keeps the requested games of the slate, in slate order', () => {
    fc.assert(
      fc.property(fc.subarray(slate.map((g) => g.gameId)), fc.boolean(), (ids, reversed) => {
        const wanted = reversed ? [...ids].reverse() : ids;
        expect(gamesToProject(slate, [...wanted, 'not-on-the-slate'])).toEqual(
          slate.filter((g) => ids.includes(g.gameId)),
        );
      }),
    );
  });

  it('reports the counts of the projection and the baseline total', () => {
    const asOf = '2023-09-01T09:00:00.000Z';
    const p = projectGames('nfl', slate, history, {}, asOf, defaultRunConfig('nfl').ratings);
    expect(ratingsSummary(p)).toEqual({
      games: slate.length,
      historyGames: history.length,
      lowSample: p.lowSample,
      clamped: p.clamped,
      baselineTotal: p.baseline.totalMean,
    });
  });
});

describe('decomposeSlate', () => {
  const sim = (gameId: string, paceFactor = 1) =>
    fakeSim({
      gameId,
      sport: 'nfl',
      homeMean: 24,
      awayMean: 21,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [44.5],
      paceFactor,
    });

  it('simulations without a league baseline: the run is broken (MissingBaselineError)', () => {
    expect(() => decomposeSlate([sim('g1')], null, CFG)).toThrow(MissingBaselineError);
    // Nothing simulated: nothing to decompose, baseline or not.
    const none = decomposeSlate([], null, CFG);
    expect(none.rows).toEqual([]);
    expect(decomposeSummary(none, true)).toEqual({
      games: 0,
      logged: true,
      doubleCounting: 0,
      paceOutliers: 0,
      efficiencyOutliers: 0,
      rclFail: 0,
      inputErrors: 0,
    });
  });

  it('the summary counts what the decomposition found', () => {
    const bad = { ...sim('g3'), decomposition: { ...sim('g3').decomposition, pace: NaN } };
    const d = decomposeSlate([sim('g1'), sim('g2', 1.6), bad], BASELINES.nfl, CFG);
    expect(d.inputErrors.map((e) => e.gameId)).toEqual(['g3']);
    for (const logged of [true, false])
      expect(decomposeSummary(d, logged)).toEqual({
        games: 2,
        logged,
        doubleCounting: d.doubleCounting,
        paceOutliers: d.paceOutliers,
        efficiencyOutliers: d.efficiencyOutliers,
        rclFail: d.rclFail,
        inputErrors: 1,
      });
    expect(d.paceOutliers).toBeGreaterThan(0);
  });
});
