/**
 * Counting audit rows: pick-state shares, NO_PLAY reason counts, and the published-pick summary
 * of one market (side split, win/push rates and ROI at the price taken).
 */
import { roi, share } from './stats';
import type { GradeResult, MarketSummary, PickState } from './types';

/** The part of an audit row these counts need. */
export interface StateRow {
  readonly state: PickState;
  readonly reasons: readonly string[];
}

export interface PublishedPick {
  /** `OVER` / `UNDER` for totals, `HOME` / `AWAY` for spreads. */
  readonly side: string | null;
  /** Null until the daily job graded it. */
  readonly result: GradeResult | null;
  /** Units from `pick_results` (win: +profit at price, loss: −1, push: 0); null if ungraded. */
  readonly units: number | null;
}

/** Share of rows in each state; all null without rows. The three shares sum to 1. */
export function stateShares(rows: readonly StateRow[]): Record<PickState, number | null> {
  const n = { PICK: 0, LEAN: 0, NO_PLAY: 0 };
  for (const r of rows) n[r.state] += 1;
  return {
    PICK: share(n.PICK, rows.length),
    LEAN: share(n.LEAN, rows.length),
    NO_PLAY: share(n.NO_PLAY, rows.length),
  };
}

/** How often each reason code appears on NO_PLAY rows (a row with two reasons counts twice). */
export function noPlayReasonCounts(rows: readonly StateRow[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.state !== 'NO_PLAY') continue;
    for (const reason of new Set(r.reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  // Most frequent first, then by name: stable JSON and a readable bar chart.
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return Object.fromEntries(sorted);
}

/**
 * Summary of a market's published picks. `sideA` is the side whose share is reported as
 * `overShare` (`OVER` for totals, `HOME` for spreads).
 */
export function summarizeMarket(picks: readonly PublishedPick[], sideA: string): MarketSummary {
  const graded = picks.filter(
    (p): p is PublishedPick & { result: GradeResult; units: number } =>
      p.result !== null && p.units !== null,
  );
  const wins = graded.filter((p) => p.result === 'win').length;
  const losses = graded.filter((p) => p.result === 'loss').length;
  const pushes = graded.length - wins - losses;
  return {
    picks: picks.length,
    overShare: share(picks.filter((p) => p.side === sideA).length, picks.length),
    winRate: share(wins, wins + losses),
    pushRate: share(pushes, graded.length),
    roiAtPrice: roi(graded.map((p) => p.units)),
  };
}
