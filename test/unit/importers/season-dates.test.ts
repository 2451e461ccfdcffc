import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../../../core/importers';
import {
  SeasonCalendar,
  singleSeasonYear,
  splitSeasonStartYear,
} from '../../../core/importers/season-dates';

describe('season from file name', () => {
  it('reads split seasons from the base name', () => {
    expect(splitSeasonStartYear('nhl_odds_2016-17.csv')).toBe(2016);
    expect(splitSeasonStartYear('/data/2015-16/ncaab_odds_2018-19.csv')).toBe(2018);
    expect(splitSeasonStartYear('nhl odds 1999-00.csv')).toBe(1999);
  });

  it('rejects a missing or inconsistent split season at line 0', () => {
    expect(() => splitSeasonStartYear('nhl.csv')).toThrow(CsvFormatError);
    expect(() => splitSeasonStartYear('nhl_odds_2016-18.csv')).toThrow(
      'nhl_odds_2016-18.csv:0: file name season 2016-18 is not two consecutive years',
    );
  });

  it('reads single seasons', () => {
    expect(singleSeasonYear('cfb_odds_2014.csv')).toBe(2014);
    expect(singleSeasonYear('data/cfb odds 2016.csv')).toBe(2016);
    expect(() => singleSeasonYear('cfb.csv')).toThrow('cfb.csv:0:');
  });
});

describe('SeasonCalendar', () => {
  it('puts August–December in the start year and January–July in the next', () => {
    const cal = new SeasonCalendar(2019);
    expect(cal.resolve(10, 2)?.iso).toBe('2019-10-02');
    expect(cal.resolve(12, 31)?.iso).toBe('2019-12-31');
    expect(cal.resolve(1, 1)?.iso).toBe('2020-01-01');
    expect(cal.resolve(2, 29)?.iso).toBe('2020-02-29'); // leap day of the second year
    expect(cal.resolve(3, 11)?.iso).toBe('2020-03-11');
  });

  it('keeps late-summer dates after the year turn in the next year (2020 bubble)', () => {
    const cal = new SeasonCalendar(2019);
    cal.resolve(10, 2);
    cal.resolve(3, 11);
    expect(cal.resolve(8, 1)?.iso).toBe('2020-08-01');
    expect(cal.resolve(9, 28)?.iso).toBe('2020-09-28');
  });

  it('tolerates rows a few days out of order', () => {
    const cal = new SeasonCalendar(2018);
    expect(cal.resolve(11, 25)?.iso).toBe('2018-11-25');
    expect(cal.resolve(11, 24)?.iso).toBe('2018-11-24');
  });

  it('returns null for dates that do not exist', () => {
    const cal = new SeasonCalendar(2018);
    expect(cal.resolve(2, 29)).toBeNull(); // 2019 is not a leap year
    expect(cal.resolve(13, 1)).toBeNull();
    expect(cal.resolve(4, 31)).toBeNull();
  });
});
