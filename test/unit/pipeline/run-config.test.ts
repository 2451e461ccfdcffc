/**
 * The configuration a run starts with (core/pipeline/run-config.ts): the trigger's own whole
 * configuration for the run's sport, or the run kind's defaults with iterations and seed; and
 * the calibration job's (a chain's own, or production's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/config';
import {
  defaultRunConfig,
  resolveRunConfig,
  type RunKindForConfig,
} from '../../../core/effective-config';
import {
  calibrationRunConfig,
  configKindOf,
  startingRunConfig,
} from '../../../core/pipeline/run-config';
import { SPORTS } from '../../../core/sports';

describe('configKindOf', () => {
  it('backfill and manual keep their defaults; every other kind is scheduled', () => {
    expect(configKindOf('backfill')).toBe('backfill');
    expect(configKindOf('manual')).toBe('manual');
    expect(configKindOf('scheduled')).toBe('scheduled');
    fc.assert(
      fc.property(fc.string(), (kind) => {
        fc.pre(kind !== 'backfill' && kind !== 'manual');
        expect(configKindOf(kind)).toBe('scheduled');
      }),
    );
  });
});

describe('startingRunConfig', () => {
  it("without a config: the run kind's defaults, with the trigger's iterations and seed", () => {
    for (const kind of ['scheduled', 'manual', 'backfill'] as RunKindForConfig[]) {
      expect(startingRunConfig('nfl', { runKind: kind })).toEqual(resolveRunConfig('nfl', kind));
    }
    const c = startingRunConfig('nba', { runKind: 'manual', iterations: 20_000, seed: 's1' });
    expect(c).toEqual(resolveRunConfig('nba', 'manual', { iterations: 20_000, seed: 's1' }));
    expect(c.iterations).toBe(20_000);
    expect(c.seed).toBe('s1');
  });

  it("a trigger's config is taken whole (its iterations win over the trigger's)", () => {
    const config = { ...defaultRunConfig('mlb', 'backfill'), iterations: 12_345 };
    expect(
      startingRunConfig('mlb', {
        runKind: 'scheduled',
        config: JSON.parse(JSON.stringify(config)),
        iterations: 99_999,
      }),
    ).toEqual(config);
  });

  it('a config for another sport, or a bad one, is a ConfigError naming why', () => {
    for (const sport of SPORTS) {
      const other = SPORTS.find((s) => s !== sport)!;
      const q = { runKind: 'manual', config: defaultRunConfig(other) };
      expect(() => startingRunConfig(sport, q)).toThrow(ConfigError);
      expect(() => startingRunConfig(sport, q)).toThrow(
        `sport: the config is for ${other}, the run is ${sport}`,
      );
    }
    expect(() => startingRunConfig('nfl', { runKind: 'manual', config: { sport: 'nfl' } })).toThrow(
      ConfigError,
    );
  });
});

describe('calibrationRunConfig', () => {
  it("a chain's own configuration, else production's", () => {
    expect(calibrationRunConfig('nhl', undefined)).toEqual(defaultRunConfig('nhl'));
    const own = { ...defaultRunConfig('nhl', 'backfill'), calibrationWindowDays: 30 };
    expect(calibrationRunConfig('nhl', own)).toEqual(own);
    expect(() => calibrationRunConfig('nhl', { sport: 'nhl' })).toThrow(ConfigError);
  });
});
