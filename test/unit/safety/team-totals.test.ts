/**
 * team_totals through the safety stack: priced like any other total (same candidate code, same
 * five layers, same state machine, same slate guard) with the model probability taken from the
 * side's own simulated probabilities and the market probability from the verified quotes. A
 * line that names no side is rejected, never guessed; one the engine was not asked about is
 * UNPRICED_MARKET.
 */
import { describe, expect, it } from 'vitest';
import { buildCandidate } from '../../../core/safety/build-candidate';
import { applyMarketDeviation } from '../../../core/safety/layers/l3-market-deviation';
import { classifySlate } from '../../../core/safety/classify-slate';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { teamTotalLineKey, teamTotalSide } from '../../../core/sports';
import { candidateFor, slate } from './helpers/candidates';
import { fakeSim, gameInput, verified } from './helpers/fake-sim';

/** NFL game: home 27, away 20 expected; books hang home 24.5 and away 20.5 at −110/−110. */
const sim = (gameId = 'g1', tt = { home: [24.5], away: [20.5] }) =>
  fakeSim({
    gameId,
    sport: 'nfl',
    homeMean: 27,
    awayMean: 20,
    totalSd: 10,
    marginSd: 13.5,
    totalLines: [46.5],
    spreadLines: [-6.5],
    teamTotalLines: tt,
  });

const home = (gameId = 'g1', point = 24.5, over = {}) =>
  verified(gameId, 'team_totals', point, { lineKey: teamTotalLineKey('home', point), ...over });
const away = (gameId = 'g1', point = 20.5, over = {}) =>
  verified(gameId, 'team_totals', point, { lineKey: teamTotalLineKey('away', point), ...over });

describe('team total lineKey', () => {
  it('names the side as the Odds API mapping writes it, and nothing else', () => {
    expect(teamTotalLineKey('home', 25.5)).toBe('home:25.5');
    expect(teamTotalSide('home:25.5')).toBe('home');
    expect(teamTotalSide('away:23')).toBe('away');
    expect(teamTotalSide('away')).toBe('away');
    for (const k of ['', 'Home:25.5', 'KC:25.5', 'home25.5', 'home:', 'home:abc', 'away: 23.5'])
      expect(teamTotalSide(k), k).toBeNull();
  });
});

describe('team totals are priced like totals', () => {
  it("candidate: the side's projection, SD and exact probabilities; the market's no-vig", () => {
    const s = sim();
    const game = gameInput(s, [verified('g1', 'totals', 46.5), home(), away()], CFG);
    const h = buildCandidate(home(), { game, mainTotal: 46.5, config: CFG });
    const a = buildCandidate(away(), { game, mainTotal: 46.5, config: CFG });
    if (!h.ok || !a.ok) throw new Error('blocked');
    const hp = s.full.teamTotals!.home[0]!;
    const ap = s.full.teamTotals!.away[0]!;
    expect(h.candidate).toMatchObject({
      kind: 'total',
      line: 24.5,
      projectionRaw: 27,
      sd: s.full.home.sd,
      // The side's own line is the market's centre (there is no "main" team total to use).
      marketCenter: 24.5,
      segmentScale: 27 / 47,
      pPush: 0,
      qA: 0.5,
    });
    expect(h.candidate.pARaw).toBeCloseTo(hp.pOver / (hp.pOver + hp.pUnder), 15);
    expect(a.candidate.projectionRaw).toBe(20);
    expect(a.candidate.pARaw).toBeCloseTo(ap.pOver / (ap.pOver + ap.pUnder), 15);
    expect(h.candidate.notes).not.toContain('LINE_PROBS_APPROXIMATED');
    // Home is expected well over its line, away just under its own: they must not share a number.
    expect(h.candidate.pARaw).toBeGreaterThan(0.6);
    expect(a.candidate.pARaw).toBeLessThan(0.5);
    expect(a.candidate.pARaw).toBeGreaterThan(0.45);
  });

  it('the market probability comes from the verified quotes (juiced over)', () => {
    const game = gameInput(sim(), [home('g1', 24.5, { noVigA: 0.58, noVigB: 0.42 })], CFG);
    expect(candidateFor(game, CFG, 'team_totals').qA).toBe(0.58);
  });

  it('classified through L1–L5 and the state machine into one decision per line', () => {
    const game = gameInput(sim(), [verified('g1', 'totals', 46.5), home(), away()], CFG);
    const res = classifySlate(slate('nfl', [game]), CFG);
    const tt = res.picks.filter((d) => d.market === 'team_totals');
    expect(tt.map((d) => d.lineKey)).toEqual(['away:20.5', 'home:24.5']);
    const h = tt.find((d) => d.lineKey === 'home:24.5')!;
    expect(h.pricing).not.toBeNull();
    expect(h.pricing).toMatchObject({ side: 'OVER', projectionRaw: 27, sideLine: 24.5 });
    expect(h.pricing!.edgePp).toBeGreaterThan(3);
    expect(h.state).not.toBe('NO_PLAY');
    expect(h.layers.map((l) => l.layer)).toEqual([
      'L1_DATA_INTEGRITY',
      'L2_BASELINE_CLAMP',
      'SKILL_WEIGHT',
      'L3_MARKET_DEVIATION',
      'L4_HIGH_VARIANCE',
      'L5_PUBLISH_GATES',
    ]);
    const a = tt.find((d) => d.lineKey === 'away:20.5')!;
    // Away 20 vs 20.5: a small Under lean (P ≈ Φ(0.5/7.07) ≈ 0.528), priced on its own side.
    expect(a.pricing).toMatchObject({ side: 'UNDER', projectionRaw: 20, sideLine: 20.5 });
    expect(a.pricing!.edgePp).toBeCloseTo(2.82, 1);
  });

  it('L3 measures the side against its own line with a threshold scaled to the side', () => {
    // Home 27 vs a 20.5 line: 6.5 > 6 × 27/47 ≈ 3.45, although 6.5 is not > 6 for a full total.
    const s = sim('g1', { home: [20.5], away: [] });
    const game = gameInput(s, [home('g1', 20.5)], CFG);
    const out = applyMarketDeviation(candidateFor(game, CFG, 'team_totals'), CFG);
    expect(out.softTriggers).toContain('MARKET_DEVIATION');
    expect(out.layers.at(-1)?.input).toMatchObject({ marketCenter: 20.5 });
  });

  it('R2 reasons still block a team total, whatever the model says', () => {
    const game = gameInput(sim(), [home('g1', 24.5, { reasons: ['STALE_LINE'] })], CFG);
    expect(classifySlate(slate('nfl', [game]), CFG).picks[0]).toMatchObject({
      state: 'NO_PLAY',
      reasons: ['STALE_LINE'],
      pricing: null,
    });
  });
});

