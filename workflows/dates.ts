/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, safe in the workflow sandbox (no clock, no
 * time zone database beyond the V8 built-in Intl).
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysInMonth(y: number, m: number): number {
  return [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][m - 1]!;
}

/** `date` shifted by `days` (may be negative). */
export function addDays(date: string, days: number): string {
  let [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let left = days;
  while (left > 0) {
    d += 1;
    if (d > daysInMonth(y, m)) {
      d = 1;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    left -= 1;
  }
  while (left < 0) {
    d -= 1;
    if (d < 1) {
      m -= 1;
      if (m < 1) {
        m = 12;
        y -= 1;
      }
      d = daysInMonth(y, m);
    }
    left += 1;
  }
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** The calendar date in America/New_York of an instant (the slate calendar of SPEC §4). */
export function newYorkDate(instant: { toISOString(): string; getTime(): number }): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/New_York',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant.getTime());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
