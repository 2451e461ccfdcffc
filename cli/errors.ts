/**
 * The top-level error handler of the `beatvegas` command: maps every error a command can throw
 * to one line on stderr and an exit code (cli/program.ts, EXIT). No stack trace and no raw driver
 * error reaches the user; `BEATVEGAS_DEBUG=1` adds the stack of an unexpected error for
 * developers.
 */
import { CommanderError } from 'commander';
import {
  CancelledFailure,
  NamespaceNotFoundError,
  ServiceError,
  WorkflowFailedError,
} from '@temporalio/client';
import { ConfigError } from '../core/config';
import { CsvFormatError } from '../core/importers';
import { databaseUrl } from '../db/connection';
import { SecretConfigError } from '../db/secret-env';
import { LogLevelError } from '../worker/logging';
import { MetricsAddressError } from '../worker/metrics';
import { WorkerStartError } from '../worker/preflight';
import { GitStampError } from '../worker/versions';
import { temporalAddress, temporalNamespace } from '../worker/env';
import { EXIT, log } from './program';
import { SlotBusyError } from './slate';
import { TemporalUnavailableError } from './temporal';
import { UsageError } from './usage';

/** A failure the command has already reported on stdout/stderr: exit 1, print nothing more. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}

/** Maps an error to an exit code, printing one line for it on stderr. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander printed its message (or the help) already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')
      return EXIT.ok;
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof ReportedFailure) return EXIT.failure;
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof SecretConfigError ||
    error instanceof GitStampError
  ) {
    log(`error: ${error.message}`);
    return EXIT.usage;
  }
  log(failureLine(error));
  return EXIT.failure;
}

/** The one line printed for a runtime failure (exit 1). */
function failureLine(error: unknown): string {
  if (error instanceof SlotBusyError) return `refused: ${error.message}`;
  if (error instanceof CsvFormatError) return `import failed, nothing imported: ${error.message}`;
  if (
    error instanceof TemporalUnavailableError ||
    error instanceof MetricsAddressError ||
    error instanceof LogLevelError ||
    error instanceof WorkerStartError
  )
    return `error: ${error.message}`;
  if (error instanceof WorkflowFailedError) {
    if (error.cause instanceof CancelledFailure) return 'run cancelled';
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return `run failed: ${cause}`;
  }
  if (error instanceof NamespaceNotFoundError) {
    return `error: Temporal at ${temporalAddress()} has no namespace ${temporalNamespace()} (set TEMPORAL_NAMESPACE, or create it)`;
  }
  if (error instanceof ServiceError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `error: Temporal at ${temporalAddress()} refused the request (${error.message}${cause})`;
  }
  const db = databaseHint(error);
  if (db !== null) return `error: ${db}`;
  const file = fileErrorLine(error);
  if (file !== null) return `error: ${file}`;
  const message = error instanceof Error ? error.message : String(error);
  if (process.env.BEATVEGAS_DEBUG && error instanceof Error && error.stack) {
    return `error: ${error.stack}`;
  }
  return `error: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}

/** `DATABASE_URL` (or the default) with any password masked, for messages. */
export function shownDatabaseUrl(): string {
  const raw = databaseUrl();
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    // pg also takes forms that are not URLs (a socket directory and a database name).
    return raw.replace(/password=[^\s&]*/gi, 'password=***');
  }
}

/**
 * One line for a database error: the fix for those a user meets first (no server, no database,
 * no tables yet), else the server's message and SQLSTATE. Null if `error` is not from the
 * database.
 */
export function databaseHint(error: unknown): string | null {
  const e = error as { code?: unknown; severity?: unknown } | null;
  const code = e?.code;
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (code === '3D000')
    return `${message} (${shownDatabaseUrl()}); create it and its tables with \`beatvegas migrate\``;
  if (code === '42P01')
    return `${message}: the schema is missing or behind this version; run \`beatvegas migrate\``;
  if (code === 'ECONNREFUSED')
    return `cannot reach PostgreSQL at ${shownDatabaseUrl()} (${message}); start it or set DATABASE_URL`;
  // pg's DatabaseError carries a SQLSTATE (5 characters) and a severity.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof e?.severity === 'string')
    return `the database refused the request (SQLSTATE ${code}: ${message})`;
  return null;
}

/** One line for a file-system error (`EISDIR`, `ENOENT`, …) naming the path, or null. */
function fileErrorLine(error: unknown): string | null {
  const e = error as { code?: unknown; path?: unknown; syscall?: unknown } | null;
  if (typeof e?.code !== 'string' || typeof e.path !== 'string' || !/^E[A-Z]+$/.test(e.code))
    return null;
  const what: Record<string, string> = {
    EISDIR: 'is a directory, not a file',
    ENOTDIR: 'a part of the path is not a directory',
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
  };
  return `${e.path}: ${what[e.code] ?? e.code}`;
}
