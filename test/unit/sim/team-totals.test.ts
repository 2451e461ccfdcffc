/**
 * Team totals from the engines (R4): per-side over/under/push at every offered team-total line,
 * read from each side's own integer histogram. Adding team-total lines must not change a single
 * bit of the rest of the summary (no extra RNG draws, no change to the hot loop).
 */
import { describe, expect, it } from 'vitest';
import { ENGINES, simulateGame } from '../../../core/sim/engine';
import type { SimRequest } from '../../../core/sim/types';
import { SimInputError } from '../../../core/sim/types';
import type { TotalLineProbs } from '../../../core/simulation-types';
import { SPORTS, type Sport } from '../../../core/sports';

const ITERATIONS = 40_000;

/** Half-point and whole lines from 0 to far past any simulated score (whole lines push). */
function sideLines(mean: number): number[] {
  const top = Math.ceil(mean * 4 + 10);
  const out: number[] = [];
  for (let x = 0; x <= top; x++) out.push(x, x + 0.5);
  return out;
}

function request(sport: Sport, over: Partial<SimRequest> = {}): SimRequest {
  const la = ENGINES[sport].leagueAverage;
  return {
    sport,
    gameId: `${sport}:team-totals`,
    seed: 'team-totals',
    iterations: ITERATIONS,
    inputs: { homeExpected: la.homeExpected * 1.1, awayExpected: la.awayExpected * 0.92 },
    totalLines: [Math.round(la.homeExpected + la.awayExpected) + 0.5],
    spreadLines: [-1.5],
    teamTotalLines: {
      home: sideLines(la.homeExpected * 1.1),
      away: sideLines(la.awayExpected * 0.92),
    },
    ...over,
  };
}

const at = (lines: readonly TotalLineProbs[], line: number): TotalLineProbs => {
  const hit = lines.find((t) => t.line === line);
  if (!hit) throw new Error(`line ${line} missing`);
  return hit;
};

