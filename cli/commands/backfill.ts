/**
 * `beatvegas backfill` (R12): replays history through SlateWorkflow for sports and a date
 * range; `backfill cancel <id>` cancels a running one. Options are turned into the workflow
 * input in one place ({@link backfillInput}); a new option is a field of BackfillOptions, a
 * line there and its `.option(…)` below.
 */
import type { Command } from 'commander';
import type { BackfillInput, BackfillResult } from '../../workflows/backfill';
import { withClient } from '../connections';
import {
  NotABackfillError,
  cancelBackfill,
  formatBackfillProgress,
  startBackfill,
  waitForBackfill,
  type BackfillCancellation,
} from '../operations';
import { ReportedFailure } from '../errors';
import { JSON_HELP, log, printResult } from '../program';
import { triggerConfig } from '../run-config';
import { OPENING_LINE_SPORTS, parseRunConfig } from '../../core/effective-config';
import {
  UsageError,
  parseDate,
  parseId,
  parseInteger,
  parseIterations,
  parseLines,
  parseSports,
} from '../usage';
import { announce, shellQuote, waitForRun } from '../wait';

/** Upper bound of `--continue-after` (the workflow also continues as new when Temporal asks). */
const MAX_CONTINUE_AFTER = 10_000;

/** The flags of `beatvegas backfill`, as commander parses them (strings, unchecked). */
export interface BackfillOptions {
  sport?: string;
  from?: string;
  to?: string;
  iterations?: string;
  flag?: string[];
  config?: string;
  /** `open`: price the opening lines (sports that have them); `close` (default). */
  lines?: string;
  onlyFailed?: boolean;
  dryRun?: boolean;
  continueAfter?: string;
  wait?: boolean;
  json?: boolean;
}

/** `--sport`, `--from` and `--to` are required; checked here since `backfill cancel` has none. */
function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`required option '${flag}' not specified`);
  return value;
}

/**
 * The workflow input of a backfill, from its flags: validated, with one run configuration per
 * sport resolved once (its hash names the backfill's own calibration chain, so a research
 * backfill never shifts production).
 *
 * @throws UsageError or ConfigError naming the bad flag (exit 2).
 */
export function backfillInput(opts: BackfillOptions): BackfillInput {
  const sports = parseSports(required(opts.sport, '--sport <sports>'));
  const from = parseDate(required(opts.from, '--from <date>'), '--from');
  const to = parseDate(required(opts.to, '--to <date>'), '--to');
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const iterations = parseIterations(opts.iterations);
  const continueAfter =
    opts.continueAfter === undefined
      ? undefined
      : parseInteger(opts.continueAfter, '--continue-after', 1, MAX_CONTINUE_AFTER);
  const lines = parseLines(opts.lines, sports);
  const configs = Object.fromEntries(
    sports.map((sport) => {
      const config = triggerConfig(sport, 'backfill', {
        ...(opts.flag !== undefined ? { flag: opts.flag } : {}),
        ...(opts.config !== undefined ? { config: opts.config } : {}),
        ...(iterations !== undefined ? { iterations } : {}),
      });
      return [sport, lines === 'open' ? parseRunConfig({ ...config, lines }) : config];
    }),
  );
  return {
    sports,
    from,
    to,
    configs,
    ...(iterations !== undefined ? { iterations } : {}),
    ...(opts.onlyFailed ? { onlyFailed: true } : {}),
    ...(opts.dryRun ? { dryRun: true } : {}),
    ...(continueAfter !== undefined ? { continueAfter } : {}),
  };
}

/** The command that cancels a backfill. */
export function backfillCancelCommand(workflowId: string): string {
  return `beatvegas backfill cancel ${shellQuote(workflowId)}`;
}

