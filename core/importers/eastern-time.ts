/**
 * US/Eastern wall clock → UTC without a time-zone library. The history files state local
 * Eastern kick-off times (or none), and the pipeline stores instants in UTC, so the only zone
 * we ever need is America/New_York, whose rules are short enough to write down:
 *
 * * 2007 onward (Energy Policy Act 2005): EDT from the 2nd Sunday of March 02:00 EST to the
 *   1st Sunday of November 02:00 EDT.
 * * 1987–2006: EDT from the 1st Sunday of April to the last Sunday of October.
 *
 * Earlier years use the 1987–2006 rule too (no data we import is older than 1999).
 * `Date` is used only for UTC calendar arithmetic, never for the host's local zone.
 */
import type { IsoDate, IsoInstant } from '../types';

const MINUTES_PER_HOUR = 60;
/** EST is UTC−5, EDT is UTC−4 (hours). */
const EST_OFFSET_HOURS = 5;
const EDT_OFFSET_HOURS = 4;
/** Clocks change at 02:00 local time on both transition days (minutes after midnight). */
const TRANSITION_MINUTE = 2 * MINUTES_PER_HOUR;

/** Day of month (1–31) of the `n`-th Sunday (n ≥ 1) of `month` (1–12) in `year`. */
export function nthSundayOfMonth(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstWeekday) % 7);
  return firstSunday + 7 * (n - 1);
}

/** Day of month (1–31) of the last Sunday of `month` (1–12) in `year`. */
export function lastSundayOfMonth(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - lastWeekday;
}

/**
 * True when US/Eastern observes daylight time at the given local wall-clock moment.
 * `minuteOfDay` is minutes after local midnight (0–1439). The non-existent spring hour
 * (02:00–02:59) counts as daylight time; the repeated autumn hour (01:00–01:59) resolves to its
 * first (daylight) occurrence — no game is scheduled in either.
 */
export function isEasternDaylightTime(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
): boolean {
  const modern = year >= 2007;
  const startMonth = modern ? 3 : 4;
  const startDay = modern ? nthSundayOfMonth(year, 3, 2) : nthSundayOfMonth(year, 4, 1);
  const endMonth = modern ? 11 : 10;
  const endDay = modern ? nthSundayOfMonth(year, 11, 1) : lastSundayOfMonth(year, 10);

  const key = month * 100 + day;
  const startKey = startMonth * 100 + startDay;
  const endKey = endMonth * 100 + endDay;
  if (key < startKey || key > endKey) return false;
  if (key > startKey && key < endKey) return true;
  if (key === startKey) return minuteOfDay >= TRANSITION_MINUTE;
  return minuteOfDay < TRANSITION_MINUTE;
}

/**
 * Converts a US/Eastern local date (`YYYY-MM-DD`) and wall-clock time (`HH:MM`, 24 h) to a UTC
 * instant (`2022-10-02T13:30:00.000Z`). Inputs must already be validated; an out-of-range value
 * throws a RangeError because that is a programming error, not bad data.
 */
export function easternToUtc(date: IsoDate, time: string): IsoInstant {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`easternToUtc: bad input ${date} ${time}`);
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  if (hour > 23 || minute > 59) throw new RangeError(`easternToUtc: bad time ${time}`);
  const dst = isEasternDaylightTime(year, month, day, hour * MINUTES_PER_HOUR + minute);
  const offset = dst ? EDT_OFFSET_HOURS : EST_OFFSET_HOURS;
  // Date.UTC normalises hour overflow (e.g. 21:00 EST = 02:00Z the next day).
  return new Date(Date.UTC(year, month - 1, day, hour + offset, minute)).toISOString();
}
