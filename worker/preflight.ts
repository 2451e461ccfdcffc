/**
 * What a worker checks before it polls (issue #22, "Bad input and faults"): the database answers
 * and its schema is this code's version, Temporal answers, and the namespace exists. Any of
 * them wrong is one clear message and a non-zero exit at start — never a worker that polls and
 * then fails every task.
 */
import type { NativeConnection } from '@temporalio/worker';
import { sql, type Kysely } from 'kysely';
import { ConfigError } from '../core/config';
import { resolveRunConfig } from '../core/effective-config';
import { SPORTS } from '../core/sports';
import { schemaStatus } from '../db/migrate';
import type { Database } from '../db/schema';

/** A worker cannot start; the message says what is wrong and how to fix it. */
export class WorkerStartError extends Error {
  override readonly name = 'WorkerStartError';
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `url` with any password masked, for messages. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/password=[^\s&]*/gi, 'password=***');
  }
}

/** The database answers and holds exactly this code's migrations. */
export async function checkDatabase(db: Kysely<Database>, url: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000')
      throw new WorkerStartError(
        `database ${maskedUrl(url)} does not exist: create it and its tables with \`beatvegas migrate\``,
      );
    throw new WorkerStartError(
      `cannot reach PostgreSQL at ${maskedUrl(url)} (${reason(error)}): start it or set DATABASE_URL`,
    );
  }
  const { pending, unknown } = await schemaStatus(db);
  if (unknown.length > 0)
    throw new WorkerStartError(
      `the schema of ${maskedUrl(url)} is newer than this worker (migrations ${unknown.join(', ')} are unknown here): deploy the version that migrated it`,
    );
  if (pending.length > 0)
    throw new WorkerStartError(
      `the schema of ${maskedUrl(url)} is behind this worker (missing ${pending.join(', ')}): run \`beatvegas migrate\``,
    );
}

/** Connects to Temporal with a clear message when it is unreachable. */
export async function connectTemporal(
  connect: () => Promise<NativeConnection>,
  address: string,
): Promise<NativeConnection> {
  try {
    return await connect();
  } catch (error) {
    throw new WorkerStartError(
      `cannot reach Temporal at ${address} (${reason(error)}): start it or set TEMPORAL_ADDRESS`,
    );
  }
}

/** The namespace exists on the server (a worker on a missing one would poll nothing, forever). */
export async function checkNamespace(
  connection: NativeConnection,
  namespace: string,
  address: string,
): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    // gRPC NOT_FOUND (5): the server answered and has no such namespace.
    if ((error as { code?: number }).code === 5)
      throw new WorkerStartError(
        `Temporal at ${address} has no namespace ${JSON.stringify(namespace)}: set TEMPORAL_NAMESPACE to an existing one or register it`,
      );
    throw new WorkerStartError(
      `cannot check namespace ${JSON.stringify(namespace)} on Temporal at ${address}: ${reason(error)}`,
    );
  }
}

/**
 * The configuration this code runs scheduled slates with parses, for every sport (one schema,
 * core/effective-config.ts): a default edited into an impossible value stops the worker at
 * start, naming every bad field, instead of failing each slate.
 */
export function checkDefaultConfigs(): void {
  const problems: string[] = [];
  for (const sport of SPORTS) {
    try {
      resolveRunConfig(sport, 'scheduled');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`${sport}: ${error.message}`);
    }
  }
  if (problems.length > 0)
    throw new WorkerStartError(`the default run configuration is invalid: ${problems.join('; ')}`);
}
