import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { decomposeGame } from '../../../core/safety/decomposition';
import { DecompositionInputError } from '../../../core/safety/errors';
import type { SimSummary } from '../../../core/simulation-types';
import { SPORTS } from '../../../core/sports';
import { slate } from './helpers/candidates';
import { BASELINES, fakeSim, gameInput, verified } from './helpers/fake-sim';

/** An NFL game whose pace is `paceZ` and efficiency `effZ` league SDs from the baseline. */
function nflBy(paceZ: number, effZ: number): SimSummary {
  const b = BASELINES.nfl;
  const pace = b.pace + paceZ * b.paceSd;
  const eff = b.efficiency + effZ * b.efficiencySd;
  const total = pace * eff;
  const sim = fakeSim({
    gameId: 'g1',
    sport: 'nfl',
    homeMean: total / 2 + 1,
    awayMean: total / 2 - 1,
    totalSd: 10,
    marginSd: 13.5,
    totalLines: [44.5],
    paceFactor: pace / b.pace,
  });
  return { ...sim, decomposition: { ...sim.decomposition, efficiency: eff } };
}

describe('decomposition + double counting', () => {
  it('reports pace/efficiency delta and z vs the league baseline', () => {
    const r = decomposeGame(nflBy(0.5, -0.4), BASELINES.nfl, CFG);
    expect(r.paceZ).toBeCloseTo(0.5, 12);
    expect(r.efficiencyZ).toBeCloseTo(-0.4, 12);
    expect(r.paceDelta).toBeCloseTo(1, 12);
    expect(r.flags).toEqual([]);
  });

  it('splits (projected − baseline total) into parts that sum exactly to the difference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SPORTS),
        fc.double({ min: 0.5, max: 1.6, noNaN: true }),
        fc.double({ min: 0.5, max: 1.6, noNaN: true }),
        (sport, paceF, totalF) => {
          const b = BASELINES[sport];
          const total = b.totalMean * totalF;
          const sim = fakeSim({
            gameId: 'g',
            sport,
            homeMean: total / 2,
            awayMean: total / 2,
            totalSd: b.totalSd,
            marginSd: b.marginSd,
            totalLines: [],
            paceFactor: paceF,
          });
          const r = decomposeGame(sim, b, CFG);
          expect(r.paceContribution + r.efficiencyContribution).toBeCloseTo(r.totalDelta, 9);
          expect(Math.sign(r.paceContribution)).toBe(Math.sign(r.paceDelta));
        },
      ),
    );
  });

  it('flags DOUBLE_COUNTING_LIKELY when pace and efficiency both push up beyond 2 SD', () => {
    expect(decomposeGame(nflBy(2.1, 2.1), BASELINES.nfl, CFG).flags).toContain(
      'DOUBLE_COUNTING_LIKELY',
    );
  });

  it('flags it in the deflating direction too', () => {
    expect(decomposeGame(nflBy(-2.1, -2.1), BASELINES.nfl, CFG).flags).toContain(
      'DOUBLE_COUNTING_LIKELY',
    );
  });

  it.each([
    [2.1, 0.5],
    [0.5, 2.1],
    [2.1, -2.1],
    [1.9, 1.9],
  ])('does not flag pace z %s with efficiency z %s', (p, e) => {
    expect(decomposeGame(nflBy(p, e), BASELINES.nfl, CFG).flags).not.toContain(
      'DOUBLE_COUNTING_LIKELY',
    );
  });

  it('flags PACE_OUTLIER and EFFICIENCY_OUTLIER beyond 2 SDs', () => {
    expect(decomposeGame(nflBy(2.5, 0), BASELINES.nfl, CFG).flags).toEqual(['PACE_OUTLIER']);
    expect(decomposeGame(nflBy(0, -2.5), BASELINES.nfl, CFG).flags).toEqual(['EFFICIENCY_OUTLIER']);
  });

  it('reports TD/FG rates for football only', () => {
    const sim = nflBy(0, 0);
    const r = decomposeGame(
      { ...sim, decomposition: { ...sim.decomposition, tdRate: 0.3 } },
      BASELINES.nfl,
      CFG,
    );
    expect(r.tdRateDelta).toBeCloseTo(0.08, 12);
    expect(r.tdRateZ).toBeCloseTo(0.08 / Math.sqrt((0.22 * 0.78) / 22), 9);
    const nba = fakeSim({
      gameId: 'n',
      sport: 'nba',
      homeMean: 113,
      awayMean: 112,
      totalSd: 14,
      marginSd: 13,
      totalLines: [],
    });
    expect(decomposeGame(nba, BASELINES.nba, CFG).tdRate).toBeNull();
  });

  it('produces a JSON-safe decomposition_logs row', () => {
    const r = decomposeGame(nflBy(1.2, 1.3), BASELINES.nfl, CFG);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('throws a typed error listing every bad input', () => {
    const sim = nflBy(0, 0);
    const bad = { ...sim, decomposition: { pace: 0, efficiency: Number.NaN } };
    try {
      decomposeGame(bad, { ...BASELINES.nfl, paceSd: 0 }, CFG);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecompositionInputError);
      expect((e as DecompositionInputError).problems.length).toBe(3);
    }
  });

  it('demotes every market of a flagged game and keeps outlier flags as notes', () => {
    // A threshold below the default so the flagged game's total stays plausible (RCL passes).
    const cfg = { ...CFG, decomposition: { ...CFG.decomposition, doubleCountingZ: 1.75 } };
    const sim = nflBy(2.2, 1.8); // total ≈ 66.7 × … keep RCL happy by checking the numbers below
    const total = sim.full.total.mean;
    const line = Math.floor(total) - 2.5;
    const withLines = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: sim.full.home.mean,
      awayMean: sim.full.away.mean,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [line],
      spreadLines: [-2],
      paceFactor: sim.decomposition.pace / BASELINES.nfl.pace,
    });
    const flagged = { ...withLines, decomposition: sim.decomposition };
    const game = gameInput(
      flagged,
      [verified('g1', 'totals', line), verified('g1', 'spreads', -2)],
      cfg,
    );
    expect(game.decomposition?.flags).toContain('DOUBLE_COUNTING_LIKELY');
    expect(game.rcl?.passed).toBe(true);
    const res = classifySlate(slate('nfl', [game]), cfg);
    for (const d of res.picks) {
      expect(d.state).not.toBe('PICK');
      expect(d.triggers).toContain('DOUBLE_COUNTING_LIKELY');
      expect(d.notes).toContain('PACE_OUTLIER');
    }
  });

  it('blocks when decomposition is missing while ENABLE_DECOMPOSITION_LOGGING is on; skips loudly when off', () => {
    const sim = nflBy(0, 0);
    const game = { ...gameInput(sim, [verified('g1', 'totals', 44.5)], CFG), decomposition: null };
    const on = classifySlate(slate('nfl', [game]), CFG);
    expect(on.picks[0]).toMatchObject({ state: 'NO_PLAY', reasons: ['INCOMPLETE_INPUT'] });
    const offCfg = { ...CFG, flags: { ...CFG.flags, ENABLE_DECOMPOSITION_LOGGING: false } };
    const off = classifySlate(slate('nfl', [game]), offCfg);
    expect(off.picks[0]?.reasons).not.toContain('INCOMPLETE_INPUT');
    expect(off.warnings.map((w) => w.code)).toContain('DECOMPOSITION_LOGGING_DISABLED');
  });
});
