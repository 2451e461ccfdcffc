import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY_CONFIG as CFG } from '../../../core/safety/config';
import { CanonicalJsonError, canonicalJson } from '../../../core/versioning/canonical-json';
import { configHash, modelHash, sha256Hex } from '../../../core/versioning/hash';
import {
  VersionStampError,
  buildVersionStamp,
  type VersionStamp,
} from '../../../core/versioning/version-stamp';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every leaf path of a JSON value, with its value. */
function leaves(
  v: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; value: unknown }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [{ path, value: v }];
}

function setAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x: unknown, i) => (i === head ? setAt(x, rest, value) : x));
  const o = v as Record<string, unknown>;
  return { ...o, [head as string]: setAt(o[head as string], rest, value) };
}

function perturb(value: unknown): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 0.001;
  if (typeof value === 'string') return `${value}x`;
  return 'changed';
}

/** Same value, keys re-inserted in a permuted order at every level. */
function reorder(v: unknown, salt: number): unknown {
  if (Array.isArray(v)) return v.map((x) => reorder(x, salt));
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    const rotated = entries
      .map((_, i) => entries[(i + salt) % entries.length] as [string, unknown])
      .reverse();
    return Object.fromEntries(rotated.map(([k, x]) => [k, reorder(x, salt + 1)]));
  }
  return v;
}

const json: fc.Arbitrary<Json> = fc.letrec<{ j: Json }>((tie) => ({
  j: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.array(tie('j'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('j'), { maxKeys: 4 }),
  ),
})).j;

const stamp = (over: Partial<VersionStamp> = {}): VersionStamp => ({
  modelHash: modelHash({ engineVersion: 'nfl-drive@1', params: { hfa: 1.5 } }),
  configHash: configHash(CFG),
  gitCommit: 'a'.repeat(40),
  gitDirty: false,
  seed: 'run-42',
  iterations: 100_000,
  sdkVersion: '1.13.2',
  nodeVersion: 'v20.19.0',
  triggers: ['SLATE_GUARD', 'BASELINE_CLAMP', 'SLATE_GUARD'],
  ...over,
});

describe('version traceability', () => {
  it('config hash changes when any single config value changes (every leaf, flags included)', () => {
    const base = configHash(CFG);
    const all = leaves(CFG);
    expect(all.length).toBeGreaterThan(60);
    const seen = new Set<string>([base]);
    for (const { path, value } of all) {
      const h = configHash(setAt(CFG, path, perturb(value)));
      expect(h, path.join('.')).not.toBe(base);
      seen.add(h);
    }
    expect(seen.size).toBe(all.length + 1);
  });

  it('config hash is stable under key order', () => {
    for (let salt = 0; salt < 5; salt += 1)
      expect(configHash(reorder(CFG, salt))).toBe(configHash(CFG));
    fc.assert(
      fc.property(json, fc.nat(10), (v, salt) => {
        expect(canonicalJson(reorder(v, salt))).toBe(canonicalJson(v));
      }),
    );
  });

  it('canonical JSON parses back to the same value and sorts keys', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], e: 'x' })).toBe(
      '{"a":[3,{"c":null,"d":true}],"b":1,"e":"x"}',
    );
    expect(canonicalJson({ z: -0, u: undefined })).toBe('{"z":0}');
    fc.assert(
      fc.property(json, (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('canonical JSON rejects what would hash ambiguously', () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      [undefined],
      new Date(0),
      new Map(),
      () => 1,
      1n,
      Symbol('s'),
    ])
      expect(() => canonicalJson({ x: bad })).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(canonicalJson({ a: [1], b: [1] })).toBe('{"a":[1],"b":[1]}'); // shared, not cyclic
  });

  it('model hash covers engine version and parameters, and is domain-separated from config hash', () => {
    const a = modelHash({ engineVersion: 'nfl-drive@1', params: { hfa: 1.5, decay: 0.9 } });
    expect(modelHash({ engineVersion: 'nfl-drive@1', params: { decay: 0.9, hfa: 1.5 } })).toBe(a);
    expect(modelHash({ engineVersion: 'nfl-drive@2', params: { hfa: 1.5, decay: 0.9 } })).not.toBe(
      a,
    );
    expect(modelHash({ engineVersion: 'nfl-drive@1', params: { hfa: 1.6, decay: 0.9 } })).not.toBe(
      a,
    );
    expect(configHash({ x: 1 })).not.toBe(modelHash({ engineVersion: '', params: { x: 1 } }));
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('a version stamp validates every field and normalises triggers', () => {
    expect(buildVersionStamp(stamp()).triggers).toEqual(['BASELINE_CLAMP', 'SLATE_GUARD']);
    expect(buildVersionStamp(stamp({ gitCommit: 'unknown', gitDirty: null })).gitCommit).toBe(
      'unknown',
    );
    try {
      buildVersionStamp(stamp({ modelHash: 'x', gitCommit: 'HEAD', iterations: 0, seed: '' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VersionStampError);
      expect((e as VersionStampError).problems).toHaveLength(4);
    }
  });
});
