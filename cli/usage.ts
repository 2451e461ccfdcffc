/**
 * CLI argument validation. Every misuse is a UsageError: exit code 2 with a message naming the
 * bad flag and its valid values (SPEC §5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../core/calendar';
import { ITERATIONS } from '../core/config';
import { withoutOpeningLines, type HistoryLines } from '../core/effective-config';
import { SPORTS, isSport, type Sport } from '../core/sports';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseSport(value: unknown, flag = '--sport'): Sport {
  if (isSport(value)) return value;
  throw new UsageError(
    `${flag}: unknown sport ${JSON.stringify(value)}; valid values: ${SPORTS.join(', ')}`,
  );
}

export function parseSports(value: unknown, flag = '--sport'): Sport[] {
  if (typeof value !== 'string' || value.length === 0) {
    throw new UsageError(
      `${flag} is required; valid values: ${SPORTS.join(', ')} (comma-separated) or all`,
    );
  }
  if (value === 'all') return [...SPORTS];
  return [...new Set(value.split(',').map((s) => parseSport(s.trim(), flag)))];
}

/** Dates the CLI accepts: a sports calendar, and inside what PostgreSQL's `date` stores. */
export const DATE_RANGE = { min: '1900-01-01', max: '2999-12-31' } as const;

export function parseDate(value: unknown, flag = '--date'): string {
  if (!isIsoDate(value)) {
    throw new UsageError(
      `${flag}: invalid date ${JSON.stringify(value)}; expected a calendar date YYYY-MM-DD`,
    );
  }
  if (value < DATE_RANGE.min || value > DATE_RANGE.max) {
    throw new UsageError(
      `${flag}: ${value} is out of range (${DATE_RANGE.min} … ${DATE_RANGE.max})`,
    );
  }
  return value;
}

export function parseIterations(value: unknown, flag = '--iterations'): number | undefined {
  if (value === undefined) return undefined;
  return parseInteger(value, flag, ITERATIONS.min, ITERATIONS.max);
}

export const SOURCE_HELP = 'history | odds-api | file:PATH';

export function parseSource(value: unknown, flag = '--source'): string {
  if (value === 'history' || value === 'odds-api') return value;
  if (typeof value === 'string' && value.startsWith('file:') && value.length > 5) {
    // The worker may run elsewhere: hand it an absolute path, and fail here if there is no file.
    return `file:${parseInputFile(value.slice(5), flag)}`;
  }
  throw new UsageError(
    `${flag}: invalid source ${JSON.stringify(value)}; valid values: ${SOURCE_HELP}`,
  );
}

/**
 * An integer flag within [min, max] (decimal digits only: no sign, exponent, hex or fraction).
 *
 * @throws UsageError naming the flag and the range.
 */
export function parseInteger(value: unknown, flag: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not an integer between ${min} and ${max}`,
    );
  }
  return n;
}

/**
 * A file to read: the absolute path of an existing regular file (the worker may run elsewhere).
 *
 * @throws UsageError naming the flag when there is no such file or it is a directory.
 */
export function parseInputFile(value: string, flag: string): string {
  const file = path.resolve(value);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`${flag}: no such file ${file}`);
  }
  if (stat.isDirectory()) throw new UsageError(`${flag}: ${file} is a directory, not a file`);
  return file;
}

/**
 * A file to write: its absolute path, refused if it is a directory or if a part of its parent
 * path is a file (the parent directories are created by the writer).
 *
 * @throws UsageError naming the flag.
 */
export function parseOutputFile(value: string, flag: string): string {
  const file = path.resolve(value);
  if (value.endsWith('/') || (fs.existsSync(file) && fs.statSync(file).isDirectory())) {
    throw new UsageError(`${flag}: ${file} is a directory, not a file`);
  }
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(dir)) {
      if (!fs.statSync(dir).isDirectory())
        throw new UsageError(`${flag}: cannot write ${file}: ${dir} is not a directory`);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  return file;
}

/**
 * A Temporal ID (schedule or workflow) given on the command line: not empty.
 *
 * @throws UsageError naming the flag or argument.
 */
export function parseId(value: string, what: string): string {
  if (value.trim() === '') throw new UsageError(`${what}: an ID is required, got ""`);
  return value;
}

/**
 * `--lines open|close`. Opening lines exist only in some sports' history: asking for them
 * elsewhere is a usage error naming the sports that have them.
 */
export function parseLines(value: string | undefined, sports: readonly Sport[]): HistoryLines {
  if (value === undefined || value === 'close') return 'close';
  if (value !== 'open')
    throw new UsageError(`--lines: ${JSON.stringify(value)} is not valid (valid: open, close)`);
  const without = withoutOpeningLines(sports);
  if (without) throw new UsageError(`--lines open: ${without}`);
  return 'open';
}
