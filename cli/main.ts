/**
 * The `beatvegas` command (SPEC §5): the program assembled from one module per command
 * (cli/commands/), with the conventions of cli/program.ts — results on stdout, logs on stderr,
 * exit 0 success, 1 runtime failure, 2 bad usage or input, 130 Ctrl-C during `--wait` — and one
 * top-level error handler (cli/errors.ts).
 */
import type { Command } from 'commander';
import { registerBackfill } from './commands/backfill';
import { registerCalibrate } from './commands/calibrate';
import { registerDemo } from './commands/demo';
import { registerDevServer } from './commands/dev-server';
import { registerImport } from './commands/import';
import { registerMigrate } from './commands/migrate';
import { registerOddsServer } from './commands/odds-server';
import { registerPicks } from './commands/picks';
import { registerReport } from './commands/report';
import { registerReproduce } from './commands/reproduce';
import { registerSchedules } from './commands/schedules';
import { registerSlate } from './commands/slate';
import { registerStatus } from './commands/status';
import { registerTeams } from './commands/teams';
import { registerWorker } from './commands/worker';
import { exitCodeFor } from './errors';
import { EXIT, createProgram } from './program';

/** Every command, in the order `beatvegas --help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerMigrate,
  registerDevServer,
  registerWorker,
  registerImport,
  registerSlate,
  registerStatus,
  registerCalibrate,
  registerBackfill,
  registerSchedules,
  registerReport,
  registerReproduce,
  registerDemo,
  registerPicks,
  registerTeams,
  registerOddsServer,
];

export function buildProgram(): Command {
  const program = createProgram();
  for (const register of COMMANDS) register(program);
  return program;
}

/**
 * An error nobody awaited (an event emitter's, a stray rejection) still ends the process as
 * Node would, but printed as one line like every other error.
 */
function exitOnStrayErrors(): void {
  const fail = (error: unknown): void => {
    process.exit(exitCodeFor(error));
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}

/** Runs the command line; resolves to the process exit code (errors already printed). */
export async function main(argv: string[] = process.argv): Promise<number> {
  exitOnStrayErrors();
  try {
    await buildProgram().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return exitCodeFor(error);
  }
}
