import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { easternMidnightUtcMs, utcToEasternDate } from '../../../core/calendar';
import { formatApiInstant, slateWindow } from '../../../core/odds-api';

/** Reference: the platform's tz database (full ICU ships with Node 20). */
const reference = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('UTC → US/Eastern calendar date', () => {
  it.each([
    ['2023-12-11T01:20:00Z', '2023-12-10'], // Sunday Night Football, 20:20 EST
    ['2023-12-11T04:59:59Z', '2023-12-10'], // 23:59:59 EST
    ['2023-12-11T05:00:00Z', '2023-12-11'], // midnight EST
    ['2023-07-04T03:59:59Z', '2023-07-03'], // 23:59:59 EDT
    ['2023-07-04T04:00:00Z', '2023-07-04'],
    ['2023-03-12T06:59:59Z', '2023-03-12'], // 01:59:59 EST, spring-forward day
    ['2023-03-12T07:00:00Z', '2023-03-12'], // 03:00 EDT
    ['2023-11-05T03:59:59Z', '2023-11-04'], // 23:59:59 EDT the night before fall-back
    ['2023-11-05T04:00:00Z', '2023-11-05'],
    ['2023-11-06T04:59:59Z', '2023-11-05'], // 23:59:59 EST after fall-back
    ['2006-04-02T03:59:59Z', '2006-04-01'], // pre-2007 rule: still EST on April 1st night
    ['2006-04-03T03:59:59Z', '2006-04-02'], // EDT from 1st Sunday of April
    ['2006-10-30T04:30:00Z', '2006-10-29'], // last Sunday of October: EST again
    ['2023-12-10T18:00:00.000Z', '2023-12-10'],
    ['2023-12-10T13:00:00-05:00', '2023-12-10'],
  ])('%s is on %s in New York', (instant, date) => {
    expect(utcToEasternDate(instant)).toBe(date);
  });

  it('agrees with the tz database for any instant 1990–2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        expect(utcToEasternDate(new Date(ms))).toBe(reference.format(new Date(ms)));
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects a non-instant', () => {
    expect(() => utcToEasternDate('not a date')).toThrow(RangeError);
  });
});

describe('slate windows', () => {
  it('covers one Eastern day, inclusive bounds, whole seconds', () => {
    expect(slateWindow('2023-12-10')).toEqual({
      commenceTimeFrom: '2023-12-10T05:00:00Z',
      commenceTimeTo: '2023-12-11T04:59:59Z',
    });
    expect(slateWindow('2023-07-04')).toEqual({
      commenceTimeFrom: '2023-07-04T04:00:00Z',
      commenceTimeTo: '2023-07-05T03:59:59Z',
    });
    // 23-hour and 25-hour days.
    expect(slateWindow('2023-03-12')).toEqual({
      commenceTimeFrom: '2023-03-12T05:00:00Z',
      commenceTimeTo: '2023-03-13T03:59:59Z',
    });
    expect(slateWindow('2023-11-05')).toEqual({
      commenceTimeFrom: '2023-11-05T04:00:00Z',
      commenceTimeTo: '2023-11-06T04:59:59Z',
    });
  });

  it('midnight matches the tz database on every day of 2005–2008', () => {
    for (let ms = Date.UTC(2005, 0, 1); ms < Date.UTC(2009, 0, 1); ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const midnight = easternMidnightUtcMs(date);
      expect(reference.format(new Date(midnight))).toBe(date);
      expect(reference.format(new Date(midnight - 1))).not.toBe(date);
    }
  });

  it('rejects impossible dates and formats instants without milliseconds', () => {
    expect(() => slateWindow('2023-02-30')).toThrow(RangeError);
    expect(() => slateWindow('20231210')).toThrow(RangeError);
    expect(formatApiInstant('2023-12-10T18:00:00.999Z')).toBe('2023-12-10T18:00:00Z');
    expect(formatApiInstant(new Date(Date.UTC(2023, 0, 2, 3, 4, 5)))).toBe('2023-01-02T03:04:05Z');
  });
});
