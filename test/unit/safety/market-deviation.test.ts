import { describe, expect, it } from 'vitest';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { applyMarketDeviation } from '../../../core/safety/layers/l3-market-deviation';
import { candidateFor, slate } from './helpers/candidates';
import { fakeSim, gameInput, nflGame, verified } from './helpers/fake-sim';

describe('market deviation penalty', () => {
  it('compresses p toward 0.5 by half (SPEC formula for a 50/50 market), caps confidence at 60, blocks parlays', () => {
    const c = candidateFor(nflGame('g1', 53, 45.5, CFG), CFG); // deviation 7.5 > 6
    const out = applyMarketDeviation(c, CFG);
    expect(out.pA).toBeCloseTo(0.5 + (c.pA - 0.5) * 0.5, 15);
    expect(out.confidenceCap).toBe(60);
    expect(out.parlayBlocked).toBe(true);
    expect(out.softTriggers).toContain('MARKET_DEVIATION');
    expect(out.layers.at(-1)).toMatchObject({ layer: 'L3_MARKET_DEVIATION', fired: true });
  });

  it('does not fire within the threshold, nor exactly at it (strictly greater)', () => {
    const inside = applyMarketDeviation(candidateFor(nflGame('g1', 51.4, 45.5, CFG), CFG), CFG);
    expect(inside.softTriggers).not.toContain('MARKET_DEVIATION');
    const at = candidateFor(nflGame('g1', 51.5, 45.5, CFG), CFG);
    expect(Math.abs(at.projection - at.marketCenter)).toBe(6);
    expect(applyMarketDeviation(at, CFG).softTriggers).not.toContain('MARKET_DEVIATION');
  });

  it('uses the per-sport threshold from config', () => {
    const c = candidateFor(nflGame('g1', 53, 45.5, CFG), CFG);
    const loose = {
      ...CFG,
      sports: { ...CFG.sports, nfl: { ...CFG.sports.nfl, marketDeviationThreshold: 8 } },
    };
    expect(applyMarketDeviation(c, loose).softTriggers).not.toContain('MARKET_DEVIATION');
  });

  it("measures alternate lines against the game's main total, not their own line", () => {
    const sim = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: 23,
      awayMean: 22,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [45.5, 37.5],
    });
    const game = gameInput(
      sim,
      [
        verified('g1', 'totals', 45.5),
        verified('g1', 'alternate_totals', 37.5, { lineKey: 'alt-37.5' }),
      ],
      CFG,
    );
    const alt = candidateFor(game, CFG, 'alternate_totals');
    expect(alt.marketCenter).toBe(45.5);
    expect(applyMarketDeviation(alt, CFG).softTriggers).not.toContain('MARKET_DEVIATION');
  });

  it('scales the threshold for derivative segments', () => {
    const sim = fakeSim({
      gameId: 'g1',
      sport: 'nfl',
      homeMean: 23,
      awayMean: 22,
      totalSd: 10,
      marginSd: 13.5,
      totalLines: [45.5],
      derivatives: {
        totals_h1: { homeMean: 14, awayMean: 13, totalSd: 7, marginSd: 9, totalLines: [22.5] },
      },
    });
    const game = gameInput(
      sim,
      [verified('g1', 'totals', 45.5), verified('g1', 'totals_h1', 22.5)],
      CFG,
    );
    // 1H: deviation 4.5 > 6 × 27/45 = 3.6.
    expect(applyMarketDeviation(candidateFor(game, CFG, 'totals_h1'), CFG).softTriggers).toContain(
      'MARKET_DEVIATION',
    );
  });

  it('judges spreads by projected margin vs the market margin (−home line)', () => {
    const c = candidateFor(
      nflGame('g1', 45, 45.5, CFG, { margin: 10, spread: -3 }),
      CFG,
      'spreads',
    );
    expect(c.marketCenter).toBe(3);
    expect(applyMarketDeviation(c, CFG).softTriggers).toContain('MARKET_DEVIATION');
  });

  it('end to end: the line is LEAN, confidence ≤ 60, not parlay-eligible', () => {
    const out = classifySlate(slate('nfl', [nflGame('g1', 55, 45.5, CFG)]), CFG);
    const d = out.picks.find((p) => p.market === 'totals');
    expect(d?.state).toBe('LEAN');
    expect(d?.parlayEligible).toBe(false);
    expect(d?.triggers).toContain('MARKET_DEVIATION');
    expect(d?.pricing?.confidence ?? 100).toBeLessThanOrEqual(60);
  });
});
