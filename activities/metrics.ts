/**
 * The pipeline's own metrics as the activities see them: a small injected recorder (the worker
 * wires one onto the Temporal runtime's Prometheus exporter, see worker/metrics.ts; tests and
 * tools get {@link NO_METRICS}). Activities only report what they already know; names, labels
 * and exposition live in the worker.
 */
import { isSport } from '../core/sports';

/** `completed` with at least one game, `empty` (completed, zero games), or `failed`. */
export type SlateOutcome = 'completed' | 'empty' | 'failed';
/** What started the run: a Temporal Schedule, a person (CLI), or a backfill. */
export type SlateTrigger = 'schedule' | 'manual' | 'backfill';

export const SLATE_OUTCOMES: readonly SlateOutcome[] = ['completed', 'empty', 'failed'];
export const SLATE_TRIGGERS: readonly SlateTrigger[] = ['schedule', 'manual', 'backfill'];
export const PICK_STATES = ['PICK', 'LEAN', 'NO_PLAY'] as const;
export type PickState = (typeof PICK_STATES)[number];

/** Recorder of the pipeline's metrics (counters only grow; a gauge keeps its last value). */
export interface PipelineMetrics {
  /** One slate run reached its end (counted once per run by the step that closes it). */
  slateFinished(sport: string, trigger: SlateTrigger, outcome: SlateOutcome): void;
  /** Games a completed run priced (simulated and classified), ≥ 0. */
  gamesPriced(sport: string, games: number): void;
  /** Audit rows a completed run wrote, by decision state (PICK and LEAN are published). */
  picks(sport: string, counts: Readonly<Record<PickState, number>>): void;
  /** Markets refused by the line checks, by block reason (a market counts once per reason). */
  marketsBlocked(sport: string, byReason: Readonly<Record<string, number>>): void;
  /** The Odds API's `x-requests-remaining` of the latest response, in credits. */
  oddsQuotaRemaining(credits: number): void;
}

/** Records nothing: the default outside a worker. */
export const NO_METRICS: PipelineMetrics = {
  slateFinished: () => undefined,
  gamesPriced: () => undefined,
  picks: () => undefined,
  marketsBlocked: () => undefined,
  oddsQuotaRemaining: () => undefined,
};

/** The trigger label of a run kind (RunKind: `scheduled` → `schedule`); unknown kinds are manual. */
export function triggerOf(runKind: string): SlateTrigger {
  if (runKind === 'scheduled') return 'schedule';
  return runKind === 'backfill' ? 'backfill' : 'manual';
}

/** Blocked markets by reason from the verify step's verdicts (markets that passed add nothing). */
export function blockedByReason(
  verdicts: readonly { ok: boolean; reasons: readonly string[] }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of verdicts) {
    if (v.ok) continue;
    for (const r of v.reasons) counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

/** What a finished run's row says (read before the step that closes it writes). */
export interface FinishingRun {
  sport: string;
  run_kind: string;
  status: string;
  games: number;
  games_verified: number;
}

/**
 * Records a run that `persistSlate` just completed. Only a run that was still running counts:
 * a retried step that already closed it records nothing twice.
 */
export function recordCompletedRun(
  metrics: PipelineMetrics,
  run: FinishingRun | undefined,
  picks: Readonly<Record<PickState, number>>,
): void {
  if (!run || run.status !== 'running') return;
  metrics.slateFinished(
    run.sport,
    triggerOf(run.run_kind),
    run.games === 0 ? 'empty' : 'completed',
  );
  metrics.gamesPriced(run.sport, run.games_verified);
  metrics.picks(run.sport, picks);
}

/**
 * Records a run that `markSlateFailed` closes: one still running, or one that failed before its
 * row was written (a refused odds fetch). A run that already finished records nothing.
 */
export function recordFailedRun(
  metrics: PipelineMetrics,
  run: FinishingRun | undefined,
  fallback: { sport?: string; runKind?: string },
): void {
  if (run && run.status !== 'running') return;
  const sport = run?.sport ?? fallback.sport;
  if (sport === undefined) return;
  // A label per typo would grow without bound: a run of no known sport is `unknown`.
  metrics.slateFinished(
    isSport(sport) ? sport : 'unknown',
    triggerOf(run?.run_kind ?? fallback.runKind ?? 'manual'),
    'failed',
  );
}
