/** `beatvegas import`: loads a history CSV into games + market_lines, all-or-nothing. */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseHistoryCsv } from '../core/importers';
import type { Sport } from '../core/sports';
import { upsertGames, upsertMarketLines, type UpsertCounts } from '../db/repositories/games';
import type { Database } from '../db/schema';
import { UsageError } from './usage';

export interface ImportSummary {
  sport: Sport;
  file: string;
  seasons: number[];
  rows: { games: number; lines: number; skipped: number };
  games: UpsertCounts;
  lines: UpsertCounts;
  skipped: { line: number; reason: string }[];
}

/** Parses the whole file first (a bad row aborts before any write), then writes in one transaction. */
export async function importHistoryFile(
  db: Kysely<Database>,
  sport: Sport,
  file: string,
): Promise<ImportSummary> {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) throw new UsageError(`--file: no such file ${resolved}`);
  const text = fs.readFileSync(resolved, 'utf8');
  const parsed = parseHistoryCsv(sport, text, resolved);
  const { games, lines } = await db.transaction().execute(async (trx) => ({
    games: await upsertGames(trx, parsed.games, 'history'),
    lines: await upsertMarketLines(trx, parsed.quotes, 'history'),
  }));
  return {
    sport,
    file: resolved,
    seasons: parsed.seasons,
    rows: {
      games: parsed.games.length,
      lines: parsed.quotes.length,
      skipped: parsed.skipped.length,
    },
    games,
    lines,
    skipped: parsed.skipped,
  };
}
