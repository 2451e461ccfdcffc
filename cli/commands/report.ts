/** `beatvegas report`: the backtest report of one sport over slate dates (SPEC §5, §6). */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadReport } from '../../report/build';
import { renderReportHtml } from '../../report/html';
import { formatReportText } from '../../report/text';
import { withDb } from '../connections';
import { log, printResult } from '../program';
import { OPENING_LINE_SPORTS, type HistoryLines } from '../../core/effective-config';
import { UsageError, parseDate, parseLines, parseOutputFile, parseSport } from '../usage';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('backtest report of one sport over slate dates (SPEC §5, §6)')
    .requiredOption('--sport <sport>', 'nfl | ncaaf | nba | ncaab | mlb | nhl')
    .requiredOption('--from <date>', 'first slate date, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last slate date, YYYY-MM-DD')
    .option('--json', 'print the SPEC §5 JSON document on stdout')
    .option('--html <path>', 'also write a self-contained HTML report to this file')
    .option(
      '--lines <open|close>',
      `the runs of backfill --lines open or close (open: ${OPENING_LINE_SPORTS.join(', ')}; default close)`,
    )
    .action(
      async (opts: {
        sport: string;
        from: string;
        to: string;
        json?: boolean;
        html?: string;
        lines?: string;
      }) => {
        const sport = parseSport(opts.sport);
        const lines = parseLines(opts.lines, [sport]);
        const from = parseDate(opts.from, '--from');
        const to = parseDate(opts.to, '--to');
        if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
        // Checked before the (long) query, so a bad path fails at once.
        const html = opts.html === undefined ? undefined : parseOutputFile(opts.html, '--html');
        const { report, extra, otherLines } = await withDb((db) =>
          loadReport(db, { sport, from, to, lines }),
        );
        if (report.meta.runs === 0 && otherLines.runs > 0) {
          const name = (l: HistoryLines) => (l === 'open' ? 'opening' : 'closing');
          log(
            `no slate run of ${sport} in ${from} → ${to} priced the ${name(lines)} lines; ` +
              `${otherLines.runs} priced the ${name(otherLines.lines)} lines (--lines ${otherLines.lines})`,
          );
        }
        if (html !== undefined) {
          fs.mkdirSync(path.dirname(html), { recursive: true });
          fs.writeFileSync(html, renderReportHtml(report, extra));
          log(`wrote ${html}`);
        }
        printResult(opts.json, report, formatReportText);
      },
    );
}
