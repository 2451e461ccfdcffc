/** The run's configuration: resolved once, validated whole, hashed whole. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/config';
import {
  calibrationChain,
  defaultRunConfig,
  effectiveConfigHash,
  minIterationsFor,
  parseRunConfig,
  resolveRunConfig,
} from '../../../core/effective-config';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('run configuration', () => {
  it('defaults are valid and production', () => {
    const c = resolveRunConfig('nfl', 'scheduled');
    expect(c).toEqual(parseRunConfig(defaultRunConfig('nfl')));
    expect(calibrationChain(c, 'scheduled', true)).toBe('production');
    expect(calibrationChain(c, 'manual', true)).toBe('production');
    // A manual replay of a past date is research; a backfill always has its own chain.
    expect(calibrationChain(c, 'manual', false)).toMatch(/^research:[0-9a-f]{16}$/);
    expect(calibrationChain(resolveRunConfig('nfl', 'backfill'), 'backfill', false)).toMatch(
      /^backfill:[0-9a-f]{16}$/,
    );
  });

  it('every setting that changes results is in the hash, flags included', () => {
    const base = resolveRunConfig('nba', 'manual');
    const off = resolveRunConfig('nba', 'manual', { flags: { ENABLE_PICK_STATE_MACHINE: false } });
    const window = resolveRunConfig('nba', 'manual', { overrides: { varianceWindow: 200 } });
    const asOf = resolveRunConfig('nba', 'manual', {
      overrides: { asOf: { replayLeadMinutes: 30 } },
    });
    const hashes = new Set([base, off, window, asOf].map(effectiveConfigHash));
    expect(hashes.size).toBe(4);
    expect(off.safety.flags.ENABLE_PICK_STATE_MACHINE).toBe(false);
    expect(calibrationChain(off, 'manual', true)).toMatch(/^research:/);
  });

  it('names every bad field at once, unknown settings included', () => {
    const found = problems(() =>
      resolveRunConfig('nfl', 'manual', {
        overrides: {
          varianceWindow: -1,
          calibrationWindowDays: 'x',
          bogus: 1,
          ratings: { halfLifeDays: 0 },
          safety: { slateGuard: { maxSideShare: 2 } },
        },
      }),
    );
    expect(found.join('\n')).toMatch(/varianceWindow/);
    expect(found.join('\n')).toMatch(/calibrationWindowDays/);
    expect(found.join('\n')).toMatch(/bogus: unknown setting/);
    expect(found.join('\n')).toMatch(/ratings\.halfLifeDays/);
    expect(found.join('\n')).toMatch(/safety\.slateGuard\.maxSideShare/);
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses iterations too few for the Monte Carlo error gate (would be NO_PLAY everywhere)', () => {
    expect(minIterationsFor(0.01)).toBe(2500);
    const found = problems(() => resolveRunConfig('nfl', 'manual', { iterations: 2000 }));
    expect(found).toEqual([expect.stringMatching(/^iterations: 2000 is too few .* needs ≥ 2500/)]);
    expect(resolveRunConfig('nfl', 'manual', { iterations: 2500 }).iterations).toBe(2500);
  });

  it('refuses unknown flags and a file for another sport', () => {
    expect(
      problems(() =>
        resolveRunConfig('nfl', 'manual', { flags: { ENABLE_NOTHING: false } as never }),
      ),
    ).toEqual(['flag ENABLE_NOTHING: unknown flag']);
    expect(
      problems(() => resolveRunConfig('nfl', 'manual', { overrides: { sport: 'nba' } }))[0],
    ).toMatch(/sport/);
  });
});
