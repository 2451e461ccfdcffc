/**
 * The pipeline's Prometheus metrics, recorded on the Temporal runtime's metric meter: Core's
 * Prometheus exporter serves them on the same endpoint as the SDK's own `temporal_*` series
 * (one scrape target per worker process). Names and labels are a contract with
 * deploy/ alert rules and docs/observability.md.
 */
import net from 'node:net';
import type { MetricMeter } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { BLOCK_REASONS } from '../core/types';
import { SPORTS } from '../core/sports';
import type { Database } from '../db/schema';
import { calibrationAgeHours } from '../db/repositories/observability';
import {
  PICK_STATES,
  SLATE_OUTCOMES,
  SLATE_TRIGGERS,
  type PickState,
  type PipelineMetrics,
  type SlateOutcome,
  type SlateTrigger,
} from '../activities/metrics';

/** Metric names (exact; alert rules are written against them). */
export const METRIC_NAMES = {
  slateRuns: 'beatvegas_slate_runs_total',
  gamesPriced: 'beatvegas_games_priced_total',
  picks: 'beatvegas_picks_total',
  blockedMarkets: 'beatvegas_blocked_markets_total',
  oddsQuotaRemaining: 'beatvegas_odds_quota_remaining',
  calibrationAgeHours: 'beatvegas_calibration_age_hours',
} as const;

/** The pipeline's metrics plus the worker-side calibration age gauge. */
export interface WorkerMetrics extends PipelineMetrics {
  /** Hours since the sport's newest production calibration row was written (≥ 0). */
  calibrationAge(sport: string, hours: number): void;
}

/**
 * Instruments on `meter` (the runtime's: `Runtime.instance().metricMeter`, a no-op unless the
 * runtime exports metrics). Every known label combination starts at 0, so the first failed or
 * empty slate is an increase a `rate()`/`increase()` rule can see, not a new series.
 */
export function createMeterMetrics(meter: MetricMeter): WorkerMetrics {
  const slateRuns = meter.createCounter(
    METRIC_NAMES.slateRuns,
    '',
    'Slate runs finished, by sport, outcome (completed|empty|failed) and trigger (schedule|manual|backfill)',
  );
  const gamesPriced = meter.createCounter(
    METRIC_NAMES.gamesPriced,
    '',
    'Games priced (simulated and classified) by completed slate runs',
  );
  const picks = meter.createCounter(
    METRIC_NAMES.picks,
    '',
    'Decisions written by completed slate runs, by state (PICK and LEAN are published)',
  );
  const blocked = meter.createCounter(
    METRIC_NAMES.blockedMarkets,
    '',
    'Markets refused by the line checks, by block reason (a market counts once per reason)',
  );
  const quota = meter.createGauge(
    METRIC_NAMES.oddsQuotaRemaining,
    'int',
    '',
    "The Odds API's x-requests-remaining on the latest response this worker read (credits)",
  );
  const calibrationAge = meter.createGauge(
    METRIC_NAMES.calibrationAgeHours,
    'float',
    '',
    'Hours since the newest production calibration_daily row of the sport was written',
  );

  for (const sport of SPORTS) {
    for (const outcome of SLATE_OUTCOMES) {
      for (const trigger of SLATE_TRIGGERS) slateRuns.add(0, { sport, outcome, trigger });
    }
    gamesPriced.add(0, { sport });
    for (const state of PICK_STATES) picks.add(0, { sport, state });
    for (const reason of BLOCK_REASONS) blocked.add(0, { sport, reason });
  }

  return {
    slateFinished(sport: string, trigger: SlateTrigger, outcome: SlateOutcome) {
      slateRuns.add(1, { sport, outcome, trigger });
    },
    gamesPriced(sport: string, games: number) {
      if (games > 0) gamesPriced.add(games, { sport });
    },
    picks(sport: string, counts: Readonly<Record<PickState, number>>) {
      for (const state of PICK_STATES) {
        if (counts[state] > 0) picks.add(counts[state], { sport, state });
      }
    },
    marketsBlocked(sport: string, byReason: Readonly<Record<string, number>>) {
      for (const [reason, n] of Object.entries(byReason)) {
        if (n > 0) blocked.add(n, { sport, reason });
      }
    },
    oddsQuotaRemaining(credits: number) {
      if (Number.isFinite(credits)) quota.set(Math.max(0, Math.trunc(credits)));
    },
    calibrationAge(sport: string, hours: number) {
      if (Number.isFinite(hours)) calibrationAge.set(Math.max(0, hours), { sport });
    },
  };
}

/** How often a worker re-reads the calibration age (it only needs hour resolution). */
export const CALIBRATION_AGE_REFRESH_MS = 60_000;

/**
 * Keeps the calibration age gauge current: reads it now, then every `intervalMs`. A failed
 * read (database down) keeps the last values and is reported through `onError`; the next tick
 * tries again. Returns a stop function that waits for a read in flight.
 */
export function refreshCalibrationAge(
  db: Kysely<Database>,
  metrics: Pick<WorkerMetrics, 'calibrationAge'>,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void>; ready: Promise<void> } {
  let inFlight: Promise<void> = Promise.resolve();
  const read = (): Promise<void> =>
    (inFlight = calibrationAgeHours(db)
      .then((rows) => {
        for (const r of rows) metrics.calibrationAge(r.sport, r.hours);
      })
      .catch((error: unknown) => options.onError?.(error)));
  const ready = read();
  const timer = setInterval(() => {
    void read();
  }, options.intervalMs ?? CALIBRATION_AGE_REFRESH_MS);
  // The gauge never keeps a stopping worker alive.
  timer.unref();
  return {
    ready,
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

/** Where `beatvegas worker` serves metrics unless told otherwise. */
export const DEFAULT_METRICS_ADDRESS = '0.0.0.0:9464';

export class MetricsAddressError extends Error {
  override readonly name = 'MetricsAddressError';
}

/**
 * The Prometheus bind address from `--metrics-address` or `BEATVEGAS_METRICS_ADDRESS`: `HOST:PORT`,
 * a bare `PORT` (all interfaces), or `off` (null: no endpoint). Default {@link DEFAULT_METRICS_ADDRESS}.
 */
export function metricsBindAddress(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const fromEnv = env.BEATVEGAS_METRICS_ADDRESS;
  const raw = (flag ?? (fromEnv && fromEnv.length > 0 ? fromEnv : DEFAULT_METRICS_ADDRESS)).trim();
  if (raw === 'off') return null;
  const m = /^(?:(.+):)?(\d+)$/.exec(raw);
  const port = m ? Number(m[2]) : NaN;
  const host = m?.[1] ?? '0.0.0.0';
  // Core binds a socket address: an IP (IPv6 in brackets), not a host name.
  const ip = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const family = net.isIP(ip);
  if (
    !m ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65_535 ||
    family === 0 ||
    (family === 6 && ip === host)
  ) {
    throw new MetricsAddressError(
      `metrics address ${JSON.stringify(raw)} is not IP:PORT ([IPv6]:PORT), PORT (1-65535) or off`,
    );
  }
  return `${host}:${port}`;
}
