import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/config';
import {
  defaultRunConfig,
  effectiveConfigHash,
  parseRunConfig,
  resolveRunConfig,
} from '../../../core/effective-config';
import { checkDefaultConfigs } from '../../../worker/preflight';

function problems(value: unknown): string[] {
  try {
    parseRunConfig(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('one configuration schema (issue #21)', () => {
  it('one parse names every bad field, the safety stack’s included, with full paths', () => {
    const base = defaultRunConfig('nfl', 'manual');
    const found = problems({
      ...base,
      varianceWindow: 0,
      safety: {
        ...base.safety,
        slateGuard: { ...base.safety.slateGuard, maxSideShare: 2 },
        stateMachine: { ...base.safety.stateMachine, pickEdgePP: 3 },
        sports: { ...base.safety.sports, nfl: { ...base.safety.sports.nfl, clamp: undefined } },
      },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^varianceWindow: /),
        expect.stringMatching(/^safety\.slateGuard\.maxSideShare: /),
        'safety.stateMachine.pickEdgePP: unknown setting',
        'safety.sports.nfl.clamp: missing',
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('relations between safety fields are part of the schema', () => {
    const base = defaultRunConfig('nba', 'manual');
    expect(
      problems({
        ...base,
        safety: { ...base.safety, highVariance: { ...base.safety.highVariance, zFull: 1 } },
      }),
    ).toEqual(['safety.highVariance.zFull: must be > highVariance.zStart']);
  });

  it('the config hash is the hash of the parsed object: the backtest hashes reproduce', () => {
    // docs/backtest.md: one config hash per sport, closing lines, 5,000 iterations.
    const hashes = Object.fromEntries(
      (['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl'] as const).map((s) => [
        s,
        effectiveConfigHash(resolveRunConfig(s, 'backfill', { iterations: 5000 })).slice(0, 16),
      ]),
    );
    expect(hashes).toEqual({
      nfl: 'c781482e66966369',
      ncaaf: 'a85e25b233c42bb8',
      nba: 'c43883ae883f111b',
      ncaab: 'b61e4d7e1af6be40',
      mlb: '0193c557c172c6c9',
      nhl: '66d51af10e8f3c80',
    });
    // The opening-line runs (`backfill --lines open`): the same defaults with `lines: open`.
    const open = Object.fromEntries(
      (['ncaab', 'mlb', 'nhl'] as const).map((s) => [
        s,
        effectiveConfigHash(
          parseRunConfig({
            ...resolveRunConfig(s, 'backfill', { iterations: 5000 }),
            lines: 'open',
          }),
        ).slice(0, 16),
      ]),
    );
    expect(open).toEqual({
      ncaab: '534ca211c33093df',
      mlb: '5bd0d61ac10bab77',
      nhl: '8f52e484ebeed157',
    });
  });

  it('the worker checks every sport’s defaults at start', () => {
    expect(() => checkDefaultConfigs()).not.toThrow();
  });
});
