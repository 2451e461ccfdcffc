/**
 * The one calendar of the pipeline: ISO dates (`YYYY-MM-DD`), date arithmetic, and the
 * America/New_York rules that make a slate "the games of one Eastern calendar day" (SPEC §4).
 *
 * No time-zone library and no host zone: the history files state Eastern wall-clock kick-offs
 * and the pipeline stores UTC instants, so the only zone we need is America/New_York, whose
 * rules are short enough to write down:
 *
 * * 2007 onward (Energy Policy Act 2005): EDT from the 2nd Sunday of March 02:00 EST (07:00Z)
 *   to the 1st Sunday of November 02:00 EDT (06:00Z).
 * * 1987–2006: EDT from the 1st Sunday of April to the last Sunday of October (same hours).
 *   Earlier years use that rule too (no data we import is older than 1999).
 *
 * `Date` is used only for UTC arithmetic on explicit values, never for "now" or the host's zone,
 * so this module is safe in the Temporal workflow sandbox (the one core module workflows may
 * import at run time; see eslint.config.mjs).
 */
import type { IsoDate, IsoInstant } from './types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** EST is UTC−5, EDT is UTC−4. */
const EST_OFFSET_MS = 5 * HOUR_MS;
const EDT_OFFSET_MS = 4 * HOUR_MS;
/** Clocks change at 02:00 local time on both transition days (minutes after midnight). */
const TRANSITION_MINUTE = 120;

/** The shape of a calendar date; {@link isIsoDate} also checks that the day exists. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date `YYYY-MM-DD` (rejects `2023-02-30`, `2023-2-1`, non-strings). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  if (!ISO_DATE.test(value)) return false;
  // Date.parse of the ISO form, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** UTC epoch ms of 00:00Z on `date`; a RangeError for anything but a real `YYYY-MM-DD`. */
function utcMidnightMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${String(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` shifted by `days` whole days (may be negative). Throws a RangeError on a bad date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnightMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((utcMidnightMs(b) - utcMidnightMs(a)) / DAY_MS);
}

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

/** Month and day of the two transition Sundays of `year` (the rule in the module doc). */
function transitions(year: number): { start: [number, number]; end: [number, number] } {
  return year >= 2007
    ? { start: [3, nthSundayOfMonth(year, 3, 2)], end: [11, nthSundayOfMonth(year, 11, 1)] }
    : { start: [4, nthSundayOfMonth(year, 4, 1)], end: [10, lastSundayOfMonth(year, 10)] };
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
  const { start, end } = transitions(year);
  const key = month * 100 + day;
  const startKey = start[0] * 100 + start[1];
  const endKey = end[0] * 100 + end[1];
  if (key < startKey || key > endKey) return false;
  if (key > startKey && key < endKey) return true;
  if (key === startKey) return minuteOfDay >= TRANSITION_MINUTE;
  return minuteOfDay < TRANSITION_MINUTE;
}

/**
 * A US/Eastern local date (`YYYY-MM-DD`) and wall-clock time (`HH:MM`, 24 h) as a UTC instant
 * (`2022-10-02T13:30:00.000Z`). Inputs must already be validated; an out-of-range value throws
 * a RangeError because that is a programming error, not bad data.
 */
export function easternToUtc(date: IsoDate, time: string): IsoInstant {
  const d = ISO_DATE.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`easternToUtc: bad input ${date} ${time}`);
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  if (hour > 23 || minute > 59) throw new RangeError(`easternToUtc: bad time ${time}`);
  const dst = isEasternDaylightTime(year, month, day, hour * 60 + minute);
  const offsetHours = (dst ? EDT_OFFSET_MS : EST_OFFSET_MS) / HOUR_MS;
  // Date.UTC normalises hour overflow (e.g. 21:00 EST = 02:00Z the next day).
  return new Date(Date.UTC(year, month - 1, day, hour + offsetHours, minute)).toISOString();
}

/** Offset of US/Eastern from UTC at epoch ms `utcMs`, in ms (EST 5 h or EDT 4 h). */
export function easternOffsetMs(utcMs: number): number {
  // The UTC year is the right one to look up: transitions are never near New Year.
  const year = new Date(utcMs).getUTCFullYear();
  const { start, end } = transitions(year);
  // 02:00 EST = 07:00Z; 02:00 EDT = 06:00Z. Working on UTC instants avoids the autumn hour.
  const startMs = Date.UTC(year, start[0] - 1, start[1], 7);
  const endMs = Date.UTC(year, end[0] - 1, end[1], 6);
  return utcMs >= startMs && utcMs < endMs ? EDT_OFFSET_MS : EST_OFFSET_MS;
}

/**
 * The US/Eastern calendar date (`YYYY-MM-DD`) of an instant: the slate date of a kick-off, or
 * "today" in New York for a clock reading. Throws a RangeError on a string that is not an
 * instant (callers validate first; this is a programming error).
 */
export function utcToEasternDate(instant: IsoInstant | { getTime(): number }): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms))
    throw new RangeError(`utcToEasternDate: not an instant: ${JSON.stringify(instant)}`);
  return new Date(ms - easternOffsetMs(ms)).toISOString().slice(0, 10);
}

/**
 * UTC epoch ms of 00:00 US/Eastern on `date`. Midnight is never inside a transition hour, so the
 * offset at (date 00:00Z + 5 h) is the offset in force at local midnight.
 */
export function easternMidnightUtcMs(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`easternMidnightUtcMs: no such day ${String(date)}`);
  const utcMidnight = utcMidnightMs(date);
  return utcMidnight + easternOffsetMs(utcMidnight + EST_OFFSET_MS);
}

/** The UTC half-open range [from, to) in epoch ms covering the whole Eastern day `date`. */
export function easternDayRangeMs(date: IsoDate): { fromMs: number; toMs: number } {
  return { fromMs: easternMidnightUtcMs(date), toMs: easternMidnightUtcMs(addDays(date, 1)) };
}
