/** The CLI's connections to Postgres and Temporal, each closed when its command is done. */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { createDb, databaseUrl } from '../db/connection';
import type { Database } from '../db/schema';
import { connectClient } from './temporal';

/** Runs `fn` with a database handle on `DATABASE_URL`, destroying the pool afterwards. */
export async function withDb<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const db = createDb(databaseUrl());
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** Runs `fn` with a Temporal client, closing the connection afterwards. */
export async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { client, connection } = await connectClient();
  try {
    return await fn(client);
  } finally {
    await connection.close();
  }
}
