/**
 * Postgres connection handling: one pg pool per process, Kysely on top.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { readSecretFile, SecretConfigError } from './secret-env';

/** `date` (OID 1082) stays a `YYYY-MM-DD` string: a JS Date would shift it by the local zone. */
pg.types.setTypeParser(1082, (value: string) => value);
/** `bigint` ids fit in JS numbers for our volumes, but keep them as strings to be exact. */

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/beatvegas';

/**
 * The database URL from the environment, or the local default. With `DATABASE_PASSWORD_FILE`
 * (a Docker secret) the password is read from that file and put into the URL, which must then
 * carry none of its own. Throws SecretConfigError on a missing or empty file.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url =
    env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
  const passwordFile = env.DATABASE_PASSWORD_FILE;
  if (passwordFile === undefined || passwordFile === '') return url;
  const password = readSecretFile('DATABASE_PASSWORD_FILE', passwordFile);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SecretConfigError(
      'DATABASE_PASSWORD_FILE needs DATABASE_URL in URL form (postgres://user@host/db)',
    );
  }
  if (parsed.password !== '') {
    throw new SecretConfigError(
      'DATABASE_URL carries a password and DATABASE_PASSWORD_FILE is set; keep only the file',
    );
  }
  // Percent-encode everything: the URL setter leaves `%` alone, which pg would then decode.
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** Creates a Kysely instance over a fresh pg pool. Call `destroy()` when done. */
export function createDb(
  url: string = databaseUrl(),
  options: { max?: number } = {},
): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // Fail fast while Postgres is down so activities can retry instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A client losing its connection (Postgres restart, a reset socket) must not crash the
  // worker: idle ones are reported on the pool, checked-out ones on the client itself (an
  // 'error' event with no listener is an uncaught exception); the query in flight still fails
  // and its activity retries.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Creates the database named in `url` if it does not exist, connecting to the `postgres`
 * maintenance database of the same server. Idempotent.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`refusing to create database with unusual name ${JSON.stringify(name)}`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        // Identifiers cannot be bound as parameters; the name was validated above.
        await client.query(`create database "${name}"`);
      } catch (error) {
        // Two processes racing to create it: the loser sees duplicate_database (42P04).
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
