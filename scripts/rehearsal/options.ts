/**
 * What a rehearsal runs: the full variant (a whole NFL season and half an NBA season) or the
 * short one for CI (one NFL season), the faults, and where it runs (databases, ports).
 */
import path from 'node:path';
import { Command } from 'commander';
import { ROOT_DIR } from '../../worker/env';
import type { FaultPlan } from './backfill-run';
import type { BackfillRange } from './checks';
import { checkDbName } from './databases';

export type FaultKind = 'kill-orchestration-worker' | 'kill-sim-worker' | 'restart-server';

export interface RehearsalOptions {
  variant: 'full' | 'short';
  ranges: BackfillRange[];
  iterations: number;
  faults: FaultPlan<FaultKind>[];
  /** How long a killed process stays down before it is started again, ms. */
  downMs: number;
  /** PostgreSQL server URL (any database; the rehearsal picks its own). */
  pgUrl: string;
  databases: { app: string; reference: string; temporal: string; visibility: string };
  /** Frontend port of the production server (it also binds the next eight). */
  port: number;
  /** Port of the reference dev server. */
  referencePort: number;
  namespace: string;
  compare: boolean;
  historyDir: string;
  dataDir: string;
  timeoutMs: number;
}

/** A whole NFL season (2023, playoffs included) and the first half of the 2022-23 NBA season. */
export const FULL_RANGES: BackfillRange[] = [
  { sport: 'nfl', from: '2023-09-07', to: '2024-02-11' },
  { sport: 'nba', from: '2022-10-18', to: '2023-01-15' },
];

/**
 * NFL 2023, the whole season (the full variant's NFL half): long enough that the three faults,
 * each over only once its victim works again, all land mid-run. Weeks 1–8 (24 slates) were
 * not: on an idle machine they ran in 17 s and ended before the server restart (2026-12-07).
 */
export const SHORT_RANGES: BackfillRange[] = [
  { sport: 'nfl', from: '2023-09-07', to: '2024-02-11' },
];

/** One fault of each kind, fired as the completed share of slates passes each mark. */
export const FAULTS: FaultPlan<FaultKind>[] = [
  { at: 0.15, kind: 'kill-orchestration-worker' },
  { at: 0.35, kind: 'kill-sim-worker' },
  { at: 0.55, kind: 'restart-server' },
];

export function parseOptions(argv: string[]): RehearsalOptions {
  const program = new Command('rehearsal')
    .description('production rehearsal: Temporal server on PostgreSQL, 4 workers, faults, checks')
    .option('--short', 'one NFL season instead of an NFL season and half an NBA season')
    .option('--no-compare', 'skip the reference run on the dev server')
    .option(
      '--db-prefix <prefix>',
      'prefix of the databases the rehearsal drops and creates',
      'rehearsal_',
    )
    .option('--port <n>', 'Temporal frontend port (the server binds it and the next 8)', '7350')
    .option('--reference-port <n>', 'port of the reference dev server', '7450')
    .option('--iterations <n>', 'Monte Carlo iterations per game', '10000')
    .option(
      '--pg-url <url>',
      'PostgreSQL server',
      process.env.REHEARSAL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    )
    .option(
      '--history-dir <dir>',
      'directory with <sport>/games.csv',
      path.join(ROOT_DIR, '..', 'shared', 'data'),
    )
    .option('--timeout-minutes <n>', 'give up on a backfill run after this long')
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const o = program.opts<{
    short?: boolean;
    compare: boolean;
    dbPrefix: string;
    port: string;
    referencePort: string;
    iterations: string;
    pgUrl: string;
    historyDir: string;
    timeoutMinutes?: string;
  }>();
  const int = (flag: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${flag}: ${JSON.stringify(v)} is not an integer between ${min} and ${max}`);
    return n;
  };
  const short = o.short === true;
  const prefix = o.dbPrefix;
  return {
    variant: short ? 'short' : 'full',
    ranges: short ? SHORT_RANGES : FULL_RANGES,
    iterations: int('--iterations', o.iterations, 1000, 1_000_000),
    faults: FAULTS,
    downMs: 3_000,
    pgUrl: o.pgUrl,
    databases: {
      app: checkDbName(`${prefix}app`),
      reference: checkDbName(`${prefix}dev`),
      temporal: checkDbName(`${prefix}temporal`),
      visibility: checkDbName(`${prefix}temporal_visibility`),
    },
    port: int('--port', o.port, 1024, 65_000),
    referencePort: int('--reference-port', o.referencePort, 1024, 65_000),
    namespace: 'default',
    compare: o.compare,
    historyDir: o.historyDir,
    dataDir: path.join(ROOT_DIR, '.data', 'rehearsal'),
    timeoutMs:
      int('--timeout-minutes', o.timeoutMinutes ?? (short ? '20' : '120'), 1, 24 * 60) * 60_000,
  };
}
