/**
 * R9 hashes. SHA-256 over canonical JSON with a domain tag, so a config and a model with the
 * same JSON never share a hash. node:crypto is pure here (no I/O, deterministic).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Hash of the effective config (all thresholds *and* feature flags, R15). Any value change
 * changes it; key order does not.
 */
export function configHash(effectiveConfig: unknown): string {
  return sha256Hex(canonicalJson({ kind: 'beatvegas/config', v: 1, config: effectiveConfig }));
}

/** What identifies a model: engine code version (e.g. a digest of the engine sources) and parameters. */
export interface ModelHashParts {
  readonly engineVersion: string;
  readonly params: unknown;
}

/** Hash of simulation code version + parameters. */
export function modelHash(parts: ModelHashParts): string {
  return sha256Hex(
    canonicalJson({
      kind: 'beatvegas/model',
      v: 1,
      engineVersion: parts.engineVersion,
      params: parts.params,
    }),
  );
}
