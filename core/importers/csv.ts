/**
 * Minimal RFC-4180-style CSV tokenizer: comma separated, fields optionally wrapped in double
 * quotes with `""` as an escaped quote, quoted fields may span lines, LF / CRLF / CR line ends.
 * It only splits text; interpreting values is the format modules' job.
 */
import { CsvFormatError } from './csv-format-error';

/** One CSV record and the 1-based file line it starts on (header = line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/**
 * Splits `text` into records. Empty lines are ignored (files end with a newline, and a blank
 * line carries no data). A leading UTF-8 BOM is dropped. Throws {@link CsvFormatError} for an
 * unterminated quoted field or text glued to a closing quote.
 */
export function parseCsv(text: string, fileName: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const n = src.length;
  let pos = 0;
  let line = 1;

  while (pos < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    // A record that is just a line break is a blank line: skip it without emitting a record.
    if (isLineBreak(src, pos)) {
      pos = skipLineBreak(src, pos);
      line += 1;
      continue;
    }
    while (!endOfRecord) {
      if (src[pos] === '"') {
        const quoteLine = line;
        let value = '';
        pos += 1;
        for (;;) {
          const close = src.indexOf('"', pos);
          if (close < 0) {
            throw new CsvFormatError(fileName, quoteLine, 'unterminated quoted field');
          }
          const chunk = src.slice(pos, close);
          line += countLineBreaks(chunk);
          value += chunk;
          if (src[close + 1] === '"') {
            value += '"';
            pos = close + 2;
          } else {
            pos = close + 1;
            break;
          }
        }
        fields.push(value);
        if (pos < n && src[pos] !== ',' && !isLineBreak(src, pos)) {
          throw new CsvFormatError(fileName, line, 'unexpected text after a closing quote');
        }
      } else {
        // Unquoted field: runs to the next comma or line break. A stray `"` inside it is kept
        // literally (lenient, as spreadsheets do), it does not start a quoted section.
        let end = pos;
        while (end < n) {
          const c = src.charCodeAt(end);
          if (c === 44 /* , */ || c === 10 /* \n */ || c === 13 /* \r */) break;
          end += 1;
        }
        fields.push(src.slice(pos, end));
        pos = end;
      }
      if (pos >= n) {
        endOfRecord = true;
      } else if (src[pos] === ',') {
        pos += 1;
        // A trailing comma at end of line / file means one more (empty) field.
        if (pos >= n || isLineBreak(src, pos)) {
          fields.push('');
        }
        if (pos >= n) endOfRecord = true;
        else if (isLineBreak(src, pos)) {
          pos = skipLineBreak(src, pos);
          line += 1;
          endOfRecord = true;
        }
      } else {
        pos = skipLineBreak(src, pos);
        line += 1;
        endOfRecord = true;
      }
    }
    records.push({ line: startLine, fields });
  }
  return records;
}

function isLineBreak(src: string, pos: number): boolean {
  const c = src.charCodeAt(pos);
  return c === 10 || c === 13;
}

/** Advances past one line break (`\r\n`, `\n` or `\r`). */
function skipLineBreak(src: string, pos: number): number {
  if (src[pos] === '\r' && src[pos + 1] === '\n') return pos + 2;
  return pos + 1;
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i += 1) {
    const c = chunk.charCodeAt(i);
    if (c === 10) count += 1;
    else if (c === 13 && chunk.charCodeAt(i + 1) !== 10) count += 1;
  }
  return count;
}

/** A parsed file: the header record (line 1) and the data records after it. */
export interface CsvTable {
  readonly header: CsvRecord;
  readonly rows: readonly CsvRecord[];
}

/** {@link parseCsv} plus the header split off; an empty file is a format error at line 1. */
export function parseCsvTable(text: string, fileName: string): CsvTable {
  const [header, ...rows] = parseCsv(text, fileName);
  if (!header) throw new CsvFormatError(fileName, 1, 'empty file: no header row');
  return { header, rows };
}
