/**
 * One measured backfill run against a running topology: starts the backfills the way an
 * operator does (`beatvegas backfill … --iterations N`, no --wait, all at once), injects the
 * planned faults as the slates complete, waits for every backfill workflow to close, and
 * accounts CPU per process group, per PostgreSQL database and for the whole machine.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { backfillWorkflowId } from '../../cli/operations';
import type { Database } from '../../db/schema';
import { ROOT_DIR } from '../../worker/env';
import type { BackfillResult } from '../../workflows/backfill';
import { completedBackfillSlates, type BackfillRange } from './checks';
import { CpuGroup, machineCpuSeconds } from './cpu';
import { ManagedProcess } from './processes';

export const BIN = path.join(ROOT_DIR, 'bin', 'beatvegas.cjs');

/** A fault fired once `at` (0–1) of the planned slates have completed. */
export interface FaultPlan<K extends string = string> {
  at: number;
  kind: K;
}

export interface FaultEvent {
  kind: string;
  /** Seconds since the backfills started. */
  atSeconds: number;
  slatesDone: number;
  detail: string;
  /** How long the fault took to heal (process back, server answering), seconds. */
  healSeconds: number;
}

export interface RunSetup {
  label: string;
  client: Client;
  appDb: Kysely<Database>;
  /** Environment of the CLI commands (TEMPORAL_ADDRESS, DATABASE_URL, …). */
  env: NodeJS.ProcessEnv;
  ranges: readonly BackfillRange[];
  iterations: number;
  plannedSlates: number;
  /** Long-running processes by accounting group (server, workers). */
  groups: Record<string, readonly ManagedProcess[]>;
  /** PostgreSQL databases by accounting group (e.g. `postgres: temporal stores`). */
  databases: Record<string, readonly string[]>;
  pgAdminUrl: string;
  logDir: string;
  faults?: readonly FaultPlan[];
  onFault?: (kind: string, sampleNow: () => Promise<void>) => Promise<string>;
  timeoutMs: number;
  log: (message: string) => void;
}

export interface RunMeasure {
  label: string;
  wallSeconds: number;
  /** CPU seconds in the window by group; `machine busy` and `machine total` are all cores. */
  cpu: Record<string, number>;
  /** pg_stat_database active_time (time spent executing statements), seconds, by group. */
  pgActiveSeconds: Record<string, number>;
  faults: FaultEvent[];
  backfills: {
    workflowId: string;
    status: string;
    result: BackfillResult | null;
    error: string | null;
  }[];
  slatesDone: number;
  unexpectedExits: string[];
}

async function pgActiveMs(admin: pg.Client, dbs: readonly string[]): Promise<number> {
  if (dbs.length === 0) return 0;
  const r = await admin.query<{ ms: string | null }>(
    'select sum(active_time) as ms from pg_stat_database where datname = any($1)',
    [dbs],
  );
  return Number(r.rows[0]?.ms ?? 0);
}

async function pgBackends(admin: pg.Client, dbs: readonly string[]): Promise<number[]> {
  if (dbs.length === 0) return [];
  const r = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = any($1)',
    [dbs],
  );
  return r.rows.map((row) => row.pid);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the backfills of `setup` to completion (or timeout) and measures them. */
export async function runBackfills(setup: RunSetup): Promise<RunMeasure> {
  const admin = new pg.Client({ connectionString: setup.pgAdminUrl });
  await admin.connect();
  try {
    return await measured(setup, admin);
  } finally {
    await admin.end();
  }
}

