/**
 * docker-compose.yml, the Dockerfile and .dockerignore read as an operator's cold boot needs
 * them (no Docker engine here): pinned images, healthchecks and ordering, the search-attribute
 * job, secrets from files with the odds key required, workers from the image with their roles
 * split and limits set. Each rule is also shown to fire on a broken copy.
 */
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access --
   the tests break a parsed (untyped) compose file in place, one property at a time */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FLAG_NAMES } from '../../../core/config';
import { ROOT_DIR } from '../../../worker/env';
import { SEARCH_ATTRIBUTES } from '../../../workflows/shared';
import {
  composeProblems,
  dockerfileProblems,
  dockerignoreProblems,
  importClosure,
  isPinnedImage,
  type ComposeContext,
} from './deployment-rules';

const read = (relative: string) => fs.readFileSync(path.join(ROOT_DIR, relative), 'utf8');
const context: ComposeContext = {
  searchAttributes: SEARCH_ATTRIBUTES,
  flagNames: FLAG_NAMES,
  readRepoFile: (relative) => {
    const file = path.join(ROOT_DIR, relative);
    return fs.existsSync(file) && fs.statSync(file).isFile() ? read(relative) : null;
  },
};
/** A fresh parse each time (merge keys as compose reads them), safe to break. */
const compose = (): Record<string, any> =>
  parse(read('docker-compose.yml'), { merge: true }) as Record<string, any>;
const problemsOf = (edit: (c: Record<string, any>) => void, ctx = context) => {
  const c = compose();
  edit(c);
  return composeProblems(c, ctx);
};

