/**
 * A private, migrated database for the odds server tests. Other test files TRUNCATE the shared
 * test database in their setup, possibly while these tests run (other engineers' concurrent
 * runs), so the odds tests use their own database and only ever upsert into it: seeding is
 * idempotent and nothing is deleted, which also makes concurrent runs of these files safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseNflCsv } from '../../../core/importers';
import type { GameRecord, MarketQuote } from '../../../core/types';
import { createDb, ensureDatabase } from '../../../db/connection';
import { migrateToLatest } from '../../../db/migrate';
import { upsertGames, upsertMarketLines } from '../../../db/repositories/games';
import type { Database } from '../../../db/schema';
import { TEST_DATABASE_URL } from '../../support/db';

export const ODDS_TEST_DATABASE = 'bv_odds_test';

/** Creates (if needed), migrates and opens the odds test database. */
export async function oddsTestDb(): Promise<Kysely<Database>> {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${ODDS_TEST_DATABASE}`;
  await ensureDatabase(url.toString());
  const db = createDb(url.toString(), { max: 5 });
  await migrateToLatest(db);
  return db;
}

const WEEK14 = path.join(__dirname, '../../fixtures/slates/nfl-2023-week14.csv');
const NFL_1999 = path.join(__dirname, '../../fixtures/history/nfl/games.csv');

/** The Sunday the tests serve; BUF@KC also has derivative lines. */
export const SLATE_DATE = '2023-12-10';
export const BUF_AT_KC = 'nfl:2023:2023-12-10:BUF@KC';
/** A 1999 game: closing total and spread but no prices at all. */
export const MIN_AT_ATL_1999 = 'nfl:1999:1999-09-12:MIN@ATL';

export interface Seeded {
  readonly games: GameRecord[];
  readonly quotes: MarketQuote[];
}

/** Derivative lines for BUF@KC (not in the history files; invented for the per-event path). */
function derivativeQuotes(game: GameRecord): MarketQuote[] {
  const base = { gameId: game.gameId, bookmaker: 'closing', lastUpdate: game.commenceTime };
  return [
    {
      ...base,
      market: 'totals_h1',
      lineKey: '',
      pointA: 24.5,
      priceA: -115,
      pointB: 24.5,
      priceB: -105,
    },
    {
      ...base,
      market: 'alternate_totals',
      lineKey: '46.5',
      pointA: 46.5,
      priceA: -160,
      pointB: 46.5,
      priceB: 135,
    },
    {
      ...base,
      market: 'alternate_totals',
      lineKey: '52.5',
      pointA: 52.5,
      priceA: 145,
      pointB: 52.5,
      priceB: -175,
    },
    {
      ...base,
      market: 'team_totals',
      lineKey: 'home:25.5',
      pointA: 25.5,
      priceA: -110,
      pointB: 25.5,
      priceB: -110,
    },
    {
      ...base,
      market: 'team_totals',
      lineKey: 'away:23.5',
      pointA: 23.5,
      priceA: -120,
      pointB: 23.5,
      priceB: 100,
    },
  ];
}

/** Upserts NFL week 14 of 2023 (+ BUF@KC derivatives) and 1999-09-12 as history. Idempotent. */
export async function seedHistory(db: Kysely<Database>): Promise<Seeded> {
  const week = parseNflCsv(fs.readFileSync(WEEK14, 'utf8'), 'nfl-2023-week14.csv');
  const old = parseNflCsv(fs.readFileSync(NFL_1999, 'utf8'), 'games.csv');
  const oldGames = old.games.filter((g) => g.gameDate === '1999-09-12');
  const games = [...week.games, ...oldGames];
  const kc = week.games.find((g) => g.gameId === BUF_AT_KC);
  if (!kc) throw new Error(`fixture lost ${BUF_AT_KC}`);
  const quotes = [
    ...week.quotes,
    ...old.quotes.filter((q) => oldGames.some((g) => g.gameId === q.gameId)),
    ...derivativeQuotes(kc),
  ];
  await upsertGames(db, games, 'history');
  await upsertMarketLines(db, quotes, 'history');
  return { games, quotes };
}
