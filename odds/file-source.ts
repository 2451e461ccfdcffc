/**
 * The `file:PATH` odds source (R1 c): a JSON file in Odds API `/odds` shape (an array of
 * events). This module only reads the file and packages the result like `fetchSlateOdds`;
 * core/odds-api normalises the content exactly like an API payload, so a hand-made or captured
 * file goes through the same validation and quarantine.
 */
import { readFile } from 'node:fs/promises';
import {
  InvalidPayloadError,
  normalizeOddsPayload,
  slateWindow,
  type NormalizedOdds,
} from '../core/odds-api';
import type { Sport } from '../core/sports';
import type { IsoDate } from '../core/types';
import type { SlateOdds } from './slate-odds';

/** The file could not be read or is not JSON. Retrying will not help. */
export class OddsFileError extends Error {
  override readonly name = 'OddsFileError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`odds file ${path}: ${reason}`);
  }
}

/** Files larger than this are refused (bytes): a slate file is a few hundred KB at most. */
export const MAX_ODDS_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Reads and parses `path`. The result is unvalidated JSON, to be captured and then passed to
 * `normalizeOddsPayload`.
 *
 * @throws OddsFileError when the file is missing, unreadable, too large or not JSON.
 */
export async function readOddsFile(path: string): Promise<unknown> {
  let text: string;
  try {
    const buffer = await readFile(path);
    if (buffer.byteLength > MAX_ODDS_FILE_BYTES) {
      throw new OddsFileError(path, `larger than ${MAX_ODDS_FILE_BYTES} bytes`);
    }
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof OddsFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new OddsFileError(
      path,
      code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new OddsFileError(
      path,
      `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** `file:PATH` → PATH; null for any other source string. */
export function oddsFilePath(source: string): string | null {
  return source.startsWith('file:') && source.length > 'file:'.length
    ? source.slice('file:'.length)
    : null;
}

/**
 * The `file:PATH` counterpart of `fetchSlateOdds`: reads the file, keeps it as one capture
 * (request `file:PATH`), normalises it and keeps the games of `date` (US/Eastern) — a file may
 * hold several days; events of other days are not part of this slate and are left out.
 * Malformed events, or a top level that is not an array, are quarantined, never thrown.
 *
 * @throws OddsFileError when the file is missing or not JSON (nothing to capture).
 */
export async function loadSlateOddsFile(
  path: string,
  sport: Sport,
  date: IsoDate,
  options: { now?: () => Date } = {},
): Promise<SlateOdds> {
  const payload = await readOddsFile(path);
  const fetchedAt = (options.now ?? (() => new Date()))().toISOString();
  const request = `file:${path}`;
  const base = {
    sport,
    date,
    window: slateWindow(date),
    captures: [{ request, eventId: null, fetchedAt, payload }],
    quota: null,
    requests: 0,
  };
  let normalized: NormalizedOdds;
  try {
    normalized = normalizeOddsPayload(sport, payload, { fetchedAt });
  } catch (error) {
    if (!(error instanceof InvalidPayloadError)) throw error;
    return {
      ...base,
      games: [],
      quotes: [],
      unresolved: [],
      quarantined: [
        { eventId: null, gameId: null, index: -1, reason: error.reason, request, payload },
      ],
    };
  }
  const events = normalized.events.filter((e) => e.game.gameDate === date);
  return {
    ...base,
    games: events.map((e) => e.game),
    quotes: events.flatMap((e) => e.quotes),
    unresolved: events
      .filter((e) => e.unresolvedTeams.length > 0)
      .map((e) => ({ gameId: e.game.gameId, reason: e.unresolvedTeams.join('; ') })),
    quarantined: normalized.quarantined.map((q) => ({
      ...q,
      request,
      payload: (payload as unknown[])[q.index],
    })),
  };
}
