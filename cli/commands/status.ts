/** `beatvegas status`: runs, decisions, calibration and odds quota of one ET date (cli/status.ts). */
import type { Command } from 'commander';
import { utcToEasternDate } from '../../core/calendar';
import { withDb } from '../connections';
import { JSON_HELP, printResult } from '../program';
import { formatStatus, loadStatus } from '../status';
import { parseDate } from '../usage';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'per sport: the slate runs of a day with outcome, games, picks by state and warnings; the last calibration row; the odds API quota',
    )
    .option('--date <date>', 'slate date YYYY-MM-DD, America/New_York (default: today there)')
    .option(
      '--chain <chain>',
      'calibration chain whose last row is shown (production, backfill:…, research:…)',
      'production',
    )
    .option('--json', JSON_HELP)
    .action(async (opts: { date?: string; chain: string; json?: boolean }) => {
      const date = opts.date === undefined ? utcToEasternDate(new Date()) : parseDate(opts.date);
      const report = await withDb((db) => loadStatus(db, date, opts.chain));
      printResult(opts.json, report, formatStatus);
    });
}
