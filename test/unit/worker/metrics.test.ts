/**
 * The pipeline's metrics: what each step's facts become (outcome, trigger, counts by label), the
 * zero-initialised series, and the metrics address a worker is given.
 */
import type {
  MetricCounter,
  MetricGauge,
  MetricHistogram,
  MetricMeter,
  MetricTags,
} from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import {
  blockedByReason,
  recordCompletedRun,
  recordFailedRun,
  triggerOf,
  type PipelineMetrics,
} from '../../../activities/metrics';
import { BLOCK_REASONS } from '../../../core/types';
import { SPORTS } from '../../../core/sports';
import {
  createMeterMetrics,
  DEFAULT_METRICS_ADDRESS,
  METRIC_NAMES,
  MetricsAddressError,
  metricsBindAddress,
} from '../../../worker/metrics';

/** A MetricMeter keeping values in memory, keyed like a Prometheus series. */
class MemoryMeter implements MetricMeter {
  readonly values = new Map<string, number>();
  readonly kinds = new Map<string, string>();
  private key(name: string, tags: MetricTags = {}): string {
    const labels = Object.keys(tags)
      .sort()
      .map((k) => `${k}="${String(tags[k])}"`)
      .join(',');
    return labels === '' ? name : `${name}{${labels}}`;
  }
  createCounter(name: string): MetricCounter {
    this.kinds.set(name, 'counter');
    const add = (value: number, tags?: MetricTags) => {
      const k = this.key(name, tags);
      this.values.set(k, (this.values.get(k) ?? 0) + value);
    };
    return { name, add, withTags: () => ({ name, add, withTags: () => this.createCounter(name) }) };
  }
  createGauge(name: string, valueType: 'int' | 'float' = 'int'): MetricGauge {
    this.kinds.set(name, `gauge:${valueType}`);
    const set = (value: number, tags?: MetricTags) => this.values.set(this.key(name, tags), value);
    const gauge: MetricGauge = { name, valueType, set, withTags: () => gauge };
    return gauge;
  }
  createHistogram(name: string): MetricHistogram {
    throw new Error(`no histogram expected (${name})`);
  }
  withTags(): MetricMeter {
    return this;
  }
}

/** Records the calls a step makes, in order. */
function recorder() {
  const calls: unknown[][] = [];
  const metrics: PipelineMetrics = {
    slateFinished: (...a) => calls.push(['slateFinished', ...a]),
    gamesPriced: (...a) => calls.push(['gamesPriced', ...a]),
    picks: (...a) => calls.push(['picks', ...a]),
    marketsBlocked: (...a) => calls.push(['marketsBlocked', ...a]),
    oddsQuotaRemaining: (...a) => calls.push(['oddsQuotaRemaining', ...a]),
  };
  return { metrics, calls };
}

const picks = { PICK: 2, LEAN: 3, NO_PLAY: 30 };
const running = {
  sport: 'nfl',
  run_kind: 'scheduled',
  status: 'running',
  games: 12,
  games_verified: 11,
};

describe('slate outcomes', () => {
  it('maps run kinds to triggers', () => {
    expect(['scheduled', 'manual', 'backfill', 'other'].map(triggerOf)).toEqual([
      'schedule',
      'manual',
      'backfill',
      'manual',
    ]);
  });

  it('a completed run counts its outcome, priced games and picks once', () => {
    const { metrics, calls } = recorder();
    recordCompletedRun(metrics, running, picks);
    expect(calls).toEqual([
      ['slateFinished', 'nfl', 'schedule', 'completed'],
      ['gamesPriced', 'nfl', 11],
      ['picks', 'nfl', picks],
    ]);
    // A retried persist step finds the run completed already: nothing twice.
    const again = recorder();
    recordCompletedRun(again.metrics, { ...running, status: 'completed' }, picks);
    recordCompletedRun(again.metrics, undefined, picks);
    expect(again.calls).toEqual([]);
  });

  it('a completed run with zero games is empty', () => {
    const { metrics, calls } = recorder();
    recordCompletedRun(
      metrics,
      { ...running, run_kind: 'backfill', games: 0, games_verified: 0 },
      {
        PICK: 0,
        LEAN: 0,
        NO_PLAY: 0,
      },
    );
    expect(calls[0]).toEqual(['slateFinished', 'nfl', 'backfill', 'empty']);
  });

  it('a failed run counts once, from its row or, without one, from the workflow input', () => {
    const { metrics, calls } = recorder();
    recordFailedRun(metrics, running, { sport: 'nba', runKind: 'manual' });
    recordFailedRun(metrics, undefined, { sport: 'nba', runKind: 'manual' });
    recordFailedRun(metrics, undefined, { sport: 'curling', runKind: 'scheduled' });
    recordFailedRun(metrics, { ...running, status: 'completed' }, { sport: 'nba' });
    recordFailedRun(metrics, undefined, {});
    expect(calls).toEqual([
      ['slateFinished', 'nfl', 'schedule', 'failed'],
      ['slateFinished', 'nba', 'manual', 'failed'],
      ['slateFinished', 'unknown', 'schedule', 'failed'],
    ]);
  });

  it('blocked markets count each reason of each refused market, never a passed one', () => {
    expect(
      blockedByReason([
        { ok: false, reasons: ['MISSING_LINE'] },
        { ok: false, reasons: ['STALE_LINE', 'MARKET_DISAGREEMENT'] },
        { ok: true, reasons: ['STALE_LINE'] },
        { ok: false, reasons: ['STALE_LINE'] },
      ]),
    ).toEqual({ MISSING_LINE: 1, STALE_LINE: 2, MARKET_DISAGREEMENT: 1 });
  });
});

