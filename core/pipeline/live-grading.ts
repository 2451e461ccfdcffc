/**
 * R11 on the live path: which games of live (odds-api) runs still await `/scores`, how the
 * day's `/scores` body is read and recorded, and what the ingestion did — finals applied,
 * events refused, and live games past the look-back still without a final (UNGRADED: counted
 * and logged, never dropped). History picks grade from imported results and need none of this.
 */
import { addDays } from '../calendar';
import { defaultRunConfig } from '../effective-config';
import { matchLiveScores, type LiveScoreMatch } from '../grading';
import { InvalidPayloadError, normalizeScores, type NormalizedScores } from '../odds-api';
import type { Sport } from '../sports';
import type { StoredLiveGame } from './stored-rows';

/** `/scores` look-back (the API allows 1–3 days); a live game older than this is UNGRADED. */
export const SCORES_DAYS_FROM = 3;

/** What the day's `/scores` ingestion did (stored in `calibration_daily.scores`). */
export interface LiveScoresSummary {
  /** Live games without a final score when the job started. */
  awaiting: number;
  /** The request made (null when none could be: no key). */
  request: string | null;
  error: string | null;
  /** Games whose stored final changed (new finals and corrections). */
  applied: number;
  /** Of those, finals that replaced a different stored final (kept in score_corrections). */
  corrected: number;
  rejected: { gameId: string | null; eventId: string | null; reason: string }[];
  /** Completed events of games no live run priced (ignored). */
  notPriced: number;
  /** Live games past the look-back still without a final: counted, logged, never dropped. */
  ungraded: string[];
}

/**
 * The slates whose live games the job of `date` looks at (from the start of production's
 * calibration window), and the look-back: games kicking off before it (ms) should have a final.
 */
export function liveGradingWindow(sport: Sport, date: string): { from: string; lookBack: number } {
  return {
    from: addDays(date, -(defaultRunConfig(sport).calibrationWindowDays - 1)),
    lookBack: Date.parse(`${addDays(date, 1 - SCORES_DAYS_FROM)}T00:00:00.000Z`),
  };
}

const hasFinal = (g: StoredLiveGame): boolean => g.home_score !== null && g.away_score !== null;

/** Live games `/scores` may still grade, or correct: no final yet, or within the look-back. */
export function awaitingScores(
  live: readonly StoredLiveGame[],
  lookBack: number,
): StoredLiveGame[] {
  return live.filter((g) => !hasFinal(g) || new Date(g.commence_time).getTime() >= lookBack);
}

/** The `/scores` body read: its finals and quarantined events, or why it was refused whole. */
export interface ScoresRead {
  readonly normalized: NormalizedScores | null;
  readonly error: string | null;
}

export function readScores(
  sport: Sport,
  response: { readonly body: unknown; readonly notJson?: true; readonly status: number },
  awaiting: readonly StoredLiveGame[],
): ScoresRead {
  const gameIdByEventId = Object.fromEntries(
    awaiting.flatMap((g) => (g.event_id ? [[g.event_id, g.game_id]] : [])),
  );
  if (response.notJson) {
    return {
      normalized: null,
      error: `/scores body refused: ${response.status} body is not JSON`,
    };
  }
  try {
    return { normalized: normalizeScores(sport, response.body, { gameIdByEventId }), error: null };
  } catch (error) {
    if (!(error instanceof InvalidPayloadError)) throw error;
    return { normalized: null, error: `/scores body refused: ${error.reason}` };
  }
}

/** The raw capture of the `/scores` body (`odds_snapshots`): quarantined when it was refused. */
export function scoresSnapshot(
  sport: Sport,
  date: string,
  response: { readonly request: string; readonly body: unknown },
  read: ScoresRead,
  fetchedAt: string,
) {
  const capture = {
    sport,
    source: 'odds-api',
    request: response.request,
    runId: `calibration/${sport}/${date}`,
    eventId: null,
    payload: response.body,
    fetchedAt,
  };
  return read.normalized === null
    ? { ...capture, status: 'quarantined' as const, reason: read.error }
    : { ...capture, status: 'ok' as const, reason: null };
}

/** Which completed events grade which awaiting games (core/grading/live-scores.ts). */
export function matchScores(
  normalized: NormalizedScores,
  awaiting: readonly StoredLiveGame[],
): LiveScoreMatch {
  return matchLiveScores(
    Object.values(normalized.finals),
    awaiting.map((g) => ({
      gameId: g.game_id,
      commenceTime: new Date(g.commence_time).toISOString(),
      homeTeam: g.home_team,
      awayTeam: g.away_team,
      eventId: g.event_id,
    })),
  );
}

/** What one `/scores` request brought: the body read, the match, the finals stored. */
export interface ScoresIngestion {
  /** The request made; null when none could be (no key). */
  readonly request: string | null;
  readonly error: string | null;
  readonly normalized: NormalizedScores | null;
  readonly match: LiveScoreMatch | null;
  /** Games whose stored final changed, and corrections among them. */
  readonly stored: { readonly updated: number; readonly corrected: number } | null;
}

/** No key on the worker: no request, and the live games cannot be graded. */
export const SCORES_WITHOUT_KEY: ScoresIngestion = Object.freeze({
  request: null,
  error: 'ODDS_API_KEY is not set on the worker: live games cannot be graded',
  normalized: null,
  match: null,
  stored: null,
});

export function liveScoresSummary(
  live: readonly StoredLiveGame[],
  awaiting: readonly StoredLiveGame[],
  lookBack: number,
  ingestion: ScoresIngestion,
): LiveScoresSummary {
  const { normalized, match } = ingestion;
  const applied = new Set(match?.apply.map((a) => a.gameId) ?? []);
  return {
    awaiting: awaiting.filter((g) => !hasFinal(g)).length,
    request: ingestion.request,
    error: ingestion.error,
    applied: ingestion.stored?.updated ?? 0,
    corrected: ingestion.stored?.corrected ?? 0,
    rejected:
      normalized !== null && match !== null
        ? [
            ...match.rejected,
            ...normalized.quarantined.map((q) => ({
              gameId: q.gameId,
              eventId: q.eventId,
              reason: q.reason,
            })),
          ]
        : [],
    notPriced: match?.notPriced.length ?? 0,
    // A live game that should be over by the look-back and still has no final is UNGRADED.
    ungraded: live
      .filter(
        (g) =>
          !hasFinal(g) && !applied.has(g.game_id) && new Date(g.commence_time).getTime() < lookBack,
      )
      .map((g) => g.game_id),
  };
}

/** Whether the ingestion needs a look: games UNGRADED, events refused, or no usable body. */
export function liveGradingNeedsAttention(summary: LiveScoresSummary): boolean {
  return summary.ungraded.length > 0 || summary.error !== null || summary.rejected.length > 0;
}
