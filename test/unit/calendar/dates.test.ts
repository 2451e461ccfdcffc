import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from '../../../core/calendar';

const day = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2040-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe('ISO dates and date arithmetic', () => {
  it('isIsoDate accepts real days only', () => {
    for (const ok of ['2024-02-29', '2023-12-31', '2000-02-29', '0000-01-01', '0099-12-31'])
      expect(isIsoDate(ok)).toBe(true);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2023-13-01',
      '2023-2-1',
      '2023-02-30 ',
      '',
      20231201,
      null,
    ])
      expect(isIsoDate(bad)).toBe(false);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2023-03-12', 0)).toBe('2023-03-12');
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
  });

  it('daysBetween inverts addDays', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const shifted = addDays(d, n);
        expect(isIsoDate(shifted)).toBe(true);
        expect(daysBetween(d, shifted)).toBe(n);
        expect(addDays(shifted, -n)).toBe(d);
      }),
    );
  });
});
