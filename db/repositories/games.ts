/**
 * Games and normalised market lines. Every write is a set-based upsert on the natural key that
 * only touches rows whose content changed, so a repeated import reports zero changes.
 */
import { sql } from 'kysely';
import type { GameRecord, MarketQuote } from '../../core/types';
import type { Db, GameRow, MarketLineRow } from '../schema';
import { batches } from './batch';
import { recordScoreCorrections } from './grading';

/** Rows inserted vs updated; rows offered but identical to what is stored are `unchanged`. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const GAME_DATA_COLUMNS = [
  'sport',
  'season',
  'game_date',
  'commence_time',
  'home_team',
  'away_team',
  'neutral_site',
  'home_score',
  'away_score',
  'home_periods',
  'away_periods',
  'overtime',
  'meta',
  'source',
] as const;

const LINE_DATA_COLUMNS = ['point_a', 'price_a', 'point_b', 'price_b', 'last_update'] as const;

function tally(returned: { inserted: boolean }[], offered: number, into: UpsertCounts): void {
  const inserted = returned.filter((r) => r.inserted).length;
  into.inserted += inserted;
  into.updated += returned.length - inserted;
  into.unchanged += offered - returned.length;
}

/** The `games` row of a domain game. */
export function gameToRow(g: GameRecord, source: string) {
  return {
    game_id: g.gameId,
    sport: g.sport,
    season: g.season,
    game_date: g.gameDate,
    commence_time: g.commenceTime,
    home_team: g.homeTeam,
    away_team: g.awayTeam,
    neutral_site: g.neutralSite,
    home_score: g.homeScore,
    away_score: g.awayScore,
    home_periods: g.homePeriods === null ? null : JSON.stringify(g.homePeriods),
    away_periods: g.awayPeriods === null ? null : JSON.stringify(g.awayPeriods),
    overtime: g.overtime,
    meta: JSON.stringify(g.meta),
    source,
  };
}

/** Upserts games by `game_id`; unchanged rows are not rewritten. */
export async function upsertGames(
  db: Db,
  games: readonly GameRecord[],
  source: string,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const chunk of batches(games, GAME_DATA_COLUMNS.length + 1)) {
    // A re-import that changes a stored final score is a correction: keep the old one.
    await recordScoreCorrections(
      db,
      chunk.flatMap((g) =>
        g.homeScore !== null && g.awayScore !== null
          ? [{ gameId: g.gameId, homeScore: g.homeScore, awayScore: g.awayScore }]
          : [],
      ),
      source,
    );
    const returned = await db
      .insertInto('games')
      .values(chunk.map((g) => gameToRow(g, source)))
      .onConflict((oc) =>
        oc
          .column('game_id')
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(GAME_DATA_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
            updated_at: sql`now()`,
          }))
          .where((eb) =>
            eb.or(
              GAME_DATA_COLUMNS.map((c) =>
                eb(`games.${c}`, 'is distinct from', eb.ref(`excluded.${c}`)),
              ),
            ),
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    tally(returned, chunk.length, counts);
  }
  return counts;
}

