/**
 * Grading (R11): a published pick against the final score, at the line and price taken.
 * Pure; scores include overtime / extra innings / the shootout goal, which is how books grade
 * full-game totals (main and alternate lines), spreads and team totals.
 */
import type { TeamSide } from '../sports';

/** Sides as the safety stack names them. */
export type PickSide = 'OVER' | 'UNDER' | 'HOME' | 'AWAY';
export type GradeResult = 'win' | 'loss' | 'push';

export class GradingError extends Error {
  override readonly name = 'GradingError';
}

export interface GradeInput {
  /**
   * One of {@link GRADABLE_MARKETS} (full game). Period markets (halves, quarters, periods,
   * first five innings) need period scores, which the results carry no source for, and stay
   * ungraded.
   */
  readonly market: string;
  readonly side: PickSide;
  /**
   * The line as seen from `side`: totals → the total; HOME → home handicap; AWAY → away
   * handicap (= −home handicap). Handicap −3.5 means the side gives 3.5.
   */
  readonly line: number;
  /** American price taken; null → −110. */
  readonly price: number | null;
  readonly homeScore: number;
  readonly awayScore: number;
  /** Whose points a `team_totals` line counts (from its line key); required for that market. */
  readonly team?: TeamSide | null;
}

/** Profit in units per 1 unit staked at an American price (|price| ≥ 100). */
export function profitPerUnit(price: number): number {
  if (!Number.isFinite(price) || Math.abs(price) < 100)
    throw new GradingError(`invalid American price ${price}`);
  return price > 0 ? price / 100 : 100 / -price;
}

/**
 * Markets {@link gradePick} can settle from a final score. An alternate total is a full-game
 * total at another line, so it settles exactly like `totals`.
 */
export const GRADABLE_MARKETS = ['totals', 'alternate_totals', 'spreads', 'team_totals'] as const;

export function isGradableMarket(market: string): boolean {
  return (GRADABLE_MARKETS as readonly string[]).includes(market);
}

/** Result and units (win: +profit, loss: −1, push: 0) of one pick. */
export function gradePick(input: GradeInput): { result: GradeResult; units: number } {
  const { homeScore, awayScore, line } = input;
  if (![homeScore, awayScore, line].every(Number.isFinite))
    throw new GradingError('non-finite score or line');
  let diff: number;
  if (input.market === 'totals' || input.market === 'alternate_totals') {
    const total = homeScore + awayScore;
    if (input.side === 'OVER') diff = total - line;
    else if (input.side === 'UNDER') diff = line - total;
    else throw new GradingError(`side ${input.side} on a ${input.market} market`);
  } else if (input.market === 'spreads') {
    if (input.side === 'HOME') diff = homeScore - awayScore + line;
    else if (input.side === 'AWAY') diff = awayScore - homeScore + line;
    else throw new GradingError(`side ${input.side} on a spreads market`);
  } else if (input.market === 'team_totals') {
    if (input.team !== 'home' && input.team !== 'away')
      throw new GradingError('a team_totals pick needs the team its line counts');
    const points = input.team === 'home' ? homeScore : awayScore;
    if (input.side === 'OVER') diff = points - line;
    else if (input.side === 'UNDER') diff = line - points;
    else throw new GradingError(`side ${input.side} on a team_totals market`);
  } else {
    throw new GradingError(`market ${input.market} is not graded from final scores`);
  }
  if (diff === 0) return { result: 'push', units: 0 };
  if (diff > 0) return { result: 'win', units: profitPerUnit(input.price ?? -110) };
  return { result: 'loss', units: -1 };
}
