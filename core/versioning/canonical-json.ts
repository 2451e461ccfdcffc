/**
 * Canonical JSON (R9): one byte-exact text per value, so equal configs hash equally whatever
 * their key order. Rules:
 * - object keys sorted by UTF-16 code unit order (Array.prototype.sort default), recursively;
 * - properties whose value is `undefined` are omitted (as JSON.stringify does);
 * - numbers: finite only, written by JSON.stringify (shortest round-trip form, stable across
 *   Node versions per ECMAScript), with −0 written as 0;
 * - strings escaped by JSON.stringify;
 * - arrays keep their order; `undefined` inside an array is rejected (JSON would write null and
 *   silently change the meaning);
 * - only plain objects and arrays: Date, Map, Set, class instances, functions, symbols, bigint,
 *   NaN/±Infinity and cycles are rejected with {@link CanonicalJsonError}.
 */

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`cannot canonicalise ${path}: ${problem}`);
  }
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, stack: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `non-finite number ${value}`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (stack.has(value)) throw new CanonicalJsonError(path, 'cycle');
      stack.add(value);
      try {
        if (Array.isArray(value)) {
          const parts = value.map((v: unknown, i) => {
            if (v === undefined)
              throw new CanonicalJsonError(`${path}[${i}]`, 'undefined array element');
            return write(v, `${path}[${i}]`, stack);
          });
          return `[${parts.join(',')}]`;
        }
        if (!isPlainObject(value))
          throw new CanonicalJsonError(
            path,
            `not a plain object (${value.constructor?.name ?? 'unknown'})`,
          );
        const rec = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const k of Object.keys(rec).sort()) {
          const v = rec[k];
          if (v === undefined) continue;
          parts.push(`${JSON.stringify(k)}:${write(v, `${path}.${k}`, stack)}`);
        }
        return `{${parts.join(',')}}`;
      } finally {
        stack.delete(value);
      }
    }
    default:
      throw new CanonicalJsonError(path, `unsupported type ${typeof value}`);
  }
}

/** Canonical JSON text of a JSON-like value (see module doc). */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}