describe('never guessed', () => {
  it('a line whose lineKey names no side is NO_PLAY UNATTRIBUTED_TEAM_TOTAL', () => {
    // Both sides have probabilities at 24.5: either guess would produce a price.
    const s = sim('g1', { home: [24.5], away: [24.5] });
    const odd = verified('g1', 'team_totals', 24.5, { lineKey: 'KC:24.5' });
    const game = gameInput(s, [verified('g1', 'totals', 46.5), odd], CFG);
    const d = classifySlate(slate('nfl', [game]), CFG).picks.find(
      (x) => x.market === 'team_totals',
    );
    expect(d).toMatchObject({
      state: 'NO_PLAY',
      publishDecision: false,
      reasons: ['UNATTRIBUTED_TEAM_TOTAL'],
      pricing: null,
      layers: [],
    });
    expect(d?.notes).toContain('TEAM_TOTAL_LINE_KEY:"KC:24.5"');
  });

  it('it is rejected even when the game has no simulation', () => {
    const odd = verified('g1', 'team_totals', 24.5, { lineKey: 'over:24.5' });
    const game = { ...gameInput(sim(), [odd], CFG), sim: null, decomposition: null, rcl: null };
    expect(classifySlate(slate('nfl', [game]), CFG).picks[0]?.reasons).toEqual([
      'UNATTRIBUTED_TEAM_TOTAL',
    ]);
  });

  it('without per-side probabilities from the engine a team total is UNPRICED_MARKET', () => {
    const s = sim();
    const noTeamTotals = { ...s, full: { ...s.full, teamTotals: undefined } };
    const game = gameInput(noTeamTotals, [verified('g1', 'totals', 46.5), home()], CFG);
    expect(
      classifySlate(slate('nfl', [game]), CFG).picks.find((d) => d.market === 'team_totals'),
    ).toMatchObject({ state: 'NO_PLAY', reasons: ['UNPRICED_MARKET'], pricing: null });
  });

  it('a line missing from the per-side probabilities is approximated and flagged, as totals are', () => {
    const s = sim('g1', { home: [24.5], away: [] });
    const game = gameInput(s, [home(), away('g1', 20.5)], CFG);
    const res = classifySlate(slate('nfl', [game]), CFG).picks;
    expect(res.find((d) => d.lineKey === 'home:24.5')?.notes).not.toContain(
      'LINE_PROBS_APPROXIMATED',
    );
    const a = res.find((d) => d.lineKey === 'away:20.5');
    expect(a?.notes).toContain('LINE_PROBS_APPROXIMATED');
    // From the away side's distribution (mean 20), not the home side's (27).
    expect(a?.pricing?.projectionRaw).toBe(20);
  });
});

describe('slate guard covers team totals', () => {
  it('eight home team totals all leaning Over never publish more than 58% Overs', () => {
    const games = Array.from({ length: 8 }, (_, i) => {
      const id = `g${i}`;
      return gameInput(
        sim(id, { home: [24.5 - i * 0.1], away: [] }),
        [home(id, 24.5 - i * 0.1)],
        CFG,
      );
    });
    const res = classifySlate(slate('nfl', games), CFG);
    const published = res.picks.filter((d) => d.market === 'team_totals' && d.publishDecision);
    const overs = published.filter((d) => d.pricing?.side === 'OVER').length;
    expect(res.slateGuard.groups).toContainEqual(
      expect.objectContaining({ group: 'nfl|team_totals', activated: true }),
    );
    expect(overs).toBeLessThanOrEqual(0.58 * published.length);
    expect(res.triggers).toContain('SLATE_GUARD');
  });
});
