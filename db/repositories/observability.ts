/**
 * Reads behind the worker's metrics: a run's state as the step that closes it finds it, and
 * how old each sport's production calibration is.
 */
import { sql } from 'kysely';
import type { Db } from '../schema';

/** A run's sport, kind, status and counts; undefined when the run has no row (yet). */
export async function slateRunState(
  db: Db,
  runId: string,
): Promise<
  | { sport: string; run_kind: string; status: string; games: number; games_verified: number }
  | undefined
> {
  return db
    .selectFrom('slate_runs')
    .select(['sport', 'run_kind', 'status', 'games', 'games_verified'])
    .where('run_id', '=', runId)
    .executeTakeFirst();
}

/**
 * Hours (≥ 0, fractional) since the newest `calibration_daily` row of each sport's production
 * chain was written (`created_at`, rewritten by every upsert), measured on the database clock.
 * Sports with no production row are absent.
 */
export async function calibrationAgeHours(db: Db): Promise<{ sport: string; hours: number }[]> {
  const rows = await db
    .selectFrom('calibration_daily')
    .select([
      'sport',
      sql<string>`greatest(0, extract(epoch from (now() - max(created_at))) / 3600.0)`.as('hours'),
    ])
    .where('chain', '=', 'production')
    .groupBy('sport')
    .orderBy('sport')
    .execute();
  return rows.map((r) => ({ sport: r.sport, hours: Number(r.hours) }));
}
