import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { BLOCK_REASONS } from '../../../core/types';
import { slate } from './helpers/candidates';
import { fakeSim, gameInput, nflGame, verified } from './helpers/fake-sim';

const simWithH1 = () =>
  fakeSim({
    gameId: 'g1',
    sport: 'nfl',
    homeMean: 25,
    awayMean: 23,
    totalSd: 10,
    marginSd: 13.5,
    totalLines: [44.5],
    // A big model edge on the 1H, which must still not be published without a real line.
    derivatives: {
      totals_h1: { homeMean: 16, awayMean: 14, totalSd: 7, marginSd: 9, totalLines: [24] },
    },
  });

describe('no market = no pick', () => {
  it('a NO_MARKET verdict yields NO_PLAY, never published, even with a simulated segment', () => {
    const game = gameInput(
      simWithH1(),
      [
        verified('g1', 'totals', 44.5),
        verified('g1', 'totals_h1', null, {
          reasons: ['NO_MARKET'],
          priceA: null,
          priceB: null,
          noVigA: null,
          noVigB: null,
        }),
      ],
      CFG,
    );
    const res = classifySlate(slate('nfl', [game]), CFG);
    const h1 = res.picks.find((d) => d.market === 'totals_h1');
    expect(h1).toMatchObject({
      state: 'NO_PLAY',
      publishDecision: false,
      parlayEligible: false,
      reasons: ['NO_MARKET'],
      pricing: null,
      line: null,
    });
  });

  it('never derives a line: a real 1H line without an engine segment is UNPRICED_MARKET', () => {
    const sim = { ...simWithH1(), derivatives: {} };
    const game = gameInput(
      sim,
      [verified('g1', 'totals', 44.5), verified('g1', 'totals_h1', 22.5)],
      CFG,
    );
    const h1 = classifySlate(slate('nfl', [game]), CFG).picks.find((d) => d.market === 'totals_h1');
    expect(h1).toMatchObject({ state: 'NO_PLAY', reasons: ['UNPRICED_MARKET'] });
  });

  it('team totals are not derived from the game simulation', () => {
    const game = gameInput(
      simWithH1(),
      [verified('g1', 'team_totals', 24.5, { lineKey: 'home' })],
      CFG,
    );
    expect(classifySlate(slate('nfl', [game]), CFG).picks[0]).toMatchObject({
      state: 'NO_PLAY',
      reasons: ['UNPRICED_MARKET'],
    });
  });

  it('a game blocked before simulation still yields one NO_PLAY per market with its reasons', () => {
    const blocked = {
      gameId: 'g2',
      sport: 'nfl' as const,
      markets: [
        verified('g2', 'totals', null, { reasons: ['STALE_LINE'] }),
        verified('g2', 'spreads', null, { reasons: ['MISSING_LINE', 'STALE_LINE'] }),
      ],
      sim: null,
      decomposition: null,
      rcl: null,
      ratingSamples: null,
    };
    const res = classifySlate(slate('nfl', [nflGame('g1', 48, 44.5, CFG), blocked]), CFG);
    const g2 = res.picks.filter((d) => d.gameId === 'g2');
    expect(g2.map((d) => [d.market, d.state, d.reasons])).toEqual([
      ['spreads', 'NO_PLAY', ['MISSING_LINE', 'STALE_LINE']],
      ['totals', 'NO_PLAY', ['STALE_LINE']],
    ]);
  });

  it('a game with no verified market at all (quarantined payload) still gets an audit row', () => {
    const game = {
      gameId: 'g3',
      sport: 'nfl' as const,
      markets: [],
      gameReasons: ['INVALID_PAYLOAD' as const],
      sim: null,
      decomposition: null,
      rcl: null,
      ratingSamples: null,
    };
    expect(classifySlate(slate('nfl', [game]), CFG).picks).toMatchObject([
      { gameId: 'g3', state: 'NO_PLAY', reasons: ['INVALID_PAYLOAD'], publishDecision: false },
    ]);
  });

  it('a game that passed R2 but has no simulation is NO_SIMULATION', () => {
    const game = { ...nflGame('g1', 48, 44.5, CFG), sim: null, decomposition: null, rcl: null };
    for (const d of classifySlate(slate('nfl', [game]), CFG).picks)
      expect(d.reasons).toEqual(['NO_SIMULATION']);
  });

  it('property: any verdict reason means NO_PLAY, whatever the model says', () => {
    fc.assert(
      fc.property(
        fc.subarray([...BLOCK_REASONS], { minLength: 1 }),
        fc.double({ min: 30, max: 60, noNaN: true }),
        fc.boolean(),
        (reasons, total, stateMachineOn) => {
          const cfg = {
            ...CFG,
            flags: { ...CFG.flags, ENABLE_PICK_STATE_MACHINE: stateMachineOn },
          };
          const g = nflGame('g1', total, 44.5, cfg);
          const game = { ...g, markets: g.markets.map((m) => ({ ...m, reasons })) };
          for (const d of classifySlate(slate('nfl', [game]), cfg).picks) {
            expect(d.state).toBe('NO_PLAY');
            expect(d.publishDecision).toBe(false);
            expect(d.reasons).toEqual(expect.arrayContaining(reasons));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
