import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeRatings,
  defaultRatingsConfig,
  leagueBaseline,
  projectGame,
} from '../../../core/ratings';
import type { ClosingLine, RatingsConfig, RatingsSnapshot } from '../../../core/ratings';
import { decomposeGame } from '../../../core/safety/decomposition';
import { simulateGame } from '../../../core/sim/engine';
import type { GameRecord } from '../../../core/types';
import { syntheticLeague } from './synthetic';

const config: RatingsConfig = { ...defaultRatingsConfig('nfl'), priorGames: 2 };
const league = syntheticLeague({ seasons: [2021, 2022, 2023], teams: 8, noise: 6 });
const games = league.games;
const season2023 = games.filter((g) => g.season === 2023);
/** Mid-season of 2023: half of that season has been played. */
const asOf = season2023[Math.floor(season2023.length / 2)]?.commenceTime as string;

describe('computeRatings', () => {
  const snap = computeRatings('nfl', games, asOf, config);

  it('uses only final games strictly before as-of, and counts samples per team', () => {
    const cutoff = Date.parse(asOf);
    const before = games.filter((g) => Date.parse(g.commenceTime) < cutoff);
    expect(snap.gamesUsed).toBe(before.length);
    expect(snap.season).toBe(2023);
    for (const t of league.teams) {
      const cur = before.filter(
        (g) => g.season === 2023 && (g.homeTeam === t.name || g.awayTeam === t.name),
      );
      const all = before.filter((g) => g.homeTeam === t.name || g.awayTeam === t.name);
      expect(snap.teams[t.name]?.games).toBe(cur.length);
      expect(snap.teams[t.name]?.gamesTotal).toBe(all.length);
      expect(snap.teams[t.name]?.effectiveGames).toBeGreaterThan(0);
      expect(snap.teams[t.name]?.effectiveGames).toBeLessThanOrEqual(cur.length);
    }
    expect(Object.keys(snap.teams)).toEqual([...Object.keys(snap.teams)].sort());
  });

  it('the higher-scoring team gets the higher offence rating (and better defence the higher defence)', () => {
    const byTrueOff = [...league.teams].sort((a, b) => a.offense - b.offense);
    const rated = byTrueOff.map((t) => snap.teams[t.name]?.offense ?? NaN);
    // Strongest vs weakest attack, and rank correlation over all teams.
    expect(rated[rated.length - 1]).toBeGreaterThan(rated[0] ?? Infinity);
    const inversions = rated.reduce(
      (n, x, i) => n + rated.slice(i + 1).filter((y) => y < x).length,
      0,
    );
    expect(inversions).toBeLessThanOrEqual(3);
    const bestDef = [...league.teams].sort((a, b) => b.defense - a.defense)[0]?.name as string;
    const worstDef = [...league.teams].sort((a, b) => a.defense - b.defense)[0]?.name as string;
    expect(snap.teams[bestDef]?.defense).toBeGreaterThan(snap.teams[worstDef]?.defense ?? Infinity);
  });

  it('estimates league mean and home advantage from the data', () => {
    expect(snap.leagueMean).toBeGreaterThan(20.5);
    expect(snap.leagueMean).toBeLessThan(23.5);
    expect(snap.homeAdvantage).toBeGreaterThan(0.5);
    expect(snap.homeAdvantage).toBeLessThan(3.5);
  });

  it('a team that outscores the rest gets a higher offence; sample sizes follow games', () => {
    const extra: GameRecord[] = season2023
      .filter((g) => Date.parse(g.commenceTime) < Date.parse(asOf))
      .map((g) => (g.homeTeam === 'T00' ? { ...g, homeScore: (g.homeScore ?? 0) + 20 } : g));
    const others = games.filter((g) => g.season !== 2023);
    const s2 = computeRatings('nfl', [...others, ...extra], asOf, config);
    expect(s2.teams.T00?.offense).toBeGreaterThan((snap.teams.T00?.offense ?? 0) + 3);
  });

  it('low sample: a new season with no games yet regresses to the mean and flags every team', () => {
    // Same seasons in both fits (the lookback window moves with the season).
    const cfg = { ...config, lookbackSeasons: 5 };
    const preseason = computeRatings('nfl', games, '2024-08-01T00:00:00.000Z', cfg, {
      season: 2024,
    });
    // 2023 as it stood right after its last game (past seasons are weighted to their end).
    const lastGame = Date.parse(season2023[season2023.length - 1]?.commenceTime ?? '');
    const end2023 = computeRatings('nfl', games, new Date(lastGame + 1).toISOString(), cfg);
    expect(preseason.season).toBe(2024);
    for (const t of league.teams) {
      const a = preseason.teams[t.name];
      const b = end2023.teams[t.name];
      expect(a?.games).toBe(0);
      expect(a?.lowSample).toBe(true);
      expect(a?.offense).toBeCloseTo((1 - config.seasonRegression) * (b?.offense ?? 0), 6);
      expect(a?.defense).toBeCloseTo((1 - config.seasonRegression) * (b?.defense ?? 0), 6);
    }
  });

  it('blends market-implied team points when closing lines are given', () => {
    // A market that rates T00 as 10 points better than its scores say.
    const quotes: Record<string, ClosingLine> = {};
    for (const g of games) {
      const bump = g.homeTeam === 'T00' ? -10 : g.awayTeam === 'T00' ? 10 : 0;
      quotes[g.gameId] = {
        total: (g.homeScore ?? 0) + (g.awayScore ?? 0),
        homeHandicap: -((g.homeScore ?? 0) - (g.awayScore ?? 0)) + bump,
      };
    }
    const blended = computeRatings('nfl', games, asOf, { ...config, marketBlend: 0.5 }, { quotes });
    expect(blended.teams.T00?.offense).toBeGreaterThan((snap.teams.T00?.offense ?? 0) + 1);
    const off = computeRatings('nfl', games, asOf, { ...config, marketBlend: 0 }, { quotes });
    expect(off.teams).toEqual(snap.teams);
  });

  it('rejects an invalid config and an invalid as-of', () => {
    expect(() => computeRatings('nfl', games, asOf, { ...config, halfLifeDays: 0 })).toThrow(
      /halfLifeDays/,
    );
    expect(() => computeRatings('nfl', games, 'yesterday', config)).toThrow(/asOf/);
  });

  it('ignores other sports, unfinished games and is independent of input order', () => {
    const noise: GameRecord[] = [
      { ...(games[0] as GameRecord), gameId: 'x1', sport: 'nba', homeScore: 150 },
      { ...(games[1] as GameRecord), gameId: 'x2', homeScore: null, awayScore: null },
    ];
    const shuffled = [...games].reverse();
    expect(computeRatings('nfl', [...shuffled, ...noise], asOf, config)).toEqual(snap);
  });
});

