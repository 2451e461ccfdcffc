/**
 * R2, R3 (no look-ahead): the as-of instant of a slate run, the one time every later step reads
 * the world at, and whether the run is live.
 */
import { utcToEasternDate } from '../calendar';
import type { AsOfPolicy } from '../effective-config';

const MINUTE_MS = 60_000;

/**
 * History slates are looked at as of a fixed UTC hour of the slate date (default 09:00 UTC,
 * 04:00–05:00 New York), before any game.
 */
export function historyAsOf(date: string, utcHour = 9): string {
  return `${date}T${String(utcHour).padStart(2, '0')}:00:00.000Z`;
}

/** What decides a run's as-of time. */
export interface AsOfInput {
  /** Slate date, `YYYY-MM-DD` (America/New_York). */
  readonly date: string;
  /** When the run was requested (the workflow's start time, ISO instant). */
  readonly requestedAsOf: string;
  /** Kick-offs of the games the run fetched (ISO instants); null for a history run. */
  readonly fetchedKickoffs: readonly string[] | null;
  /** UTC hour of the slate date a history run looks from (0–23). */
  readonly historyUtcHour: number;
  /** Minutes before the first game a replayed past date is looked at (≥ 0). */
  readonly replayLeadMinutes: number;
}

/**
 * A history run: the fixed hour of its date, never live. A fetching run of today or later: live,
 * as of the request. A fetching run of a past date (the local odds server, files) is a replay:
 * as of `replayLeadMinutes` before its first game, as a live run that morning would have been.
 */
export function runAsOf(q: AsOfInput): { asOf: string; live: boolean } {
  const history = historyAsOf(q.date, q.historyUtcHour);
  if (q.fetchedKickoffs === null) return { asOf: history, live: false };
  const live = q.date >= utcToEasternDate(q.requestedAsOf);
  if (live) return { asOf: q.requestedAsOf, live };
  const first = [...q.fetchedKickoffs].sort()[0];
  return {
    asOf: first
      ? new Date(Date.parse(first) - q.replayLeadMinutes * MINUTE_MS).toISOString()
      : history,
    live,
  };
}

/**
 * The as-of of a run under its configuration's policy: `fetched` is the slate this run fetched
 * (its games' kick-offs decide a replay's as-of), null for a history run.
 */
export function fetchedRunAsOf(
  date: string,
  requestedAsOf: string,
  fetched: { readonly games: readonly { readonly commenceTime: string }[] } | null,
  policy: AsOfPolicy,
): { asOf: string; live: boolean } {
  return runAsOf({
    date,
    requestedAsOf,
    fetchedKickoffs: fetched === null ? null : fetched.games.map((g) => g.commenceTime),
    historyUtcHour: policy.historyUtcHour,
    replayLeadMinutes: policy.replayLeadMinutes,
  });
}
