/**
 * Season years and dates for the formats whose dates carry no year: the file name gives the
 * season, the month (and the file order) the calendar year.
 */
import { CsvFormatError } from './csv-format-error';
import { calendarDate, type CalendarDate, type MonthDayResolver } from './fields';

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * Start year from a split-season file name such as `nhl_odds_2016-17.csv` or
 * `ncaa basketball 2018-19.csv` (the last `YYYY-YY` in the base name). Throws
 * {@link CsvFormatError} at line 0 (the file itself) when there is none or it is inconsistent.
 */
export function splitSeasonStartYear(fileName: string): number {
  const matches = [...baseName(fileName).matchAll(/(\d{4})-(\d{2})(?!\d)/g)];
  const last = matches[matches.length - 1];
  if (!last) {
    throw new CsvFormatError(fileName, 0, 'file name must contain the season as YYYY-YY');
  }
  const start = Number(last[1]);
  if ((start + 1) % 100 !== Number(last[2])) {
    throw new CsvFormatError(
      fileName,
      0,
      `file name season ${last[0]} is not two consecutive years`,
    );
  }
  return start;
}

/** Season year from a single-year file name such as `cfb_odds_2014.csv` (last 4-digit group). */
export function singleSeasonYear(fileName: string): number {
  const matches = [...baseName(fileName).matchAll(/(?<!\d)(\d{4})(?!\d)/g)];
  const last = matches[matches.length - 1];
  if (!last) {
    throw new CsvFormatError(fileName, 0, 'file name must contain the season year YYYY');
  }
  return Number(last[1]);
}

/** Months from August on belong to the season's start year; January–July to the next. */
export function seasonYearOfMonth(seasonStartYear: number, month: number): number {
  return month >= 8 ? seasonStartYear : seasonStartYear + 1;
}

const DAY_MS = 86_400_000;
/** A date this far (days) before the latest date seen cannot be the same season's past. */
const MAX_BACKWARD_DAYS = 60;

/**
 * Resolves year-less month-days of one season file, in file order. Rule: months ≥ August are
 * in the start year, earlier months in the next year — except that a season can run past the
 * next August (NHL 2019-20: COVID pause, bubble playoffs Aug–Sep 2020). Rows are in date order
 * (give or take a few days of SBRO slips), so an August-or-later date that would land more
 * than {@link MAX_BACKWARD_DAYS} before the latest date already seen belongs to the next year.
 */
export class SeasonCalendar implements MonthDayResolver {
  private latest: CalendarDate | null = null;

  constructor(readonly seasonStartYear: number) {}

  /** Calendar date for `month` (1–12) / `day`, or null when no such date exists. */
  resolve(month: number, day: number): CalendarDate | null {
    let date = calendarDate(seasonYearOfMonth(this.seasonStartYear, month), month, day);
    if (!date) return null;
    const latest = this.latest;
    if (
      latest &&
      date.year === this.seasonStartYear &&
      daysBetween(date, latest) > MAX_BACKWARD_DAYS
    ) {
      date = calendarDate(this.seasonStartYear + 1, month, day) ?? date;
    }
    if (!latest || date.iso > latest.iso) this.latest = date;
    return date;
  }
}

/** Whole days from `a` to `b` (positive when `b` is later). */
function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS;
}
