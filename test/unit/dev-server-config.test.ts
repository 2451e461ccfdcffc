/** The Temporal dynamic config shared by the dev server and docker-compose parses as intended. */
import { describe, expect, it } from 'vitest';
import { DynamicConfigError, devServerDynamicConfig } from '../../worker/dev-server';

describe('devServerDynamicConfig', () => {
  it('reads deploy/temporal-dynamic-config.yaml into --dynamic-config-value pairs', () => {
    const pairs = devServerDynamicConfig();
    expect(pairs).toContain('history.transferProcessorMaxPollRPS=1000');
    expect(pairs).toContain('system.enableActivityEagerExecution=true');
    expect(new Set(pairs.map((p) => p.split('=')[0])).size).toBe(pairs.length);
  });

  it('skips comments, emits JSON values, and accepts any YAML spelling of the same form', () => {
    expect(
      devServerDynamicConfig('# c\na.b:\n  - value: 5 # five\n\nc:\n  - value: "x"\n'),
    ).toEqual(['a.b=5', 'c="x"']);
    expect(devServerDynamicConfig('a.b: [{ value: true }]\nc:\n- value: 0.5\n')).toEqual([
      'a.b=true',
      'c=0.5',
    ]);
    expect(devServerDynamicConfig('# only comments\n')).toEqual([]);
  });

  it('rejects anything the dev server flag cannot carry, naming the line', () => {
    expect(() => devServerDynamicConfig('a.b:\n  - value: nope\n')).toThrow(/:2: .*unquoted/);
    expect(() => devServerDynamicConfig('a.b:\n  - constraints: {}\n')).toThrow(/expected/);
    expect(() =>
      devServerDynamicConfig('a.b:\n  - value: 1\n    constraints: { namespace: x }\n'),
    ).toThrow(/no constraints/);
    expect(() => devServerDynamicConfig('a.b:\n  - value: 1\n  - value: 2\n')).toThrow(
      /exactly one/,
    );
    expect(() => devServerDynamicConfig('x: 1\na.b:\n')).toThrow(DynamicConfigError);
    expect(() => devServerDynamicConfig('a.b:\n')).toThrow(/no value/);
    expect(() => devServerDynamicConfig('a.b: [\n')).toThrow(DynamicConfigError);
    expect(() => devServerDynamicConfig('- value: 1\n')).toThrow(/mapping/);
  });
});
