/**
 * The slate's live and file sources end to end: the real Odds API client against the local
 * Odds-API-compatible server (serving imported history as if live), on the real Temporal dev
 * server and Postgres. Faults: 429/500/slow recover; 401 fails fast; a malformed event is
 * quarantined while the rest of the slate continues (SPEC R1, §7).
 */
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importHistoryFile } from '../../cli/import';
import { startOddsServer, type OddsServer } from '../../odds/server';
import type { SlateInput, SlateResult } from '../../workflows/shared';
import { resetDb, testDb } from '../support/db';
import { temporalTestEnv, type TemporalTestEnv } from '../support/temporal';

const FIXTURE = path.join(__dirname, '../fixtures/slates/nfl-2023-week14.csv');
const ODDS_FILE = path.join(__dirname, '../fixtures/odds/nfl-2023-12-10.json');
const API_KEY = 'bv-test-secret-4f2a9c';
const db = testDb();
let env: TemporalTestEnv;
let server: OddsServer;
let counter = 0;

function runSlate(source: string): Promise<SlateResult> {
  counter += 1;
  const input: SlateInput = {
    sport: 'nfl',
    date: '2023-12-10',
    source,
    runKind: 'manual',
    iterations: 2_500,
    simTaskQueue: env.simTaskQueue,
  };
  return env.run(
    () =>
      env.client.workflow.execute('SlateWorkflow', {
        workflowId: `test-sources/slate/nfl/2023-12-10/${counter}`,
        taskQueue: env.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'TERMINATE_EXISTING',
      }) as Promise<SlateResult>,
  );
}

/** Everything written to stdout/stderr (worker logs, SDK logs, warnings) while the suite runs. */
const logged: string[] = [];
const originalWrite = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};

beforeAll(async () => {
  process.stdout.write = (chunk: string | Uint8Array, ...rest: never[]) => {
    logged.push(String(chunk));
    return originalWrite.out(chunk, ...rest);
  };
  process.stderr.write = (chunk: string | Uint8Array, ...rest: never[]) => {
    logged.push(String(chunk));
    return originalWrite.err(chunk, ...rest);
  };
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  server = await startOddsServer({ db, apiKey: API_KEY });
  process.env.ODDS_API_BASE_URL = server.url;
  process.env.ODDS_API_KEY = API_KEY;
  env = await temporalTestEnv(db, 'sources');
});

beforeEach(() => {
  server.setFaults({});
});

afterAll(async () => {
  process.stdout.write = originalWrite.out;
  process.stderr.write = originalWrite.err;
  await env?.close();
  await server?.close();
  await db.destroy();
  delete process.env.ODDS_API_KEY;
  delete process.env.ODDS_API_BASE_URL;
});

