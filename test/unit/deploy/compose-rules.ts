/**
 * The properties a cold `docker compose up` depends on, as checks over the parsed compose file:
 * pinned images, healthchecks and ordering, the search-attribute job, secrets from files, workers
 * from the image with their roles split and limits set, bind mounts of ./deploy/ only.
 */
import { isPinnedImage } from './pinned-images';

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
