/** `beatvegas slate`: one SlateWorkflow run for a sport and date (cli/slate.ts). */
import type { Command } from 'commander';
import type { SlateResult } from '../../workflows/shared';
import { withClient, withDb } from '../connections';
import { JSON_HELP, log, printResult } from '../program';
import { triggerConfig } from '../run-config';
import { formatSlateTable, slateReport, startSlate } from '../slate';
import { SOURCE_HELP, parseDate, parseIterations, parseSource, parseSport } from '../usage';
import { announce, temporalCancelCommand, waitForRun } from '../wait';

interface SlateOptions {
  sport: string;
  date: string;
  source: string;
  iterations?: string;
  seed?: string;
  flag?: string[];
  config?: string;
  wait?: boolean;
  json?: boolean;
}

export function registerSlate(program: Command): void {
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
    .option('--json', `${JSON_HELP} (implies --wait)`)
    .action(runSlate);
}

async function runSlate(opts: SlateOptions): Promise<void> {
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
  await withClient(async (client) => {
    const started = await startSlate(client, { sport, date, source, runKind: 'manual', config });
    announce(started.workflowId, 'SlateWorkflow', started.input);
    if (!opts.wait && !opts.json) return;
    const run = {
      workflowId: started.workflowId,
      cancelCommand: temporalCancelCommand(started.workflowId),
    };
    const result = await waitForRun(
      client,
      run,
      () => started.handle.result() as Promise<SlateResult>,
    );
    const report = await withDb((db) => slateReport(db, result));
    printResult(opts.json, report, formatSlateTable);
    if (
      result.verify.games > 0 &&
      result.verify.reasons.GAME_STARTED === result.verify.marketsChecked
    )
      log(
        `every game of ${sport} ${date} had started: this run changed no decision of record (see beatvegas picks --sport ${sport} --date ${date})`,
      );
  });
}
