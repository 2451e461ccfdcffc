/**
 * Raw odds capture (append-only `odds_snapshots`) and the live/file line store. A retried fetch
 * re-captures an identical body as a no-op (natural key includes the payload hash).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { GameRecord, MarketQuote } from '../../core/types';
import type { Db } from '../schema';
import { batches } from './batch';
import { gameToRow, upsertMarketLines, type UpsertCounts } from './games';

export interface SnapshotInput {
  sport: string;
  source: string;
  request: string;
  runId: string;
  eventId: string | null;
  status: 'ok' | 'quarantined';
  reason: string | null;
  payload: unknown;
  fetchedAt: string;
}

/** Appends raw captures; an identical capture already stored is left as it is. */
export async function captureSnapshots(
  db: Db,
  snapshots: readonly SnapshotInput[],
): Promise<number> {
  let inserted = 0;
  for (const chunk of batches(snapshots, 10, 200)) {
    const rows = chunk.map((s) => {
      // `undefined` (a dropped field) is not JSON; keep the capture as faithful as JSON allows.
      const payload = JSON.stringify(s.payload ?? null);
      return {
        sport: s.sport,
        source: s.source,
        request: s.request,
        run_id: s.runId,
        event_id: s.eventId,
        status: s.status,
        reason: s.reason,
        payload,
        payload_sha256: createHash('sha256')
          .update(`${s.status}\u001f${s.reason ?? ''}\u001f${payload}`)
          .digest('hex'),
        fetched_at: s.fetchedAt,
      };
    });
    const result = await db
      .insertInto('odds_snapshots')
      .values(rows)
      .onConflict((oc) => oc.constraint('odds_snapshots_natural_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/**
 * Stores games seen in a live/file payload without touching games already known: an imported
 * history game keeps its scores, meta and source (the local odds server serves those games).
 */
export async function insertNewGames(
  db: Db,
  games: readonly GameRecord[],
  source: string,
): Promise<number> {
  let inserted = 0;
  for (const chunk of batches(games, 15)) {
    const result = await db
      .insertInto('games')
      .values(chunk.map((g) => gameToRow(g, source)))
      // A rescheduled game (commence time moved between fetches) takes the new time, so the
      // next run checks GAME_STARTED and staleness against it; a final game is never touched.
      .onConflict((oc) =>
        oc
          .column('game_id')
          .doUpdateSet((eb) => ({ commence_time: eb.ref('excluded.commence_time') }))
          .where('games.home_score', 'is', null)
          .whereRef('games.commence_time', '<>', 'excluded.commence_time'),
      )
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}

/**
 * Replaces the lines of `gameIds` from `source` with `quotes`: a book that stopped offering a
 * market must not linger from an earlier fetch.
 */
export async function replaceLinesForGames(
  db: Db,
  gameIds: readonly string[],
  quotes: readonly MarketQuote[],
  source: string,
): Promise<UpsertCounts> {
  if (gameIds.length > 0) {
    await db
      .deleteFrom('market_lines')
      .where('source', '=', source)
      .where('game_id', '=', sql<string>`any(${[...gameIds]}::text[])`)
      .execute();
  }
  return upsertMarketLines(db, quotes, source);
}

/** The bodies a run captured successfully, in capture order (what `reproduce` re-reads). */
export async function okSnapshotsForRun(db: Db, runId: string) {
  return db
    .selectFrom('odds_snapshots')
    .select(['request', 'event_id', 'payload', 'fetched_at'])
    .where('run_id', '=', runId)
    .where('status', '=', 'ok')
    .orderBy('id')
    .execute();
}