describe('docker-compose.yml', () => {
  it('has every property a cold boot needs', () => {
    expect(composeProblems(compose(), context)).toEqual([]);
  });

  it('pins every image by exact version', () => {
    const tags = ['postgres:15', 'node:20', 'temporalio/ui:latest', 'temporalio/ui', 'x:2.4'];
    expect(tags.filter(isPinnedImage)).toEqual([]);
    expect(['postgres:15.18-bookworm', 'temporalio/ui:2.42.1'].every(isPinnedImage)).toBe(true);
    expect(problemsOf((c) => (c.services.postgres.image = 'postgres:15'))).toEqual([
      'postgres: image "postgres:15" is not pinned to an exact version',
    ]);
    expect(
      problemsOf((c) => (c.services['temporal-ui'].image = 'temporalio/ui:latest')),
    ).toHaveLength(1);
    expect(problemsOf((c) => delete c.services.worker.build.args.BEATVEGAS_GIT_COMMIT)).toEqual([
      'worker: builds beatvegas without the required BEATVEGAS_GIT_COMMIT build argument',
    ]);
  });

  it('orders the boot on health and completion, never on a bare start', () => {
    expect(problemsOf((c) => delete c.services.temporal.healthcheck)).toEqual(
      expect.arrayContaining([
        'worker: waits for temporal to be healthy, but temporal has no healthcheck',
        'temporal: no healthcheck',
      ]),
    );
    expect(
      problemsOf((c) => (c.services.worker.depends_on.temporal = { condition: 'service_started' })),
    ).toEqual(
      expect.arrayContaining([
        'worker: depends on temporal without service_healthy or service_completed_successfully',
        'worker: does not wait for temporal to be healthy',
      ]),
    );
    expect(problemsOf((c) => delete c.services.worker.depends_on.migrate)).toEqual([
      'worker: does not wait for migrate',
    ]);
    expect(problemsOf((c) => (c.services.migrate.restart = 'unless-stopped'))).toContain(
      "worker: waits for migrate to complete, but migrate is not a one-shot (restart: 'no')",
    );
  });

  it("registers exactly the workflows' search attributes before any worker starts", () => {
    expect(
      problemsOf((c) => delete c.services['sim-worker'].depends_on['temporal-search-attributes']),
    ).toEqual(['sim-worker: does not wait for the search attributes (temporal-search-attributes)']);
    const fewer = { ...context, searchAttributes: { ...SEARCH_ATTRIBUTES, Extra: 'Keyword' } };
    expect(composeProblems(compose(), fewer).join('\n')).toMatch(
      /register-search-attributes.sh registers/,
    );
    expect(
      problemsOf(
        (c) =>
          (c.services['temporal-search-attributes'].image =
            'temporalio/admin-tools:1.28.0-tctl-1.18.4-cli-1.5.0'),
      ),
    ).toHaveLength(1);
  });

  it('takes passwords and the odds key from secret files, the key required', () => {
    expect(
      problemsOf((c) => (c.services.worker.environment.ODDS_API_KEY = '${ODDS_API_KEY:-}')),
    ).toEqual([
      'worker: ODDS_API_KEY is a secret given as a value, not a secret file',
      'worker: ODDS_API_KEY interpolates a secret from the host environment',
    ]);
    expect(problemsOf((c) => delete c.services.worker.environment.ODDS_API_KEY_FILE)).toEqual([
      'worker: the odds key is not required from a secret file (ODDS_API_KEY_FILE)',
    ]);
    expect(
      problemsOf(
        (c) =>
          (c.services.migrate.environment.DATABASE_URL =
            'postgres://beatvegas_owner:hunter2@postgres:5432/beatvegas'),
      ),
    ).toEqual(['migrate: DATABASE_URL carries a password']);
    expect(problemsOf((c) => (c.services.temporal.secrets = []))).toEqual([
      'temporal: reads /run/secrets/temporal_db_password without listing secret temporal_db_password',
    ]);
    expect(problemsOf((c) => (c.secrets.odds_api_key.file = './odds.txt'))).toEqual([
      'secret odds_api_key: not a file under ./secrets/',
    ]);
  });

  it('runs workers from the image with split roles, thread counts and limits', () => {
    expect(problemsOf((c) => (c.services.worker.volumes = ['.:/app:ro']))).toEqual(
      expect.arrayContaining([
        'worker: mounts . (workers run the image, not the host checkout)',
        'worker: bind-mounts . (only ./deploy/ configuration files may be)',
      ]),
    );
    expect(
      problemsOf((c) => (c.services['sim-worker'].command = ['worker', '--only', 'sim'])),
    ).toEqual([
      'sim-worker: no explicit --sim-threads',
      'sim-worker: NaN simulation threads over a 2 CPU limit',
    ]);
    expect(
      problemsOf(
        (c) =>
          (c.services['sim-worker'].command = ['worker', '--only', 'sim', '--sim-threads', '8']),
      ),
    ).toEqual(['sim-worker: 8 simulation threads over a 2 CPU limit']);
    expect(problemsOf((c) => delete c.services['sim-worker'].deploy)).toContain(
      'sim-worker: no cpus and memory limits',
    );
    expect(problemsOf((c) => (c.services.worker.command = ['worker']))).toEqual(
      expect.arrayContaining(['worker: runs both roles (--only orchestration | sim)']),
    );
    expect(
      problemsOf((c) => (c.services.worker.environment.ENABLE_MARKET_INTEGRITY = 'true')),
    ).toHaveLength(1);
  });

  it('mounts the Temporal dynamic config where DYNAMIC_CONFIG_FILE_PATH points', () => {
    expect(
      problemsOf(
        (c) =>
          (c.services.temporal.environment.DYNAMIC_CONFIG_FILE_PATH =
            'config/dynamicconfig/other.yaml'),
      ),
    ).toHaveLength(1);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('is multi-stage, pinned, production-only, non-root, stamped with the commit', () => {
    expect(dockerfileProblems(dockerfile)).toEqual([]);
  });

  it('each rule fires on a broken copy', () => {
    const broken = (from: string | RegExp, to: string) =>
      dockerfileProblems(dockerfile.replace(from, to));
    expect(broken(/FROM node:[^ ]+ AS runtime/, 'FROM node:20-bookworm-slim AS runtime')).toEqual([
      'FROM node:20-bookworm-slim is not pinned to an exact version',
    ]);
    expect(broken('--omit=dev', '')).toEqual([
      'the runtime stage does not install with npm ci --omit=dev',
    ]);
    expect(broken(/^USER node$/m, 'USER root')).toEqual(['the runtime stage runs as root']);
    expect(broken(/^COPY --from=typecheck.*$/m, '')).toEqual([
      'stage typecheck is never used by the runtime stage',
    ]);
    expect(broken(/^ENV BEATVEGAS_GIT_COMMIT=.*$/m, 'ENV X=1')).toContain(
      'BEATVEGAS_GIT_COMMIT is not passed on to the environment',
    );
  });
});

describe('.dockerignore', () => {
  // What `node bin/beatvegas.cjs` loads: the imports from the CLI, plus the files loaded by
  // path (the workflow bundle's entry, the simulation pool's thread, the demo's sample).
  const runtime = [
    'bin/beatvegas.cjs',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'samples/nfl-2023-weeks09-14.csv',
    ...importClosure(ROOT_DIR, 'cli/main.ts'),
    ...importClosure(ROOT_DIR, 'workflows/index.ts'),
    ...importClosure(ROOT_DIR, 'worker/sim-pool-thread.ts'),
  ];

  it('lets in everything the CLI imports and nothing of the host', () => {
    expect(runtime).toEqual(
      expect.arrayContaining(['worker/sim-pool.ts', 'db/migrations/0001-initial-schema.ts']),
    );
    expect(dockerignoreProblems(read('.dockerignore'), runtime)).toEqual([]);
    expect(dockerignoreProblems('*\n!cli/\n!.git\n', ['cli/main.ts', 'core/sports.ts'])).toEqual([
      '.dockerignore lets .git into the image',
      '.dockerignore leaves out core/sports.ts, which the runtime needs',
    ]);
    expect(dockerignoreProblems('node_modules\n', [])).toEqual([
      '.dockerignore is not an allowlist (first pattern `*`)',
    ]);
  });
});
