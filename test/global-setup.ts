/**
 * Vitest global setup: the real services every DB and workflow test uses. Creates and migrates
 * the test database and makes sure a Temporal dev server answers (starting one if needed).
 */
import { createDb, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureDevServer } from '../worker/dev-server';
import { TEST_DATABASE_URL } from './support/db';

export default async function setup(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  const db = createDb(TEST_DATABASE_URL, { max: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await ensureDevServer((m) => console.error(`[global-setup] ${m}`));
}
