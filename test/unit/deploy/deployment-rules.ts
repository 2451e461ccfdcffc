/**
 * The properties a cold `docker compose up` depends on, as checks over the parsed compose file,
 * the Dockerfile text and .dockerignore (no Docker engine runs here). Each returns the list of
 * problems found, empty when the file is right; compose.test.ts runs them on the real files and
 * on broken copies, so that every rule is seen to fire.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Exact version tag: 1.29.1, 20.20.2-bookworm-slim, 1.29.1-tctl-1.18.4-cli-1.5.0. */
const EXACT_TAG = /^v?\d+\.\d+\.\d+(?:[-.][A-Za-z0-9.-]+)?$/;
/** PostgreSQL numbers releases major.minor since 10: 15.18 and 15.18-bookworm are exact. */
const EXACT_POSTGRES_TAG = /^\d+\.\d+(?:-[a-z0-9]+)?$/;
/** The BeatVegas image: tagged with the (required) commit it is built from. */
const OWN_IMAGE = /^beatvegas:\$\{BEATVEGAS_GIT_COMMIT:\?[^}]*\}$/;
const SECRET_NAME = /PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_KEY/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
/** A scalar as text; anything else (a map, a list, nothing) as ''. */
const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];

/** True if `image` names an exact version (never `latest`, never a bare major or minor). */
export function isPinnedImage(image: string): boolean {
  const at = image.lastIndexOf(':');
  if (at < 0 || image.slice(at).includes('/')) return false;
  const tag = image.slice(at + 1);
  if (/^(?:docker\.io\/)?(?:library\/)?postgres$/.test(image.slice(0, at))) {
    return EXACT_POSTGRES_TAG.test(tag);
  }
  return EXACT_TAG.test(tag);
}

export interface ComposeContext {
  /** workflows/shared.ts SEARCH_ATTRIBUTES: name → type. */
  searchAttributes: Readonly<Record<string, string>>;
  /** Feature flag variables a worker ignores (core/config FLAG_NAMES). */
  flagNames: readonly string[];
  /** Text of a file of the repository (by path relative to its root), null if absent. */
  readRepoFile(relative: string): string | null;
}

function environment(service: Obj): Obj {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map(String).map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]),
    );
  }
  return obj(env);
}

function dependsOn(service: Obj): Record<string, string | null> {
  const deps = service.depends_on;
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [String(d), null]));
  return Object.fromEntries(
    Object.entries(obj(deps)).map(([name, spec]) => [
      name,
      typeof obj(spec).condition === 'string' ? (obj(spec).condition as string) : null,
    ]),
  );
}

const volumeSource = (v: unknown): string =>
  typeof v === 'string' ? (v.split(':')[0] ?? '') : str(obj(v).source);
const volumeTarget = (v: unknown): string =>
  typeof v === 'string' ? (v.split(':')[1] ?? '') : str(obj(v).target);

/** `register-search-attributes.sh`'s `attributes=( Name=Type … )` list. */
export function scriptSearchAttributes(script: string): Record<string, string> {
  const block = /^attributes=\(([^)]*)\)/m.exec(script)?.[1] ?? '';
  return Object.fromEntries(
    block
      .split(/\s+/)
      .filter((w) => w.includes('='))
      .map((w) => w.split('=') as [string, string]),
  );
}

