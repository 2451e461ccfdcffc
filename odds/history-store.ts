/**
 * Read side of the local odds server: imported history games and their closing lines, looked
 * up by time window, date or Odds-API-style event id. Event ids are opaque and stable: the
 * first 32 hex digits of sha256(gameId), computed in Postgres too, so an id maps back to its
 * game without any state in the server.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import type { GameRecord, IsoDate, MarketQuote } from '../core/types';
import {
  gamesByIdDigest,
  gamesOfSource,
  linesForGames,
  newestSeasonTeamCodes,
  rowToGame,
  rowToQuote,
} from '../db/repositories/games';
import type { Database, GameRow } from '../db/schema';

/** `games.source` / `market_lines.source` of imported history. */
export const HISTORY_SOURCE = 'history';

/** Hex digits kept from the sha256 (128 bits: collisions are not a practical concern). */
const EVENT_ID_HEX = 32;

/** The Odds-API-style event id the local server uses for `gameId`. */
export function eventIdForGame(gameId: string): string {
  return createHash('sha256').update(gameId, 'utf8').digest('hex').slice(0, EVENT_ID_HEX);
}

/** One game as the server sees it: the record, its event id and its closing lines. */
export interface StoredEvent {
  readonly eventId: string;
  readonly game: GameRecord;
  readonly quotes: MarketQuote[];
}

export interface HistoryStoreOptions {
  /** Source of games and lines to serve; default `history`. */
  readonly source?: string;
  /** Upper bound on events returned by one window query (a guard for open windows); default 1000. */
  readonly maxEvents?: number;
}

export interface HistoryStore {
  /** Games commencing in [from, to] (inclusive; null = unbounded), by kick-off then id. */
  eventsBetween(sport: Sport, from: Date | null, to: Date | null): Promise<StoredEvent[]>;
  /** Games on a US/Eastern calendar date, by kick-off then id. */
  eventsOnDate(sport: Sport, date: IsoDate): Promise<StoredEvent[]>;
  /** The game whose event id is `eventId`, or null. */
  eventById(sport: Sport, eventId: string): Promise<StoredEvent | null>;
  /** Distinct (team code, season) of the newest served season: the sport's participants. */
  newestSeasonTeams(sport: Sport): Promise<{ code: string; season: number }[]>;
}

const EVENT_ID_PATTERN = /^[0-9a-f]{32}$/;

export function createHistoryStore(
  db: Kysely<Database>,
  options: HistoryStoreOptions = {},
): HistoryStore {
  const source = options.source ?? HISTORY_SOURCE;
  const maxEvents = options.maxEvents ?? 1000;

  const withLines = async (rows: GameRow[]): Promise<StoredEvent[]> => {
    const lines = await linesForGames(
      db,
      rows.map((r) => r.game_id),
      source,
    );
    const byGame = new Map<string, MarketQuote[]>();
    for (const line of lines) {
      const list = byGame.get(line.game_id) ?? [];
      list.push(rowToQuote(line));
      byGame.set(line.game_id, list);
    }
    return rows.map((row) => ({
      eventId: eventIdForGame(row.game_id),
      game: rowToGame(row),
      quotes: byGame.get(row.game_id) ?? [],
    }));
  };

  return {
    async eventsBetween(sport, from, to) {
      return withLines(await gamesOfSource(db, { sport, source, limit: maxEvents, from, to }));
    },

    async eventsOnDate(sport, date) {
      return withLines(await gamesOfSource(db, { sport, source, limit: maxEvents, date }));
    },

    newestSeasonTeams(sport) {
      return newestSeasonTeamCodes(db, sport, source);
    },

    async eventById(sport, eventId) {
      if (!EVENT_ID_PATTERN.test(eventId)) return null;
      // Same digest as eventIdForGame, so ids need no lookup table.
      const rows = await gamesByIdDigest(db, sport, source, eventId, EVENT_ID_HEX);
      const [event] = await withLines(rows);
      return event ?? null;
    },
  };
}
