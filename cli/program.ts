/**
 * The parser conventions every `beatvegas` command follows (SPEC §5):
 *
 * - results on stdout (text, or one JSON document with `--json`); logs, progress and errors on
 *   stderr — so `beatvegas … --json | jq` and `beatvegas … > file` see only the result;
 * - `--help` on stdout with exit 0; a usage error on stderr with exit 2;
 * - exit codes: 0 success, 1 runtime failure, 2 bad usage or input (the message names the flag),
 *   130 interrupted (Ctrl-C during `--wait`; the run goes on in Temporal).
 *
 * Commands register themselves on the program made here (cli/commands/*.ts); errors travel up to
 * one handler (cli/errors.ts) that prints one line and picks the exit code.
 */
import { Command } from 'commander';

/** Exit codes of the `beatvegas` command. */
export const EXIT = {
  ok: 0,
  /** A run failed, a check found problems, a service was unreachable. */
  failure: 1,
  /** Bad usage or input: the message names the flag or argument. */
  usage: 2,
  /** Ctrl-C during `--wait` (128 + SIGINT). */
  interrupted: 130,
} as const;

/** The help text of every `--json` flag. */
export const JSON_HELP = 'print the result as one JSON document on stdout';

/** A log line on stderr (never mixed with results). */
export function log(message: string): void {
  process.stderr.write(`[beatvegas] ${message}\n`);
}

/** The result as one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A text result on stdout (lines joined with newlines). */
export function printText(text: string | readonly string[]): void {
  const body = typeof text === 'string' ? text : text.join('\n');
  process.stdout.write(`${body}\n`);
}

/** Prints `value` as JSON when `json` is set, else the text `format` makes of it. */
export function printResult<T>(
  json: boolean | undefined,
  value: T,
  format: (value: T) => string | readonly string[],
): void {
  if (json) printJson(value);
  else printText(format(value));
}

/**
 * The root command. Commander writes help to stdout (`--help`, `help <command>`) and usage
 * errors to stderr; `exitOverride` turns both into a CommanderError for the top-level handler
 * instead of calling `process.exit` from inside the parser.
 */
export function createProgram(): Command {
  return (
    new Command('beatvegas')
      .description('BeatVegas: Monte Carlo slate pricing on Temporal + Postgres')
      .showHelpAfterError()
      // Options after a subcommand belong to it (`backfill cancel <id> --json`, where `backfill`
      // has a `--json` of its own).
      .enablePositionalOptions()
      .exitOverride()
      .configureOutput({
        writeOut: (s) => process.stdout.write(s),
        writeErr: (s) => process.stderr.write(s),
      })
  );
}
