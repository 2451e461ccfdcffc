/**
 * `beatvegas import`: loads a history CSV into games + market_lines. All-or-nothing by default;
 * with `--skip-invalid` the valid rows are imported and every malformed row is listed and stored
 * in `import_rejections`.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { parseHistoryCsv, type ProvisionalTeam, type RejectedRow } from '../core/importers';
import type { Sport } from '../core/sports';
import { upsertGames, upsertMarketLines, type UpsertCounts } from '../db/repositories/games';
import { recordImportRejections } from '../db/repositories/imports';
import type { Database } from '../db/schema';
import { parseInputFile } from './usage';

export interface ImportFileOptions {
  /** Import the valid rows and reject (list and store) the malformed ones. */
  skipInvalid?: boolean;
}

export interface ImportSummary {
  sport: Sport;
  file: string;
  skipInvalid: boolean;
  seasons: number[];
  rows: { games: number; lines: number; skipped: number; rejected: number };
  games: UpsertCounts;
  lines: UpsertCounts;
  /** Opening lines (MLB, NHL, NCAAB), `market_lines.source = 'history-open'`. */
  openingLines: UpsertCounts;
  skipped: { line: number; reason: string }[];
  /** Malformed rows left out (only with `skipInvalid`), by line. */
  rejected: RejectedRow[];
  /** Rejected rows newly stored in `import_rejections` (0 when a re-import had them already). */
  rejectionsStored: number;
  /** College teams not in the registry, imported under a provisional code. */
  provisionalTeams: ProvisionalTeam[];
}

/**
 * Parses the whole file first (by default a bad row aborts before any write), then writes games,
 * lines and rejected rows in one transaction.
 */
export async function importHistoryFile(
  db: Kysely<Database>,
  sport: Sport,
  file: string,
  options: ImportFileOptions = {},
): Promise<ImportSummary> {
  const resolved = parseInputFile(file, '--file');
  const text = fs.readFileSync(resolved, 'utf8');
  const skipInvalid = options.skipInvalid === true;
  const parsed = parseHistoryCsv(sport, text, resolved, { skipInvalid });
  const { games, lines, openingLines, rejectionsStored } = await db
    .transaction()
    .execute(async (trx) => ({
      games: await upsertGames(trx, parsed.games, 'history'),
      lines: await upsertMarketLines(trx, parsed.quotes, 'history'),
      openingLines: await upsertMarketLines(trx, parsed.openingQuotes, 'history-open'),
      rejectionsStored: await recordImportRejections(trx, sport, resolved, parsed.rejected),
    }));
  return {
    sport,
    file: resolved,
    skipInvalid,
    seasons: parsed.seasons,
    rows: {
      games: parsed.games.length,
      lines: parsed.quotes.length,
      skipped: parsed.skipped.length,
      rejected: parsed.rejected.length,
    },
    games,
    lines,
    openingLines,
    skipped: parsed.skipped,
    rejected: parsed.rejected,
    rejectionsStored,
    provisionalTeams: parsed.provisionalTeams,
  };
}

/** Skipped rows shown in the text summary (the JSON has them all). */
const SKIPPED_SHOWN = 20;

/**
 * The text summary: one line of counts, the first skipped rows, every provisional team and
 * every rejected row as `file:line: reason`.
 */
export function formatImportSummary(summary: ImportSummary): string[] {
  const counts = (c: UpsertCounts) =>
    `${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged`;
  const out = [
    `${summary.file}: ${summary.rows.games} games (${counts(summary.games)}), ` +
      `${summary.rows.lines} lines (${counts(summary.lines)}), ` +
      `seasons ${summary.seasons.join(', ')}, ${summary.rows.skipped} rows skipped` +
      (summary.skipInvalid ? `, ${summary.rows.rejected} rows rejected` : ''),
  ];
  for (const s of summary.skipped.slice(0, SKIPPED_SHOWN)) {
    out.push(`  skipped line ${s.line}: ${s.reason}`);
  }
  if (summary.skipped.length > SKIPPED_SHOWN) {
    out.push(`  … ${summary.skipped.length - SKIPPED_SHOWN} more skipped rows (see --json)`);
  }
  if (summary.provisionalTeams.length > 0) {
    out.push(`${summary.provisionalTeams.length} provisional team(s), not in the team registry:`);
    for (const t of summary.provisionalTeams) {
      out.push(`  ${t.code} ("${t.name}", first on line ${t.line}): ${t.reason}`);
    }
  }
  if (summary.rejected.length > 0) {
    out.push(
      `${summary.rejected.length} rejected row(s), not imported (stored in import_rejections):`,
    );
    for (const r of summary.rejected) out.push(`${summary.file}:${r.line}: ${r.reason}`);
  }
  return out;
}
