/**
 * The fetch step for live and file sources (R1 a, c): fetch/normalise through the real Odds API
 * client (or read a file), capture every raw body, quarantine bad events, store games and lines.
 */
import { ApplicationFailure } from '@temporalio/common';
import { heartbeat } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { captureSnapshots, insertNewGames, replaceLinesForGames } from '../db/repositories/odds';
import type { Database } from '../db/schema';
import { OddsApiClient, OddsApiError } from '../odds/client';
import type { HistoryLines } from '../core/effective-config';
import { loadSlateOddsFile, OddsFileError, oddsFilePath } from '../odds/file-source';
import { fetchSlateOdds, type SlateOdds } from '../odds/slate-odds';
import { badInput } from './errors';

/** How the worker reaches The Odds API. The key lives only here, never in workflow data. */
export interface OddsApiSettings {
  baseUrl: string;
  apiKey: string | null;
  timeoutMs?: number;
}

/** The Odds API client of a worker that has a key. */
export function oddsApiClient(settings: OddsApiSettings & { apiKey: string }): OddsApiClient {
  return new OddsApiClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
  });
}

/**
 * `market_lines.source` for a slate source string: imported history prices its closing lines,
 * or its opening lines (`history-open`) when the run is configured with `lines: 'open'`.
 */
export function lineSourceOf(
  source: string,
  lines: HistoryLines = 'close',
): 'history' | 'history-open' | 'odds-api' | 'file' {
  if (source === 'history') return lines === 'open' ? 'history-open' : 'history';
  if (source === 'odds-api') return source;
  if (oddsFilePath(source) !== null) return 'file';
  throw badInput(
    `odds source ${JSON.stringify(source)} is not valid (valid: history | odds-api | file:PATH)`,
    'UnsupportedSource',
  );
}

/** Converts client/file errors: non-retryable ones fail the run fast with their (key-free) message. */
function toFailure(error: unknown): unknown {
  if (error instanceof OddsApiError && !error.retryable) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.name,
      nonRetryable: true,
    });
  }
  if (error instanceof OddsFileError) {
    return ApplicationFailure.create({
      message: error.message,
      type: error.name,
      nonRetryable: true,
    });
  }
  return error;
}

export async function loadSlateOdds(
  settings: OddsApiSettings | null,
  sport: Sport,
  date: string,
  source: string,
): Promise<SlateOdds> {
  try {
    const file = oddsFilePath(source);
    if (file !== null) return await loadSlateOddsFile(file, sport, date);
    if (!settings || !settings.apiKey) {
      throw badInput(
        'ODDS_API_KEY is not set on the worker; the odds-api source needs it',
        'MissingApiKey',
      );
    }
    return await fetchSlateOdds(
      oddsApiClient({ ...settings, apiKey: settings.apiKey }),
      sport,
      date,
    );
  } catch (error) {
    throw toFailure(error);
  }
}

export interface StoredOdds {
  games: number;
  quotes: number;
  quarantined: number;
  /** Games whose event was quarantined: NO_PLAY INVALID_PAYLOAD. */
  quarantinedGameIds: string[];
  /** Games with a team the registry could not resolve: NO_PLAY UNKNOWN_TEAM. */
  unresolved: { gameId: string; reason: string }[];
  /** Every game this fetch is about (valid, unresolved and quarantined): the run's slate. */
  gameIds: string[];
}

/**
 * Persists a fetched slate: raw captures + quarantine rows, new games (quarantined events
 * included, from whatever of them parsed), replaced lines.
 */
export async function storeSlateOdds(
  db: Kysely<Database>,
  runId: string,
  source: string,
  odds: SlateOdds,
): Promise<StoredOdds> {
  const lineSource = lineSourceOf(source);
  const quarantinedGames = odds.quarantined.flatMap((q) =>
    q.game && q.game.gameDate === odds.date ? [q.game] : [],
  );
  const games = [
    ...odds.games,
    ...quarantinedGames.filter((g) => !odds.games.some((v) => v.gameId === g.gameId)),
  ];
  heartbeat('storing odds');
  await db.transaction().execute(async (trx) => {
    await captureSnapshots(trx, [
      ...odds.captures.map((c) => ({
        sport: odds.sport,
        source: lineSource,
        request: c.request,
        runId,
        eventId: c.eventId,
        status: 'ok' as const,
        reason: null,
        payload: c.payload,
        fetchedAt: c.fetchedAt,
      })),
      ...odds.quarantined.map((q) => ({
        sport: odds.sport,
        source: lineSource,
        request: q.request,
        runId,
        eventId: q.eventId,
        status: 'quarantined' as const,
        reason: q.reason,
        payload: q.payload,
        fetchedAt: odds.captures[0]?.fetchedAt ?? new Date().toISOString(),
      })),
    ]);
    await insertNewGames(trx, games, lineSource);
    await replaceLinesForGames(
      trx,
      odds.games.map((g) => g.gameId),
      odds.quotes,
      lineSource,
    );
  });
  return {
    games: odds.games.length,
    quotes: odds.quotes.length,
    quarantined: odds.quarantined.length,
    quarantinedGameIds: [
      ...new Set(odds.quarantined.flatMap((q) => (q.gameId ? [q.gameId] : []))),
    ].sort(),
    unresolved: odds.unresolved,
    gameIds: [...new Set(games.map((g) => g.gameId))].sort(),
  };
}
