/**
 * Builds the Temporal server that docker-compose.yml names, and its SQL schema tool, into
 * `.tools/bin` (issue #22: the rehearsal runs the production server version, not the dev server).
 *
 * `go install go.temporal.io/server/cmd/server@vX` and `…/cmd/tools/sql@vX` (that module's go.mod
 * has no `replace` directive, so `go install pkg@version` works), installed as
 * `temporal-server` and `temporal-sql-tool`. Idempotent: binaries whose embedded build info
 * (`go version -m`) names the wanted module version are kept.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR } from '../../worker/env';

export const TOOLS_BIN = path.join(ROOT_DIR, '.tools', 'bin');
export const SERVER_MODULE = 'go.temporal.io/server';

export class TemporalBuildError extends Error {
  override readonly name = 'TemporalBuildError';
}

/** The Temporal server version of docker-compose.yml's `temporal` image (e.g. `1.29.1`). */
export function composeTemporalVersion(
  text = fs.readFileSync(path.join(ROOT_DIR, 'docker-compose.yml'), 'utf8'),
): string {
  const m = /image:\s*['"]?temporalio\/(?:auto-setup|server):v?(\d+\.\d+\.\d+)\b/.exec(text);
  if (!m) {
    throw new TemporalBuildError(
      'docker-compose.yml names no temporalio/auto-setup or temporalio/server image with a version',
    );
  }
  return m[1]!;
}

function findGo(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'go'))) return path.join(dir, 'go');
  }
  if (fs.existsSync('/usr/local/go/bin/go')) return '/usr/local/go/bin/go';
  throw new TemporalBuildError('Go is not installed: it is needed to build the Temporal server');
}

/** The `go.temporal.io/server` version a binary was built from, or null (absent, not Go, other). */
export function builtServerVersion(go: string, binary: string): string | null {
  if (!fs.existsSync(binary)) return null;
  const out = spawnSync(go, ['version', '-m', binary], { encoding: 'utf8' });
  if (out.status !== 0) return null;
  // `path go.temporal.io/server/cmd/server` then `mod go.temporal.io/server v1.29.1 h1:…`
  const m = new RegExp(`^\\s*mod\\s+${SERVER_MODULE.replace(/\./g, '\\.')}\\s+v(\\S+)`, 'm').exec(
    out.stdout,
  );
  return m ? m[1]! : null;
}

export interface TemporalBinaries {
  version: string;
  server: string;
  sqlTool: string;
  /** Wall time of the build in ms, or null when both binaries were already there. */
  buildMs: number | null;
  /** The module source directory (schema files live there). */
  moduleDir: string;
}

/**
 * Ensures `.tools/bin/temporal-server` and `.tools/bin/temporal-sql-tool` of `version`,
 * building both with one `go install` when either is missing or of another version.
 */
export function ensureTemporalServer(
  version = composeTemporalVersion(),
  log: (message: string) => void = () => undefined,
): TemporalBinaries {
  const go = findGo();
  const server = path.join(TOOLS_BIN, 'temporal-server');
  const sqlTool = path.join(TOOLS_BIN, 'temporal-sql-tool');
  let buildMs: number | null = null;
  if (builtServerVersion(go, server) !== version || builtServerVersion(go, sqlTool) !== version) {
    // Staging directory: `go install` names the binaries `server` and `sql`, too generic for
    // a shared bin directory; they are renamed only once both are built.
    const staging = path.join(ROOT_DIR, '.tools', `temporal-server-v${version}.build`);
    fs.mkdirSync(staging, { recursive: true });
    fs.mkdirSync(TOOLS_BIN, { recursive: true });
    const pkgs = [
      `${SERVER_MODULE}/cmd/server@v${version}`,
      `${SERVER_MODULE}/cmd/tools/sql@v${version}`,
    ];
    log(`building Temporal server v${version} and its SQL tool (go install ${pkgs.join(' ')})`);
    const started = performance.now();
    const run = (extra: Record<string, string>) =>
      spawnSync(go, ['install', ...pkgs], {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, GOBIN: staging, ...extra },
      });
    let result = run({});
    if (result.status !== 0) {
      // The checksum database may be unreachable here; the module's go.sum still pins everything.
      log('go install failed; retrying with GOSUMDB=off');
      result = run({ GOSUMDB: 'off' });
    }
    if (result.status !== 0) {
      throw new TemporalBuildError(
        `building Temporal server v${version} failed (go install exit ${result.status ?? 'signal'})`,
      );
    }
    fs.renameSync(path.join(staging, 'server'), server);
    fs.renameSync(path.join(staging, 'sql'), sqlTool);
    fs.rmSync(staging, { recursive: true, force: true });
    buildMs = performance.now() - started;
    log(`built Temporal server v${version} in ${(buildMs / 1000).toFixed(0)} s`);
  }
  for (const bin of [server, sqlTool]) {
    const got = builtServerVersion(go, bin);
    if (got !== version)
      throw new TemporalBuildError(
        `${bin} is built from ${SERVER_MODULE} ${got ?? '?'}, not v${version}`,
      );
  }
  return { version, server, sqlTool, buildMs, moduleDir: moduleSourceDir(go, version) };
}

/** Where the Go module cache holds `go.temporal.io/server@v<version>` (downloaded if missing). */
function moduleSourceDir(go: string, version: string): string {
  const out = spawnSync(go, ['mod', 'download', '-json', `${SERVER_MODULE}@v${version}`], {
    encoding: 'utf8',
  });
  if (out.status !== 0) {
    throw new TemporalBuildError(
      `go mod download ${SERVER_MODULE}@v${version} failed: ${out.stderr.trim()}`,
    );
  }
  const dir = (JSON.parse(out.stdout) as { Dir?: string }).Dir;
  if (!dir || !fs.existsSync(path.join(dir, 'schema')))
    throw new TemporalBuildError(`no schema directory in the ${SERVER_MODULE} module source`);
  return dir;
}
