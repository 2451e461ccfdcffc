/** `beatvegas picks`: the decisions of record of a slate (cli/picks.ts). */
import type { Command } from 'commander';
import { withDb } from '../connections';
import { formatPicks, loadPicks } from '../picks';
import { JSON_HELP, printResult } from '../program';
import { parseDate, parseSport } from '../usage';

export function registerPicks(program: Command): void {
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
    .option('--json', JSON_HELP)
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
        const allRuns = opts.allRuns ?? false;
        const report = await withDb((db) =>
          loadPicks(db, sport, date, { allRuns, chain: opts.chain }),
        );
        printResult(opts.json, report, (r) => formatPicks(r, allRuns));
      },
    );
}
