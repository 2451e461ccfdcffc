/**
 * What history imports left out: rows rejected by `beatvegas import --skip-invalid`, kept so a
 * report can say which lines of which file are missing and why.
 */
import { sql } from 'kysely';
import type { Db } from '../schema';

/** One rejected data row of a file. */
export interface ImportRejection {
  /** 1-based file line (header = 1). */
  line: number;
  reason: string;
}

/**
 * Stores the rejected rows of `file` (an absolute path) in one set-based statement: the rows
 * travel as two arrays (so any number fits in four bind parameters) and a row already stored
 * for the same (file, line, reason) is left alone, which makes a re-import idempotent.
 * Returns how many rows were newly stored.
 */
export async function recordImportRejections(
  db: Db,
  sport: string,
  file: string,
  rejected: readonly ImportRejection[],
): Promise<number> {
  if (rejected.length === 0) return 0;
  const result = await sql`
    insert into import_rejections (sport, file, line, reason)
    select ${sport}, ${file}, r.line, r.reason
    from unnest(${rejected.map((r) => r.line)}::integer[], ${rejected.map((r) => r.reason)}::text[])
      as r(line, reason)
    on conflict (file, line, reason) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The stored rejections of `file`, by line (for reports and tests). */
export async function listImportRejections(
  db: Db,
  file: string,
): Promise<{ sport: string; line: number; reason: string }[]> {
  return db
    .selectFrom('import_rejections')
    .select(['sport', 'line', 'reason'])
    .where('file', '=', file)
    .orderBy('line')
    .orderBy('reason')
    .execute();
}
