/** `beatvegas import`: a history CSV into games and market_lines (cli/import.ts). */
import type { Command } from 'commander';
import { withDb } from '../connections';
import { formatImportSummary, importHistoryFile } from '../import';
import { JSON_HELP, printResult } from '../program';
import { parseSport } from '../usage';

export function registerImport(program: Command): void {
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
    .option('--json', JSON_HELP)
    .action(
      async (opts: { sport: string; file: string; skipInvalid?: boolean; json?: boolean }) => {
        const sport = parseSport(opts.sport);
        const summary = await withDb((db) =>
          importHistoryFile(db, sport, opts.file, { skipInvalid: opts.skipInvalid === true }),
        );
        printResult(opts.json, summary, formatImportSummary);
      },
    );
}