describe.each(SPORTS)('%s team totals', (sport) => {
  const req = request(sport);
  const s = simulateGame(req);
  const tt = s.full.teamTotals;

  it('has every offered line per side, in order, and P(over) + P(under) + P(push) = 1', () => {
    expect(tt).toBeDefined();
    expect(tt!.home.map((t) => t.line)).toEqual(req.teamTotalLines!.home);
    expect(tt!.away.map((t) => t.line)).toEqual(req.teamTotalLines!.away);
    for (const t of [...tt!.home, ...tt!.away]) {
      expect(t.pOver + t.pUnder + t.pPush).toBeCloseTo(1, 12);
      for (const p of [t.pOver, t.pUnder, t.pPush]) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      if (!Number.isInteger(t.line)) expect(t.pPush).toBe(0);
    }
    // Scores are ≥ 0, and the ladder reaches past the largest simulated score.
    expect(at(tt!.home, 0).pUnder).toBe(0);
    expect(tt!.home.at(-1)!.pOver).toBe(0);
    expect(tt!.away.at(-1)!.pOver).toBe(0);
  });

  it('is one histogram: push at k = P(over k − 0.5) − P(over k + 0.5), and over is non-increasing', () => {
    for (const side of [tt!.home, tt!.away]) {
      for (let k = 1; k < side.length / 2 - 1; k++) {
        const below = at(side, k - 0.5);
        const whole = at(side, k);
        const above = at(side, k + 0.5);
        expect(whole.pPush).toBeCloseTo(below.pOver - above.pOver, 12);
        expect(whole.pOver).toBe(above.pOver);
        expect(whole.pUnder).toBe(below.pUnder);
        expect(above.pOver).toBeLessThanOrEqual(below.pOver);
      }
    }
  });

  it("agrees with the side's distribution: the median splits the line probabilities", () => {
    for (const [dist, lines] of [
      [s.full.home, tt!.home],
      [s.full.away, tt!.away],
    ] as const) {
      const median = dist.quantiles[3];
      const t = at(lines, median);
      // P(X < median) ≤ 0.5 ≤ P(X ≤ median).
      expect(t.pUnder).toBeLessThanOrEqual(0.5);
      expect(t.pUnder + t.pPush).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('the home team total is centred on homeExpected', () => {
    const se = s.full.home.sd / Math.sqrt(ITERATIONS);
    // 5 standard errors plus 0.3% for the basketball OT approximation (as in engine.test.ts).
    expect(Math.abs(s.full.home.mean - req.inputs.homeExpected)).toBeLessThan(
      5 * se + 0.003 * req.inputs.homeExpected,
    );
    // The mean of the side's over/under ladder is the side's mean: E[X] = Σ_{k≥0} P(X > k).
    let sum = 0;
    for (const t of tt!.home) if (Number.isInteger(t.line)) sum += t.pOver;
    expect(sum).toBeCloseTo(s.full.home.mean, 9);
  });

  it('adding team-total lines changes no other bit of the summary', () => {
    const { teamTotalLines: _omit, ...plain } = req;
    const without = simulateGame(plain);
    expect(without.full.teamTotals).toBeUndefined();
    expect('teamTotals' in without.full).toBe(false);
    const { teamTotals: _tt, ...rest } = s.full;
    expect(JSON.stringify({ ...s, full: rest })).toBe(JSON.stringify(without));
  });
});

describe('team-total P(over) at the side mean line', () => {
  // Sports with many scoring values per side; MLB/NHL are too coarse and skewed for ≈ 0.5 at the
  // mean (their median check is above).
  it.each(['nfl', 'ncaaf', 'nba', 'ncaab'] as const)('%s: ≈ 0.5 for both sides', (sport) => {
    const la = ENGINES[sport].leagueAverage;
    const home = Math.floor(la.homeExpected) + 0.5;
    const away = Math.floor(la.awayExpected) + 0.5;
    const s = simulateGame({
      sport,
      gameId: `${sport}:mean-line`,
      seed: 'mean-line',
      iterations: 100_000,
      inputs: { homeExpected: home, awayExpected: away },
      totalLines: [],
      spreadLines: [],
      teamTotalLines: { home: [home], away: [away] },
    });
    expect(Math.abs(s.full.teamTotals!.home[0]!.pOver - 0.5)).toBeLessThan(0.035);
    expect(Math.abs(s.full.teamTotals!.away[0]!.pOver - 0.5)).toBeLessThan(0.035);
  });

  it('a stronger home side goes over its own line more often, and the away side does not', () => {
    const la = ENGINES.nba.leagueAverage;
    const run = (k: number) =>
      simulateGame({
        sport: 'nba',
        gameId: 'nba:mono',
        seed: 'mono',
        iterations: 20_000,
        inputs: { ...la, homeExpected: la.homeExpected * k },
        totalLines: [],
        spreadLines: [],
        teamTotalLines: { home: [110.5], away: [107.5] },
      }).full.teamTotals!;
    const weak = run(0.95);
    const strong = run(1.05);
    expect(strong.home[0]!.pOver).toBeGreaterThan(weak.home[0]!.pOver + 0.2);
    expect(Math.abs(strong.away[0]!.pOver - weak.away[0]!.pOver)).toBeLessThan(0.05);
  });
});

describe('team-total line validation (typed error before any work)', () => {
  const base = request('nfl', { iterations: 10_000 });
  const bad: [string, unknown, RegExp][] = [
    ['not an object', [24.5], /^teamTotalLines$/],
    ['null', null, /^teamTotalLines$/],
    ['missing away', { home: [24.5] }, /^teamTotalLines\.away$/],
    ['unknown side name', { home: [24.5], away: [], KC: [27.5] }, /^teamTotalLines\.KC$/],
    ['NaN line', { home: [NaN], away: [] }, /^teamTotalLines\.home\[0\]$/],
    ['negative line', { home: [], away: [3.5, -0.5] }, /^teamTotalLines\.away\[1\]$/],
    ['string line', { home: ['24.5'], away: [] }, /^teamTotalLines\.home\[0\]$/],
  ];
  it.each(bad)('%s', (_name, lines, field) => {
    const req = { ...base, teamTotalLines: lines } as unknown as SimRequest;
    let caught: unknown;
    try {
      simulateGame(req);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SimInputError);
    expect((caught as SimInputError).field).toMatch(field);
  });

  it('accepts empty per-side lists and whole-number lines', () => {
    const s = simulateGame({ ...base, teamTotalLines: { home: [], away: [21] } });
    expect(s.full.teamTotals).toEqual({ home: [], away: [expect.objectContaining({ line: 21 })] });
  });
});
