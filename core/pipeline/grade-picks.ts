/**
 * R11: the grades of published picks whose game is final, at the line and price taken
 * (core/grading/grade.ts). A team total whose line key names no side is left ungraded: the
 * safety stack never publishes one, and one stored anyway must not fail every other grade.
 */
import { gradePick, type GradeResult, type PickSide } from '../grading';
import { teamTotalSide } from '../sports';
import type { StoredUngradedPick } from './stored-rows';

export interface PickGrade {
  pickId: string;
  gameId: string;
  homeScore: number;
  awayScore: number;
  result: GradeResult;
  units: number;
}

/** @throws GradingError for a pick no final score can settle (the step fails). */
export function gradePicks(picks: readonly StoredUngradedPick[]): PickGrade[] {
  const results: PickGrade[] = [];
  for (const p of picks) {
    const team = p.market_type === 'team_totals' ? teamTotalSide(p.line_key) : null;
    // The safety stack never publishes a team total it cannot attribute; if one were stored
    // anyway it stays ungraded rather than failing every other pick's grading.
    if (p.market_type === 'team_totals' && team === null) continue;
    results.push({
      pickId: p.id,
      gameId: p.game_id,
      homeScore: p.home_score,
      awayScore: p.away_score,
      ...gradePick({
        market: p.market_type,
        side: p.side as PickSide,
        line: p.line,
        price: p.price,
        homeScore: p.home_score,
        awayScore: p.away_score,
        team,
      }),
    });
  }
  return results;
}