const arbFutureGame = (cutoff: number) =>
  fc
    .record({
      offsetMs: fc.integer({ min: 0, max: 400 * 86_400_000 }), // 0 = exactly at as-of
      home: fc.constantFrom('T00', 'T03', 'T07', 'NEW1'),
      away: fc.constantFrom('T01', 'T05', 'NEW2'),
      hs: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
      as: fc.option(fc.integer({ min: 0, max: 70 }), { nil: null }),
      season: fc.constantFrom(2023, 2024),
      neutral: fc.boolean(),
    })
    .map((r, i = 0): GameRecord => ({
      gameId: `future:${r.offsetMs}:${r.away}@${r.home}:${i}`,
      sport: 'nfl',
      season: r.season,
      gameDate: new Date(cutoff + r.offsetMs).toISOString().slice(0, 10),
      commenceTime: new Date(cutoff + r.offsetMs).toISOString(),
      homeTeam: r.home,
      awayTeam: r.away,
      neutralSite: r.neutral,
      homeScore: r.hs,
      awayScore: r.as,
      homePeriods: null,
      awayPeriods: null,
      overtime: null,
      meta: {},
    }));

describe('no look-ahead (property)', () => {
  const cutoff = Date.parse(asOf);
  const base = computeRatings('nfl', games, asOf, config);
  const baseBaseline = leagueBaseline('nfl', games, asOf, config, base);

  it('adding or changing any game on or after as-of leaves the snapshot unchanged', () => {
    const futureIdx = games
      .map((g, i) => [g, i] as const)
      .filter(([g]) => Date.parse(g.commenceTime) >= cutoff)
      .map(([, i]) => i);
    fc.assert(
      fc.property(
        fc.array(arbFutureGame(cutoff), { maxLength: 6 }),
        fc.array(
          fc.record({
            idx: fc.constantFrom(...futureIdx),
            hs: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
            as: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
          }),
          { maxLength: 6 },
        ),
        fc.boolean(),
        (added, edits, withQuotes) => {
          // config has marketBlend 0.5: quotes would be used if the games were in the past.
          const changed = games.map((g) => g);
          for (const e of edits) {
            const g = changed[e.idx] as GameRecord;
            changed[e.idx] = { ...g, homeScore: e.hs, awayScore: e.as };
          }
          const all = [...changed, ...added];
          // Quotes for future games must not matter either.
          const quotes: Record<string, ClosingLine> = {};
          if (withQuotes)
            for (const g of added) quotes[g.gameId] = { total: 99, homeHandicap: -30 };
          const snap = computeRatings('nfl', all, asOf, config, { quotes });
          expect(snap).toEqual(base);
          expect(JSON.stringify(snap)).toBe(JSON.stringify(base));
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it('the league baseline has no look-ahead either', () => {
    const later = games.map((g) =>
      Date.parse(g.commenceTime) >= cutoff ? { ...g, homeScore: 99, awayScore: 0 } : g,
    );
    expect(leagueBaseline('nfl', later, asOf, config)).toEqual(baseBaseline);
  });
});

describe('projectGame', () => {
  const snap = computeRatings('nfl', games, asOf, config);

  it('applies home advantage at home and not at a neutral site', () => {
    const home = projectGame(snap, 'T03', 'T03', false);
    expect(home.inputs.homeExpected - home.inputs.awayExpected).toBeCloseTo(snap.homeAdvantage, 10);
    const neutral = projectGame(snap, 'T03', 'T03', true);
    expect(neutral.inputs.homeExpected).toBeCloseTo(neutral.inputs.awayExpected, 12);
  });

  it('better offence → more expected points; unknown teams are league average with low sample', () => {
    const strong = projectGame(snap, 'T07', 'T01', true);
    const weak = projectGame(snap, 'T00', 'T01', true);
    expect(strong.inputs.homeExpected).toBeGreaterThan(weak.inputs.homeExpected);
    const unknown = projectGame(snap, 'Expansion', 'Other', false);
    expect(unknown.inputs.homeExpected).toBeCloseTo(snap.leagueMean + snap.homeAdvantage / 2, 12);
    expect(unknown.lowSample).toBe(true);
    expect(unknown.homeGames).toBe(0);
    expect(unknown.inputs.paceFactor).toBe(1);
  });

  it('paceShare splits, never duplicates, the scoring signal', () => {
    const withPace = { ...snap, config: { ...snap.config, paceShare: 0.5 } };
    const p = projectGame(withPace, 'T07', 'T06', true);
    const q = projectGame(snap, 'T07', 'T06', true);
    expect(p.inputs.homeExpected).toBe(q.inputs.homeExpected);
    const ratio = (p.inputs.homeExpected + p.inputs.awayExpected) / (2 * snap.leagueMean);
    expect(p.inputs.paceFactor).toBeCloseTo(Math.sqrt(ratio), 12);
  });

  it('clamps implausible projections into the engine range', () => {
    const crazy = {
      ...snap,
      teams: {
        ...snap.teams,
        T07: { ...(snap.teams.T07 as NonNullable<(typeof snap.teams)['T07']>), offense: 80 },
      },
    };
    const p = projectGame(crazy, 'T07', 'T01', false);
    expect(p.clamped).toBe(true);
    expect(p.inputs.homeExpected).toBe(60);
  });
});

describe('leagueBaseline', () => {
  it('totals from the latest games, pace/efficiency from the engine at league average', () => {
    const cfg = { ...config, baselineGames: 40 };
    const b = leagueBaseline('nfl', games, asOf, cfg);
    const cutoff = Date.parse(asOf);
    const last = games.filter((g) => Date.parse(g.commenceTime) < cutoff).slice(-40);
    const totals = last.map((g) => (g.homeScore ?? 0) + (g.awayScore ?? 0));
    expect(b.games).toBe(40);
    expect(b.totalMean).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / 40, 10);
    expect(b.totalSd).toBeGreaterThan(0);
    expect(b.marginSd).toBeGreaterThan(0);
    expect(b.pace).toBeGreaterThan(10.5);
    expect(b.pace).toBeLessThan(12.5);
    expect(b.efficiency * 2 * b.pace).toBeGreaterThan(b.totalMean - 4);
    expect(b.efficiency * 2 * b.pace).toBeLessThan(b.totalMean + 4);
    expect(b.tdRate).toBeGreaterThan(0.15);
    expect(b.fgRate).toBeGreaterThan(0.1);
    expect(b.paceSd).toBeGreaterThan(0);
    expect(b.efficiencySd).toBeGreaterThan(0);
  });

  it('MLB in a season scoring below the engine league: a league-average game is no outlier', () => {
    // The engine's league scoring share is fixed (≈ 0.26 of half-innings); a season at 3.8 runs
    // a side puts the rest into the size of a scoring inning. The baseline must measure pace
    // the way the slate's games are priced (with a pace factor), or every game sits ~2+ SD off.
    const cfg = defaultRatingsConfig('mlb');
    const asOf = '2016-06-01T00:00:00.000Z';
    const history: GameRecord[] = Array.from({ length: 60 }, (_, i) => {
      const date = new Date(Date.UTC(2016, 3, 4) + i * 86_400_000).toISOString().slice(0, 10);
      return {
        gameId: `mlb:2016:${date}:B@A`,
        sport: 'mlb',
        season: 2016,
        gameDate: date,
        commenceTime: `${date}T23:00:00.000Z`,
        homeTeam: 'A',
        awayTeam: 'B',
        neutralSite: false,
        homeScore: 3 + (i % 3),
        awayScore: 2 + ((i + 1) % 4),
        homePeriods: null,
        awayPeriods: null,
        overtime: false,
        meta: {},
      };
    });
    const snapshot: RatingsSnapshot = {
      sport: 'mlb',
      asOf,
      season: 2016,
      gamesUsed: history.length,
      lastGameTime: null,
      leagueMean: 3.8,
      homeAdvantage: 0.1,
      teams: {},
      config: cfg,
    };
    const baseline = leagueBaseline('mlb', history, asOf, cfg, snapshot);
    const game = projectGame(snapshot, 'C', 'D', false);
    expect(game.inputs.paceFactor).toBe(1);
    const sim = simulateGame({
      sport: 'mlb',
      gameId: 'g',
      seed: 'league-average',
      iterations: 40_000,
      inputs: game.inputs,
      totalLines: [],
      spreadLines: [],
    });
    const d = decomposeGame(sim, baseline);
    expect(Math.abs(d.paceZ)).toBeLessThan(1.5);
    expect(Math.abs(d.efficiencyZ)).toBeLessThan(1.5);
    expect(d.flags).toEqual([]);
  });

  it('falls back to the engine when there is no history', () => {
    const b = leagueBaseline('nhl', [], '2020-01-01T00:00:00.000Z', defaultRatingsConfig('nhl'));
    expect(b.games).toBe(0);
    expect(b.totalMean).toBeGreaterThan(5.5);
    expect(b.tdRate).toBeUndefined();
  });
});
