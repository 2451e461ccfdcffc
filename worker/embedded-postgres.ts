/**
 * Embedded PostgreSQL for the demo (SPEC §1): PGlite (Postgres compiled to WASM) served over
 * the Postgres wire protocol on a loopback port, so every component — migrations, workers,
 * the odds server — uses the same `pg` code path as production.
 */
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** `postgres://…` URL of the embedded server. */
  url: string;
  stop(): Promise<void>;
}

/** Starts an in-memory PGlite (or one persisted under `dataDir`) on 127.0.0.1:<free port>. */
export async function startEmbeddedPostgres(
  options: { dataDir?: string } = {},
): Promise<EmbeddedPostgres> {
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  // Workers, the odds server and the CLI each hold a small pool: allow them all at once.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  await server.start();
  const port = (
    server as unknown as { server?: { address(): AddressInfo | string | null } }
  ).server?.address();
  if (!port || typeof port === 'string')
    throw new Error('embedded Postgres did not report its port');
  return {
    url: `postgres://postgres@127.0.0.1:${port.port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
