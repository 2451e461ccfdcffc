/**
 * League baseline at a point in time (R3/R5).
 *
 * Totals and margins come from the most recent `baselineGames` final games before as-of.
 * Pace, efficiency and (football) TD/FG rates come from the engine itself, run at league-average
 * inputs (the snapshot's μ ± h/2), so the baseline is measured in exactly the units of
 * `SimSummary.decomposition` (e.g. NFL pace = drives per team incl. overtime).
 * Their SDs describe how much projected games differ from each other: every game in the window
 * is projected with the snapshot and converted into the engine's pace/efficiency split; SDs are
 * floored at 1% of the mean so z-scores stay finite (with paceShare = 0 every projected pace is
 * the league pace, so the pace part of R5 is always 0 by construction).
 */
import { ENGINES, simulateGame } from '../sim/engine';
import type { LeagueBaseline } from '../simulation-types';
import type { Sport } from '../sports';
import type { GameRecord, IsoInstant } from '../types';
import { computeRatings, usableGames } from './compute';
import { projectGame } from './project';
import type { RatingsConfig, RatingsOptions, RatingsSnapshot } from './types';

/** Iterations and seed of the engine run that measures baseline pace/efficiency. */
export const BASELINE_ITERATIONS = 20_000;
export const BASELINE_SEED = 'league-baseline';

function meanSd(xs: readonly number[]): [number, number] {
  if (xs.length === 0) return [NaN, NaN];
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - m) * (x - m), 0) / xs.length;
  return [m, Math.sqrt(v)];
}

/**
 * @param snapshot ratings at the same `asOf` (computed here when omitted)
 */
export function leagueBaseline(
  sport: Sport,
  games: readonly GameRecord[],
  asOf: IsoInstant,
  config: RatingsConfig,
  snapshot?: RatingsSnapshot,
  options: RatingsOptions = {},
): LeagueBaseline {
  const snap = snapshot ?? computeRatings(sport, games, asOf, config, options);
  if (snap.asOf !== asOf || snap.sport !== sport)
    throw new RangeError('leagueBaseline: snapshot is for another sport/as-of');
  // Actual scores (no market blend) for the baseline totals.
  const used = usableGames(sport, games, asOf, { ...config, marketBlend: 0 });
  const window = used.slice(Math.max(0, used.length - config.baselineGames));
  const engine = ENGINES[sport];
  const [lo, hi] = engine.sideBounds;
  const clamp = (x: number) => Math.min(hi, Math.max(lo, x));
  // paceFactor 1, as every projected game has (projectGame always sets it): an engine whose
  // pace depends on it (MLB's scoring share) measures the baseline the way it prices the slate.
  const leagueInputs = {
    homeExpected: clamp(snap.leagueMean + snap.homeAdvantage / 2),
    awayExpected: clamp(snap.leagueMean - snap.homeAdvantage / 2),
    paceFactor: 1,
  };
  const sim = simulateGame({
    sport,
    gameId: `baseline:${sport}:${asOf}`,
    seed: BASELINE_SEED,
    iterations: BASELINE_ITERATIONS,
    inputs: leagueInputs,
    totalLines: [],
    spreadLines: [],
  });
  let totalMean: number;
  let totalSd: number;
  let marginSd: number;
  if (window.length >= 2) {
    [totalMean, totalSd] = meanSd(window.map((g) => g.ph + g.pa));
    [, marginSd] = meanSd(window.map((g) => g.ph - g.pa));
  } else {
    // No history: the engine's league-average game stands in (documented fallback).
    totalMean = sim.full.total.mean;
    totalSd = sim.full.total.sd;
    marginSd = sim.full.margin.sd;
  }
  const pace = sim.decomposition.pace;
  const efficiency = sim.decomposition.efficiency;
  const leagueTotal = leagueInputs.homeExpected + leagueInputs.awayExpected;
  const paces: number[] = [];
  const effs: number[] = [];
  for (const g of window) {
    const p = projectGame(snap, g.game.homeTeam, g.game.awayTeam, g.game.neutralSite);
    const gp = pace * (p.inputs.paceFactor ?? 1);
    paces.push(gp);
    // Same split as the engine: efficiency scales with projected total / pace.
    effs.push(
      (efficiency * (p.inputs.homeExpected + p.inputs.awayExpected)) /
        leagueTotal /
        (p.inputs.paceFactor ?? 1),
    );
  }
  const paceSd = Math.max(meanSd(paces)[1] || 0, 0.01 * pace);
  const efficiencySd = Math.max(meanSd(effs)[1] || 0, 0.01 * efficiency);
  const base: LeagueBaseline = {
    sport,
    games: window.length,
    totalMean,
    totalSd,
    marginSd,
    pace,
    paceSd,
    efficiency,
    efficiencySd,
  };
  const d = sim.decomposition;
  return d.tdRate !== undefined && d.fgRate !== undefined
    ? { ...base, tdRate: d.tdRate, fgRate: d.fgRate }
    : base;
}
