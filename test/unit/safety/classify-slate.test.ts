import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MarketVerdict } from '../../../core/integrity';
import { classifySlate } from '../../../core/safety/classify-slate';
import { NEUTRAL_CALIBRATION_STATE } from '../../../core/safety/layers/calibration-state';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { SlateInputError } from '../../../core/safety/errors';
import type { VerifiedMarket } from '../../../core/safety/slate-inputs';
import { slate } from './helpers/candidates';
import { fakeSim, gameInput, nflGame, verified } from './helpers/fake-sim';
import { buildSlateGames, slateSeed } from './helpers/random-slates';

describe('classifySlate', () => {
  it('accepts integrity verdicts as they are (structural contract)', () => {
    const v = {} as MarketVerdict;
    const asInput: VerifiedMarket = v; // compile-time check
    expect(asInput).toBe(v);
  });

  it('a clean strong edge becomes a parlay-eligible PICK with full pricing', () => {
    const res = classifySlate(
      slate('nfl', [nflGame('g1', 47.5, 44.5, CFG, { spread: null })]),
      CFG,
    );
    expect(res.picks).toHaveLength(1);
    const d = res.picks[0];
    expect(d).toMatchObject({
      state: 'PICK',
      parlayEligible: true,
      publishDecision: true,
      reasons: [],
      triggers: [],
      line: 44.5,
      transition: 'T5_PICK',
    });
    expect(d?.pricing).toMatchObject({
      side: 'OVER',
      sideLine: 44.5,
      marketProbNoVig: 0.5,
      price: -110,
      projectionRaw: 47.5,
    });
    const p = d?.pricing;
    if (!p) throw new Error('no pricing');
    expect(p.edgePp).toBeCloseTo((p.modelProbCalibrated - 0.5) * 100, 12);
    expect(p.ev).toBeCloseTo(p.modelProbCalibrated * (100 / 110) - (1 - p.modelProbCalibrated), 12);
    expect(p.confidence).toBeCloseTo(p.modelProbCalibrated * 100, 12);
    expect(p.confidence).toBeGreaterThanOrEqual(54);
    expect(d?.layers.map((l) => l.layer)).toEqual([
      'L1_DATA_INTEGRITY',
      'L2_BASELINE_CLAMP',
      'SKILL_WEIGHT',
      'L3_MARKET_DEVIATION',
      'L4_HIGH_VARIANCE',
      'L5_PUBLISH_GATES',
    ]);
  });

  it('picks the side with the larger calibrated edge (Under, Away)', () => {
    const res = classifySlate(
      slate('nfl', [nflGame('g1', 41, 44.5, CFG, { margin: -4, spread: -3 })]),
      CFG,
    );
    expect(res.picks.find((d) => d.market === 'totals')?.pricing?.side).toBe('UNDER');
    const spread = res.picks.find((d) => d.market === 'spreads');
    expect(spread?.pricing).toMatchObject({ side: 'AWAY', sideLine: 3 });
  });

  it('a tiny edge is NO_PLAY EDGE_TOO_SMALL but keeps its pricing for the audit', () => {
    const d = classifySlate(slate('nfl', [nflGame('g1', 44.7, 44.5, CFG, { spread: null })]), CFG)
      .picks[0];
    expect(d).toMatchObject({ state: 'NO_PLAY', reasons: ['EDGE_TOO_SMALL'] });
    expect(d?.pricing?.edgePp).toBeLessThan(1.5);
  });

  it('low rating sample is a soft trigger by default and a hard block when configured', () => {
    const g = {
      ...nflGame('g1', 47.5, 44.5, CFG, { spread: null }),
      ratingSamples: { home: 2, away: 9 },
    };
    expect(classifySlate(slate('nfl', [g]), CFG).picks[0]).toMatchObject({
      state: 'LEAN',
      triggers: ['LOW_SAMPLE'],
    });
    const block = {
      ...CFG,
      dataIntegrity: { ...CFG.dataIntegrity, lowSampleAction: 'block' as const },
    };
    expect(classifySlate(slate('nfl', [g]), block).picks[0]).toMatchObject({
      state: 'NO_PLAY',
      reasons: ['LOW_SAMPLE'],
      pricing: null,
    });
  });

  it('the minimum rating games is per sport: below it a team can never be PICK', () => {
    const g = {
      ...nflGame('g1', 47.5, 44.5, CFG, { spread: null }),
      ratingSamples: { home: 6, away: 9 },
    };
    expect(classifySlate(slate('nfl', [g]), CFG).picks[0]?.state).toBe('PICK');
    const strict = {
      ...CFG,
      sports: { ...CFG.sports, nfl: { ...CFG.sports.nfl, minRatingGames: 8 } },
    };
    expect(classifySlate(slate('nfl', [g]), strict).picks[0]).toMatchObject({
      state: 'LEAN',
      triggers: ['LOW_SAMPLE'],
    });
  });

  it('a noisy simulation is blocked (MC_ERROR_TOO_HIGH) and non-finite inputs fail closed', () => {
    const g = nflGame('g1', 47.5, 44.5, CFG, { spread: null });
    const noisy = { ...g, sim: g.sim && { ...g.sim, mcStandardError: 0.02 } };
    expect(classifySlate(slate('nfl', [noisy]), CFG).picks[0]?.reasons).toEqual([
      'MC_ERROR_TOO_HIGH',
    ]);
    const nan = { ...g, markets: [verified('g1', 'totals', 44.5, { noVigA: Number.NaN })] };
    expect(classifySlate(slate('nfl', [nan]), CFG).picks[0]?.reasons).toEqual(['INCOMPLETE_INPUT']);
  });

  it('missing prices assume −110/−110 and say so', () => {
    const g = nflGame('g1', 47.5, 44.5, CFG, { spread: null });
    const m = verified('g1', 'totals', 44.5, {
      priceA: null,
      priceB: null,
      noVigA: null,
      noVigB: null,
    });
    const d = classifySlate(slate('nfl', [{ ...g, markets: [m] }]), CFG).picks[0];
    expect(d?.notes).toContain('ASSUMED_PRICE');
    expect(d?.pricing?.marketProbNoVig).toBeCloseTo(0.5, 12);
  });

  it('approximates probabilities at a consensus line the engine did not price, and notes it', () => {
    const sim = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: 25,
      awayMean: 22.5,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [44.5],
    });
    const d = classifySlate(
      slate('nfl', [gameInput(sim, [verified('g1', 'totals', 45)], CFG)]),
      CFG,
    ).picks[0];
    expect(d?.notes).toContain('LINE_PROBS_APPROXIMATED');
    expect(d?.pricing?.pushProb).toBeGreaterThan(0);
  });

  it('skips h2h with a warning and prices the rest', () => {
    const g = nflGame('g1', 47.5, 44.5, CFG);
    const res = classifySlate(
      slate('nfl', [{ ...g, markets: [...g.markets, verified('g1', 'h2h', null)] }]),
      CFG,
    );
    expect(res.picks.map((d) => d.market)).toEqual(['spreads', 'totals']);
    expect(res.warnings.map((w) => w.code)).toContain('H2H_NOT_PRICED');
  });

  it('no earned skill weight: a loud warning naming the sample; the strong edge is no PICK', () => {
    const games = [nflGame('g1', 47.5, 44.5, CFG)];
    const earned = classifySlate(slate('nfl', games), CFG);
    expect(earned.warnings.map((w) => w.code)).not.toContain('SKILL_WEIGHT_NOT_EARNED');
    const fresh = classifySlate(
      slate('nfl', games, { calibration: NEUTRAL_CALIBRATION_STATE }),
      CFG,
    );
    const warning = fresh.warnings.find((w) => w.code === 'SKILL_WEIGHT_NOT_EARNED');
    expect(warning?.message).toBe(
      'no earned nfl skill weight for totals (0 graded lines < 100), spreads (0 graded lines < 100): ' +
        'prior w=0, published probabilities stay the market’s (no PICK possible)',
    );
    expect(fresh.picks.map((d) => d.state)).not.toContain('PICK');
    expect(earned.picks.map((d) => d.state)).toContain('PICK');
  });

  it('an earned weight that is not established: a loud warning; the strong edge is not published', () => {
    const games = [nflGame('g1', 47.5, 44.5, CFG)];
    const sw = { w: 1, n: 150, raw: 1, source: 'estimate' as const, shift: 0, shiftN: 0, se: 0.7 };
    const calibration = { ...NEUTRAL_CALIBRATION_STATE, skillWeights: { total: sw, spread: sw } };
    const res = classifySlate(slate('nfl', games, { calibration }), CFG);
    const warning = res.warnings.find((w) => w.code === 'SKILL_NOT_ESTABLISHED');
    expect(warning?.message).toBe(
      'nfl skill weight not established for totals (w=1, se=0.7, 150 graded lines), ' +
        'spreads (w=1, se=0.7, 150 graded lines): w − 1.645·se ≤ 0, so nothing is published ' +
        'there (NO_PLAY SKILL_NOT_ESTABLISHED)',
    );
    const total = res.picks.find((d) => d.market === 'totals');
    expect(total?.state).toBe('NO_PLAY');
    expect(total?.reasons).toEqual(['SKILL_NOT_ESTABLISHED']);
    // The weight still moved the probability: the audit keeps the pricing it was held back on.
    expect(total?.pricing?.edgePp).toBeGreaterThanOrEqual(CFG.stateMachine.pickEdgePp);
    expect(res.picks.filter((d) => d.state !== 'NO_PLAY')).toEqual([]);

    // With PICK's bar above publication's, the same weight publishes the line as LEAN only.
    const tiered = { ...CFG, skillWeight: { ...CFG.skillWeight, publishZ: 1, pickZ: 1.645 } };
    const sw2 = { ...sw, se: 0.8 };
    const res2 = classifySlate(
      slate('nfl', games, {
        calibration: { ...calibration, skillWeights: { total: sw2, spread: sw2 } },
      }),
      tiered,
    );
    const total2 = res2.picks.find((d) => d.market === 'totals');
    expect(total2?.state).toBe('LEAN');
    expect(total2?.triggers).toContain('SKILL_NOT_ESTABLISHED');
    expect(res2.warnings.find((w) => w.code === 'SKILL_NOT_ESTABLISHED')?.message).toContain(
      "w − 1.645·se ≤ 0, so no PICK; lines at PICK's bars are LEAN (SKILL_NOT_ESTABLISHED)",
    );
  });

  it('flag ENABLE_PICK_STATE_MACHINE=false: loud warning, no PICK anywhere', () => {
    const off = { ...CFG, flags: { ...CFG.flags, ENABLE_PICK_STATE_MACHINE: false } };
    const res = classifySlate(slate('nfl', [nflGame('g1', 47.5, 44.5, CFG)]), off);
    expect(res.warnings.map((w) => w.code)).toContain('STATE_MACHINE_DISABLED');
    for (const d of res.picks) {
      expect(d.state).toBe('LEAN');
      expect(d.triggers).toContain('STATE_MACHINE_DISABLED');
    }
    expect(res.triggers).toContain('STATE_MACHINE_DISABLED');
  });

  it('flag ENABLE_MARKET_INTEGRITY=false is loud', () => {
    const off = { ...CFG, flags: { ...CFG.flags, ENABLE_MARKET_INTEGRITY: false } };
    expect(
      classifySlate(slate('nfl', [nflGame('g1', 47.5, 44.5, CFG)]), off).warnings.map(
        (w) => w.code,
      ),
    ).toContain('MARKET_INTEGRITY_DISABLED');
  });

  it('rejects contract violations with a typed error', () => {
    const g = nflGame('g1', 47.5, 44.5, CFG);
    expect(() => classifySlate(slate('nfl', [g, g]), CFG)).toThrow(SlateInputError);
    expect(() => classifySlate(slate('nba', [g]), CFG)).toThrow(/slate is nba/);
    expect(() =>
      classifySlate(
        slate('nfl', [{ ...g, markets: [...g.markets, g.markets[0] as VerifiedMarket] }]),
        CFG,
      ),
    ).toThrow(/duplicate market/);
  });

  it('property: exactly one decision per priced (game, market, line), deterministic and input-order independent', () => {
    fc.assert(
      fc.property(slateSeed({ inflation: [0.9, 1.2], juice: true, noise: 1 }), (seed) => {
        const games = buildSlateGames(seed, CFG);
        const a = classifySlate(slate(seed.sport, games), CFG);
        const b = classifySlate(slate(seed.sport, [...games].reverse()), CFG);
        expect(b).toEqual(a);
        const keys = a.picks.map((d) => `${d.gameId}|${d.market}|${d.lineKey}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBe(games.reduce((n, g) => n + g.markets.length, 0));
        expect(JSON.parse(JSON.stringify(a.picks))).toEqual(a.picks);
      }),
      { numRuns: 60 },
    );
  });
});