/** Every problem of a parsed docker-compose.yml (parse it with merge keys on). */
export function composeProblems(compose: unknown, ctx: ComposeContext): string[] {
  const problems: string[] = [];
  const services = obj(obj(compose).services);
  const topSecrets = obj(obj(compose).secrets);
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const serviceRefs = (name: string) => JSON.stringify([services[name]]);

  // Images: pinned, or our own image tagged by the required commit and built with it.
  for (const [name, raw] of Object.entries(services)) {
    const s = obj(raw);
    const image = typeof s.image === 'string' ? s.image : '';
    if (OWN_IMAGE.test(image)) {
      const commitArg = str(obj(obj(s.build).args).BEATVEGAS_GIT_COMMIT);
      need(
        /^\$\{BEATVEGAS_GIT_COMMIT:\?/.test(commitArg),
        `${name}: builds beatvegas without the required BEATVEGAS_GIT_COMMIT build argument`,
      );
    } else {
      need(
        isPinnedImage(image),
        `${name}: image ${JSON.stringify(image)} is not pinned to an exact version`,
      );
    }
  }

  // Ordering: conditions on every dependency; healthy needs a healthcheck; completed needs a job.
  for (const [name, raw] of Object.entries(services)) {
    for (const [dep, condition] of Object.entries(dependsOn(obj(raw)))) {
      const target = obj(services[dep]);
      need(services[dep] !== undefined, `${name}: depends on unknown service ${dep}`);
      if (condition === 'service_healthy') {
        const test = strings(obj(target.healthcheck).test);
        need(
          test.length > 0 && test[0] !== 'NONE',
          `${name}: waits for ${dep} to be healthy, but ${dep} has no healthcheck`,
        );
      } else if (condition === 'service_completed_successfully') {
        need(
          target.restart === 'no',
          `${name}: waits for ${dep} to complete, but ${dep} is not a one-shot (restart: 'no')`,
        );
      } else {
        need(
          false,
          `${name}: depends on ${dep} without service_healthy or service_completed_successfully`,
        );
      }
    }
  }
  for (const name of ['postgres', 'temporal']) {
    need(strings(obj(obj(services[name]).healthcheck).test).length > 0, `${name}: no healthcheck`);
  }
  need(
    strings(obj(obj(services.temporal).healthcheck).test)
      .join(' ')
      .includes('operator cluster health'),
    'temporal: the healthcheck does not ask the frontend (temporal operator cluster health)',
  );

  // Temporal: server version shared by admin-tools; dynamic config mounted where it is read.
  const serverVersion = /^temporalio\/(?:auto-setup|server):(\d+\.\d+\.\d+)$/.exec(
    String(obj(services.temporal).image),
  )?.[1];
  need(serverVersion !== undefined, 'temporal: not a temporalio/auto-setup or server image');
  const temporalEnv = environment(obj(services.temporal));
  const dynamicConfig = `/etc/temporal/${str(temporalEnv.DYNAMIC_CONFIG_FILE_PATH)}`;
  need(
    ((obj(services.temporal).volumes as unknown[] | undefined) ?? []).some(
      (v) =>
        volumeSource(v) === './deploy/temporal-dynamic-config.yaml' &&
        volumeTarget(v) === dynamicConfig,
    ),
    `temporal: deploy/temporal-dynamic-config.yaml is not mounted at DYNAMIC_CONFIG_FILE_PATH (${dynamicConfig})`,
  );

  // The one-shot that registers the search attributes, with the same server version's tools.
  const saJobs = Object.keys(services).filter((n) =>
    serviceRefs(n).includes('register-search-attributes.sh'),
  );
  need(
    saJobs.length === 1,
    `expected one service running register-search-attributes.sh, found ${saJobs.length}`,
  );
  const saJob = saJobs[0] ?? '';
  if (saJob) {
    const job = obj(services[saJob]);
    need(job.restart === 'no', `${saJob}: not a one-shot (restart: 'no')`);
    need(
      dependsOn(job).temporal === 'service_healthy',
      `${saJob}: does not wait for temporal to be healthy`,
    );
    need(
      serverVersion !== undefined &&
        String(job.image).startsWith(`temporalio/admin-tools:${serverVersion}-`),
      `${saJob}: admin-tools ${String(job.image)} is not of the server's version ${serverVersion ?? '?'}`,
    );
    const script = ctx.readRepoFile('deploy/register-search-attributes.sh') ?? '';
    const registered = scriptSearchAttributes(script);
    need(
      JSON.stringify(Object.entries(registered).sort()) ===
        JSON.stringify(Object.entries(ctx.searchAttributes).sort()),
      `register-search-attributes.sh registers ${JSON.stringify(registered)}, the workflows set ${JSON.stringify(ctx.searchAttributes)}`,
    );
  }

  // Secrets: values only from files under ./secrets/, referenced only by services that list them.
  for (const [secret, spec] of Object.entries(topSecrets)) {
    need(
      /^\.\/secrets\/[\w.-]+$/.test(str(obj(spec).file)),
      `secret ${secret}: not a file under ./secrets/`,
    );
  }
  need(
    /^secrets\/$/m.test(ctx.readRepoFile('.gitignore') ?? ''),
    '.gitignore does not ignore secrets/',
  );
  for (const [name, raw] of Object.entries(services)) {
    const s = obj(raw);
    const listed = new Set(
      (Array.isArray(s.secrets) ? (s.secrets as unknown[]) : []).map((x) =>
        isObj(x) ? String(x.source) : String(x),
      ),
    );
    for (const ref of serviceRefs(name).matchAll(/\/run\/secrets\/([\w.-]+)/g)) {
      need(
        listed.has(ref[1]!),
        `${name}: reads /run/secrets/${ref[1]!} without listing secret ${ref[1]!}`,
      );
    }
    for (const secret of listed)
      need(secret in topSecrets, `${name}: secret ${secret} is not defined`);
    for (const [key, value] of Object.entries(environment(s))) {
      const v = String(value);
      if (SECRET_NAME.test(key)) {
        need(
          key.endsWith('_FILE') && v.startsWith('/run/secrets/'),
          `${name}: ${key} is a secret given as a value, not a secret file`,
        );
      }
      if (key.endsWith('DATABASE_URL') || v.startsWith('postgres://')) {
        need(!/^postgres(?:ql)?:\/\/[^/@]*:[^/@]*@/.test(v), `${name}: ${key} carries a password`);
      }
      need(
        !/\$\{[^}]*(PASSWORD|API_KEY)/.test(v),
        `${name}: ${key} interpolates a secret from the host environment`,
      );
    }
  }

  // Workers: the built image and nothing of the host; the roles split; limits on each replica.
  const workers = Object.entries(services).filter(
    ([, raw]) =>
      OWN_IMAGE.test(String(obj(raw).image)) && strings(obj(raw).command)[0] === 'worker',
  );
  need(
    workers.length >= 2,
    `expected an orchestration and a simulation worker service, found ${workers.length}`,
  );
  for (const [name, raw] of workers) {
    const s = obj(raw);
    const command = strings(s.command);
    const only = command[command.indexOf('--only') + 1];
    const limits = obj(obj(obj(s.deploy).resources).limits);
    const volumes = (s.volumes as unknown[] | undefined) ?? [];
    need(
      volumes.length === 0,
      `${name}: mounts ${volumes.map(volumeSource).join(', ')} (workers run the image, not the host checkout)`,
    );
    need(s.working_dir === undefined, `${name}: sets working_dir (the image sets it)`);
    need(
      command.includes('--only') && (only === 'orchestration' || only === 'sim'),
      `${name}: runs both roles (--only orchestration | sim)`,
    );
    need(
      limits.cpus !== undefined && limits.memory !== undefined,
      `${name}: no cpus and memory limits`,
    );
    const deps = dependsOn(s);
    need(deps.temporal === 'service_healthy', `${name}: does not wait for temporal to be healthy`);
    need(
      deps[saJob] === 'service_completed_successfully',
      `${name}: does not wait for the search attributes (${saJob || 'no job'})`,
    );
    need(deps.migrate === 'service_completed_successfully', `${name}: does not wait for migrate`);
    const env = environment(s);
    for (const flag of ctx.flagNames)
      need(
        !(flag in env),
        `${name}: sets ${flag}, which a worker ignores (flags travel with each run)`,
      );
    if (only === 'sim') {
      const threads = Number(command[command.indexOf('--sim-threads') + 1]);
      need(
        command.includes('--sim-threads') && Number.isInteger(threads) && threads >= 1,
        `${name}: no explicit --sim-threads`,
      );
      need(
        threads <= Number(limits.cpus),
        `${name}: ${threads} simulation threads over a ${String(limits.cpus)} CPU limit`,
      );
    }
    if (only === 'orchestration') {
      need(
        str(env.ODDS_API_KEY_FILE).startsWith('/run/secrets/'),
        `${name}: the odds key is not required from a secret file (ODDS_API_KEY_FILE)`,
      );
    }
  }
  const roles = new Set(
    workers.map(
      ([, raw]) => strings(obj(raw).command)[strings(obj(raw).command).indexOf('--only') + 1],
    ),
  );
  need(
    roles.has('orchestration') && roles.has('sim'),
    'expected one --only orchestration and one --only sim service',
  );

  // Host files mounted at all: configuration under ./deploy/, present in the repository.
  for (const [name, raw] of Object.entries(services)) {
    for (const v of (obj(raw).volumes as unknown[] | undefined) ?? []) {
      const source = volumeSource(v);
      if (!source.startsWith('.') && !source.startsWith('/')) continue; // a named volume
      need(
        source.startsWith('./deploy/'),
        `${name}: bind-mounts ${source} (only ./deploy/ configuration files may be)`,
      );
      need(
        ctx.readRepoFile(source.slice(2)) !== null,
        `${name}: mounts ${source}, which does not exist`,
      );
    }
  }
  return problems;
}

interface Stage {
  from: string;
  name: string | null;
  lines: string[];
}

function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? null, lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** Every problem of the Dockerfile text. */
export function dockerfileProblems(text: string): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const stages = dockerfileStages(text);
  need(stages.length >= 2, `not multi-stage (${stages.length} FROM)`);
  const names = new Set(stages.map((s) => s.name).filter((n): n is string => n !== null));
  for (const s of stages) {
    need(
      names.has(s.from) || isPinnedImage(s.from),
      `FROM ${s.from} is not pinned to an exact version`,
    );
  }
  const runtime = stages.at(-1);
  if (!runtime) return problems;
  const body = runtime.lines.join('\n');
  need(
    /^RUN\s+npm ci\b[^\n]*--omit=dev/m.test(body),
    'the runtime stage does not install with npm ci --omit=dev',
  );
  need(
    !/\bnpm (install|i)\b/.test(text),
    'uses npm install (npm ci installs exactly the lockfile)',
  );
  const user = [...body.matchAll(/^USER\s+(\S+)/gm)].at(-1)?.[1];
  need(
    user !== undefined && !/^(root|0)(:.*)?$/.test(user),
    `the runtime stage runs as ${user ?? 'root (no USER)'}`,
  );
  need(
    /^ARG\s+BEATVEGAS_GIT_COMMIT\s*$/m.test(body),
    'the runtime stage takes no BEATVEGAS_GIT_COMMIT build argument',
  );
  need(
    /^ENV\s+BEATVEGAS_GIT_COMMIT=\$\{BEATVEGAS_GIT_COMMIT\}/m.test(body),
    'BEATVEGAS_GIT_COMMIT is not passed on to the environment',
  );
  need(
    /^RUN\b[^\n]*BEATVEGAS_GIT_COMMIT[^\n]*exit 1/m.test(body),
    'a build without BEATVEGAS_GIT_COMMIT does not fail',
  );
  need(
    /^ENTRYPOINT\s+\[\s*"node",\s*"bin\/beatvegas\.cjs"\s*\]/m.test(body),
    'the entrypoint is not node bin/beatvegas.cjs',
  );
  for (const s of stages.slice(0, -1)) {
    // BuildKit skips a stage nothing copies from: its checks would silently not run.
    need(
      s.name !== null && body.includes(`--from=${s.name}`),
      `stage ${s.name ?? s.from} is never used by the runtime stage`,
    );
  }
  return problems;
}

