/** `beatvegas odds-server`: imported history served as an Odds-API-v4-compatible server. */
import type { Command } from 'commander';
import { oddsApiKey } from '../../worker/env';
import {
  DEFAULT_ODDS_SERVER_PORT,
  FAULT_SPEC_HELP,
  FaultSpecError,
  parseFault,
  runOddsServer,
} from '../../odds/server';
import { log } from '../program';
import { UsageError, parseInteger } from '../usage';

export function registerOddsServer(program: Command): void {
  program
    .command('odds-server')
    .description(
      'serve imported history through an Odds-API-v4-compatible HTTP server (tests, demo)',
    )
    .option('--port <port>', 'port to listen on (0–65535)', String(DEFAULT_ODDS_SERVER_PORT))
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--quota <n>', 'usage credits before OUT_OF_USAGE_CREDITS', '100000')
    .option('--fault <spec...>', `faults served in order: ${FAULT_SPEC_HELP}`)
    .action(async (opts: { port: string; host: string; quota: string; fault?: string[] }) => {
      const port = parseInteger(opts.port, '--port', 0, 65_535);
      const quota = parseInteger(opts.quota, '--quota', 0, Number.MAX_SAFE_INTEGER);
      let faults;
      try {
        faults = { queue: (opts.fault ?? []).map(parseFault) };
      } catch (error) {
        if (error instanceof FaultSpecError) throw new UsageError(`--fault: ${error.message}`);
        throw error;
      }
      const apiKey = oddsApiKey();
      if (!apiKey) {
        throw new UsageError(
          'ODDS_API_KEY (or ODDS_API_KEY_FILE) must be set: the server accepts only that key (clients use the same variable)',
        );
      }
      await runOddsServer({ apiKey, port, host: opts.host, quota, faults, log });
    });
}
