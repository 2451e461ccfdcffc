/**
 * `beatvegas demo` (the README's first quickstart command): a real NFL slate end to end on an
 * embedded default — Temporal dev server, Postgres from DATABASE_URL or embedded PGlite, the
 * local Odds-API-compatible server fed with a small real sample, in-process workers, and the
 * real HTTP client path. Leaves nothing running unless `--keep`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDb, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { startOddsServer } from '../odds/server';
import { ensureDevServer } from '../worker/dev-server';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../worker/embedded-postgres';
import { withEmbeddedWorkers } from '../worker/embedded';
import { ROOT_DIR, workflowUiLink } from '../worker/env';
import type { SlateProgress } from '../workflows/slate';
import type { SlateResult } from '../workflows/shared';
import { importHistoryFile } from './import';
import { formatSlateTable, slateReport, startSlate } from './slate';
import { connectClient } from './temporal';

export const DEMO_SAMPLE = path.join(ROOT_DIR, 'samples', 'nfl-2023-weeks09-14.csv');
export const DEMO_DATE = '2023-12-10';

export interface DemoOptions {
  keep: boolean;
  json: boolean;
  iterations?: number;
  log: (message: string) => void;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export async function runDemo(
  options: DemoOptions,
): Promise<{ result: SlateResult; table: string; json: unknown }> {
  const { log } = options;
  const cleanups: (() => Promise<void>)[] = [];
  const step = (n: number, text: string) => log(`[${n}/6] ${text}`);
  try {
    step(1, 'Temporal dev server');
    const temporal = await ensureDevServer(log);
    if (temporal.started && temporal.pid !== null) {
      const pid = temporal.pid;
      cleanups.push(() => {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        return Promise.resolve();
      });
    }

    step(
      2,
      process.env.DATABASE_URL
        ? 'Postgres from DATABASE_URL'
        : 'embedded Postgres (PGlite; set DATABASE_URL to use a server)',
    );
    let url = process.env.DATABASE_URL;
    let embedded: EmbeddedPostgres | null = null;
    if (!url) {
      embedded = await startEmbeddedPostgres();
      url = embedded.url;
      const pg = embedded;
      cleanups.push(() => pg.stop());
    } else {
      await ensureDatabase(url);
    }
    const db = createDb(url, { max: 8 });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);

    step(3, `importing the real NFL sample ${path.relative(process.cwd(), DEMO_SAMPLE)}`);
    const imported = await importHistoryFile(db, 'nfl', DEMO_SAMPLE);
    log(`      ${imported.rows.games} games, ${imported.rows.lines} closing lines`);

    step(4, 'local Odds-API-compatible server (serving that history as if live)');
    const apiKey = `demo-${randomBytes(8).toString('hex')}`;
    const odds = await startOddsServer({ db, apiKey });
    cleanups.push(() => odds.close());
    process.env.ODDS_API_BASE_URL = odds.url;
    delete process.env.ODDS_API_KEY_FILE; // the demo's own key wins over an operator's file
    process.env.ODDS_API_KEY = apiKey;
    log(`      ${odds.url}`);

    step(5, `slate NFL ${DEMO_DATE} through Temporal (source odds-api, real HTTP client)`);
    const { client, connection } = await connectClient();
    cleanups.push(() => connection.close());
    const started = await startSlate(client, {
      sport: 'nfl',
      date: DEMO_DATE,
      source: 'odds-api',
      runKind: 'manual',
      ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
    });
    log(`      workflow ${started.workflowId}`);
    log(`      UI: ${workflowUiLink(started.workflowId)}`);
    const result = await withEmbeddedWorkers(db, async () => {
      const done = started.handle.result() as Promise<SlateResult>;
      let finished = false;
      void done.finally(() => (finished = true)).catch(() => undefined);
      let i = 0;
      while (!finished) {
        try {
          const p = await started.handle.query<SlateProgress>('progress');
          if (process.stderr.isTTY)
            process.stderr.write(`\r      ${SPINNER[i++ % SPINNER.length]} ${p.step.padEnd(16)}`);
        } catch {
          // not started yet
        }
        await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, 150))]);
      }
      if (process.stderr.isTTY) process.stderr.write('\r' + ' '.repeat(40) + '\r');
      return done;
    });

    step(6, 'picks');
    const report = await slateReport(db, result);
    const table = formatSlateTable(report);
    if (options.keep) {
      log('--keep: Temporal, the database and the odds server stay up until Ctrl-C');
      log(`      DATABASE_URL=${url}`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
    return { result, table, json: report };
  } finally {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined);
    }
  }
}
