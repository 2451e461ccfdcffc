/**
 * Shared handling of the sportsbookreviewsonline.com (SBRO) two-rows-per-game sheets (NHL,
 * NCAAB): pairing rows into games and deriving overtime from period points.
 */
import { CsvFormatError } from './csv-format-error';
import type { CsvRecord } from './csv';
import { RowReader, type ColumnIndex, type RowWidth } from './fields';
import type { ImportBuilder } from './import-result';

/** One game's two rows, already oriented (away/home) by the `VH` column. */
export interface SbroPair {
  readonly away: CsvRecord;
  readonly home: CsvRecord;
  /** Both rows marked `N` (neutral site); then the first row is taken as the away side. */
  readonly neutral: boolean;
  /** The home row came first in the file (a documented 2019-20 NHL quirk). */
  readonly homeRowFirst: boolean;
}

/** Field positions the pairing needs. */
export interface SbroPairColumns {
  readonly date: number;
  readonly vh: number;
}

/**
 * Pairs rows by position (rows 1–2, 3–4, … after the header) and orients each pair by `VH`,
 * never by parity, so a reversed pair (H before V) is still read correctly. A pair whose VH
 * markers are not V+H or N+N, or a trailing unpaired row, means the sheet is misaligned: the
 * file fails (with `skipInvalid`, those rows are rejected). `check` validates each row first
 * (its field count). A pair whose two rows carry different dates (a 2018-19 NCAAB data-entry
 * slip) is a real game of unknown date: both rows are skipped with a reason.
 */
export function pairSbroRows(
  rows: readonly CsvRecord[],
  file: string,
  columns: SbroPairColumns,
  out: ImportBuilder,
  check: (row: CsvRecord) => void = () => undefined,
): SbroPair[] {
  const pairs: SbroPair[] = [];
  for (let i = 0; i < rows.length; i += 2) {
    const first = rows[i];
    const second = rows[i + 1];
    if (!first) break;
    if (!second) {
      out.attempt([first.line], () => {
        throw new CsvFormatError(file, first.line, 'row has no partner row (odd number of rows)');
      });
      break;
    }
    out.attempt([first.line, second.line], () => {
      check(first);
      check(second);
      const vh1 = vhOf(first, file, columns.vh);
      const vh2 = vhOf(second, file, columns.vh);
      const neutral = vh1 === 'N' && vh2 === 'N';
      const oriented = vh1 === 'V' && vh2 === 'H';
      const reversed = vh1 === 'H' && vh2 === 'V';
      if (!neutral && !oriented && !reversed) {
        throw new CsvFormatError(
          file,
          second.line,
          `rows ${first.line}-${second.line} do not form a visitor/home pair (VH ${vh1},${vh2})`,
        );
      }
      const date1 = (first.fields[columns.date] ?? '').trim();
      const date2 = (second.fields[columns.date] ?? '').trim();
      if (date1 !== date2) {
        const reason = `pair rows ${first.line}-${second.line} have different dates (${date1} vs ${date2})`;
        out.skip(first.line, reason);
        out.skip(second.line, reason);
        return;
      }
      pairs.push({
        away: reversed ? second : first,
        home: reversed ? first : second,
        neutral,
        homeRowFirst: reversed,
      });
    });
  }
  return pairs;
}

function vhOf(row: CsvRecord, file: string, index: number): 'V' | 'H' | 'N' {
  const raw = (row.fields[index] ?? '').trim();
  if (raw === 'V' || raw === 'H' || raw === 'N') return raw;
  throw new CsvFormatError(file, row.line, `VH: expected V/H/N, got "${raw}"`);
}

/**
 * True when a side's period points add up to more than its final score. That cannot happen
 * (finals include every period), so one of the numbers is wrong and the game cannot be graded:
 * e.g. NCAAB 2016-17 lines 1898-1899 list finals 9/11 with halves 38+39 / 47+30, NHL 2016-17
 * lines 860-861 a final of 0 after a 3rd-period goal. Such pairs are skipped with a reason.
 */
export function periodsExceedFinal(periods: readonly number[] | null, final: number): boolean {
  return periods !== null && periods.reduce((a, b) => a + b, 0) > final;
}

/**
 * Overtime from period points: a side whose periods sum below its final scored beyond
 * regulation (NHL: OT goal or the shootout goal SBRO adds to `Final`). Null when periods are
 * unknown or inconsistent (sum above the final).
 */
export function overtimeFromPeriods(
  homePeriods: readonly number[] | null,
  homeFinal: number,
  awayPeriods: readonly number[] | null,
  awayFinal: number,
): boolean | null {
  if (!homePeriods || !awayPeriods) return null;
  const home = homePeriods.reduce((a, b) => a + b, 0);
  const away = awayPeriods.reduce((a, b) => a + b, 0);
  if (home > homeFinal || away > awayFinal) return null;
  return home < homeFinal || away < awayFinal;
}

/**
 * Reads every game of an SBRO sheet: rows paired and oriented by {@link pairSbroRows} (each
 * row's field count checked against `width`), then `read(pair, away, home)` per pair through
 * `out.attempt`, so with `skipInvalid` a bad pair rejects both of its lines.
 */
export function readSbroPairs(
  rows: readonly CsvRecord[],
  file: string,
  columns: ColumnIndex,
  width: RowWidth,
  out: ImportBuilder,
  read: (pair: SbroPair, away: RowReader, home: RowReader) => void,
): void {
  const readers = new Map(rows.map((r) => [r, new RowReader(r, file, columns)]));
  const readerOf = (record: CsvRecord): RowReader => {
    const reader = readers.get(record);
    if (!reader) throw new Error('importer bug: unpaired reader');
    return reader;
  };
  const pairs = pairSbroRows(rows, file, { date: 0, vh: 2 }, out, (record) =>
    readerOf(record).expectWidth(width),
  );
  for (const pair of pairs) {
    const away = readerOf(pair.away);
    const home = readerOf(pair.home);
    out.attempt([pair.away.line, pair.home.line], () => read(pair, away, home));
  }
}
