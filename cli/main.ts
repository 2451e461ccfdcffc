/**
 * The `beatvegas` command (SPEC §5). Exit codes: 0 success, 1 run failed, 2 usage error.
 * `--json` prints one JSON document on stdout; everything else goes to stderr.
 */
import { Command, CommanderError } from 'commander';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { CsvFormatError } from '../core/importers';
import { ConfigError } from '../core/config';
import { createDb, databaseUrl, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { ensureDevServer } from '../worker/dev-server';
import { runWorker } from '../worker/main';
import { WorkerStartError } from '../worker/preflight';
import { defaultSimThreads } from '../worker/worker';
import { withEmbeddedWorkers } from '../worker/embedded';
import { SIM_TASK_QUEUE, TASK_QUEUE, type SlateResult } from '../workflows/shared';
import {
  DEFAULT_ODDS_SERVER_PORT,
  FAULT_SPEC_HELP,
  FaultSpecError,
  parseFault,
  runOddsServer,
} from '../odds/server';
import fs from 'node:fs';
import path from 'node:path';
import { loadReport } from '../report/build';
import { renderReportHtml } from '../report/html';
import { formatReportText } from '../report/text';
import { runDemo } from './demo';
import { reproducePick } from './reproduce';
import { formatImportSummary, importHistoryFile } from './import';
import { checkTeams, formatTeamsCheck } from './teams';
import { formatPicks, loadPicks } from './picks';
import { triggerConfig } from './run-config';
import { formatSlateTable, slateReport, SlotBusyError, startSlate } from './slate';
import { connectClient, hasWorkflowPollers, TemporalUnavailableError } from './temporal';
import {
  SOURCE_HELP,
  UsageError,
  parseDate,
  parseIterations,
  parseSource,
  parseSport,
  parseSports,
} from './usage';
import {
  DAILY_CALIBRATION_SCHEDULE,
  applySchedules,
  formatBackfillProgress,
  listSchedules,
  pauseSchedule,
  startBackfill,
  startCalibration,
  triggerSchedule,
  waitForBackfill,
} from './operations';
import type { BackfillInput } from '../workflows/backfill';
import type { DailyCalibrationResult } from '../workflows/calibration';
import { temporalNamespace, temporalUiUrl } from '../worker/env';

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

/** Runs `fn` with a Temporal client, closing the connection afterwards. */
async function withClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const { client, connection } = await connectClient();
  try {
    return await fn(client);
  } finally {
    await connection.close();
  }
}

/** R13: every command prints the workflow ID, its UI link and the equivalent `temporal` line. */
function announce(workflowId: string, uiLink: string, type: string, input: unknown): void {
  log(`workflow ${workflowId}`);
  log(`UI: ${uiLink}`);
  log(
    `same from the Temporal CLI: temporal workflow start --task-queue ${TASK_QUEUE} --type ${type} --workflow-id '${workflowId}' --input '${JSON.stringify(input)}'`,
  );
}

