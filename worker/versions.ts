/**
 * What a run is stamped with (R9), gathered once per worker process: git commit and dirty
 * flag of the checkout (or of the image build, see gitStamp), and the model hash of each sport = sha256 over the simulation and
 * ratings source code plus the sport's ratings parameters.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultRatingsConfig } from '../core/ratings/config';
import type { Sport } from '../core/sports';
import { modelHash, sha256Hex } from '../core/versioning';
import { ROOT_DIR } from './env';

const MODEL_DIRS = ['core/sim', 'core/ratings'];

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: ROOT_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/** sha256 of the engine's source files (sorted by path), so any code change moves the hash. */
export function engineCodeHash(root = ROOT_DIR): string {
  const files = MODEL_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => /\.(ts|js)$/.test(f))
      .map((f) => path.join(dir, f)),
  ).sort();
  return sha256Hex(
    files.map((f) => `${f}\n${fs.readFileSync(path.join(root, f), 'utf8')}`).join('\n'),
  );
}

export interface Versions {
  gitCommit: string;
  gitDirty: boolean | null;
  modelHash(sport: Sport): string;
}

/** BEATVEGAS_GIT_COMMIT or BEATVEGAS_GIT_DIRTY holds something that is not a stamp. */
export class GitStampError extends Error {
  override name = 'GitStampError';
}

/** The commit and dirty flag a run is stamped with. */
export interface GitStamp {
  gitCommit: string;
  gitDirty: boolean | null;
}

/**
 * The git stamp of this process. An image has no `.git` (and no git), so its build passes the
 * commit in: `BEATVEGAS_GIT_COMMIT` (7–40 hex digits), with the optional
 * `BEATVEGAS_GIT_DIRTY` (`true`/`false`; unset means unknown, null). When the variable is
 * set, git is not asked at all: the checkout around a process need not be the code it runs.
 * Otherwise the checkout's `git rev-parse HEAD` and `git status`, or `unknown`/null without
 * git. Throws GitStampError on a malformed variable, so a bad build fails at start.
 */
export function gitStamp(
  env: NodeJS.ProcessEnv = process.env,
  runGit: (args: string[]) => string | null = git,
): GitStamp {
  const commit = env.BEATVEGAS_GIT_COMMIT;
  if (commit !== undefined && commit !== '') {
    if (!/^[0-9a-f]{7,40}$/i.test(commit)) {
      throw new GitStampError(
        `BEATVEGAS_GIT_COMMIT=${JSON.stringify(commit)} is not a commit hash (7 to 40 hex digits)`,
      );
    }
    const dirty = env.BEATVEGAS_GIT_DIRTY;
    if (dirty !== undefined && dirty !== '' && dirty !== 'true' && dirty !== 'false') {
      throw new GitStampError(
        `BEATVEGAS_GIT_DIRTY=${JSON.stringify(dirty)}: expected true, false or unset`,
      );
    }
    return {
      gitCommit: commit.toLowerCase(),
      gitDirty: dirty === 'true' ? true : dirty === 'false' ? false : null,
    };
  }
  const status = runGit(['status', '--porcelain', '--untracked-files=no']);
  return {
    gitCommit: runGit(['rev-parse', 'HEAD']) ?? 'unknown',
    gitDirty: status === null ? null : status.length > 0,
  };
}

export function collectVersions(): Versions {
  const stamp = gitStamp();
  const code = engineCodeHash();
  const hashes = new Map<Sport, string>();
  return {
    ...stamp,
    modelHash(sport) {
      let h = hashes.get(sport);
      if (!h) {
        h = modelHash({
          engineVersion: code,
          params: { sport, ratings: defaultRatingsConfig(sport) },
        });
        hashes.set(sport, h);
      }
      return h;
    },
  };
}
