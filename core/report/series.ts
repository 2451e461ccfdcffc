/**
 * Time series for the report's charts and the §6 one-sidedness check: over share of published
 * totals per week, graded units per slate date, and slates whose published totals lean one way.
 */
import { addDays, daysBetween } from '../calendar';
import { share, sum } from './stats';
import type { OneSidedSlate, UnitsPoint, WeeklyOverShare } from './types';

/**
 * First day of `date`'s 7-day window. Windows start on the report's `from`, not on a weekday:
 * a backfill from the first Thursday of an NFL season then gets one window per NFL week
 * (Thursday–Wednesday), and any sport gets the same rule.
 */
export function weekStart(date: string, from: string): string {
  return addDays(from, Math.floor(daysBetween(from, date) / 7) * 7);
}

/** A published full-game total on a slate. */
export interface PublishedTotal {
  readonly date: string;
  readonly side: string | null;
}

/** Over share per 7-day window anchored on `from`, oldest first; windows without picks are left out. */
export function weeklyOverShare(picks: readonly PublishedTotal[], from: string): WeeklyOverShare[] {
  const byWeek = new Map<string, { published: number; over: number }>();
  for (const p of picks) {
    const week = weekStart(p.date, from);
    const w = byWeek.get(week) ?? { published: 0, over: 0 };
    w.published += 1;
    if (p.side === 'OVER') w.over += 1;
    byWeek.set(week, w);
  }
  return [...byWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([weekStart, w]) => ({ weekStart, ...w, overShare: share(w.over, w.published) }));
}

/** Units of graded picks summed per slate date, oldest first, with the running total. */
export function cumulativeUnits(
  graded: readonly { readonly date: string; readonly units: number }[],
): UnitsPoint[] {
  const byDate = new Map<string, number[]>();
  for (const g of graded) byDate.set(g.date, [...(byDate.get(g.date) ?? []), g.units]);
  let cumulative = 0;
  return [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, units]) => {
      const u = sum(units);
      cumulative += u;
      return { date, graded: units.length, units: u, cumulative };
    });
}

/** SPEC §6: "no slate ≥ 6 totals with > 58% of picks on one side" (the R7 L2 guard's promise). */
export const ONE_SIDED = { minPublished: 6, maxSideShare: 0.58 } as const;

/** Slates with at least `minPublished` published totals and more than `maxSideShare` on one side. */
export function oneSidedSlates(
  picks: readonly PublishedTotal[],
  rule: { readonly minPublished: number; readonly maxSideShare: number } = ONE_SIDED,
): OneSidedSlate[] {
  const byDate = new Map<string, { over: number; under: number }>();
  for (const p of picks) {
    const d = byDate.get(p.date) ?? { over: 0, under: 0 };
    if (p.side === 'OVER') d.over += 1;
    else if (p.side === 'UNDER') d.under += 1;
    byDate.set(p.date, d);
  }
  const out: OneSidedSlate[] = [];
  for (const [date, { over, under }] of [...byDate].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const published = over + under;
    const majorityShare = published === 0 ? 0 : Math.max(over, under) / published;
    if (published >= rule.minPublished && majorityShare > rule.maxSideShare)
      out.push({ date, published, over, under, majorityShare });
  }
  return out;
}
