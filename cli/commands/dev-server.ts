/** `beatvegas dev-server`: a local Temporal dev server with our search attributes. */
import type { Command } from 'commander';
import { ensureDevServer } from '../../worker/dev-server';
import { JSON_HELP, log, printResult } from '../program';

export function registerDevServer(program: Command): void {
  program
    .command('dev-server')
    .description('ensure a local Temporal dev server (UI on :8233) with our search attributes')
    .option('--json', JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const info = await ensureDevServer(log);
      printResult(
        opts.json,
        info,
        (i) =>
          `${i.started ? 'started' : 'reusing'} Temporal dev server at ${i.address}; UI ${i.uiUrl}`,
      );
    });
}
