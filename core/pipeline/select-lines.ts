/**
 * R2b: a game is priced on its verified lines only. Builds the engine request for one game from
 * its inputs and the lines that passed the integrity checks.
 */
import { ENGINES } from '../sim/engine';
import type { SegmentRequest, SimRequest } from '../sim/types';
import { DERIVATIVE_MARKETS, teamTotalSide, type Sport, type TeamSide } from '../sports';
import type { StoredEngineInput, StoredLineCheck } from './stored-rows';

/** The checks of `gameId` that passed and have a consensus point: the lines it is priced on. */
export function verifiedLines(
  checks: readonly StoredLineCheck[],
  gameId: string,
): StoredLineCheck[] {
  return checks.filter((c) => c.game_id === gameId && c.ok && c.consensus_point !== null);
}

/**
 * The engine request for one game: full-game totals (main first, then alternates), spreads, the
 * derivative segments the sport's engine simulates, and team totals per side. A team-total line
 * whose lineKey names no side is left out here and rejected by classification
 * (UNATTRIBUTED_TEAM_TOTAL), never guessed.
 */
export function simRequestFor(
  sport: Sport,
  gameId: string,
  seed: string,
  iterations: number,
  inputs: SimRequest['inputs'],
  checks: readonly StoredLineCheck[],
): SimRequest {
  const ok = verifiedLines(checks, gameId);
  const points = (market: string): number[] =>
    ok.filter((c) => c.market === market).map((c) => c.consensus_point!);
  const segments = ENGINES[sport].segments;
  const derivatives: SegmentRequest[] = [];
  for (const market of DERIVATIVE_MARKETS) {
    if (!(market in segments)) continue;
    const lines = points(market);
    if (lines.length > 0) derivatives.push({ market: market, totalLines: lines });
  }
  const team: Record<TeamSide, number[]> = { home: [], away: [] };
  for (const c of ok) {
    if (c.market !== 'team_totals') continue;
    const side = teamTotalSide(c.line_key);
    if (side !== null) team[side].push(c.consensus_point!);
  }
  const hasTeamTotals = team.home.length + team.away.length > 0;
  // The main total first: it drives the Monte Carlo standard error (R7 L1).
  return {
    sport,
    gameId,
    seed,
    iterations,
    inputs,
    totalLines: [...new Set([...points('totals'), ...points('alternate_totals')])],
    spreadLines: [...new Set(points('spreads'))],
    ...(derivatives.length > 0 ? { derivatives } : {}),
    ...(hasTeamTotals
      ? { teamTotalLines: { home: [...new Set(team.home)], away: [...new Set(team.away)] } }
      : {}),
  };
}

/** The engine request of every game with stored inputs (in their order), on its verified lines. */
export function simRequestsFor(
  sport: Sport,
  seed: string,
  iterations: number,
  inputs: readonly StoredEngineInput[],
  checks: readonly StoredLineCheck[],
): SimRequest[] {
  return inputs.map((row) =>
    simRequestFor(
      sport,
      row.game_id,
      seed,
      iterations,
      row.inputs as unknown as SimRequest['inputs'],
      checks,
    ),
  );
}
