/**
 * The production Temporal server on this machine: its two PostgreSQL databases with the
 * module's versioned schema, a server config equivalent to what docker-compose's
 * `temporalio/auto-setup` renders from its `config_template.yaml` (DB=postgres12, default and
 * visibility stores, the dynamic config file deploy/temporal-dynamic-config.yaml), the `default`
 * namespace, and our custom search attributes registered through the operator API exactly as
 * `beatvegas dev-server` does.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ROOT_DIR } from '../../worker/env';
import { registerSearchAttributes } from '../../worker/dev-server';
import { ManagedProcess } from './processes';
import type { TemporalBinaries } from './temporal-build';

export const DYNAMIC_CONFIG_FILE = path.join(ROOT_DIR, 'deploy', 'temporal-dynamic-config.yaml');

export class TemporalServerError extends Error {
  override readonly name = 'TemporalServerError';
}

export interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface ServerConfigOptions {
  pg: PostgresTarget;
  database: string;
  visibilityDatabase: string;
  /** Frontend gRPC port; the other services take the next eight ports (see {@link servicePorts}). */
  basePort: number;
  dynamicConfigFile?: string;
  /** auto-setup's default is 4 (NUM_HISTORY_SHARDS). */
  historyShards?: number;
}

/** Every port the server binds, from the frontend port upwards (all within base … base+8). */
export function servicePorts(base: number) {
  return {
    frontendGrpc: base,
    frontendHttp: base + 1,
    frontendMembership: base + 2,
    historyGrpc: base + 3,
    historyMembership: base + 4,
    matchingGrpc: base + 5,
    matchingMembership: base + 6,
    workerGrpc: base + 7,
    workerMembership: base + 8,
  };
}

const q = (s: string) => JSON.stringify(s);

/**
 * The server config, with the values auto-setup 1.29 renders for compose's environment
 * (DB=postgres12, POSTGRES_SEEDS, DB_PORT, POSTGRES_USER/PWD, DYNAMIC_CONFIG_FILE_PATH and its
 * defaults: 4 history shards, 20 default-store and 10 visibility connections, no TLS, no ES).
 * Only hosts, ports and database names differ, so it runs beside other servers on one machine.
 */
export function serverConfigYaml(o: ServerConfigOptions): string {
  const p = servicePorts(o.basePort);
  const store = (db: string, maxConns: number) => `      sql:
        pluginName: "postgres12"
        databaseName: ${q(db)}
        connectAddr: ${q(`${o.pg.host}:${o.pg.port}`)}
        connectProtocol: "tcp"
        user: ${q(o.pg.user)}
        password: ${q(o.pg.password)}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const svc = (grpc: number, membership: number, http?: number) => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: "127.0.0.1"${http !== undefined ? `\n      httpPort: ${http}` : ''}`;
  return `# Written by scripts/rehearsal (npm run rehearsal): the production server config, see
# scripts/rehearsal/temporal-server.ts for how it maps to docker-compose.yml.
log:
  stdout: true
  level: "info"
persistence:
  numHistoryShards: ${o.historyShards ?? 4}
  defaultStore: default
  visibilityStore: visibility
  datastores:
    default:
${store(o.database, 20)}
    visibility:
${store(o.visibilityDatabase, 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0
services:
  frontend:
${svc(p.frontendGrpc, p.frontendMembership, p.frontendHttp)}
  matching:
${svc(p.matchingGrpc, p.matchingMembership)}
  history:
${svc(p.historyGrpc, p.historyMembership)}
  worker:
${svc(p.workerGrpc, p.workerMembership)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: ${q(`127.0.0.1:${p.frontendGrpc}`)}
      httpAddress: ${q(`127.0.0.1:${p.frontendHttp}`)}
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: ${q(o.dynamicConfigFile ?? DYNAMIC_CONFIG_FILE)}
  pollInterval: "60s"
`;
}

