/**
 * A connection reset under a checked-out client (Postgres restarting, a network blip) fails the
 * query in flight — its activity retries — and never crashes the process. Without a listener on
 * the client, pg raised it as an uncaught exception and killed the worker (seen in fault test
 * (b)); vitest reports such an exception as a failed run.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../db/connection';
import { startPgProxy, type PgProxy } from '../chaos/support';

let proxy: PgProxy | undefined;
afterAll(async () => {
  await proxy?.close();
});

describe('createDb', () => {
  it('a reset connection fails the transaction, not the process', async () => {
    proxy = await startPgProxy();
    const db = createDb(proxy.databaseUrl, { max: 2 });
    try {
      await sql`select 1`.execute(db); // leaves an idle client in the pool
      let cut!: () => void;
      const checkedOut = new Promise<void>((resolve) => (cut = resolve));
      const tx = db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        cut(); // the connection goes while the client is checked out, between queries
        await new Promise((r) => setTimeout(r, 500));
        await sql`select 1`.execute(trx);
      });
      await checkedOut;
      proxy.cut();
      await expect(tx).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 300));
      proxy.restore();
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
