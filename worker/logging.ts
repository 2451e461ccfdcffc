/**
 * Structured logs of `beatvegas worker`: one JSON object per line (pino) on stdout. The
 * Temporal runtime's logger forwards to it (SDK and Core logs, workflow and activity context
 * loggers), and an activity interceptor adds the run's `runId`, `sport` and `date` to every
 * line an activity logs. The CLI keeps its human output; this is only for worker processes.
 */
import os from 'node:os';
import { Context } from '@temporalio/activity';
import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { PipelineMetrics } from '../activities/metrics';

/** pino's level names, lowest first. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type WorkerLogLevel = (typeof LOG_LEVELS)[number];

export class LogLevelError extends Error {
  override readonly name = 'LogLevelError';
}

/** `BEATVEGAS_LOG_LEVEL` (trace|debug|info|warn|error), default `info`. */
export function workerLogLevel(env: NodeJS.ProcessEnv = process.env): WorkerLogLevel {
  const raw = (env.BEATVEGAS_LOG_LEVEL ?? '').trim().toLowerCase();
  if (raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as WorkerLogLevel;
  throw new LogLevelError(
    `BEATVEGAS_LOG_LEVEL=${JSON.stringify(env.BEATVEGAS_LOG_LEVEL)}; valid: ${LOG_LEVELS.join(', ')}`,
  );
}

/**
 * The worker's root logger: `level` as a name, `time` as ISO-8601 UTC, `msg`, plus `pid`,
 * `hostname` and `service`. Errors under `error` or `err` are serialised with their stack.
 */
export function createWorkerLogger(
  options: { level?: WorkerLogLevel; destination?: DestinationStream } = {},
): PinoLogger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, hostname: os.hostname(), service: 'beatvegas-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const PINO_LEVEL: Readonly<Record<LogLevel, WorkerLogLevel>> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal runtime's logger (`Runtime.install({ logger })`) writing to pino: the SDK's
 * metadata (`sdkComponent`, workflow and activity ids, `error`) become fields of the line.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly pino: PinoLogger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // Symbol keys (Core's timestamp) are not JSON fields; pino drops them.
    this.pino[PINO_LEVEL[level] ?? 'info'](meta ?? {}, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The run fields a step's input carries (`runId`, `sport`, `date`), whichever are strings. */
export function runAttributes(args: readonly unknown[]): Record<string, string> {
  const input = args[0];
  if (typeof input !== 'object' || input === null) return {};
  const attrs: Record<string, string> = {};
  for (const key of ['runId', 'sport', 'date'] as const) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === 'string') attrs[key] = value;
  }
  return attrs;
}

/**
 * Adds the run's `runId`, `sport` and `date` (from the activity's input) to every log line of
 * the activity context logger (`log` of @temporalio/activity) and of the SDK's own activity
 * lines (completed, failed), beside the SDK's workflow and activity ids. The SDK's `taskToken`
 * (an opaque ~200-character credential for completing the task) is left out.
 */
export const runLogAttributes: ActivityInterceptorsFactory = () => {
  let attrs: Record<string, string> = {};
  return {
    inbound: {
      execute(input, next) {
        attrs = runAttributes(input.args);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes(input, next) {
        const { taskToken: _token, ...rest } = next(input);
        return { ...rest, ...attrs };
      },
    },
  };
};

/** What activities log through (`ActivityDeps.logger`). */
export interface StepLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Logs through the current activity's context logger (with its ids and run fields), or the
 * runtime logger when called outside an activity.
 */
export function contextStepLogger(fallback: TemporalLogger): StepLogger {
  return {
    warn(message, meta) {
      currentLogger(fallback).warn(message, meta);
    },
  };
}

/** The current activity's context logger, or `fallback` outside an activity. */
function currentLogger(fallback: TemporalLogger): TemporalLogger {
  try {
    return Context.current().log;
  } catch {
    return fallback;
  }
}

/**
 * `metrics` that also log each finished slate run: one `info` line per completed or empty run,
 * one `warn` line per failed run, through the activity context logger (so with the run's id,
 * sport and date).
 */
export function logSlateOutcomes(
  metrics: PipelineMetrics,
  fallback: TemporalLogger,
): PipelineMetrics {
  return {
    ...metrics,
    slateFinished(sport, trigger, outcome) {
      metrics.slateFinished(sport, trigger, outcome);
      const logger = currentLogger(fallback);
      const meta = { outcome, trigger, sport };
      if (outcome === 'failed') logger.warn('slate run failed', meta);
      else logger.info(`slate run ${outcome}`, meta);
    },
  };
}