/** Writes `<dir>/config/rehearsal.yaml`; start the server with `--root <dir> --env rehearsal`. */
export function writeServerConfig(dir: string, options: ServerConfigOptions): string {
  const configDir = path.join(dir, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const file = path.join(configDir, 'rehearsal.yaml');
  fs.writeFileSync(file, serverConfigYaml(options));
  return file;
}

function sqlTool(bins: TemporalBinaries, pg: PostgresTarget, args: string[]): string {
  const base = [
    '--plugin',
    'postgres12',
    '--ep',
    pg.host,
    '--port',
    String(pg.port),
    '--user',
    pg.user,
  ];
  if (pg.password) base.push('--password', pg.password);
  const out = spawnSync(bins.sqlTool, [...base, ...args], { encoding: 'utf8' });
  if (out.status !== 0) {
    throw new TemporalServerError(
      `temporal-sql-tool ${args.join(' ')} failed (exit ${out.status ?? 'signal'}):\n${(out.stderr + out.stdout).trim()}`,
    );
  }
  return out.stdout + out.stderr;
}

/**
 * Drops and creates the server's two databases and installs the module's schema the way
 * auto-setup does: `setup-schema -v 0.0`, then `update-schema` through every versioned step of
 * `schema/postgresql/v12/{temporal,visibility}/versioned`. A fresh server every rehearsal.
 */
export function createServerDatabases(
  bins: TemporalBinaries,
  pg: PostgresTarget,
  databases: { default: string; visibility: string },
): void {
  const schemaRoot = path.join(bins.moduleDir, 'schema', 'postgresql', 'v12');
  for (const [db, schema] of [
    [databases.default, 'temporal'],
    [databases.visibility, 'visibility'],
  ] as const) {
    const dir = path.join(schemaRoot, schema, 'versioned');
    if (!fs.existsSync(dir)) throw new TemporalServerError(`schema directory ${dir} is missing`);
    sqlTool(bins, pg, ['--db', db, 'drop-database', '--force']);
    sqlTool(bins, pg, ['--db', db, 'create-database']);
    sqlTool(bins, pg, ['--db', db, 'setup-schema', '-v', '0.0']);
    sqlTool(bins, pg, ['--db', db, 'update-schema', '-d', dir]);
  }
}

/** The server process (not started): `temporal-server --root <dir> --env rehearsal start`. */
export function serverProcess(bins: TemporalBinaries, dir: string, logDir: string): ManagedProcess {
  return new ManagedProcess(
    {
      name: 'temporal-server',
      role: 'temporal-server',
      command: bins.server,
      args: ['--root', dir, '--config', 'config', '--env', 'rehearsal', '--allow-no-auth', 'start'],
    },
    logDir,
  );
}

/** Connects once the frontend answers, or fails after `timeoutMs` with the server's log tail. */
export async function waitForFrontend(
  address: string,
  timeoutMs: number,
  server?: ManagedProcess,
): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (server?.died)
      throw new TemporalServerError(`the Temporal server exited at start:\n${server.tail()}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new TemporalServerError(
    `the Temporal frontend at ${address} did not answer within ${timeoutMs / 1000} s: ${String(last)}${server ? `\n${server.tail()}` : ''}`,
  );
}

/**
 * Registers `namespace` if the server lacks it (retention 24 h, auto-setup's default), then adds
 * our search attributes. A new namespace reaches the server's namespace cache after a few
 * seconds, so the attribute registration is retried until then.
 */
export async function prepareNamespace(
  connection: Connection,
  namespace: string,
  timeoutMs = 60_000,
): Promise<{ created: boolean; searchAttributesAdded: string[] }> {
  let created = false;
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('24 hours'),
    });
    created = true;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return {
        created,
        searchAttributesAdded: await registerSearchAttributes(connection, namespace),
      };
    } catch (error) {
      if (Date.now() > deadline)
        throw new TemporalServerError(
          `registering search attributes on ${namespace} failed: ${String(error)}`,
        );
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}
