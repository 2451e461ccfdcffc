/**
 * R9 version stamp carried by every run and every pick. Pure: the git commit, dirty flag and
 * runtime versions are gathered by the caller (worker/CLI) and passed in.
 */
import type { DampeningTrigger } from '../safety/types';

export interface VersionStamp {
  /** {@link modelHash}: 64 hex. */
  readonly modelHash: string;
  /** {@link configHash}: 64 hex. */
  readonly configHash: string;
  /** 40-hex commit, or 'unknown' when not built from a git checkout. */
  readonly gitCommit: string;
  /** Uncommitted changes at build/run time; null when unknown. */
  readonly gitDirty: boolean | null;
  /** Run seed (string form used by seed derivation, R4). */
  readonly seed: string;
  /** Monte Carlo iterations per game. */
  readonly iterations: number;
  /** @temporalio SDK version. */
  readonly sdkVersion: string;
  /** process.version, e.g. v20.19.0. */
  readonly nodeVersion: string;
  /** Dampening triggers that fired (sorted, unique). */
  readonly triggers: readonly DampeningTrigger[];
}

export class VersionStampError extends Error {
  override readonly name = 'VersionStampError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid version stamp: ${problems.join('; ')}`);
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const COMMIT = /^([0-9a-f]{40}|unknown)$/;

/**
 * Validates and normalises a stamp (triggers sorted and de-duplicated).
 * @throws VersionStampError listing every bad field.
 */
export function buildVersionStamp(input: VersionStamp): VersionStamp {
  const p: string[] = [];
  if (!HEX64.test(input.modelHash)) p.push('modelHash must be 64 lower-case hex');
  if (!HEX64.test(input.configHash)) p.push('configHash must be 64 lower-case hex');
  if (!COMMIT.test(input.gitCommit)) p.push("gitCommit must be 40 lower-case hex or 'unknown'");
  if (input.seed.length === 0) p.push('seed must be non-empty');
  if (!Number.isInteger(input.iterations) || input.iterations <= 0)
    p.push('iterations must be a positive integer');
  if (input.sdkVersion.length === 0) p.push('sdkVersion must be non-empty');
  if (input.nodeVersion.length === 0) p.push('nodeVersion must be non-empty');
  if (p.length > 0) throw new VersionStampError(p);
  return { ...input, triggers: [...new Set(input.triggers)].sort() };
}
