/**
 * History CSV importers: pure functions from file text to normalised games and closing-line
 * quotes, one module per source format (see shared/data/README.md). No I/O here; the caller
 * reads the file and stores the result. By default a malformed row throws {@link CsvFormatError}
 * and the caller imports nothing from that file; with `{ skipInvalid: true }` malformed rows are
 * returned in `rejected` instead (whole-file problems still throw). Rows the data itself marks
 * unusable are returned in `skipped` with their line and reason.
 */
import type { Sport } from '../sports';
import type { ImportOptions, ImportResult } from './import-result';
import { parseMlbCsv } from './mlb';
import { parseNbaCsv } from './nba';
import { parseNcaabCsv } from './ncaab';
import { parseNcaafCsv } from './ncaaf';
import { parseNflCsv } from './nfl';
import { parseNhlCsv } from './nhl';

export { CsvFormatError } from './csv-format-error';
export type {
  ImportOptions,
  ImportResult,
  ProvisionalTeam,
  RejectedRow,
  SkippedRow,
} from './import-result';
export { parseCsv, type CsvRecord } from './csv';
export { easternToUtc, isEasternDaylightTime } from '../calendar';
export { CLOSING_BOOKMAKER } from './closing-quotes';
export { parseMlbCsv, parseNbaCsv, parseNcaabCsv, parseNcaafCsv, parseNflCsv, parseNhlCsv };

type Parser = (text: string, fileName: string, options?: ImportOptions) => ImportResult;

const PARSERS: Readonly<Record<Sport, Parser>> = {
  nfl: parseNflCsv,
  ncaaf: parseNcaafCsv,
  nba: parseNbaCsv,
  ncaab: parseNcaabCsv,
  mlb: parseMlbCsv,
  nhl: parseNhlCsv,
};

/**
 * Parses one history file of `sport`'s format. `fileName` supplies the season for formats
 * without a year in their dates (NHL/NCAAB `…_2016-17.csv`, NCAAF `cfb_odds_2014.csv`) and
 * prefixes error messages (`${fileName}:${line}: reason`). `options.skipInvalid` turns a
 * malformed row (or row pair) into an entry of `rejected` instead of a failure of the file.
 */
export function parseHistoryCsv(
  sport: Sport,
  text: string,
  fileName: string,
  options: ImportOptions = {},
): ImportResult {
  return PARSERS[sport](text, fileName, options);
}
