/**
 * `npm run rehearsal [-- --short]`: the production rehearsal of issue #22 on this machine.
 *
 * Builds the Temporal server of docker-compose's version, gives it fresh PostgreSQL databases
 * with that version's schema, starts it with a config equivalent to compose's, registers the
 * namespace and search attributes, starts two orchestration and two simulation-only workers as
 * separate processes, and runs the backfills (a whole NFL season and half an NBA season; --short:
 * one NFL season) while killing one worker of each kind and the server. Then it checks that
 * every slate completed once, that no row is duplicated, and that the rows equal those of the
 * same backfills on the dev server with one worker. Prints and records timings and CPU per
 * process group (artifacts/rehearsal-<variant>.md and .json). Exit 0 only if every check passes.
 * See docs/rehearsal.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../db/connection';
import { portOpen } from '../worker/dev-server';
import { ROOT_DIR } from '../worker/env';
import { runBackfills, type RunMeasure } from './rehearsal/backfill-run';
import {
  checkNoDuplicates,
  checkSlateRuns,
  checkTemporalSlates,
  plannedSlates,
  type CheckResult,
} from './rehearsal/checks';
import { compareDatabases, compareStamps, comparisonChecks } from './rehearsal/compare';
import { cli, cloneDatabase, dropDatabases, withDatabase } from './rehearsal/databases';
import { parseOptions, type RehearsalOptions } from './rehearsal/options';
import { stopAll, type ManagedProcess } from './rehearsal/processes';
import { formatReport, type RehearsalReport } from './rehearsal/report';
import { ensureTemporalServer } from './rehearsal/temporal-build';
import {
  createServerDatabases,
  servicePorts,
  writeServerConfig,
} from './rehearsal/temporal-server';
import {
  productionFaults,
  startProduction,
  startReference,
  type Topology,
} from './rehearsal/topology';

const log = (m: string) =>
  process.stderr.write(`[rehearsal ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

/** Everything started, so an error or Ctrl-C never leaves a server or worker behind. */
const started: ManagedProcess[] = [];

async function timed<T>(
  phases: Record<string, number>,
  name: string,
  fn: () => Promise<T> | T,
): Promise<T> {
  const t = performance.now();
  const result = await fn();
  phases[name] = (performance.now() - t) / 1000;
  log(`${name}: ${phases[name].toFixed(1)} s`);
  return result;
}

function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT_DIR, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function assertPortsFree(o: RehearsalOptions): Promise<void> {
  const ports = [
    ...Object.values(servicePorts(o.port)),
    ...(o.compare ? [0, 1, 2].map((i) => o.referencePort + i) : []),
  ];
  for (const p of ports)
    if (await portOpen('127.0.0.1', p))
      throw new Error(
        `port ${p} is in use: stop what listens there or pick --port / --reference-port`,
      );
}

/** Checks of one run: the backfill workflows' results, the faults, the processes. */
function runChecks(
  run: RunMeasure,
  planned: { sport: string }[],
  expectFaults: number,
): CheckResult[] {
  const checks: CheckResult[] = [];
  for (const b of run.backfills) {
    const problems: string[] = [];
    if (b.status !== 'COMPLETED')
      problems.push(`status ${b.status}${b.error ? ` (${b.error})` : ''}`);
    for (const [sport, p] of Object.entries(b.result?.sports ?? {})) {
      const want = planned.filter((x) => x.sport === sport).length;
      if (p.failed > 0) problems.push(`${sport}: failed dates ${p.failedDates.join(', ')}`);
      if (p.done !== want) problems.push(`${sport}: ${p.done} of ${want} slates done`);
    }
    checks.push({
      name: `${run.label}: ${b.workflowId} completed every slate`,
      ok: problems.length === 0 && b.result !== null,
      detail: problems.length ? problems.join('; ') : 'COMPLETED, no failed date',
    });
  }
  const injected = run.faults.filter((f) => !f.detail.startsWith('not injected'));
  if (expectFaults > 0)
    checks.push({
      name: `${run.label}: every planned fault was injected mid-run`,
      ok: injected.length === expectFaults,
      detail: run.faults.map((f) => `${f.kind}: ${f.detail}`).join('; '),
    });
  checks.push({
    name: `${run.label}: no process died on its own`,
    ok: run.unexpectedExits.length === 0,
    detail: run.unexpectedExits.length ? run.unexpectedExits.join(', ') : 'none',
  });
  return checks;
}

