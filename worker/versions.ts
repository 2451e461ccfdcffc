/**
 * What a run is stamped with (R9), gathered once per worker process: git commit and dirty
 * flag of the checkout, and the model hash of each sport = sha256 over the simulation and
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

export function collectVersions(): Versions {
  const commit = process.env.BEATVEGAS_GIT_COMMIT ?? git(['rev-parse', 'HEAD']) ?? 'unknown';
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  const code = engineCodeHash();
  const hashes = new Map<Sport, string>();
  return {
    gitCommit: commit,
    gitDirty: status === null ? null : status.length > 0,
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