/** Repository-relative files reachable by relative imports from `entry` (TypeScript sources). */
export function importClosure(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g,
    )) {
      const base = path.join(path.dirname(file), m[1]!);
      const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
        (c) => fs.existsSync(path.join(root, c)) && fs.statSync(path.join(root, c)).isFile(),
      );
      if (found) queue.push(found);
    }
  }
  return [...seen].sort();
}

/**
 * Every problem of .dockerignore: it must be an allowlist (`*` first, so nothing new slips in:
 * .git, node_modules, secrets/) that lets in each path the runtime needs.
 */
export function dockerignoreProblems(text: string, neededPaths: readonly string[]): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const problems: string[] = [];
  if (lines[0] !== '*') problems.push('.dockerignore is not an allowlist (first pattern `*`)');
  const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
  for (const forbidden of ['.git', 'node_modules', 'secrets', '.data', '.tools']) {
    if (allowed.some((a) => a === forbidden || a.startsWith(`${forbidden}/`)))
      problems.push(`.dockerignore lets ${forbidden} into the image`);
  }
  for (const p of neededPaths) {
    if (!allowed.some((a) => p === a || p.startsWith(`${a}/`)))
      problems.push(`.dockerignore leaves out ${p}, which the runtime needs`);
  }
  return problems;
}