/** Waits for `fn`, running in-process workers if no worker polls the task queue. */
async function awaitWithWorker<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  if (await hasWorkflowPollers(client, TASK_QUEUE)) return fn();
  log('no worker is polling; running an in-process worker');
  return withDb((db) => withEmbeddedWorkers(db, fn));
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
    .description('run the orchestration and simulation workers until interrupted')
    .option('--task-queue <name>', 'orchestration task queue', TASK_QUEUE)
    .option('--sim-task-queue <name>', 'simulation task queue', SIM_TASK_QUEUE)
    .option('--sim-threads <n>', 'simulation worker threads (default: CPU count)')
    .option('--only <role>', 'run only one role: orchestration | sim')
    .action(
      async (opts: {
        taskQueue: string;
        simTaskQueue: string;
        simThreads?: string;
        only?: string;
      }) => {
        const simThreads =
          opts.simThreads === undefined ? defaultSimThreads() : Number(opts.simThreads);
        if (!Number.isInteger(simThreads) || simThreads < 1 || simThreads > 256) {
          throw new UsageError(
            `--sim-threads: ${JSON.stringify(opts.simThreads)} is not an integer between 1 and 256`,
          );
        }
        if (opts.only !== undefined && opts.only !== 'sim' && opts.only !== 'orchestration') {
          throw new UsageError(
            `--only: ${JSON.stringify(opts.only)}; valid values: orchestration, sim`,
          );
        }
        await runWorker({
          taskQueue: opts.taskQueue,
          simTaskQueue: opts.simTaskQueue,
          simThreads,
          ...(opts.only ? { only: opts.only } : {}),
        });
      },
    );

  program
    .command('import')
    .description(
      'import a history CSV from ../shared/data (idempotent; all-or-nothing unless --skip-invalid)',
    )
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--file <path>', 'CSV file')
    .option(
      '--skip-invalid',
      'import the valid rows; list every malformed row (file:line: reason) and store it in import_rejections',
    )
    .option('--json', 'print the summary as JSON')
    .action(
      async (opts: { sport: string; file: string; skipInvalid?: boolean; json?: boolean }) => {
        const sport = parseSport(opts.sport);
        const summary = await withDb((db) =>
          importHistoryFile(db, sport, opts.file, { skipInvalid: opts.skipInvalid === true }),
        );
        if (opts.json) printJson(summary);
        else for (const line of formatImportSummary(summary)) log(line);
      },
    );

  program
    .command('slate')
    .description('run the slate workflow for one sport and date')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--date <date>', 'slate date YYYY-MM-DD')
    .option('--source <source>', SOURCE_HELP, 'history')
    .option('--iterations <n>', 'Monte Carlo iterations (1000–1000000)')
    .option('--seed <seed>', 'run seed (default: the workflow ID)')
    .option('--flag <NAME=on|off...>', 'feature flag for this run (repeatable)')
    .option('--config <file>', 'JSON file with any part of the run configuration')
    .option('--wait', 'wait for the result (starts an in-process worker if none is polling)')
    .option('--json', 'print the result as JSON (implies --wait)')
    .action(
      async (opts: {
        sport: string;
        date: string;
        source: string;
        iterations?: string;
        seed?: string;
        flag?: string[];
        config?: string;
        wait?: boolean;
        json?: boolean;
      }) => {
        const sport = parseSport(opts.sport);
        const date = parseDate(opts.date);
        const source = parseSource(opts.source);
        const iterations = parseIterations(opts.iterations);
        // Resolved and validated once, here; the workers never re-read any of it.
        const config = triggerConfig(sport, 'manual', {
          ...(opts.flag !== undefined ? { flag: opts.flag } : {}),
          ...(opts.config !== undefined ? { config: opts.config } : {}),
          ...(iterations !== undefined ? { iterations } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        });
        const { client, connection } = await connectClient();
        try {
          const started = await startSlate(client, {
            sport,
            date,
            source,
            runKind: 'manual',
            config,
          });
          announce(started.workflowId, started.uiLink, 'SlateWorkflow', started.input);
          if (!opts.wait && !opts.json) return;
          await withDb(async (db) => {
            let result: SlateResult;
            if (await hasWorkflowPollers(client, TASK_QUEUE)) {
              result = (await started.handle.result()) as SlateResult;
            } else {
              log('no worker is polling; running an in-process worker for this slate');
              result = await withEmbeddedWorkers(
                db,
                () => started.handle.result() as Promise<SlateResult>,
              );
            }
            const report = await slateReport(db, result);
            if (opts.json) printJson(report);
            else process.stdout.write(`${formatSlateTable(report)}\n`);
            if (
              result.verify.games > 0 &&
              result.verify.reasons.GAME_STARTED === result.verify.marketsChecked
            )
              log(
                `every game of ${sport} ${date} had started: this run changed no decision of record (see beatvegas picks --sport ${sport} --date ${date})`,
              );
          });
        } finally {
          await connection.close();
        }
      },
    );

  program
    .command('calibrate')
    .description('grade picks and write calibration_daily for results through --date (R11)')
    .requiredOption(
      '--sport <sport>',
      'nfl | ncaaf | nba | ncaab | mlb | nhl | all | comma-separated',
    )
    .requiredOption('--date <date>', 'last day of results, YYYY-MM-DD')
    .option('--wait', 'wait for the result (starts an in-process worker if none is polling)')
    .option('--json', 'print the result as JSON (implies --wait)')
    .action(async (opts: { sport: string; date: string; wait?: boolean; json?: boolean }) => {
      const sports = parseSports(opts.sport);
      const date = parseDate(opts.date);
      await withClient(async (client) => {
        const started = await startCalibration(client, sports, date);
        announce(started.workflowId, started.uiLink, 'DailyCalibrationWorkflow', {
          sports,
          date,
        });
        if (!opts.wait && !opts.json) return;
        const result = await awaitWithWorker(
          client,
          () => started.handle.result() as Promise<DailyCalibrationResult>,
        );
        if (opts.json) printJson(result);
        else
          for (const r of result.sports)
            log(
              `${r.sport} through ${r.date}: graded ${r.graded} picks, window games ${r.games}, offset ${r.offset}, damp ${r.dampFactor}${r.triggers.length ? `, triggers ${r.triggers.join(',')}` : ''}`,
            );
      });
    });

  program
    .command('backfill')
    .description(
      'replay history through SlateWorkflow, point in time, for sports and a date range (R12)',
    )
    .requiredOption('--sport <sports>', 'sport(s), comma-separated, or all')
    .requiredOption('--from <date>', 'first slate date YYYY-MM-DD')
    .requiredOption('--to <date>', 'last slate date YYYY-MM-DD')
    .option('--iterations <n>', 'Monte Carlo iterations per game (default 10000)')
    .option('--flag <NAME=on|off...>', 'feature flag for every slate of the backfill (repeatable)')
    .option('--config <file>', 'JSON file with any part of the run configuration')
    .option('--only-failed', 'run only dates whose backfill slate did not complete')
    .option('--dry-run', 'list the dates and game counts; run nothing')
    .option('--continue-after <n>', 'continue-as-new after this many slates per run')
    .option(
      '--wait',
      'wait, showing a progress bar (starts an in-process worker if none is polling)',
    )
    .option('--json', 'print the result as JSON (implies --wait)')
    .action(
      async (opts: {
        sport: string;
        from: string;
        to: string;
        iterations?: string;
        flag?: string[];
        config?: string;
        onlyFailed?: boolean;
        dryRun?: boolean;
        continueAfter?: string;
        wait?: boolean;
        json?: boolean;
      }) => {
        const sports = parseSports(opts.sport);
        const from = parseDate(opts.from, '--from');
        const to = parseDate(opts.to, '--to');
        if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
        const iterations = parseIterations(opts.iterations);
        let continueAfter: number | undefined;
        if (opts.continueAfter !== undefined) {
          continueAfter = Number(opts.continueAfter);
          if (!Number.isInteger(continueAfter) || continueAfter < 1) {
            throw new UsageError(
              `--continue-after: ${JSON.stringify(opts.continueAfter)} is not a positive integer`,
            );
          }
        }
        // One configuration per sport, resolved once; its hash names the backfill's own
        // calibration chain, so a research backfill never shifts production.
        const configs = Object.fromEntries(
          sports.map((sport) => [
            sport,
            triggerConfig(sport, 'backfill', {
              ...(opts.flag !== undefined ? { flag: opts.flag } : {}),
              ...(opts.config !== undefined ? { config: opts.config } : {}),
              ...(iterations !== undefined ? { iterations } : {}),
            }),
          ]),
        );
        const input: BackfillInput = {
          sports,
          from,
          to,
          configs,
          ...(iterations !== undefined ? { iterations } : {}),
          ...(opts.onlyFailed ? { onlyFailed: true } : {}),
          ...(opts.dryRun ? { dryRun: true } : {}),
          ...(continueAfter !== undefined ? { continueAfter } : {}),
        };
        await withClient(async (client) => {
          const started = await startBackfill(client, input);
          announce(started.workflowId, started.uiLink, 'BackfillWorkflow', input);
          if (!opts.wait && !opts.json && !opts.dryRun) return;
          const tty = process.stderr.isTTY;
          const result = await awaitWithWorker(client, () =>
            waitForBackfill(client, started.workflowId, (p) => {
              process.stderr.write(
                tty ? `\r${formatBackfillProgress(p)}` : `${formatBackfillProgress(p)}\n`,
              );
            }),
          );
          if (tty) process.stderr.write('\n');
          if (opts.json) printJson(result);
          else {
            log(formatBackfillProgress(result));
            if (result.plan)
              for (const [sport, dates] of Object.entries(result.plan))
                log(
                  `${sport}: ${dates.length} dates, ${dates.reduce((a, d) => a + d.games, 0)} games (${dates[0]?.date ?? '—'} … ${dates.at(-1)?.date ?? '—'})`,
                );
            for (const [sport, p] of Object.entries(result.sports))
              if (p.failedDates.length > 0)
                log(
                  `${sport}: failed dates ${p.failedDates.join(', ')} (re-run with --only-failed)`,
                );
          }
        });
      },
    );

  const schedules = program
    .command('schedules')
    .description('Temporal Schedules: daily calibration and scheduled slates');
  schedules
    .command('apply')
    .description(
      'create or update the daily-calibration schedule (02:00 America/New_York) and optional slate schedules',
    )
    .option('--slates <sports>', 'sports that get a daily slate schedule (comma-separated or all)')
    .option(
      '--slate-times <HH:MM,...>',
      'New York times of the scheduled slates, comma-separated; each firing is its own run',
    )
    .option('--slate-time <HH:MM>', 'one New York time (same as --slate-times with one time)')
    .option('--slate-source <source>', SOURCE_HELP, 'odds-api')
    .option('--json', 'print the result as JSON')
    .action(
      async (opts: {
        slates?: string;
        slateTimes?: string;
        slateTime?: string;
        slateSource: string;
        json?: boolean;
      }) => {
        const slates = opts.slates ? parseSports(opts.slates, '--slates') : [];
        const flag = opts.slateTimes !== undefined ? '--slate-times' : '--slate-time';
        const times = (opts.slateTimes ?? opts.slateTime ?? '10:00')
          .split(',')
          .map((t) => t.trim());
        for (const t of times) {
          if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(t)) {
            throw new UsageError(`${flag}: ${JSON.stringify(t)} is not HH:MM (24h)`);
          }
        }
        if (new Set(times).size !== times.length) {
          throw new UsageError(`${flag}: ${times.join(',')} lists a time twice`);
        }
        const source = parseSource(opts.slateSource, '--slate-source');
        await withClient(async (client) => {
          const done = await applySchedules(client, {
            slates,
            slateTimes: times,
            slateSource: source,
          });
          if (opts.json) printJson(done);
          else for (const [id, what] of Object.entries(done)) log(`schedule ${id}: ${what}`);
        });
      },
    );
  schedules
    .command('list')
    .description('list schedules with their next and recent runs')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withClient(async (client) => {
        const list = await listSchedules(client);
        if (opts.json) printJson(list);
        else
          for (const s of list)
            log(
              `${s.scheduleId} (${s.workflowType ?? '?'})${s.paused ? ' PAUSED' : ''} next: ${s.nextActionTimes.join(', ') || '—'}`,
            );
      });
    });
  for (const [name, pause] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    schedules
      .command(name)
      .description(`${name} a schedule`)
      .requiredOption(
        '--id <scheduleId>',
        `schedule to ${name}, e.g. ${DAILY_CALIBRATION_SCHEDULE}`,
      )
      .action(async (opts: { id: string }) => {
        await withClient(async (client) => {
          await pauseSchedule(client, opts.id, pause);
          log(`schedule ${opts.id} ${pause ? 'paused' : 'unpaused'}`);
        });
      });
  }
  schedules
    .command('trigger')
    .description("run a schedule's action now")
    .requiredOption('--id <scheduleId>', `schedule to trigger, e.g. ${DAILY_CALIBRATION_SCHEDULE}`)
    .action(async (opts: { id: string }) => {
      await withClient(async (client) => {
        await triggerSchedule(client, opts.id);
        log(
          `schedule ${opts.id} triggered; see ${temporalUiUrl()}/namespaces/${temporalNamespace()}/schedules/${opts.id}`,
        );
      });
    });

  program
    .command('report')
    .description('backtest report of one sport over slate dates (SPEC §5, §6)')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--from <date>', 'first slate date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last slate date, YYYY-MM-DD')
    .option('--json', 'print the SPEC §5 JSON document')
    .option('--html <path>', 'also write a self-contained HTML report')
    .action(
      async (opts: { sport: string; from: string; to: string; json?: boolean; html?: string }) => {
        const sport = parseSport(opts.sport);
        const from = parseDate(opts.from, '--from');
        const to = parseDate(opts.to, '--to');
        if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
        const { report, extra } = await withDb((db) => loadReport(db, { sport, from, to }));
        if (opts.html) {
          const file = path.resolve(opts.html);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, renderReportHtml(report, extra));
          log(`wrote ${file}`);
        }
        if (opts.json) printJson(report);
        else process.stdout.write(`${formatReportText(report)}\n`);
      },
    );

  program
    .command('reproduce')
    .description(
      "re-run a pick from its run's stored inputs and configuration; identical or every difference (R9)",
    )
    .requiredOption('--pick <id>', 'pick_audit id')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { pick: string; json?: boolean }) => {
      const r = await withDb((db) => reproducePick(db, opts.pick));
      if (opts.json) printJson(r);
      else {
        const out: string[] = [
          `pick ${r.pickId} (${r.market}, ${r.gameId}, run ${r.runId}): ${r.identical ? 'IDENTICAL' : 'DIFFERENT'}`,
        ];
        for (const d of r.differences) {
          out.push(
            `  ${d.path}: stored ${JSON.stringify(d.stored)} vs reproduced ${JSON.stringify(d.reproduced)}`,
          );
        }
        for (const [name, v] of Object.entries(r.stamps)) {
          out.push(
            `  ${name}: ${v.stored ?? '—'}${v.stored === v.current ? ' (unchanged)' : ` → now ${v.current}`}`,
          );
        }
        process.stdout.write(`${out.join('\n')}\n`);
      }
      if (!r.identical) throw new ReproductionMismatch();
    });

  program
    .command('demo')
    .description(
      'a real NFL slate end to end on an embedded default (PGlite unless DATABASE_URL is set)',
    )
    .option('--keep', 'leave Temporal, the database and the odds server running until Ctrl-C')
    .option('--iterations <n>', 'Monte Carlo iterations per game (default 100000)')
    .option('--json', 'print the run as JSON')
    .action(async (opts: { keep?: boolean; iterations?: string; json?: boolean }) => {
      const iterations = parseIterations(opts.iterations);
      const demo = await runDemo({
        keep: opts.keep ?? false,
        json: opts.json ?? false,
        log,
        ...(iterations !== undefined ? { iterations } : {}),
      });
      if (opts.json) printJson(demo.json);
      else process.stdout.write(`${demo.table}\n`);
    });

  program
    .command('picks')
    .description("decisions of record of a slate; --all-runs adds every run's decision and time")
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--date <date>', 'slate date YYYY-MM-DD')
    .option('--all-runs', "every run's decision, with its time, marking the ones of record")
    .option(
      '--chain <chain>',
      'calibration chain (production, backfill:…, research:…)',
      'production',
    )
    .option('--json', 'one JSON document on stdout')
    .action(
      async (opts: {
        sport: string;
        date: string;
        allRuns?: boolean;
        chain: string;
        json?: boolean;
      }) => {
        const sport = parseSport(opts.sport);
        const date = parseDate(opts.date);
        const report = await withDb((db) =>
          loadPicks(db, sport, date, { allRuns: opts.allRuns ?? false, chain: opts.chain }),
        );
        if (opts.json) printJson(report);
        else process.stdout.write(`${formatPicks(report, opts.allRuns ?? false)}\n`);
      },
    );

  program
    .command('teams')
    .description('team registry tools')
    .command('check')
    .description('list team names The Odds API uses for a sport that the registry cannot resolve')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .option('--source <source>', 'where the names come from (odds-api)', 'odds-api')
    .option('--date <date>', 'resolve as of this US/Eastern date (default today)')
    .option('--json', 'one JSON document on stdout')
    .action(async (opts: { sport: string; source: string; date?: string; json?: boolean }) => {
      const sport = parseSport(opts.sport);
      if (opts.source !== 'odds-api') {
        throw new UsageError(
          `--source: ${JSON.stringify(opts.source)} is not valid (valid: odds-api)`,
        );
      }
      const result = await checkTeams(sport, {
        ...(opts.date !== undefined ? { date: parseDate(opts.date) } : {}),
        baseUrl: process.env.ODDS_API_BASE_URL || 'https://api.the-odds-api.com',
        apiKey: process.env.ODDS_API_KEY,
      });
      if (opts.json) printJson(result);
      else process.stdout.write(`${formatTeamsCheck(result)}\n`);
      if (result.unresolved.length > 0) throw new UnresolvedTeams();
    });

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

