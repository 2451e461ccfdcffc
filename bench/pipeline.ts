/**
 * Full-pipeline benchmark (SPEC §6), on the real Temporal dev server and Postgres:
 *  - a 16-game NFL slate (2019-12-29, every game of week 17) at 100k iterations, end to end
 *    through SlateWorkflow (target ≤ 3 s; median of --runs after one warm-up run);
 *  - a 3-season NFL backfill at 10k iterations (target ≤ 60 s), as games per second.
 * Workers run in this process (2 simulation threads). Uses the database at DATABASE_URL
 * (default the local `beatvegas`), creating and migrating it if needed, and imports the NFL
 * history from `../shared/data/nfl/games.csv` (or --history FILE) when it is not there yet:
 *
 *   npx tsx bench/pipeline.ts [--runs 5] [--seasons 2021,2022,2023] [--skip-backfill]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { importHistoryFile } from '../cli/import';
import { createDb, databaseUrl, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureDevServer } from '../worker/dev-server';
import { withEmbeddedWorkers } from '../worker/embedded';
import { temporalAddress } from '../worker/env';
import type { BackfillResult } from '../workflows/backfill';
import type { SlateResult } from '../workflows/shared';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const runs = Number(arg('runs', '5'));
  const seasons = arg('seasons', '2021,2022,2023').split(',').map(Number);
  await ensureDevServer();
  await ensureDatabase(databaseUrl());
  const db = createDb(databaseUrl());
  await migrateToLatest(db);
  const slateGames = async (): Promise<number> => {
    const row = await db
      .selectFrom('games')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('sport', '=', 'nfl')
      .where('game_date', '=', '2019-12-29')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  if ((await slateGames()) !== 16) {
    const file = arg('history', path.join(__dirname, '../../shared/data/nfl/games.csv'));
    if (!existsSync(file))
      throw new Error(`the NFL history is not imported and ${file} is missing (--history FILE)`);
    const imported = await importHistoryFile(db, 'nfl', file);
    process.stderr.write(`[bench] imported ${imported.rows.games} NFL games from ${file}\n`);
    if ((await slateGames()) !== 16)
      throw new Error(`${file} does not hold the 16 games of 2019-12-29 this bench prices`);
  }
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const tag = `bench-${Date.now()}`;
  const taskQueue = tag;
  const simTaskQueue = `${tag}-sim`;
  const out: Record<string, unknown> = { node: process.version };

  await withEmbeddedWorkers(
    db,
    async () => {
      const slateMs: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        const result = (await client.workflow.execute('SlateWorkflow', {
          workflowId: `${tag}/slate/${i}`,
          taskQueue,
          args: [
            {
              sport: 'nfl',
              date: '2019-12-29',
              source: 'history',
              runKind: 'manual',
              iterations: 100_000,
              simTaskQueue,
            },
          ],
        })) as SlateResult;
        if (result.simulate.simulated !== 16)
          throw new Error(`expected 16 simulated games, got ${result.simulate.simulated}`);
        if (i > 0) slateMs.push(performance.now() - t0); // run 0 warms the bundle and the pool
      }
      out.slate16x100k = {
        runs: slateMs.map((m) => Math.round(m)),
        medianMs: Math.round(median(slateMs)),
        targetMs: 3000,
      };

      if (!process.argv.includes('--skip-backfill')) {
        const from = `${Math.min(...seasons)}-08-01`;
        const to = `${Math.max(...seasons) + 1}-02-28`;
        const t0 = performance.now();
        const result = (await client.workflow.execute('BackfillWorkflow', {
          workflowId: `${tag}/backfill`,
          taskQueue,
          args: [{ sports: ['nfl'], from, to, iterations: 10_000, simTaskQueue }],
        })) as BackfillResult;
        const seconds = (performance.now() - t0) / 1000;
        const nfl = result.sports.nfl!;
        out.nflBackfill3Seasons10k = {
          from,
          to,
          slates: nfl.done,
          failed: nfl.failed,
          games: nfl.games,
          seconds: Math.round(seconds * 10) / 10,
          gamesPerSecond: Math.round((nfl.games / seconds) * 10) / 10,
          targetSeconds: 60,
        };
      }
    },
    { taskQueue, simTaskQueue, simThreads: 2 },
  );
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  await connection.close();
  await db.destroy();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
