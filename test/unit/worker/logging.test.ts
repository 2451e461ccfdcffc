/**
 * The worker's JSON log lines: what an operator's log pipeline receives from the Temporal
 * runtime logger (SDK, Core and activity context logs) and the run fields added to activity logs.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NO_METRICS, type PipelineMetrics } from '../../../activities/metrics';
import {
  contextStepLogger,
  createWorkerLogger,
  logSlateOutcomes,
  PinoTemporalLogger,
  runAttributes,
  runLogAttributes,
  workerLogLevel,
  type WorkerLogLevel,
} from '../../../worker/logging';

/** A worker logger writing into an array: one parsed object per line. */
function capture(level: WorkerLogLevel = 'info') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== ''),
      );
      done();
    },
  });
  const pino = createWorkerLogger({ level, destination });
  return { pino, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('worker JSON log lines', () => {
  it('carry level name, ISO time, message, process fields and the SDK metadata with the run', () => {
    const out = capture();
    const logger = new PinoTemporalLogger(out.pino);
    logger.warn('feature flag ENABLE_RCL is OFF for run slate/nfl/2023-12-10@abc', {
      sdkComponent: 'activity',
      activityType: 'fetchOdds',
      workflowId: 'slate/nfl/2023-12-10',
      runId: 'slate/nfl/2023-12-10@abc',
      sport: 'nfl',
      date: '2023-12-10',
      attempt: 1,
      [Symbol.for('log_timestamp')]: 123n,
    });
    expect(out.lines).toHaveLength(1);
    const [line] = out.records();
    expect(line).toMatchObject({
      level: 'warn',
      msg: 'feature flag ENABLE_RCL is OFF for run slate/nfl/2023-12-10@abc',
      pid: process.pid,
      service: 'beatvegas-worker',
      sdkComponent: 'activity',
      activityType: 'fetchOdds',
      workflowId: 'slate/nfl/2023-12-10',
      runId: 'slate/nfl/2023-12-10@abc',
      sport: 'nfl',
      date: '2023-12-10',
      attempt: 1,
    });
    expect(typeof line!.hostname).toBe('string');
    expect(line!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('serialise an error under `error` with its type, message and stack', () => {
    const out = capture();
    new PinoTemporalLogger(out.pino).error('Activity failed', {
      error: new RangeError('odds feed refused'),
      durationMs: 12,
    });
    const [line] = out.records();
    expect(line).toMatchObject({ level: 'error', msg: 'Activity failed', durationMs: 12 });
    expect(line!.error).toMatchObject({ type: 'RangeError', message: 'odds feed refused' });
    expect(String((line!.error as { stack: string }).stack)).toContain('RangeError');
  });

  it('map every Temporal level and drop those below the configured one', () => {
    const out = capture('info');
    const logger = new PinoTemporalLogger(out.pino);
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.log('WARN', 'w');
    logger.error('e');
    expect(out.records().map((r) => [r.level, r.msg])).toEqual([
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
    ]);
    const all = capture('trace');
    const verbose = new PinoTemporalLogger(all.pino);
    verbose.trace('t');
    verbose.debug('d');
    expect(all.records().map((r) => r.level)).toEqual(['trace', 'debug']);
  });
});

describe('run fields of activity logs', () => {
  it('come from the string runId, sport and date of the step input', () => {
    expect(
      runAttributes([{ runId: 'r1', sport: 'nba', date: '2024-01-02', config: { x: 1 } }]),
    ).toEqual({ runId: 'r1', sport: 'nba', date: '2024-01-02' });
    expect(runAttributes([{ sport: 'nhl', date: 7 }])).toEqual({ sport: 'nhl' });
    expect(runAttributes([])).toEqual({});
    expect(runAttributes(['slate/nfl/2023-12-10'])).toEqual({});
  });

  it('are added by the interceptor to the SDK log attributes once the activity executes', async () => {
    const interceptors = runLogAttributes(undefined as never);
    const sdkAttributes = { activityId: '7', activityType: 'verifyLines', workflowId: 'w' };
    // The SDK's attributes include the task token: a credential, and 200 characters of noise.
    const compose = () =>
      interceptors.outbound!.getLogAttributes!({ ...sdkAttributes, taskToken: 'Ci0x' }, (a) => ({
        ...a,
      }));
    // Before execution (the SDK's "Activity started" line) only the SDK's own attributes.
    expect(compose()).toEqual(sdkAttributes);
    const result = await interceptors.inbound!.execute!(
      { args: [{ runId: 'r9', sport: 'nfl', date: '2023-12-10' }], headers: {} },
      (input) => Promise.resolve(input.args.length),
    );
    expect(result).toBe(1);
    expect(compose()).toEqual({ ...sdkAttributes, runId: 'r9', sport: 'nfl', date: '2023-12-10' });
  });

  it('step warnings outside an activity go to the fallback logger', () => {
    const out = capture();
    contextStepLogger(new PinoTemporalLogger(out.pino)).warn('ignored flag', { flag: 'X' });
    expect(out.records()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'ignored flag', flag: 'X' }),
    ]);
  });
});

describe('BEATVEGAS_LOG_LEVEL', () => {
  it('defaults to info, accepts the five names in any case and refuses others', () => {
    expect(workerLogLevel({})).toBe('info');
    expect(workerLogLevel({ BEATVEGAS_LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(() => workerLogLevel({ BEATVEGAS_LOG_LEVEL: 'verbose' })).toThrow(
      /BEATVEGAS_LOG_LEVEL="verbose"; valid: trace, debug, info, warn, error/,
    );
  });
});

describe('slate outcome lines', () => {
  it('log each finished run (info, warn when failed) and still record the metric', () => {
    const out = capture();
    const recorded: unknown[][] = [];
    const metrics: PipelineMetrics = {
      ...NO_METRICS,
      slateFinished: (...a) => recorded.push(a),
    };
    const logged = logSlateOutcomes(metrics, new PinoTemporalLogger(out.pino));
    logged.slateFinished('nfl', 'schedule', 'completed');
    logged.slateFinished('nba', 'schedule', 'empty');
    logged.slateFinished('nhl', 'manual', 'failed');
    expect(recorded).toEqual([
      ['nfl', 'schedule', 'completed'],
      ['nba', 'schedule', 'empty'],
      ['nhl', 'manual', 'failed'],
    ]);
    expect(out.records().map((r) => [r.level, r.msg, r.sport, r.outcome, r.trigger])).toEqual([
      ['info', 'slate run completed', 'nfl', 'completed', 'schedule'],
      ['info', 'slate run empty', 'nba', 'empty', 'schedule'],
      ['warn', 'slate run failed', 'nhl', 'failed', 'manual'],
    ]);
  });
});