async function dbChecks(
  label: string,
  topo: Topology,
  url: string,
  planned: { sport: string; date: string }[],
): Promise<CheckResult[]> {
  const db = createDb(url, { max: 2 });
  try {
    const checks = [
      await checkTemporalSlates(topo.client, planned),
      await checkSlateRuns(db, planned),
      await checkNoDuplicates(db),
    ];
    return checks.map((c) => ({ ...c, name: `${label}: ${c.name}` }));
  } finally {
    await db.destroy();
  }
}

async function rehearse(o: RehearsalOptions): Promise<RehearsalReport> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverage = os.loadavg();
  const phases: Record<string, number> = {};
  const logDir = path.join(o.dataDir, `logs-${o.variant}`);
  fs.rmSync(logDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  await assertPortsFree(o);

  const bins = await timed(phases, 'build Temporal server (go install)', () =>
    ensureTemporalServer(undefined, log),
  );
  const appUrl = withDatabase(o.pgUrl, o.databases.app);
  const refUrl = withDatabase(o.pgUrl, o.databases.reference);
  const address = `127.0.0.1:${o.port}`;
  const gitCommit = process.env.BEATVEGAS_GIT_COMMIT ?? headCommit();
  const env = (dbUrl: string, temporal: string): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: dbUrl,
    TEMPORAL_ADDRESS: temporal,
    TEMPORAL_NAMESPACE: o.namespace,
    // Every worker of both runs, restarted ones included, stamps the commit the rehearsal
    // started on (a commit made meanwhile would otherwise make every row differ).
    BEATVEGAS_GIT_COMMIT: gitCommit,
  });
  const prodEnv = env(appUrl, address);

  await timed(phases, 'app database: create, migrate, import history', async () => {
    await dropDatabases(o.pgUrl, [o.databases.app, o.databases.reference]);
    await cli(['migrate'], prodEnv);
    for (const sport of new Set(o.ranges.map((r) => r.sport)))
      log(
        (
          await cli(
            ['import', '--sport', sport, '--file', path.join(o.historyDir, sport, 'games.csv')],
            prodEnv,
          )
        )
          .trim()
          .split('\n')
          .at(-1) ?? '',
      );
    if (o.compare) await cloneDatabase(o.pgUrl, o.databases.app, o.databases.reference);
  });
  const planDb = createDb(appUrl, { max: 1 });
  const planned = await plannedSlates(planDb, o.ranges).finally(() => planDb.destroy());
  const plannedGames = planned.reduce((a, p) => a + p.games, 0);
  log(`plan: ${planned.length} slates, ${plannedGames} games`);

  const pgUrl = new URL(o.pgUrl);
  const pg = {
    host: pgUrl.hostname,
    port: Number(pgUrl.port || 5432),
    user: decodeURIComponent(pgUrl.username || 'postgres'),
    password: decodeURIComponent(pgUrl.password),
  };
  const serverDir = path.join(o.dataDir, 'temporal-server');
  await timed(phases, 'Temporal databases: create + schema (temporal-sql-tool)', () => {
    createServerDatabases(bins, pg, {
      default: o.databases.temporal,
      visibility: o.databases.visibility,
    });
    writeServerConfig(serverDir, {
      pg,
      database: o.databases.temporal,
      visibilityDatabase: o.databases.visibility,
      basePort: o.port,
    });
  });

  const checks: CheckResult[] = [];
  const runs: RunMeasure[] = [];
  const prod = await startProduction({
    bins,
    serverDir,
    address,
    namespace: o.namespace,
    workerEnv: prodEnv,
    logDir,
    log,
  });
  started.push(...prod.all());
  for (const [k, v] of Object.entries(prod.timings)) phases[`production: ${k}`] = v;
  try {
    const appDb = createDb(appUrl, { max: 2 });
    try {
      const run = await runBackfills({
        label: 'production',
        client: prod.client,
        appDb,
        env: prodEnv,
        ranges: o.ranges,
        iterations: o.iterations,
        plannedSlates: planned.length,
        groups: { 'temporal server': [prod.server], ...prod.workers },
        databases: {
          'postgres: temporal stores': [o.databases.temporal, o.databases.visibility],
          'postgres: app database': [o.databases.app],
        },
        pgAdminUrl: o.pgUrl,
        logDir,
        faults: o.faults,
        onFault: productionFaults(prod, address, o.downMs),
        timeoutMs: o.timeoutMs,
        log,
      });
      runs.push(run);
      phases['production: backfills'] = run.wallSeconds;
    } finally {
      await appDb.destroy();
    }
    checks.push(...runChecks(runs[0]!, planned, o.faults.length));
    checks.push(
      ...(await timed(phases, 'production: checks', () =>
        dbChecks('production', prod, appUrl, planned),
      )),
    );
  } finally {
    await prod.connection.close();
    await stopAll(prod.all());
  }

  if (o.compare) {
    const refEnv = env(refUrl, `127.0.0.1:${o.referencePort}`);
    const ref = await timed(phases, 'reference: dev server + 1 worker start', () =>
      startReference({
        port: o.referencePort,
        sqliteFile: path.join(o.dataDir, 'dev-server.sqlite'),
        namespace: o.namespace,
        workerEnv: refEnv,
        logDir,
        log,
      }),
    );
    started.push(...ref.all());
    try {
      const refDb = createDb(refUrl, { max: 2 });
      try {
        const run = await runBackfills({
          label: 'reference (dev server, 1 worker)',
          client: ref.client,
          appDb: refDb,
          env: refEnv,
          ranges: o.ranges,
          iterations: o.iterations,
          plannedSlates: planned.length,
          groups: { 'dev server': [ref.server], ...ref.workers },
          databases: { 'postgres: app database': [o.databases.reference] },
          pgAdminUrl: o.pgUrl,
          logDir,
          timeoutMs: o.timeoutMs,
          log,
        });
        runs.push(run);
        phases['reference: backfills'] = run.wallSeconds;
      } finally {
        await refDb.destroy();
      }
      checks.push(...runChecks(runs[1]!, planned, 0));
      checks.push(...(await dbChecks('reference', ref, refUrl, planned)));
    } finally {
      await ref.connection.close();
      await stopAll(ref.all());
    }
    await timed(phases, 'compare rows', async () => {
      const a = createDb(appUrl, { max: 1 });
      const b = createDb(refUrl, { max: 1 });
      try {
        const labels = { a: 'production', b: 'reference' };
        checks.push(await compareStamps(a, b, labels));
        checks.push(...comparisonChecks(await compareDatabases(a, b), labels));
      } finally {
        await Promise.all([a.destroy(), b.destroy()]);
      }
    });
  }

  return {
    variant: o.variant,
    startedAt,
    temporalVersion: bins.version,
    buildSeconds: bins.buildMs === null ? null : bins.buildMs / 1000,
    ranges: o.ranges.map((r) => `${r.sport} ${r.from} → ${r.to}`),
    plannedSlates: planned.length,
    plannedGames,
    iterations: o.iterations,
    phases,
    runs,
    checks,
    totalSeconds: (performance.now() - t0) / 1000,
    machine: { cores: os.availableParallelism?.() ?? os.cpus().length, loadAverage },
  };
}

async function main(): Promise<number> {
  let options: RehearsalOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code === 0) return 0;
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const abort = () => {
    log('interrupted: stopping the server and workers');
    void stopAll(started).finally(() => process.exit(130));
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    const report = await rehearse(options);
    const text = formatReport(report);
    const out = path.join(ROOT_DIR, 'artifacts');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `rehearsal-${report.variant}.md`), text);
    fs.writeFileSync(
      path.join(out, `rehearsal-${report.variant}.json`),
      JSON.stringify(report, null, 2),
    );
    process.stdout.write(text);
    const failed = report.checks.filter((c) => !c.ok);
    if (failed.length > 0) {
      log(
        `FAILED: ${failed.length} of ${report.checks.length} checks (see above; logs in ${path.join(options.dataDir, `logs-${options.variant}`)})`,
      );
      return 1;
    }
    log(`passed: ${report.checks.length} checks in ${report.totalSeconds.toFixed(0)} s`);
    return 0;
  } catch (error) {
    log(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await stopAll(started);
  }
}

void main().then((code) => process.exit(code));
