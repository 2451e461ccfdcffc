/**
 * CLI argument validation. Every misuse is a UsageError: exit code 2 with a message naming the
 * bad flag and its valid values (SPEC §5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../activities/validate';
import { ITERATIONS } from '../core/config';
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

export function parseDate(value: unknown, flag = '--date'): string {
  if (isIsoDate(value)) return value;
  throw new UsageError(
    `${flag}: invalid date ${JSON.stringify(value)}; expected a calendar date YYYY-MM-DD`,
  );
}

export function parseIterations(value: unknown, flag = '--iterations'): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < ITERATIONS.min || n > ITERATIONS.max) {
    throw new UsageError(
      `${flag}: ${JSON.stringify(value)} is not an integer between ${ITERATIONS.min} and ${ITERATIONS.max}`,
    );
  }
  return n;
}

export const SOURCE_HELP = 'history | odds-api | file:PATH';

export function parseSource(value: unknown, flag = '--source'): string {
  if (value === 'history' || value === 'odds-api') return value;
  if (typeof value === 'string' && value.startsWith('file:') && value.length > 5) {
    // The worker may run elsewhere: hand it an absolute path, and fail here if there is no file.
    const file = path.resolve(value.slice(5));
    if (!fs.existsSync(file)) throw new UsageError(`${flag}: no such file ${file}`);
    return `file:${file}`;
  }
  throw new UsageError(
    `${flag}: invalid source ${JSON.stringify(value)}; valid values: ${SOURCE_HELP}`,
  );
}