async function measured(setup: RunSetup, admin: pg.Client): Promise<RunMeasure> {
  const procGroups = Object.entries(setup.groups).map(([name, procs]) => ({
    cpu: new CpuGroup(name),
    procs,
  }));
  const dbGroups = Object.entries(setup.databases).map(([name, dbs]) => ({
    cpu: new CpuGroup(name),
    dbs,
  }));
  const cli = new CpuGroup('cli (backfill commands)');
  const commands: ManagedProcess[] = [];
  const sampleNow = async () => {
    for (const g of procGroups)
      g.cpu.sample(
        g.procs.flatMap((p) => (p.pid ? [p.pid] : [])),
        true,
      );
    cli.sample(
      commands.flatMap((p) => (p.pid ? [p.pid] : [])),
      true,
    );
    for (const g of dbGroups) g.cpu.sample(await pgBackends(admin, g.dbs), true);
  };
  // Open the window: what each running process and backend used before it does not count.
  for (const g of procGroups)
    g.cpu.sample(
      g.procs.flatMap((p) => (p.pid ? [p.pid] : [])),
      false,
    );
  for (const g of dbGroups) g.cpu.sample(await pgBackends(admin, g.dbs), false);
  const active0 = await Promise.all(dbGroups.map((g) => pgActiveMs(admin, g.dbs)));
  const machine0 = machineCpuSeconds();
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;

  for (const r of setup.ranges) {
    const cmd = new ManagedProcess(
      {
        name: `${setup.label}-backfill-${r.sport}`,
        role: 'cli',
        command: process.execPath,
        args: [
          BIN,
          'backfill',
          '--sport',
          r.sport,
          '--from',
          r.from,
          '--to',
          r.to,
          '--iterations',
          String(setup.iterations),
        ],
        env: setup.env,
        cwd: ROOT_DIR,
        oneShot: true,
      },
      setup.logDir,
    );
    cmd.start();
    commands.push(cmd);
  }
  setup.log(
    `${setup.label}: started ${setup.ranges.map((r) => `${r.sport} ${r.from} → ${r.to}`).join(' and ')} (${setup.plannedSlates} slates)`,
  );
  const codes = await Promise.all(commands.map((c) => c.waitExit()));
  codes.forEach((code, i) => {
    if (code !== 0) throw new Error(`${commands[i]!.name} exited ${code}:\n${commands[i]!.tail()}`);
  });

  const ids = setup.ranges.map((r) => backfillWorkflowId([r.sport], r.from, r.to));
  const pending = [...(setup.faults ?? [])].sort((a, b) => a.at - b.at);
  const faults: FaultEvent[] = [];
  let faultRunning: Promise<void> | null = null;
  let done = 0;
  let lastShown = -1;
  const closed = new Map<string, string>();
  for (let tick = 0; closed.size < ids.length; tick++) {
    if (elapsed() * 1000 > setup.timeoutMs)
      throw new Error(
        `${setup.label}: the backfills did not finish within ${setup.timeoutMs / 60_000} min (${done}/${setup.plannedSlates} slates completed)`,
      );
    await sleep(1_000);
    await sampleNow();
    try {
      done = await completedBackfillSlates(setup.appDb);
    } catch {
      // the app database is busy or briefly unreachable: keep the last count
    }
    if (done !== lastShown && (done === setup.plannedSlates || tick % 10 === 0)) {
      setup.log(
        `${setup.label}: ${done}/${setup.plannedSlates} slates completed after ${elapsed().toFixed(0)} s`,
      );
      lastShown = done;
    }
    const next = pending[0];
    if (!faultRunning && next && setup.onFault && done >= next.at * setup.plannedSlates) {
      pending.shift();
      const at = elapsed();
      const slatesDone = done;
      faultRunning = setup
        .onFault(next.kind, sampleNow)
        .then((detail) => {
          faults.push({
            kind: next.kind,
            atSeconds: at,
            slatesDone,
            detail,
            healSeconds: elapsed() - at,
          });
          setup.log(`${setup.label}: fault ${next.kind} at ${slatesDone} slates: ${detail}`);
        })
        .finally(() => (faultRunning = null));
    }
    if (tick % 2 === 0) {
      for (const id of ids) {
        if (closed.has(id)) continue;
        try {
          const d = await setup.client.workflow.getHandle(id).describe();
          if (d.status.name !== 'RUNNING' && d.status.name !== 'CONTINUED_AS_NEW')
            closed.set(id, d.status.name);
        } catch {
          // the server is restarting, or the run is between continue-as-new steps
        }
      }
    }
  }
  if (faultRunning) await faultRunning;
  await sampleNow();
  const wallSeconds = elapsed();
  const machine1 = machineCpuSeconds();
  const active1 = await Promise.all(dbGroups.map((g) => pgActiveMs(admin, g.dbs)));
  for (const f of pending)
    faults.push({
      kind: f.kind,
      atSeconds: wallSeconds,
      slatesDone: done,
      detail: 'not injected: the run ended first',
      healSeconds: 0,
    });

  const backfills = [];
  for (const id of ids) {
    let result: BackfillResult | null = null;
    let error: string | null = null;
    try {
      result = (await setup.client.workflow.getHandle(id).result()) as BackfillResult;
    } catch (e) {
      error =
        e instanceof Error
          ? `${e.message}${e.cause instanceof Error ? `: ${e.cause.message}` : ''}`
          : String(e);
    }
    backfills.push({ workflowId: id, status: closed.get(id) ?? 'UNKNOWN', result, error });
  }
  const cpu: Record<string, number> = {};
  for (const g of procGroups) cpu[g.cpu.name] = g.cpu.seconds();
  for (const g of dbGroups) cpu[g.cpu.name] = g.cpu.seconds();
  cpu[cli.name] = cli.seconds();
  cpu['machine busy'] = machine1.busy - machine0.busy;
  cpu['machine total'] = machine1.total - machine0.total;
  const pgActiveSeconds: Record<string, number> = {};
  dbGroups.forEach((g, i) => (pgActiveSeconds[g.cpu.name] = (active1[i]! - active0[i]!) / 1000));
  return {
    label: setup.label,
    wallSeconds,
    cpu,
    pgActiveSeconds,
    faults,
    backfills,
    slatesDone: done,
    unexpectedExits: Object.values(setup.groups)
      .flat()
      .flatMap((p) => p.unexpectedExits.map((e) => `${p.name}: ${e}`)),
  };
}