/** Upserts market lines by (game, source, bookmaker, market, line_key). */
export async function upsertMarketLines(
  db: Db,
  quotes: readonly MarketQuote[],
  source: string,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const chunk of batches(quotes, LINE_DATA_COLUMNS.length + 5)) {
    const returned = await db
      .insertInto('market_lines')
      .values(
        chunk.map((q) => ({
          game_id: q.gameId,
          source,
          bookmaker: q.bookmaker,
          market: q.market,
          line_key: q.lineKey,
          point_a: q.pointA,
          price_a: q.priceA,
          point_b: q.pointB,
          price_b: q.priceB,
          last_update: q.lastUpdate,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['game_id', 'source', 'bookmaker', 'market', 'line_key'])
          .doUpdateSet((eb) => ({
            ...Object.fromEntries(LINE_DATA_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
            captured_at: sql`now()`,
          }))
          .where((eb) =>
            eb.or(
              LINE_DATA_COLUMNS.map((c) =>
                eb(`market_lines.${c}`, 'is distinct from', eb.ref(`excluded.${c}`)),
              ),
            ),
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    tally(returned, chunk.length, counts);
  }
  return counts;
}

/** Games of one sport on one local calendar date, ordered by kickoff then id. */
export async function gamesOnDate(db: Db, sport: string, date: string): Promise<GameRow[]> {
  return db
    .selectFrom('games')
    .selectAll()
    .where('sport', '=', sport)
    .where('game_date', '=', date)
    .orderBy('commence_time')
    .orderBy('game_id')
    .execute();
}

/** The games with these ids, in slate order (commence time, then id). */
export async function gamesWithIds(db: Db, gameIds: readonly string[]): Promise<GameRow[]> {
  if (gameIds.length === 0) return [];
  return db
    .selectFrom('games')
    .selectAll()
    .where('game_id', '=', sql<string>`any(${[...gameIds]}::text[])`)
    .orderBy('commence_time')
    .orderBy('game_id')
    .execute();
}

/**
 * The games a run prices: a history run (`fetchedGameIds` null), every game of the date; a
 * fetching run, exactly the games of its own fetch (an empty feed means no games, whatever
 * earlier runs stored).
 */
export async function slateGames(
  db: Db,
  sport: string,
  date: string,
  fetchedGameIds: readonly string[] | null,
): Promise<GameRow[]> {
  return fetchedGameIds === null ? gamesOnDate(db, sport, date) : gamesWithIds(db, fetchedGameIds);
}

/** All market lines of the given games from one source. */
export async function linesForGames(
  db: Db,
  gameIds: readonly string[],
  source: string,
): Promise<MarketLineRow[]> {
  if (gameIds.length === 0) return [];
  return db
    .selectFrom('market_lines')
    .selectAll()
    .where('game_id', 'in', gameIds)
    .where('source', '=', source)
    .orderBy('game_id')
    .orderBy('market')
    .orderBy('line_key')
    .orderBy('bookmaker')
    .execute();
}

/** Maps stored rows back to the domain model. */
export function rowToGame(row: GameRow): GameRecord {
  return {
    gameId: row.game_id,
    sport: row.sport as GameRecord['sport'],
    season: row.season,
    gameDate: row.game_date,
    commenceTime: row.commence_time.toISOString(),
    homeTeam: row.home_team,
    awayTeam: row.away_team,
    neutralSite: row.neutral_site,
    homeScore: row.home_score,
    awayScore: row.away_score,
    homePeriods: row.home_periods,
    awayPeriods: row.away_periods,
    overtime: row.overtime,
    meta: row.meta as GameRecord['meta'],
  };
}

export function rowToQuote(row: MarketLineRow): MarketQuote {
  return {
    gameId: row.game_id,
    bookmaker: row.bookmaker,
    market: row.market as MarketQuote['market'],
    lineKey: row.line_key,
    pointA: row.point_a,
    priceA: row.price_a,
    pointB: row.point_b,
    priceB: row.price_b,
    lastUpdate: row.last_update.toISOString(),
  };
}

/**
 * Games of `sport` imported from `source`, ordered by kick-off then ID, at most `limit`: those
 * kicking off in [from, to] (either bound may be null), or those dated `date` (Eastern).
 */
export async function gamesOfSource(
  db: Db,
  q: {
    sport: string;
    source: string;
    limit: number;
    from?: Date | null;
    to?: Date | null;
    date?: string;
  },
): Promise<GameRow[]> {
  let query = db
    .selectFrom('games')
    .selectAll()
    .where('sport', '=', q.sport)
    .where('source', '=', q.source);
  if (q.from) query = query.where('commence_time', '>=', q.from);
  if (q.to) query = query.where('commence_time', '<=', q.to);
  if (q.date !== undefined) query = query.where('game_date', '=', q.date);
  return query.orderBy('commence_time').orderBy('game_id').limit(q.limit).execute();
}

/** Team codes of the newest season of `sport` imported from `source`, sorted ([] if none). */
export async function newestSeasonTeamCodes(
  db: Db,
  sport: string,
  source: string,
): Promise<{ code: string; season: number }[]> {
  const base = db.selectFrom('games').where('sport', '=', sport).where('source', '=', source);
  const newest = await base.select((eb) => eb.fn.max('season').as('season')).executeTakeFirst();
  const season = newest?.season;
  if (season === null || season === undefined) return [];
  const rows = await base.select(['home_team', 'away_team']).where('season', '=', season).execute();
  const codes = new Set(rows.flatMap((r) => [r.home_team, r.away_team]));
  return [...codes].sort().map((code) => ({ code, season }));
}

/**
 * Games of `sport` from `source` whose ID's SHA-256 starts with the hex `digest` (`hexChars`
 * long): the local odds server's event IDs. A scan of one sport's games (≤ ~20k rows).
 */
export async function gamesByIdDigest(
  db: Db,
  sport: string,
  source: string,
  digest: string,
  hexChars: number,
): Promise<GameRow[]> {
  return db
    .selectFrom('games')
    .selectAll()
    .where('sport', '=', sport)
    .where('source', '=', source)
    .where(
      sql<string>`left(encode(sha256(convert_to(game_id, 'UTF8')), 'hex'), ${hexChars})`,
      '=',
      digest,
    )
    .execute();
}
