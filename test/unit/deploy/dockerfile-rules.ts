/**
 * The image build's rules, as checks over the Dockerfile text and .dockerignore: multi-stage with
 * pinned bases, npm ci without dev dependencies, a non-root user, the required commit stamp, and
 * an allowlist .dockerignore that lets in every file the runtime imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isPinnedImage } from './pinned-images';

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
