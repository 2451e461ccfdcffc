/**
 * `beatvegas schedules …`: the Temporal Schedules of the daily calibration and the scheduled
 * slates — apply, list, pause, unpause, trigger, delete. An ID that names no schedule exits 2
 * naming it.
 */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { temporalNamespace, temporalUiUrl } from '../../worker/env';
import { withClient } from '../connections';
import {
  DAILY_CALIBRATION_SCHEDULE,
  UnknownScheduleError,
  applySchedules,
  deleteSchedule,
  listSchedules,
  pauseSchedule,
  triggerSchedule,
} from '../operations';
import { JSON_HELP, printResult } from '../program';
import { SOURCE_HELP, UsageError, parseId, parseSource, parseSports } from '../usage';

/** `--slate-times`/`--slate-time`: distinct New York times HH:MM. */
function parseSlateTimes(opts: { slateTimes?: string; slateTime?: string }): string[] {
  const flag = opts.slateTimes !== undefined ? '--slate-times' : '--slate-time';
  const times = (opts.slateTimes ?? opts.slateTime ?? '10:00').split(',').map((t) => t.trim());
  for (const t of times) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(t)) {
      throw new UsageError(`${flag}: ${JSON.stringify(t)} is not HH:MM (24h)`);
    }
  }
  if (new Set(times).size !== times.length) {
    throw new UsageError(`${flag}: ${times.join(',')} lists a time twice`);
  }
  return times;
}

/** Runs an operation on one schedule; an unknown ID is a usage error naming `what`. */
async function onSchedule<T>(what: string, fn: (client: Client) => Promise<T>): Promise<T> {
  try {
    return await withClient(fn);
  } catch (error) {
    if (error instanceof UnknownScheduleError) {
      throw new UsageError(`${what}: ${error.message} (see \`beatvegas schedules list\`)`);
    }
    throw error;
  }
}

function scheduleLink(id: string): string {
  return `${temporalUiUrl()}/namespaces/${encodeURIComponent(temporalNamespace())}/schedules/${encodeURIComponent(id)}`;
}

export function registerSchedules(program: Command): void {
  const schedules = program
    .command('schedules')
    .description('Temporal Schedules: daily calibration and scheduled slates');

  schedules
    .command('apply')
    .description(
      'create or update the daily-calibration schedule (02:00 America/New_York) and optional slate schedules',
    )
    .option('--slates <sports>', 'sports that get a daily slate schedule (comma-separated or all)')
    .option(
      '--slate-times <HH:MM,...>',
      'New York times of the scheduled slates, comma-separated; each firing is its own run',
    )
    .option('--slate-time <HH:MM>', 'one New York time (same as --slate-times with one time)')
    .option('--slate-source <source>', SOURCE_HELP, 'odds-api')
    .option('--json', JSON_HELP)
    .action(
      async (opts: {
        slates?: string;
        slateTimes?: string;
        slateTime?: string;
        slateSource: string;
        json?: boolean;
      }) => {
        const slates = opts.slates ? parseSports(opts.slates, '--slates') : [];
        const slateTimes = parseSlateTimes(opts);
        const slateSource = parseSource(opts.slateSource, '--slate-source');
        const done = await withClient((client) =>
          applySchedules(client, { slates, slateTimes, slateSource }),
        );
        printResult(opts.json, done, (d) =>
          Object.entries(d).map(([id, what]) => `schedule ${id}: ${what}`),
        );
      },
    );

  schedules
    .command('list')
    .description('list schedules with their next and recent runs')
    .option('--json', JSON_HELP)
    .action(async (opts: { json?: boolean }) => {
      const list = await withClient(listSchedules);
      printResult(opts.json, list, (l) =>
        l.length === 0
          ? 'no schedules (create them with `beatvegas schedules apply`)'
          : l.map(
              (s) =>
                `${s.scheduleId} (${s.workflowType ?? '?'})${s.paused ? ' PAUSED' : ''} next: ${s.nextActionTimes.join(', ') || '—'}`,
            ),
      );
    });

  for (const [name, pause] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    schedules
      .command(name)
      .description(`${name} a schedule`)
      .requiredOption(
        '--id <scheduleId>',
        `schedule to ${name}, e.g. ${DAILY_CALIBRATION_SCHEDULE}`,
      )
      .option('--json', JSON_HELP)
      .action(async (opts: { id: string; json?: boolean }) => {
        const id = parseId(opts.id, '--id');
        await onSchedule('--id', (client) => pauseSchedule(client, id, pause));
        const done = { scheduleId: opts.id, paused: pause };
        printResult(opts.json, done, () => `schedule ${opts.id} ${pause ? 'paused' : 'unpaused'}`);
      });
  }

  schedules
    .command('trigger')
    .description("run a schedule's action now")
    .requiredOption('--id <scheduleId>', `schedule to trigger, e.g. ${DAILY_CALIBRATION_SCHEDULE}`)
    .option('--json', JSON_HELP)
    .action(async (opts: { id: string; json?: boolean }) => {
      const id = parseId(opts.id, '--id');
      await onSchedule('--id', (client) => triggerSchedule(client, id));
      const done = { scheduleId: opts.id, triggered: true, link: scheduleLink(opts.id) };
      printResult(opts.json, done, (d) => `schedule ${d.scheduleId} triggered; see ${d.link}`);
    });

  schedules
    .command('delete')
    .description(
      'delete a schedule (runs it started are not touched; `schedules apply` creates it again)',
    )
    .argument('<id>', `schedule ID, e.g. ${DAILY_CALIBRATION_SCHEDULE}`)
    .option('--json', JSON_HELP)
    .action(async (value: string, opts: { json?: boolean }) => {
      const id = parseId(value, 'schedules delete <id>');
      await onSchedule('schedules delete <id>', (client) => deleteSchedule(client, id));
      printResult(opts.json, { scheduleId: id, deleted: true }, () => `schedule ${id} deleted`);
    });
}
