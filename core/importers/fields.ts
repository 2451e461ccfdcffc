/**
 * Typed access to the fields of one CSV record. Every accessor either returns a clean value or
 * throws {@link CsvFormatError} naming the file line and column, which is what makes a bad
 * file fail as a whole with a precise message (or, with `skipInvalid`, rejects that row).
 */
import { CsvFormatError } from './csv-format-error';
import type { CsvRecord } from './csv';

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INTEGER_RE = /^[+-]?\d+$/;
/** "No line" (SBRO spelling), accepted in any letter case wherever a line or price may be absent. */
const NO_LINE = 'NL';

/** Column name → field index. */
export type ColumnIndex = ReadonlyMap<string, number>;

/** Header cells compare without whitespace: SBRO spells `Puck Line` and `PuckLine` by season. */
export function normaliseHeaderCell(cell: string): string {
  return cell.replace(/\s+/g, '');
}

/**
 * Maps the header by name and checks that `required` columns exist. Used for the formats whose
 * columns are all named (extra columns are tolerated: nflverse adds columns over time).
 */
export function columnsByName(
  header: CsvRecord,
  file: string,
  required: readonly string[],
): ColumnIndex {
  const map = new Map<string, number>();
  header.fields.forEach((cell, i) => {
    const name = normaliseHeaderCell(cell);
    if (name !== '' && !map.has(name)) map.set(name, i);
  });
  const missing = required.filter((c) => !map.has(c));
  if (missing.length > 0) {
    throw new CsvFormatError(file, header.line, `header lacks column(s): ${missing.join(', ')}`);
  }
  return map;
}

/**
 * Checks a positional header (SBRO sheets have unnamed price columns) and maps our own keys to
 * positions. `expected` lists `[key, header text]`; header text compares whitespace-free. The
 * header may end with extra unnamed (empty) columns.
 */
export function columnsByPosition(
  header: CsvRecord,
  file: string,
  expected: ReadonlyArray<readonly [key: string, header: string]>,
): ColumnIndex {
  const got = header.fields.map(normaliseHeaderCell);
  const want = expected.map(([, h]) => normaliseHeaderCell(h));
  // Extra columns past the expected ones are tolerated only when unnamed (a later season's
  // sheet may end with a few empty columns); anything else means the layout changed.
  const extraNamed = got.slice(want.length).some((g) => g !== '');
  if (got.length < want.length || extraNamed || want.some((w, i) => got[i] !== w)) {
    throw new CsvFormatError(
      file,
      header.line,
      `unexpected header "${header.fields.join(',')}", expected "${want.join(',')}"`,
    );
  }
  return new Map(expected.map(([key], i) => [key, i]));
}

/** How many fields a data row may have (see {@link rowWidth}). */
export interface RowWidth {
  /** Fewest fields: the header without its trailing unnamed columns. */
  readonly min: number;
  /** Most fields: the header's width. */
  readonly max: number;
}

/**
 * Row widths a header allows: its full width, or fewer when a row only leaves out the header's
 * trailing unnamed (empty) columns — but never fewer than `required` (positional formats whose
 * own last column is unnamed, like SBRO's price columns). Fields past `min` must be empty.
 */
export function rowWidth(header: CsvRecord, required = 0): RowWidth {
  const max = header.fields.length;
  let min = max;
  while (min > required && normaliseHeaderCell(header.fields[min - 1] ?? '') === '') min -= 1;
  return { min, max };
}

/** Parsed calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `YYYY-MM-DD`. */
  readonly iso: string;
}

/** Days in `month` (1–12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds a validated calendar date, or returns null if it does not exist. */
export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { year, month, day, iso };
}

/**
 * Turns a month and day without a year into a date (season-dates.ts `SeasonCalendar`: the
 * file's season decides the year).
 */
export interface MonthDayResolver {
  resolve(month: number, day: number): CalendarDate | null;
}

/** Wraps one record with its column index; all accessors trim the raw text. */
export class RowReader {
  constructor(
    private readonly record: CsvRecord,
    private readonly file: string,
    private readonly columns: ColumnIndex,
  ) {}

  get line(): number {
    return this.record.line;
  }

  /** Throws the file-level error for this row. */
  fail(reason: string): never {
    throw new CsvFormatError(this.file, this.record.line, reason);
  }

  /** Trimmed raw text of a column. */
  text(column: string): string {
    const index = this.columns.get(column);
    if (index === undefined) throw new Error(`importer bug: unknown column ${column}`);
    return (this.record.fields[index] ?? '').trim();
  }