describe('metrics on a MetricMeter', () => {
  it('start every known series at zero and add by label', () => {
    const meter = new MemoryMeter();
    const m = createMeterMetrics(meter);
    expect(meter.kinds).toEqual(
      new Map([
        [METRIC_NAMES.slateRuns, 'counter'],
        [METRIC_NAMES.gamesPriced, 'counter'],
        [METRIC_NAMES.picks, 'counter'],
        [METRIC_NAMES.blockedMarkets, 'counter'],
        [METRIC_NAMES.oddsQuotaRemaining, 'gauge:int'],
        [METRIC_NAMES.calibrationAgeHours, 'gauge:float'],
      ]),
    );
    const zeros = [...meter.values.entries()];
    expect(zeros.every(([, v]) => v === 0)).toBe(true);
    expect(zeros).toHaveLength(SPORTS.length * (9 + 1 + 3 + BLOCK_REASONS.length));
    expect(
      meter.values.get(
        'beatvegas_slate_runs_total{outcome="empty",sport="mlb",trigger="schedule"}',
      ),
    ).toBe(0);

    m.slateFinished('nfl', 'manual', 'completed');
    m.slateFinished('nfl', 'manual', 'completed');
    m.gamesPriced('nfl', 12);
    m.picks('nfl', picks);
    m.marketsBlocked('nfl', { NO_MARKET: 12, MISSING_LINE: 0 });
    m.oddsQuotaRemaining(99_870.6);
    m.calibrationAge('nfl', 5.25);
    m.calibrationAge('nba', -0.01);
    const v = (k: string) => meter.values.get(k);
    expect(v('beatvegas_slate_runs_total{outcome="completed",sport="nfl",trigger="manual"}')).toBe(
      2,
    );
    expect(v('beatvegas_games_priced_total{sport="nfl"}')).toBe(12);
    expect(v('beatvegas_picks_total{sport="nfl",state="LEAN"}')).toBe(3);
    expect(v('beatvegas_picks_total{sport="nfl",state="NO_PLAY"}')).toBe(30);
    expect(v('beatvegas_blocked_markets_total{reason="NO_MARKET",sport="nfl"}')).toBe(12);
    expect(v('beatvegas_blocked_markets_total{reason="MISSING_LINE",sport="nfl"}')).toBe(0);
    expect(v('beatvegas_odds_quota_remaining')).toBe(99_870);
    expect(v('beatvegas_calibration_age_hours{sport="nfl"}')).toBe(5.25);
    // Core refuses negative gauge values: a clock skew reads as zero hours, not an error.
    expect(v('beatvegas_calibration_age_hours{sport="nba"}')).toBe(0);
  });
});

describe('metrics address', () => {
  it('defaults, reads the env, takes a bare port, and turns off', () => {
    expect(metricsBindAddress(undefined, {})).toBe(DEFAULT_METRICS_ADDRESS);
    expect(DEFAULT_METRICS_ADDRESS).toBe('0.0.0.0:9464');
    expect(metricsBindAddress(undefined, { BEATVEGAS_METRICS_ADDRESS: '127.0.0.1:9500' })).toBe(
      '127.0.0.1:9500',
    );
    expect(metricsBindAddress('9465', { BEATVEGAS_METRICS_ADDRESS: 'off' })).toBe('0.0.0.0:9465');
    expect(metricsBindAddress('[::1]:9466', {})).toBe('[::1]:9466');
    expect(metricsBindAddress(undefined, { BEATVEGAS_METRICS_ADDRESS: 'off' })).toBeNull();
    expect(metricsBindAddress('off', {})).toBeNull();
  });

  it('refuses what Core could not bind', () => {
    for (const bad of ['localhost:9464', '0.0.0.0:0', '0.0.0.0:70000', '::1:9464', 'x', '']) {
      expect(() => metricsBindAddress(bad, {})).toThrow(MetricsAddressError);
    }
  });
});
