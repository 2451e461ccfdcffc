/** The Temporal dynamic config shared by the dev server and docker-compose parses as intended. */
import { describe, expect, it } from 'vitest';
import { devServerDynamicConfig } from '../../worker/dev-server';

describe('devServerDynamicConfig', () => {
  it('reads deploy/temporal-dynamic-config.yaml into --dynamic-config-value pairs', () => {
    const pairs = devServerDynamicConfig();
    expect(pairs).toContain('history.transferProcessorMaxPollRPS=1000');
    expect(pairs).toContain('system.enableActivityEagerExecution=true');
    expect(new Set(pairs.map((p) => p.split('=')[0])).size).toBe(pairs.length);
  });

  it('skips comments and rejects anything outside the flat key/value form', () => {
    expect(
      devServerDynamicConfig('# c\na.b:\n  - value: 5 # five\n\nc:\n  - value: "x"\n'),
    ).toEqual(['a.b=5', 'c="x"']);
    expect(() => devServerDynamicConfig('a.b:\n  - value: nope\n')).toThrow();
    expect(() => devServerDynamicConfig('a.b:\n  - constraints: {}\n')).toThrow(/expected/);
    expect(() => devServerDynamicConfig('a.b:\n')).toThrow(/no value/);
  });
});
