/**
 * The `beatvegas` command (SPEC §5). Exit codes: 0 success, 1 run failed, 2 usage error.
 * `--json` prints one JSON document on stdout; everything else goes to stderr.
 */
import { Command, CommanderError } from 'commander';
import { WorkflowFailedError } from '@temporalio/client';
import { CsvFormatError } from '../core/importers';
import { ConfigError } from '../core/config';
import { createDb, databaseUrl, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureDevServer } from '../worker/dev-server';
import { runWorker } from '../worker/main';
import { connectWorker, createWorker, installQuietRuntime } from '../worker/worker';
import { TASK_QUEUE, type SlateResult } from '../workflows/shared';
import {
  DEFAULT_ODDS_SERVER_PORT,
  FAULT_SPEC_HELP,
  FaultSpecError,
  parseFault,
  runOddsServer,
} from '../odds/server';
import { importHistoryFile } from './import';
import { formatSlateTable, slateReport, startSlate } from './slate';
import { connectClient, hasWorkflowPollers, TemporalUnavailableError } from './temporal';
import {
  SOURCE_HELP,
  UsageError,
  parseDate,
  parseIterations,
  parseSource,
  parseSport,
} from './usage';

const log = (message: string): void => {
  process.stderr.write(`[beatvegas] ${message}\n`);
};

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(databaseUrl());
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

export function buildProgram(): Command {
  const program = new Command('beatvegas')
    .description('BeatVegas: Monte Carlo slate pricing on Temporal + Postgres')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: (s) => process.stderr.write(s),
    });

  program
    .command('migrate')
    .description('create the database if needed and apply all migrations (idempotent)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const url = databaseUrl();
      await ensureDatabase(url);
      const applied = await withDb((db) => migrateToLatest(db));
      if (opts.json) printJson({ database: new URL(url).pathname.slice(1), applied });
      else
        log(
          applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'schema is up to date',
        );
    });

  program
    .command('dev-server')
    .description('ensure a local Temporal dev server (UI on :8233) with our search attributes')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const info = await ensureDevServer(log);
      if (opts.json) printJson(info);
      else
        log(
          `${info.started ? 'started' : 'reusing'} Temporal dev server at ${info.address}; UI ${info.uiUrl}`,
        );
    });

  program
    .command('worker')
    .description('run a worker on the orchestration task queue until interrupted')
    .option('--task-queue <name>', 'task queue to poll', TASK_QUEUE)
    .action(async (opts: { taskQueue: string }) => {
      await runWorker({ taskQueue: opts.taskQueue });
    });

  program
    .command('import')
    .description('import a history CSV from ../shared/data (idempotent, all-or-nothing)')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--file <path>', 'CSV file')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { sport: string; file: string; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      const summary = await withDb((db) => importHistoryFile(db, sport, opts.file));
      if (opts.json) printJson(summary);
      else {
        log(
          `${summary.file}: ${summary.rows.games} games (${summary.games.inserted} new, ${summary.games.updated} updated, ${summary.games.unchanged} unchanged), ` +
            `${summary.rows.lines} lines (${summary.lines.inserted} new, ${summary.lines.updated} updated, ${summary.lines.unchanged} unchanged), ` +
            `seasons ${summary.seasons.join(', ')}, ${summary.rows.skipped} rows skipped`,
        );
        for (const s of summary.skipped.slice(0, 20)) log(`  skipped line ${s.line}: ${s.reason}`);
      }
    });

  program
    .command('slate')
    .description('run the slate workflow for one sport and date')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--date <date>', 'slate date YYYY-MM-DD')
    .option('--source <source>', SOURCE_HELP, 'history')
    .option('--iterations <n>', 'Monte Carlo iterations (1000–1000000)')
    .option('--seed <seed>', 'run seed (default: the workflow ID)')
    .option('--wait', 'wait for the result (starts an in-process worker if none is polling)')
    .option('--json', 'print the result as JSON (implies --wait)')
    .action(
      async (opts: {
        sport: string;
        date: string;
        source: string;
        iterations?: string;
        seed?: string;
        wait?: boolean;
        json?: boolean;
      }) => {
        const sport = parseSport(opts.sport);
        const date = parseDate(opts.date);
        const source = parseSource(opts.source);
        const iterations = parseIterations(opts.iterations);
        const { client, connection } = await connectClient();
        try {
          const started = await startSlate(client, {
            sport,
            date,
            source,
            runKind: 'manual',
            ...(iterations !== undefined ? { iterations } : {}),
            ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          });
          log(`workflow ${started.workflowId}`);
          log(`UI: ${started.uiLink}`);
          if (!opts.wait && !opts.json) return;
          await withDb(async (db) => {
            let result: SlateResult;
            if (await hasWorkflowPollers(client, TASK_QUEUE)) {
              result = (await started.handle.result()) as SlateResult;
            } else {
              log('no worker is polling; running an in-process worker for this slate');
              installQuietRuntime();
              const workerConnection = await connectWorker();
              try {
                const worker = await createWorker({ db, connection: workerConnection });
                result = (await worker.runUntil(started.handle.result())) as SlateResult;
              } finally {
                await workerConnection.close();
              }
            }
            const report = await slateReport(db, result);
            if (opts.json) printJson(report);
            else process.stdout.write(`${formatSlateTable(report)}\n`);
          });
        } finally {
          await connection.close();
        }
      },
    );

  program
    .command('odds-server')
    .description(
      'serve imported history through an Odds-API-v4-compatible HTTP server (tests, demo)',
    )
    .option('--port <port>', 'port to listen on', String(DEFAULT_ODDS_SERVER_PORT))
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--quota <n>', 'usage credits before OUT_OF_USAGE_CREDITS', '100000')
    .option('--fault <spec...>', `faults served in order: ${FAULT_SPEC_HELP}`)
    .action(async (opts: { port: string; host: string; quota: string; fault?: string[] }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new UsageError(`--port: ${JSON.stringify(opts.port)} is not a port number (0–65535)`);
      }
      const quota = Number(opts.quota);
      if (!Number.isSafeInteger(quota) || quota < 0) {
        throw new UsageError(
          `--quota: ${JSON.stringify(opts.quota)} is not a non-negative integer`,
        );
      }
      let faults;
      try {
        faults = { queue: (opts.fault ?? []).map(parseFault) };
      } catch (error) {
        if (error instanceof FaultSpecError) throw new UsageError(`--fault: ${error.message}`);
        throw error;
      }
      const apiKey = process.env.ODDS_API_KEY;
      if (!apiKey) {
        throw new UsageError(
          'ODDS_API_KEY must be set: the server accepts only that key (clients use the same variable)',
        );
      }
      await runOddsServer({ apiKey, port, host: opts.host, quota, faults, log });
    });

  return program;
}

/** Maps an error to an exit code and prints it. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.exitCode === 0
    )
      return 0;
    return 2;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    log(`error: ${error.message}`);
    return 2;
  }
  if (error instanceof CsvFormatError) {
    log(`import failed, nothing imported: ${error.message}`);
    return 1;
  }
  if (error instanceof TemporalUnavailableError) {
    log(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof WorkflowFailedError) {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    log(`run failed: ${cause}`);
    return 1;
  }
  log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    return exitCodeFor(error);
  }
}