/** `teams check` found names that do not resolve: exit 1 (they were already listed). */
class UnresolvedTeams extends Error {
  override readonly name = 'UnresolvedTeams';
}

/** `reproduce` found a difference: exit 1 without a stack trace (it was already reported). */
class ReproductionMismatch extends Error {
  override readonly name = 'ReproductionMismatch';
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
  if (error instanceof ReproductionMismatch || error instanceof UnresolvedTeams) return 1;
  if (error instanceof SlotBusyError) {
    log(`refused: ${error.message}`);
    return 1;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    log(`error: ${error.message}`);
    return 2;
  }
  if (error instanceof CsvFormatError) {
    log(`import failed, nothing imported: ${error.message}`);
    return 1;
  }
  if (error instanceof TemporalUnavailableError || error instanceof WorkerStartError) {
    log(`error: ${error.message}`);
    return 1;
  }
  if (error instanceof WorkflowFailedError) {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    log(`run failed: ${cause}`);
    return 1;
  }
  const db = databaseHint(error);
  if (db !== null) {
    log(`error: ${db}`);
    return 1;
  }
  log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

/** `DATABASE_URL` (or the default) with any password masked, for messages. */
function shownDatabaseUrl(): string {
  const raw = databaseUrl();
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // pg also takes forms that are not URLs (a socket directory and a database name).
    return raw.replace(/password=[^\s&]*/gi, 'password=***');
  }
}

/**
 * A one-line explanation with the fix for the database errors a user meets first (no server,
 * no database, no tables yet), or null for anything else (printed with its stack).
 */
function databaseHint(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '3D000')
    return `${message} (${shownDatabaseUrl()}); create it and its tables with \`beatvegas migrate\``;
  if (code === '42P01')
    return `${message}: the schema is missing or behind this version; run \`beatvegas migrate\``;
  if (code === 'ECONNREFUSED')
    return `cannot reach PostgreSQL at ${shownDatabaseUrl()} (${message}); start it or set DATABASE_URL`;
  return null;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    return exitCodeFor(error);
  }
}
