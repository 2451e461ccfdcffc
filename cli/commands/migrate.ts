/** `beatvegas migrate`: create the database if needed and apply every migration. */
import type { Command } from 'commander';
import { databaseUrl, ensureDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { withDb } from '../connections';
import { JSON_HELP, printResult } from '../program';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create the database if needed and apply all migrations (idempotent)')
    .option('--json', JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const url = databaseUrl();
      await ensureDatabase(url);
      const applied = await withDb((db) => migrateToLatest(db));
      printResult(opts.json, { database: new URL(url).pathname.slice(1), applied }, (r) =>
        r.applied.length > 0
          ? `applied migrations: ${r.applied.join(', ')}`
          : 'schema is up to date',
      );
    });
}
