/**
 * Rows a history import left out with `--skip-invalid`: one row per (file, line, reason), so a
 * repeated import of the same file stores nothing twice and the report can say what is missing.
 */
import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_rejections')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('sport', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('import_rejections_file_line_reason_key', ['file', 'line', 'reason'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_rejections').ifExists().execute();
}
