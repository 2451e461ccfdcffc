/**
 * R5–R7 inputs: what the safety stack sees of each game — its verified markets, its simulation
 * summary, the decomposition and reality check of that summary, and its rating samples — and
 * the recent spread of simulated SDs the high-variance layer (L4) compares against. The classify
 * step and `reproduce` both build them here, so a reproduction sees exactly what the run saw.
 */
import {
  checkRclForSummary,
  tryDecomposeGame,
  type GameSafetyInput,
  type SafetyConfig,
  type VarianceStats,
} from '../safety';
import type { LeagueBaseline, SimSummary } from '../simulation-types';
import type { Sport } from '../sports';
import type { BlockReason } from '../types';
import type { StoredGameInput, StoredLineCheck } from './stored-rows';

/** Per-game inputs of the safety stack, one per game that has line checks. */
export function safetyInputs(
  sport: Sport,
  checks: readonly StoredLineCheck[],
  sims: readonly SimSummary[],
  baseline: LeagueBaseline | null,
  inputs: readonly StoredGameInput[],
  safety: SafetyConfig,
): GameSafetyInput[] {
  const simBy = new Map(sims.map((s) => [s.gameId, s]));
  const samples = new Map(
    inputs.map((r) => [r.game_id, { home: r.home_sample, away: r.away_sample }]),
  );
  const gameIds = [...new Set(checks.map((c) => c.game_id))];
  return gameIds.map((gameId) => {
    const sim = simBy.get(gameId) ?? null;
    const decomposed = sim && baseline ? tryDecomposeGame(sim, baseline, safety) : null;
    return {
      gameId,
      sport,
      markets: checks
        .filter((c) => c.game_id === gameId)
        .map((c) => ({
          gameId,
          market: c.market as GameSafetyInput['markets'][number]['market'],
          lineKey: c.line_key,
          reasons: c.reasons as BlockReason[],
          notes: [...c.notes],
          consensusPoint: c.consensus_point,
          priceA: c.price_a,
          priceB: c.price_b,
          noVigA: c.no_vig_a,
          noVigB: c.no_vig_b,
        })),
      ...(decomposed !== null && !decomposed.ok
        ? { gameReasons: ['DECOMPOSITION_INPUT_ERROR' as const] }
        : {}),
      sim,
      decomposition: decomposed?.ok ? decomposed.result : null,
      rcl: sim && baseline ? checkRclForSummary(sim, baseline, safety) : null,
      ratingSamples: samples.get(gameId) ?? null,
    };
  });
}

function meanSd(xs: readonly number[]): { mean: number; sd: number; n: number } {
  const n = xs.length;
  const mean = n === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

/** L4's reference: mean and SD of recent simulated total and margin SDs (null: none yet). */
export function varianceStats(
  sds: readonly { total_sd: number; margin_sd: number }[],
): VarianceStats | null {
  return sds.length === 0
    ? null
    : {
        totalSd: meanSd(sds.map((r) => r.total_sd)),
        marginSd: meanSd(sds.map((r) => r.margin_sd)),
      };
}
