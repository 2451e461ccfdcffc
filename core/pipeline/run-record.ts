/**
 * R9, R15: what a slate run's row (`slate_runs`) records — its start (as-of, flags, versions,
 * configuration, calibration chain), its progress after fetch and verify, its close with the
 * counts of its audit rows, or its failure — and what the closing step reports back.
 */
import { calibrationChain, type EffectiveConfig } from '../effective-config';
import type { PersistSummary, VerifySummary } from '../run-summaries';
import type { FetchedQuota } from './fetch-result';

/** The row a run starts with (see db/repositories/slates.ts, startSlateRun). */
export function runStartRecord(q: {
  runId: string;
  sport: string;
  date: string;
  runKind: string;
  source: string;
  asOf: string;
  live: boolean;
  seed: string | null;
  iterations: number | null;
  config: EffectiveConfig;
  versions: { readonly node: string; readonly sdk: string | null };
}) {
  return {
    runId: q.runId,
    sport: q.sport,
    slateDate: q.date,
    runKind: q.runKind,
    source: q.source,
    asOf: q.asOf,
    seed: q.seed,
    iterations: q.iterations,
    flags: { ...q.config.safety.flags },
    nodeVersion: q.versions.node,
    sdkVersion: q.versions.sdk,
    config: q.config,
    live: q.live,
    chain: calibrationChain(q.config, q.runKind, q.live),
  };
}

/** After the fetch: the slate's game count, and the quota left with the requests it cost. */
export function fetchedRunUpdate(
  games: number,
  fetched: { readonly quota: FetchedQuota | null; readonly requests: number } | null,
) {
  return {
    games,
    ...(fetched?.quota ? { quota: { ...fetched.quota, requests: fetched.requests } } : {}),
  };
}

/** After the verify step: how many games can be priced and how many markets were refused. */
export function verifiedRunUpdate(summary: VerifySummary) {
  return {
    games_verified: summary.verifiedGameIds.length,
    markets_blocked: summary.marketsBlocked,
  };
}

/** The counts of a run's audit rows (db/repositories/slates.ts, auditCounts). */
export interface AuditCounts {
  readonly rows: number;
  readonly published: number;
  readonly PICK: number;
  readonly LEAN: number;
  readonly NO_PLAY: number;
}

/** A completed run: its published picks, and the workflow's summary with the audit counts. */
export function completedRunUpdate(summary: Record<string, unknown>, counts: AuditCounts) {
  return {
    status: 'completed',
    picks_published: counts.published,
    summary: { ...summary, audit: counts },
    finished: true,
  };
}

/** What the closing step reports: rows written, NO_PLAY among them, picks published. */
export function persistSummary(counts: AuditCounts): PersistSummary {
  return { auditRows: counts.rows, noPlay: counts.NO_PLAY, picksPublished: counts.published };
}

/** A failed run, with why. */
export function failedRunUpdate(message: string) {
  return { status: 'failed', error: message, finished: true };
}
