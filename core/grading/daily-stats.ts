/**
 * The daily calibration measurements of R11 over a rolling window of priced totals.
 */

/** One priced full-game total of the window, with its game's final score. */
export interface PricedTotal {
  readonly side: 'OVER' | 'UNDER';
  /** Engine projection before L2 (scoring units): the bias is measured on what L2 corrects. */
  readonly projectionRaw: number;
  /** The consensus total (the line). */
  readonly line: number;
  readonly actualTotal: number;
  readonly published: boolean;
}

/** One graded published pick (any market of `GRADABLE_MARKETS`). */
export interface GradedPick {
  readonly result: 'win' | 'loss' | 'push';
}

export interface DailyMeasurements {
  /** Distinct priced games with a final score. */
  readonly games: number;
  /** Share of the model's totals leans (every priced total) on the Over; null without any. */
  readonly overRateLeans: number | null;
  /** Share of published totals picks on the Over; null without any. */
  readonly overRatePicks: number | null;
  /** mean(projectionRaw − actual total), scoring units. */
  readonly biasVsActual: number | null;
  /** mean(projectionRaw − line), scoring units. */
  readonly biasVsMarket: number | null;
  /** Wins / (wins + losses) of graded published picks. */
  readonly winRate: number | null;
  /** Pushes / graded published picks. */
  readonly pushRate: number | null;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function measureWindow(
  totals: readonly PricedTotal[],
  graded: readonly GradedPick[],
): DailyMeasurements {
  const published = totals.filter((t) => t.published);
  const wins = graded.filter((g) => g.result === 'win').length;
  const losses = graded.filter((g) => g.result === 'loss').length;
  const pushes = graded.length - wins - losses;
  return {
    games: totals.length,
    overRateLeans: share(totals.filter((t) => t.side === 'OVER').length, totals.length),
    overRatePicks: share(published.filter((t) => t.side === 'OVER').length, published.length),
    biasVsActual: mean(totals.map((t) => t.projectionRaw - t.actualTotal)),
    biasVsMarket: mean(totals.map((t) => t.projectionRaw - t.line)),
    winRate: share(wins, wins + losses),
    pushRate: share(pushes, graded.length),
  };
}