/** The text result of a finished backfill: totals, the dry run's plan, failed dates. */
export function formatBackfillResult(result: BackfillResult): string[] {
  const out = [formatBackfillProgress(result)];
  if (result.plan)
    for (const [sport, dates] of Object.entries(result.plan))
      out.push(
        `${sport}: ${dates.length} dates, ${dates.reduce((a, d) => a + d.games, 0)} games (${dates[0]?.date ?? '—'} … ${dates.at(-1)?.date ?? '—'})`,
      );
  for (const [sport, p] of Object.entries(result.sports))
    if (p.failedDates.length > 0)
      out.push(`${sport}: failed dates ${p.failedDates.join(', ')} (re-run with --only-failed)`);
  return out;
}

function formatCancellation(c: BackfillCancellation): string[] {
  if (c.status !== 'CANCEL_REQUESTED')
    return [`backfill ${c.workflowId} is already closed (${c.status}); nothing to cancel`];
  return [
    `backfill ${c.workflowId} (run ${c.runId}): cancellation requested`,
    ...c.children.map(
      (child) =>
        `  child ${child.workflowId}: cancelled with it (parent close policy ${child.parentClosePolicy})`,
    ),
  ];
}

export function registerBackfill(program: Command): void {
  const backfill = program
    .command('backfill')
    .description(
      'replay history through SlateWorkflow, point in time, for sports and a date range (R12)',
    )
    // `backfill cancel <id> --json`: options after the subcommand belong to it.
    .enablePositionalOptions()
    .option('--sport <sports>', 'sport(s), comma-separated, or all (required)')
    .option('--from <date>', 'first slate date YYYY-MM-DD (required)')
    .option('--to <date>', 'last slate date YYYY-MM-DD (required)')
    .option('--iterations <n>', 'Monte Carlo iterations per game (default 10000)')
    .option('--flag <NAME=on|off...>', 'feature flag for every slate of the backfill (repeatable)')
    .option('--config <file>', 'JSON file with any part of the run configuration')
    .option(
      '--lines <open|close>',
      `price the opening or the closing history lines (open: ${OPENING_LINE_SPORTS.join(', ')}; default close)`,
    )
    .option('--only-failed', 'run only dates whose backfill slate did not complete')
    .option('--dry-run', 'list the dates and game counts; run nothing')
    .option(
      '--continue-after <n>',
      `continue-as-new after this many slates per run (1–${MAX_CONTINUE_AFTER})`,
    )
    .option(
      '--wait',
      'wait, showing a progress bar (starts an in-process worker if none is polling)',
    )
    .option('--json', `${JSON_HELP} (implies --wait)`)
    .action(runBackfill);

  backfill
    .command('cancel')
    .description(
      'cancel a running backfill by workflow ID; the child slate it is running is cancelled with it',
    )
    .argument('<id>', 'backfill workflow ID, e.g. backfill/nfl/2023-09-01/2024-01-31')
    .option('--json', JSON_HELP)
    .action(async (value: string, opts: { json?: boolean }) => {
      const id = parseId(value, 'backfill cancel <id>');
      const done = await withClient((client) => cancelBackfill(client, id)).catch(
        (error: unknown) => {
          if (error instanceof NotABackfillError)
            throw new UsageError(`backfill cancel <id>: ${error.message}`);
          throw error;
        },
      );
      printResult(opts.json, done, formatCancellation);
      if (done.status !== 'CANCEL_REQUESTED') throw new ReportedFailure('already closed');
    });
}

async function runBackfill(opts: BackfillOptions): Promise<void> {
  const input = backfillInput(opts);
  await withClient(async (client) => {
    const started = await startBackfill(client, input);
    announce(started.workflowId, 'BackfillWorkflow', input);
    const cancelCommand = backfillCancelCommand(started.workflowId);
    log(`cancel it: ${cancelCommand}`);
    if (!opts.wait && !opts.json && !opts.dryRun) return;
    const tty = process.stderr.isTTY;
    const result = await waitForRun(client, { workflowId: started.workflowId, cancelCommand }, () =>
      waitForBackfill(client, started.workflowId, (p) => {
        process.stderr.write(
          tty ? `\r${formatBackfillProgress(p)}` : `${formatBackfillProgress(p)}\n`,
        );
      }),
    );
    if (tty) process.stderr.write('\n');
    printResult(opts.json, result, formatBackfillResult);
  });
}
