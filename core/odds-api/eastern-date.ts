/**
 * UTC instant → US/Eastern calendar date, without a time-zone library. A slate is "the games of
 * one Eastern calendar day" (that is how the history files date games), so an Odds API
 * `commence_time` in UTC must be mapped onto that day, and a slate date back onto a UTC window.
 *
 * America/New_York rules (the only zone we need):
 * * 2007 onward: EDT from the 2nd Sunday of March 02:00 EST (07:00Z) to the 1st Sunday of
 *   November 02:00 EDT (06:00Z).
 * * before 2007: EDT from the 1st Sunday of April 02:00 EST to the last Sunday of October
 *   02:00 EDT (same UTC hours).
 * Working on UTC transition instants avoids the ambiguous autumn hour entirely.
 */
import { lastSundayOfMonth, nthSundayOfMonth } from '../importers/eastern-time';
import type { IsoDate, IsoInstant } from '../types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** EST = UTC−5 h, EDT = UTC−4 h. */
const EST_OFFSET_MS = 5 * HOUR_MS;
const EDT_OFFSET_MS = 4 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC epoch ms of the two daylight-time transitions of `year` (start inclusive, end exclusive). */
function daylightWindowUtc(year: number): { start: number; end: number } {
  const modern = year >= 2007;
  const startMonth = modern ? 3 : 4;
  const startDay = modern ? nthSundayOfMonth(year, 3, 2) : nthSundayOfMonth(year, 4, 1);
  const endMonth = modern ? 11 : 10;
  const endDay = modern ? nthSundayOfMonth(year, 11, 1) : lastSundayOfMonth(year, 10);
  return {
    // 02:00 EST = 07:00Z; 02:00 EDT = 06:00Z.
    start: Date.UTC(year, startMonth - 1, startDay, 7),
    end: Date.UTC(year, endMonth - 1, endDay, 6),
  };
}

/** Offset of US/Eastern from UTC at epoch ms `utcMs`, in ms (EST 5 h or EDT 4 h). */
export function easternOffsetMs(utcMs: number): number {
  // The UTC year is the right one to look up: transitions are never near New Year.
  const { start, end } = daylightWindowUtc(new Date(utcMs).getUTCFullYear());
  return utcMs >= start && utcMs < end ? EDT_OFFSET_MS : EST_OFFSET_MS;
}

/**
 * The US/Eastern calendar date (`YYYY-MM-DD`) of a UTC instant. Throws a RangeError on a
 * string `Date` cannot parse (callers validate first; this is a programming error).
 */
export function utcToEasternDate(instant: IsoInstant | Date): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms))
    throw new RangeError(`utcToEasternDate: not an instant: ${String(instant)}`);
  return new Date(ms - easternOffsetMs(ms)).toISOString().slice(0, 10);
}

/**
 * UTC epoch ms of 00:00 US/Eastern on `date`. Midnight is never inside a transition hour, so the
 * offset at (date 00:00Z + 5 h) is the offset in force at local midnight.
 */
export function easternMidnightUtcMs(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`easternMidnightUtcMs: bad date ${date}`);
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utcMidnight).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`easternMidnightUtcMs: no such day ${date}`);
  }
  const guess = utcMidnight + EST_OFFSET_MS;
  return utcMidnight + easternOffsetMs(guess);
}

/** The UTC half-open range [from, to) in epoch ms covering the whole Eastern day `date`. */
export function easternDayRangeMs(date: IsoDate): { fromMs: number; toMs: number } {
  const fromMs = easternMidnightUtcMs(date);
  const next = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) +
      DAY_MS,
  );
  return { fromMs, toMs: easternMidnightUtcMs(next.toISOString().slice(0, 10)) };
}
