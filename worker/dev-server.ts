/**
 * Ensures a Temporal dev server is running locally with our search attributes (SPEC §1, R14).
 *
 * Finds `temporal` on PATH or in `.tools/bin`; otherwise builds it from source with
 * `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` (later tags carry a `replace`
 * directive that breaks `go install`). Starts `temporal server start-dev` detached, with its
 * SQLite file under `.data/`, and waits for the frontend. Idempotent: a running server is reused
 * and only missing search attributes are added.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { SEARCH_ATTRIBUTES } from '../workflows/shared';
import { ROOT_DIR, temporalAddress, temporalNamespace } from './env';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const TOOLS_BIN = path.join(ROOT_DIR, '.tools', 'bin');
const DATA_DIR = path.join(ROOT_DIR, '.data');

const DYNAMIC_CONFIG_FILE = path.join(ROOT_DIR, 'deploy', 'temporal-dynamic-config.yaml');

type Log = (message: string) => void;

/** The dynamic config file does not have the form the dev server can take. */
export class DynamicConfigError extends Error {
  override name = 'DynamicConfigError';
}

/**
 * The server tuning in `deploy/temporal-dynamic-config.yaml` (shared with docker-compose) as
 * `KEY=VALUE` pairs for `temporal server start-dev --dynamic-config-value`, VALUE being JSON.
 * The flag takes one unconstrained value per key, so every key must hold exactly one
 * `- value: <scalar>` item; anything else (constraints, several items, an unquoted word that
 * YAML would read as a string where a number or boolean was meant) is an error, not skipped.
 */
export function devServerDynamicConfig(
  text = fs.readFileSync(DYNAMIC_CONFIG_FILE, 'utf8'),
): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const at = (offset: number | undefined) =>
    `${DYNAMIC_CONFIG_FILE}:${offset === undefined ? '?' : lines.linePos(offset).line}`;
  const [syntax] = doc.errors;
  if (syntax) throw new DynamicConfigError(`${at(syntax.pos[0])}: ${syntax.message}`);
  if (doc.contents === null) return [];
  if (!isMap(doc.contents)) throw new DynamicConfigError(`${at(0)}: expected a mapping of keys`);
  const pairs: string[] = [];
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    const where = at(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
    if (key === null || !/^[A-Za-z][\w.]*$/.test(key))
      throw new DynamicConfigError(`${where}: expected a dotted config key`);
    const list = pair.value;
    if (list === null || (isScalar(list) && list.value === null))
      throw new DynamicConfigError(`${where}: ${key} has no value`);
    const item = isSeq(list) && list.items.length === 1 ? list.items[0] : null;
    const value = isMap(item) && item.items.length === 1 ? item.get('value', true) : undefined;
    if (value === undefined)
      throw new DynamicConfigError(
        `${where}: ${key}: expected exactly one \`- value: …\` item (no constraints)`,
      );
    if (isScalar(value) && value.type === 'PLAIN' && typeof value.value === 'string')
      throw new DynamicConfigError(
        `${at(value.range?.[0])}: ${key}: ${String(value.value)} is an unquoted string; quote it if a string is meant`,
      );
    pairs.push(`${key}=${JSON.stringify(isNode(value) ? value.toJSON() : value)}`);
  }
  return pairs;
}

function onPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Path of a usable `temporal` binary, building it with Go if there is none. */
export function ensureTemporalCli(log: Log = () => undefined): string {
  const local = path.join(TOOLS_BIN, 'temporal');
  if (fs.existsSync(local)) return local;
  const found = onPath('temporal');
  if (found) return found;
  const go =
    onPath('go') ?? (fs.existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go)
    throw new Error('temporal CLI not found and Go is not installed to build it (see README)');
  log(
    `building the Temporal CLI from source (${TEMPORAL_CLI_MODULE}); this takes a few minutes the first time`,
  );
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  const build = (extraEnv: Record<string, string>) =>
    spawnSync(go, ['install', TEMPORAL_CLI_MODULE], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: TOOLS_BIN, ...extraEnv },
    });
  let result = build({});
  if (result.status !== 0) {
    // The checksum database may be unreachable here; the CLI's go.sum still pins every dependency.
    log('go install failed; retrying with GOSUMDB=off');
    result = build({ GOSUMDB: 'off' });
  }
  if (result.status !== 0 || !fs.existsSync(local)) {
    throw new Error(`building the Temporal CLI failed (exit ${result.status ?? 'signal'})`);
  }
  return local;
}

function splitAddress(address: string): { host: string; port: number } {
  const idx = address.lastIndexOf(':');
  return { host: address.slice(0, idx), port: Number(address.slice(idx + 1)) };
}

/** True if something accepts TCP connections on host:port. */
export function portOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitForFrontend(address: string, timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal frontend at ${address} did not come up: ${String(lastError)}`);
}

const SA_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  KeywordList: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** Adds any of our search attributes that the namespace lacks. */
export async function registerSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const have = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !have.has(name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, SA_TYPES[type]!])),
  });
  return missing.map(([name]) => name);
}

export interface DevServerInfo {
  address: string;
  started: boolean;
  pid: number | null;
  uiUrl: string;
}

/**
 * Starts the dev server unless one already answers at TEMPORAL_ADDRESS; registers search
 * attributes either way. The server is detached and outlives this process (stop it with
 * `kill $(cat .data/temporal.pid)`).
 */
export async function ensureDevServer(log: Log = () => undefined): Promise<DevServerInfo> {
  const address = temporalAddress();
  const namespace = temporalNamespace();
  const { host, port } = splitAddress(address);
  let started = false;
  let pid: number | null = null;
  if (!(await portOpen(host, port))) {
    const cli = ensureTemporalCli(log);
    fs.mkdirSync(DATA_DIR, { recursive: true });
    const logFile = fs.openSync(path.join(DATA_DIR, 'temporal.log'), 'a');
    const args = [
      'server',
      'start-dev',
      '--ip',
      host,
      '--port',
      String(port),
      '--ui-port',
      String(port + 1000),
      '--db-filename',
      path.join(DATA_DIR, 'temporal.sqlite'),
      '--namespace',
      namespace,
      '--log-level',
      'warn',
      ...Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
        '--search-attribute',
        `${name}=${type}`,
      ]),
      ...devServerDynamicConfig().flatMap((kv) => ['--dynamic-config-value', kv]),
    ];
    log(`starting ${cli} ${args.join(' ')}`);
    const child = spawn(cli, args, { detached: true, stdio: ['ignore', logFile, logFile] });
    child.unref();
    pid = child.pid ?? null;
    if (pid) fs.writeFileSync(path.join(DATA_DIR, 'temporal.pid'), String(pid));
    started = true;
  }
  const connection = await waitForFrontend(address, 60_000);
  try {
    const added = await registerSearchAttributes(connection, namespace);
    if (added.length > 0) log(`registered search attributes: ${added.join(', ')}`);
  } finally {
    await connection.close();
  }
  return {
    address,
    started,
    pid,
    uiUrl: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port + 1000}`,
  };
}
