/**
 * Re-records the workflow histories replayed by test/replay (run after an intentional,
 * `patched()`-guarded workflow change, and commit the JSON):
 *
 *   bash scripts/ensure-postgres.sh && node bin/beatvegas.cjs dev-server
 *   npx tsx scripts/record-histories.ts [name …]   (default: all)
 *
 * Uses the test database (it is reset) and the local dev server, with in-process workers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { importHistoryFile } from '../cli/import';
import { createDb, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { withEmbeddedWorkers } from '../worker/embedded';
import { ensureTemporalCli } from '../worker/dev-server';
import { temporalAddress, temporalNamespace } from '../worker/env';
import { resetDb, TEST_DATABASE_URL } from '../test/support/db';

const OUT = path.join(__dirname, '..', 'test', 'histories');
const FIXTURE = path.join(__dirname, '..', 'test', 'fixtures', 'slates', 'nfl-2023-week14.csv');

async function main(): Promise<void> {
  await ensureDatabase(TEST_DATABASE_URL);
  const db = createDb(TEST_DATABASE_URL);
  await migrateToLatest(db);
  await resetDb(db);
  await importHistoryFile(db, 'nfl', FIXTURE);
  const connection = await Connection.connect({ address: temporalAddress() });
  const client = new Client({ connection });
  const tag = `record-${Date.now()}`;
  const taskQueue = `${tag}`;
  const simTaskQueue = `${tag}-sim`;
  const runs: { name: string; type: string; args: unknown[] }[] = [
    {
      name: 'slate-workflow',
      type: 'SlateWorkflow',
      args: [
        {
          sport: 'nfl',
          date: '2023-12-10',
          source: 'history',
          runKind: 'manual',
          iterations: 4000,
          simTaskQueue,
        },
      ],
    },
    {
      // A backfill child: its short steps run as local activities (markers in the history).
      name: 'backfill-slate-workflow',
      type: 'SlateWorkflow',
      args: [
        {
          sport: 'nfl',
          date: '2023-12-10',
          source: 'history',
          runKind: 'backfill',
          iterations: 4000,
          simTaskQueue,
        },
      ],
    },
    {
      name: 'daily-calibration-workflow',
      type: 'DailyCalibrationWorkflow',
      args: [{ sports: ['nfl', 'nba'], date: '2023-12-10' }],
    },
    {
      name: 'backfill-workflow',
      type: 'BackfillWorkflow',
      args: [
        { sports: ['nfl'], from: '2023-12-07', to: '2023-12-11', iterations: 4000, simTaskQueue },
      ],
    },
  ];
  const only = process.argv.slice(2);
  await withEmbeddedWorkers(
    db,
    async () => {
      for (const run of runs.filter((r) => only.length === 0 || only.includes(r.name))) {
        const handle = await client.workflow.start(run.type, {
          workflowId: `${tag}/${run.name}`,
          taskQueue,
          args: run.args,
        });
        await handle.result();
        // The CLI writes the canonical proto3 JSON that historyFromJSON reads back.
        const json = execFileSync(
          ensureTemporalCli(),
          [
            'workflow',
            'show',
            '--workflow-id',
            handle.workflowId,
            '--address',
            temporalAddress(),
            '--namespace',
            temporalNamespace(),
            '--output',
            'json',
          ],
          { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
        );
        fs.writeFileSync(
          path.join(OUT, `${run.name}.json`),
          json.endsWith('\n') ? json : `${json}\n`,
        );
        console.error(
          `recorded ${run.name} (${(JSON.parse(json) as { events: unknown[] }).events.length} events)`,
        );
      }
    },
    { taskQueue, simTaskQueue, simThreads: 2 },
  );
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