  /** A required number (decimal allowed). */
  number(column: string): number {
    const raw = this.text(column);
    if (!NUMBER_RE.test(raw)) this.fail(`${column}: expected a number, got "${raw}"`);
    return Number(raw);
  }

  /** A required integer. */
  integer(column: string): number {
    const raw = this.text(column);
    if (!INTEGER_RE.test(raw)) this.fail(`${column}: expected an integer, got "${raw}"`);
    return Number(raw);
  }

  /** A required non-negative integer (scores, period points). */
  count(column: string): number {
    const value = this.integer(column);
    if (value < 0) this.fail(`${column}: expected a non-negative integer, got ${value}`);
    return value;
  }

  /** A number, or null when the cell is one of the format's "absent" markers. */
  optionalNumber(column: string, absent: readonly string[]): number | null {
    const raw = this.text(column);
    if (absent.includes(raw)) return null;
    if (!NUMBER_RE.test(raw)) {
      this.fail(`${column}: expected a number or ${describe(absent)}, got "${raw}"`);
    }
    return Number(raw);
  }

  /**
   * A line, total, spread or price: a number, or null for "no line" — `NL` in any letter case
   * (the SBRO spelling, met in every source's later seasons) or one of the format's own absent
   * markers. Anything else (`a100`, `-11O`) is ambiguous and fails the row.
   */
  optionalLine(column: string, absent: readonly string[]): number | null {
    const raw = this.text(column);
    if (raw.toUpperCase() === NO_LINE || absent.includes(raw)) return null;
    if (!NUMBER_RE.test(raw)) {
      const markers = absent.some((a) => a.toUpperCase() === NO_LINE)
        ? absent
        : [...absent, NO_LINE];
      this.fail(`${column}: expected a number or ${describe(markers)}, got "${raw}"`);
    }
    return Number(raw);
  }

  /** A non-negative integer, or null when the cell is an "absent" marker. */
  optionalCount(column: string, absent: readonly string[]): number | null {
    const raw = this.text(column);
    if (absent.includes(raw)) return null;
    return this.count(column);
  }

  /** A non-empty text value. */
  requiredText(column: string): string {
    const raw = this.text(column);
    if (raw === '') this.fail(`${column}: empty`);
    return raw;
  }

  /** One of a fixed set of spellings. */
  oneOf<T extends string>(column: string, allowed: readonly T[]): T {
    const raw = this.text(column);
    const hit = allowed.find((a) => a === raw);
    if (hit === undefined) {
      this.fail(`${column}: expected one of ${allowed.join('/')}, got "${raw}"`);
    }
    return hit;
  }

  /** `YYYY-MM-DD`, validated against the calendar. */
  isoDate(column: string): CalendarDate {
    const raw = this.text(column);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
    const date = m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    if (!date) this.fail(`${column}: expected a date YYYY-MM-DD, got "${raw}"`);
    return date;
  }

  /**
   * SBRO `MMDD` / `MDD` without a year, resolved to a calendar date by the file's
   * calendar (a `SeasonCalendar`; call in file order: the calendar tracks the year turn).
   */
  seasonMonthDay(column: string, calendar: MonthDayResolver): CalendarDate {
    const raw = this.text(column);
    const m = /^(\d{1,2})(\d{2})$/.exec(raw);
    const date = m ? calendar.resolve(Number(m[1]), Number(m[2])) : null;
    if (!date) this.fail(`${column}: expected a month-day MMDD, got "${raw}"`);
    return date;
  }

  /**
   * Checks the record's field count against the header ({@link rowWidth}): fields in the
   * header's trailing unnamed columns may be present or left out, but must be empty.
   */
  expectWidth(width: RowWidth): void {
    const fields = this.record.fields;
    const got = fields.length;
    if (got < width.min || got > width.max) {
      const expected = width.min === width.max ? `${width.max}` : `${width.min}-${width.max}`;
      this.fail(`expected ${expected} columns, got ${got}`);
    }
    for (let i = width.min; i < got; i += 1) {
      const value = (fields[i] ?? '').trim();
      if (value !== '') this.fail(`column ${i + 1} has no name in the header but holds "${value}"`);
    }
  }
}

function describe(absent: readonly string[]): string {
  return absent.map((a) => (a === '' ? 'blank' : `"${a}"`)).join('/');
}