describe('odds-api source through the local server', () => {
  it('fetches, captures raw payloads, stores lines and verifies the slate as of its morning', async () => {
    const result = await runSlate('odds-api');
    expect(result.verify.games).toBe(12);
    expect(result.verify.verifiedGameIds).toHaveLength(12);
    expect(result.fetch.quarantined).toBe(0);
    expect(result.fetch.quota).not.toBeNull();
    // A past date served as if live is a replay: 15 minutes before the first kickoff, not live.
    expect(result.asOf).toBe('2023-12-10T17:45:00.000Z');
    expect(result.verify.reasons.GAME_STARTED ?? 0).toBe(0);
    expect(result.verify.reasons.STALE_LINE ?? 0).toBe(0);

    const snapshots = await db
      .selectFrom('odds_snapshots')
      .selectAll()
      .where('run_id', '=', result.runId)
      .execute();
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(snapshots.every((s) => s.status === 'ok')).toBe(true);
    const lines = await db
      .selectFrom('market_lines')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source', '=', 'odds-api')
      .executeTakeFirstOrThrow();
    expect(Number(lines.n)).toBe(36);
    const run = await db
      .selectFrom('slate_runs')
      .selectAll()
      .where('run_id', '=', result.runId)
      .executeTakeFirstOrThrow();
    expect(typeof (run.quota as { remaining?: unknown } | null)?.remaining).toBe('number');
    // Imported history games keep their scores: the live fetch must not clobber them.
    const scored = await db
      .selectFrom('games')
      .select('game_id')
      .where('home_score', 'is not', null)
      .execute();
    expect(scored).toHaveLength(15);
  });

  it('recovers from 429, 500 and a slow response', async () => {
    server.setFaults({
      queue: [
        { kind: 'rate-limit' },
        { kind: 'server-error', status: 500 },
        { kind: 'slow', delayMs: 1_500 },
      ],
    });
    const before = server.requests.length;
    const result = await runSlate('odds-api');
    expect(result.verify.verifiedGameIds).toHaveLength(12);
    const statuses = server.requests.slice(before).map((r) => r.status);
    expect(statuses.slice(0, 2)).toEqual([429, 500]);
  }, 60_000);

  it('fails fast and non-retryably on 401, with the cause named and no picks written', async () => {
    server.setFaults({ queue: [{ kind: 'invalid-key' }] });
    const before = server.requests.length;
    const error = await runSlate('odds-api').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const message = String((error as WorkflowFailedError).cause?.message);
    expect(message).toContain('INVALID_KEY');
    expect(message).not.toContain(API_KEY);
    // One request: no retry of a bad key.
    expect(server.requests.length - before).toBe(1);
    const runs = await db
      .selectFrom('slate_runs')
      .select('run_id')
      .where('run_id', 'like', 'test-sources/%/3')
      .execute();
    expect(runs).toHaveLength(0);
  });

  it('quarantines a malformed event: that game is NO_PLAY INVALID_PAYLOAD, the rest continue', async () => {
    server.setFaults({
      queue: [{ kind: 'malformed', corruption: 'string-price', eventIndex: 2, path: '/odds' }],
    });
    const result = await runSlate('odds-api');
    expect(result.fetch.quarantined).toBe(1);
    expect(result.verify.blockedGameIds).toHaveLength(1);
    expect(result.verify.verifiedGameIds).toHaveLength(11);
    const [blocked] = result.verify.blockedGameIds;
    const audit = await db
      .selectFrom('pick_audit')
      .selectAll()
      .where('run_id', '=', result.runId)
      .where('game_id', '=', blocked!)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) expect(row.reasons).toContain('INVALID_PAYLOAD');
    const quarantined = await db
      .selectFrom('odds_snapshots')
      .selectAll()
      .where('run_id', '=', result.runId)
      .where('status', '=', 'quarantined')
      .execute();
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]!.reason).toBeTruthy();
  });

  it('never leaks the API key into workflow histories, memo, search attributes or logs', async () => {
    const texts: string[] = [];
    const decode = (value: unknown): void => {
      if (value instanceof Uint8Array) texts.push(Buffer.from(value).toString('utf8'));
      else if (Array.isArray(value)) value.forEach(decode);
      else if (value && typeof value === 'object') Object.values(value).forEach(decode);
      else if (typeof value === 'string') texts.push(value);
    };
    for (let i = 1; i <= counter; i++) {
      const handle = env.client.workflow.getHandle(`test-sources/slate/nfl/2023-12-10/${i}`);
      decode(await handle.fetchHistory());
      const d = await handle.describe();
      decode(d.memo);
      decode(d.searchAttributes);
      decode(d.raw);
    }
    expect(texts.length).toBeGreaterThan(100);
    // The histories do contain the payloads (sanity), but never the key.
    expect(texts.some((t) => t.includes('odds-api'))).toBe(true);
    expect(texts.filter((t) => t.includes(API_KEY))).toEqual([]);
    expect(logged.filter((l) => l.includes(API_KEY))).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('never stores the API key: no row of any table contains it', async () => {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not like 'kysely_%'`.execute(db);
    expect(tables.rows.length).toBeGreaterThanOrEqual(11);
    let rows = 0;
    for (const { name } of tables.rows) {
      const r = await sql<{ n: string; hits: string }>`
        select count(*) as n,
               count(*) filter (where row_to_json(t)::text like ${'%' + API_KEY + '%'}) as hits
        from ${sql.table(name)} t`.execute(db);
      rows += Number(r.rows[0]!.n);
      expect({ table: name, hits: Number(r.rows[0]!.hits) }).toEqual({ table: name, hits: 0 });
    }
    // The runs above did write rows (snapshots with the request URL among them).
    expect(rows).toBeGreaterThan(100);
  });
});

describe('file source', () => {
  it('reads a JSON file in Odds API shape and runs the slate', async () => {
    const result = await runSlate(`file:${ODDS_FILE}`);
    expect(result.verify.games).toBe(12);
    expect(result.verify.verifiedGameIds).toHaveLength(12);
    const snapshots = await db
      .selectFrom('odds_snapshots')
      .selectAll()
      .where('run_id', '=', result.runId)
      .execute();
    expect(snapshots.map((s) => s.request)).toEqual([`file:${ODDS_FILE}`]);
  });
});
