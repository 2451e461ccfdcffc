import { describe, expect, it } from 'vitest';
import {
  easternToUtc,
  isEasternDaylightTime,
  lastSundayOfMonth,
  nthSundayOfMonth,
} from '../../../core/calendar';

describe('US/Eastern → UTC', () => {
  it.each([
    // [local date, local time, expected UTC] — expectations from Python zoneinfo.
    ['2022-10-02', '09:30', '2022-10-02T13:30:00.000Z'], // EDT, London game in ET
    ['2023-01-15', '19:00', '2023-01-16T00:00:00.000Z'], // EST, crosses UTC midnight
    ['2023-01-15', '20:15', '2023-01-16T01:15:00.000Z'],
    ['2023-03-11', '19:00', '2023-03-12T00:00:00.000Z'], // day before spring forward
    ['2023-03-12', '13:00', '2023-03-12T17:00:00.000Z'], // spring-forward Sunday afternoon
    ['2023-11-04', '19:00', '2023-11-04T23:00:00.000Z'], // day before fall back
    ['2023-11-05', '13:00', '2023-11-05T18:00:00.000Z'], // fall-back Sunday afternoon
    ['2007-03-11', '01:59', '2007-03-11T06:59:00.000Z'], // first year of the 2007 rule
    ['2007-03-11', '03:00', '2007-03-11T07:00:00.000Z'],
    ['2007-10-28', '13:00', '2007-10-28T17:00:00.000Z'], // old end date, still EDT in 2007
    ['2007-11-04', '00:30', '2007-11-04T04:30:00.000Z'],
    ['2007-11-04', '01:30', '2007-11-04T05:30:00.000Z'], // ambiguous hour → first (EDT)
    ['2007-11-04', '02:00', '2007-11-04T07:00:00.000Z'],
    ['2006-03-12', '13:00', '2006-03-12T18:00:00.000Z'], // pre-2007: still EST mid-March
    ['2006-04-02', '13:00', '2006-04-02T17:00:00.000Z'], // 1st Sunday of April
    ['2006-10-28', '13:00', '2006-10-28T17:00:00.000Z'],
    ['2006-10-29', '13:00', '2006-10-29T18:00:00.000Z'], // last Sunday of October
    ['2006-11-04', '13:00', '2006-11-04T18:00:00.000Z'],
    ['1999-09-12', '13:00', '1999-09-12T17:00:00.000Z'],
    ['1999-10-31', '13:00', '1999-10-31T18:00:00.000Z'],
  ])('%s %s ET = %s', (date, time, utc) => {
    expect(easternToUtc(date, time)).toBe(utc);
  });

  it('finds the transition Sundays', () => {
    expect(nthSundayOfMonth(2007, 3, 2)).toBe(11);
    expect(nthSundayOfMonth(2023, 3, 2)).toBe(12);
    expect(nthSundayOfMonth(2023, 11, 1)).toBe(5);
    expect(nthSundayOfMonth(2006, 4, 1)).toBe(2);
    expect(lastSundayOfMonth(2006, 10)).toBe(29);
    expect(lastSundayOfMonth(2020, 2)).toBe(23);
  });

  it('applies the transition at 02:00 local', () => {
    expect(isEasternDaylightTime(2023, 3, 12, 119)).toBe(false);
    expect(isEasternDaylightTime(2023, 3, 12, 180)).toBe(true);
    expect(isEasternDaylightTime(2023, 11, 5, 119)).toBe(true);
    expect(isEasternDaylightTime(2023, 11, 5, 120)).toBe(false);
  });

  it('agrees with the platform tz database at 13:00 and 19:00 on every day 1999–2030', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const mismatches: string[] = [];
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      for (const time of ['13:00', '19:00']) {
        const back = fmt.format(new Date(easternToUtc(date, time))).replace(', ', ' ');
        if (back !== `${date} ${time}`) mismatches.push(`${date} ${time} → ${back}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects malformed input as a programming error', () => {
    expect(() => easternToUtc('2023-1-5', '13:00')).toThrow(RangeError);
    expect(() => easternToUtc('2023-01-05', '25:00')).toThrow(RangeError);
  });
});
