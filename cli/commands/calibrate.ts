/** `beatvegas calibrate`: the daily calibration (R11) for sports through a date. */
import type { Command } from 'commander';
import type { DailyCalibrationResult } from '../../workflows/calibration';
import { withClient } from '../connections';
import { startCalibration } from '../operations';
import { JSON_HELP, printResult } from '../program';
import { parseDate, parseSports } from '../usage';
import { announce, temporalCancelCommand, waitForRun } from '../wait';

/** One line per sport of a calibration result. */
export function formatCalibration(result: DailyCalibrationResult): string[] {
  return result.sports.map(
    (r) =>
      `${r.sport} through ${r.date}: graded ${r.graded} picks, window games ${r.games}, offset ${r.offset}, damp ${r.dampFactor}${r.triggers.length ? `, triggers ${r.triggers.join(',')}` : ''}`,
  );
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description('grade picks and write calibration_daily for results through --date (R11)')
    .requiredOption(
      '--sport <sport>',
      'nfl | ncaaf | nba | ncaab | mlb | nhl | all | comma-separated',
    )
    .requiredOption('--date <date>', 'last day of results, YYYY-MM-DD')
    .option('--wait', 'wait for the result (starts an in-process worker if none is polling)')
    .option('--json', `${JSON_HELP} (implies --wait)`)
    .action(async (opts: { sport: string; date: string; wait?: boolean; json?: boolean }) => {
      const sports = parseSports(opts.sport);
      const date = parseDate(opts.date);
      await withClient(async (client) => {
        const started = await startCalibration(client, sports, date);
        announce(started.workflowId, 'DailyCalibrationWorkflow', { sports, date });
        if (!opts.wait && !opts.json) return;
        const result = await waitForRun(
          client,
          {
            workflowId: started.workflowId,
            cancelCommand: temporalCancelCommand(started.workflowId),
          },
          () => started.handle.result() as Promise<DailyCalibrationResult>,
        );
        printResult(opts.json, result, formatCalibration);
      });
    });
}
