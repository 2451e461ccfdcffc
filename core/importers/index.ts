/**
 * History CSV importers: pure functions from file text to normalised games and closing-line
 * quotes, one module per source format (see shared/data/README.md). No I/O here; the caller
 * reads the file and stores the result. A malformed row throws {@link CsvFormatError} and the
 * caller imports nothing from that file; rows the data itself marks unusable are returned in
 * `skipped` with their line and reason.
 */
import type { Sport } from '../sports';
import type { ImportResult } from './import-result';
import { parseMlbCsv } from './mlb';
import { parseNbaCsv } from './nba';
import { parseNcaabCsv } from './ncaab';
import { parseNcaafCsv } from './ncaaf';
import { parseNflCsv } from './nfl';
import { parseNhlCsv } from './nhl';

export { CsvFormatError } from './csv-format-error';
export type { ImportResult, ProvisionalTeam, SkippedRow } from './import-result';
export { parseCsv, type CsvRecord } from './csv';
export { easternToUtc, isEasternDaylightTime } from './eastern-time';
export { CLOSING_BOOKMAKER } from './closing-quotes';
export { parseMlbCsv, parseNbaCsv, parseNcaabCsv, parseNcaafCsv, parseNflCsv, parseNhlCsv };

const PARSERS: Readonly<Record<Sport, (text: string, fileName: string) => ImportResult>> = {
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
 * prefixes error messages (`${fileName}:${line}: reason`).
 */
export function parseHistoryCsv(sport: Sport, text: string, fileName: string): ImportResult {
  return PARSERS[sport](text, fileName);
}
