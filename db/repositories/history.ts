/**
 * What point-in-time ratings read (R3): final games and their closing lines before an as-of
 * time, and where a sport's history starts.
 */
import { sql } from 'kysely';
import type { GameRecord } from '../../core/types';
import type { Db } from '../schema';
import { rowToGame } from './games';

/** Final games of a sport that started in [from, to), for point-in-time ratings. */
export async function finalGamesBetween(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<GameRecord[]> {
  const rows = await db
    .selectFrom('games')
    .selectAll()
    .where('sport', '=', sport)
    .where('commence_time', '>=', new Date(from))
    .where('commence_time', '<', new Date(to))
    .where('home_score', 'is not', null)
    .where('away_score', 'is not', null)
    .orderBy('commence_time')
    .orderBy('game_id')
    .execute();
  return rows.map(rowToGame);
}

/**
 * Start of the history that ratings as of `asOf` read: the first game of the oldest of the
 * `seasons` newest seasons with final games before `asOf` (null when there is none). Lets a
 * slate long after the last imported season still see that season.
 */
export async function historyStartBefore(
  db: Db,
  sport: string,
  asOf: string,
  seasons: number,
): Promise<string | null> {
  const newest = await db
    .selectFrom('games')
    .select('season')
    .distinct()
    .where('sport', '=', sport)
    .where('commence_time', '<', new Date(asOf))
    .where('home_score', 'is not', null)
    .orderBy('season', 'desc')
    .limit(seasons)
    .execute();
  const oldest = newest[newest.length - 1]?.season;
  if (oldest === undefined) return null;
  const row = await db
    .selectFrom('games')
    .select((eb) => eb.fn.min('commence_time').as('first'))
    .where('sport', '=', sport)
    .where('season', '=', oldest)
    .executeTakeFirst();
  return row?.first ? new Date(row.first).toISOString() : null;
}

/** Closing total and home handicap (median over books) of past games, from the history lines. */
export async function closingLinesBetween(
  db: Db,
  sport: string,
  from: string,
  to: string,
): Promise<Record<string, { total: number; homeHandicap: number }>> {
  const rows = await sql<{ game_id: string; total: number | null; handicap: number | null }>`
    select l.game_id,
      percentile_cont(0.5) within group (order by l.point_a) filter (where l.market = 'totals') as total,
      percentile_cont(0.5) within group (order by l.point_a) filter (where l.market = 'spreads') as handicap
    from market_lines l join games g on g.game_id = l.game_id
    where g.sport = ${sport} and g.commence_time >= ${from} and g.commence_time < ${to}
      and l.source = 'history' and l.market in ('totals', 'spreads') and l.line_key = ''
    group by l.game_id`.execute(db);
  const out: Record<string, { total: number; homeHandicap: number }> = {};
  for (const r of rows.rows) {
    if (r.total !== null && r.handicap !== null)
      out[r.game_id] = { total: r.total, homeHandicap: r.handicap };
  }
  return out;
}
