/** `beatvegas demo`: a real NFL slate end to end on embedded defaults (cli/demo.ts). */
import type { Command } from 'commander';
import { runDemo } from '../demo';
import { JSON_HELP, log, printJson, printText } from '../program';
import { parseIterations } from '../usage';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'a real NFL slate end to end on an embedded default (PGlite unless DATABASE_URL is set)',
    )
    .option('--keep', 'leave Temporal, the database and the odds server running until Ctrl-C')
    .option('--iterations <n>', 'Monte Carlo iterations per game (default 100000)')
    .option('--json', JSON_HELP)
    .action(async (opts: { keep?: boolean; iterations?: string; json?: boolean }) => {
      const iterations = parseIterations(opts.iterations);
      const demo = await runDemo({
        keep: opts.keep ?? false,
        json: opts.json ?? false,
        log,
        ...(iterations !== undefined ? { iterations } : {}),
      });
      if (opts.json) printJson(demo.json);
      else printText(demo.table);
    });
}
