/**
 * The contract between the Monte Carlo engines (R4) and the safety stack (R5–R8). A summary is
 * small and JSON-safe (a few KB per game) so it can be stored in `simulations.summary` and
 * passed between activities; raw per-iteration arrays never leave the engine.
 */
import type { MarketKey, Sport } from './sports';

/** Probabilities at one offered total line (they sum to 1 within float error). */
export interface TotalLineProbs {
  readonly line: number;
  readonly pOver: number;
  readonly pUnder: number;
  readonly pPush: number;
}

/**
 * Over/under probabilities at each offered team-total line of one side (full game, overtime
 * included), from that side's own integer score histogram. Over = the side scores more than the
 * line, push = exactly the line (whole-number lines only). Lines are in the order requested.
 */
export interface TeamTotalProbs {
  readonly home: readonly TotalLineProbs[];
  readonly away: readonly TotalLineProbs[];
}

/** Probabilities at one offered spread (home handicap, Odds API convention). */
export interface SpreadLineProbs {
  /** Home handicap: −3.5 means the home side gives 3.5. Home covers when margin + line > 0. */
  readonly homeLine: number;
  readonly pHomeCovers: number;
  readonly pAwayCovers: number;
  readonly pPush: number;
}

/** Mean/SD/quantiles of one simulated quantity. Quantiles are p5,p10,p25,p50,p75,p90,p95. */
export interface Distribution {
  readonly mean: number;
  readonly sd: number;
  readonly quantiles: readonly [number, number, number, number, number, number, number];
}

/** Summary of one segment (full game, 1H, a quarter, a period, first five innings). */
export interface SegmentSummary {
  /** `full`, `h1`, `q1`…`q4`, `p1`…`p3`, `f5`. */
  readonly segment: string;
  readonly home: Distribution;
  readonly away: Distribution;
  readonly total: Distribution;
  /** home − away. */
  readonly margin: Distribution;
  readonly totals: readonly TotalLineProbs[];
  readonly spreads: readonly SpreadLineProbs[];
  readonly pHomeWin: number;
  /**
   * Per-side team-total probabilities (`team_totals` market). Present only when the request
   * asked for team-total lines (R2b: only real, verified lines), so summaries of games without
   * team totals are unchanged; today only the `full` segment carries it.
   */
  readonly teamTotals?: TeamTotalProbs;
}

/**
 * Decomposition means for R5: pace is events per game (drives, possessions, innings/PAs, shots),
 * efficiency is points per event. Football also carries TD and FG rates per drive.
 */
export interface DecompositionMeans {
  readonly pace: number;
  readonly efficiency: number;
  readonly tdRate?: number;
  readonly fgRate?: number;
}

/** League baseline for a sport at a point in time (R3/R5). */
export interface LeagueBaseline {
  readonly sport: Sport;
  readonly games: number;
  readonly totalMean: number;
  readonly totalSd: number;
  readonly marginSd: number;
  readonly pace: number;
  readonly paceSd: number;
  readonly efficiency: number;
  readonly efficiencySd: number;
  readonly tdRate?: number;
  readonly fgRate?: number;
}

/** What the engine produced for one game. */
export interface SimSummary {
  readonly gameId: string;
  readonly sport: Sport;
  readonly iterations: number;
  readonly seed: string;
  readonly full: SegmentSummary;
  /** Derivative segments keyed by the market they price, e.g. `totals_h1` → h1. */
  readonly derivatives: Readonly<Partial<Record<MarketKey, SegmentSummary>>>;
  readonly decomposition: DecompositionMeans;
  /** Monte Carlo standard error of P(over) at the consensus total: sqrt(p(1−p)/n). */
  readonly mcStandardError: number;
}
