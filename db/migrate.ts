/**
 * Applies migrations with Kysely's Migrator. Migrations are listed statically so they work the
 * same under tsx, vitest and a bundler.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from './migrations/0001-initial-schema';
import * as m0002 from './migrations/0002-game-inputs';
import * as m0003 from './migrations/0003-import-rejections';
import * as m0004 from './migrations/0004-live-grading';
import * as m0005 from './migrations/0005-append-only-runs';
import * as m0006 from './migrations/0006-skill-weight';

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': m0001,
  '0002-game-inputs': m0002,
  '0003-import-rejections': m0003,
  '0004-live-grading': m0004,
  '0005-append-only-runs': m0005,
  '0006-skill-weight': m0006,
};

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Brings the schema to the latest version. Idempotent; returns the names newly applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason =
      result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationError(`migration ${failed} failed: ${reason}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * How the database's schema relates to this code: `pending` migrations this code has and the
 * database lacks (it is behind: run `beatvegas migrate`), `unknown` ones the database has and
 * this code does not (it was migrated by a newer version). Both empty: the schema matches.
 */
export async function schemaStatus(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
): Promise<{ pending: string[]; unknown: string[] }> {
  let applied: string[] = [];
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    applied = rows.rows.map((r) => r.name);
  } catch (error) {
    // No migration table yet (undefined_table): nothing applied.
    if ((error as { code?: string }).code !== '42P01') throw error;
  }
  const known = Object.keys(MIGRATIONS);
  return {
    pending: known.filter((m) => !applied.includes(m)),
    unknown: applied.filter((m) => !known.includes(m)),
  };
}
