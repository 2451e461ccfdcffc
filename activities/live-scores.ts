/**
 * Live grading (R11 on the live path), part of the daily calibration step: when live (odds-api)
 * runs priced games of a sport that still have no final score, fetch `/scores`, keep the raw
 * body, and apply the completed events that agree with the stored games. What is read, matched
 * and reported is decided in core/pipeline/live-grading.ts; a sport with no live games makes no
 * request.
 */
import {
  awaitingScores,
  liveGradingNeedsAttention,
  liveGradingWindow,
  liveScoresSummary,
  matchScores,
  readScores,
  SCORES_DAYS_FROM,
  SCORES_WITHOUT_KEY,
  scoresSnapshot,
  type LiveScoresSummary,
  type ScoresIngestion,
  type StoredLiveGame,
} from '../core/pipeline';
import { SPORT_INFO, type Sport } from '../core/sports';
import { applyFinalScores, liveGamesBetween } from '../db/repositories/grading';
import { captureSnapshots } from '../db/repositories/odds';
import { oddsApiClient, type OddsApiSettings } from './odds-source';
import type { ActivityDeps } from './slate';

/** The day's `/scores` ingestion of `sport`; null when no live game awaits a final. */
export async function ingestLiveScores(
  deps: ActivityDeps,
  sport: Sport,
  date: string,
): Promise<LiveScoresSummary | null> {
  const { from, lookBack } = liveGradingWindow(sport, date);
  const live = await liveGamesBetween(deps.db, sport, from, date);
  const awaiting = awaitingScores(live, lookBack);
  if (awaiting.length === 0) return null;
  const settings = deps.oddsApi;
  const ingestion = settings?.apiKey
    ? await fetchScores(deps, { ...settings, apiKey: settings.apiKey }, sport, date, awaiting)
    : SCORES_WITHOUT_KEY;
  const summary = liveScoresSummary(live, awaiting, lookBack, ingestion);
  if (liveGradingNeedsAttention(summary)) {
    deps.logger?.warn(
      `live grading ${sport} ${date}: ${summary.ungraded.length} ungraded, ${summary.rejected.length} rejected${summary.error ? `: ${summary.error}` : ''}`,
      { sport, date, ungraded: summary.ungraded, rejected: summary.rejected },
    );
  }
  return summary;
}

/** One `/scores` request: the raw body captured, the finals that agree applied. */
async function fetchScores(
  deps: ActivityDeps,
  settings: OddsApiSettings & { apiKey: string },
  sport: Sport,
  date: string,
  awaiting: readonly StoredLiveGame[],
): Promise<ScoresIngestion> {
  const response = await oddsApiClient(settings).getScores(SPORT_INFO[sport].oddsApiKey, {
    daysFrom: SCORES_DAYS_FROM,
  });
  if (response.quota) deps.metrics?.oddsQuotaRemaining(response.quota.remaining);
  const fetchedAt = new Date().toISOString();
  const read = readScores(sport, response, awaiting);
  await captureSnapshots(deps.db, [scoresSnapshot(sport, date, response, read, fetchedAt)]);
  const match = read.normalized === null ? null : matchScores(read.normalized, awaiting);
  const stored = match === null ? null : await applyFinalScores(deps.db, match.apply, 'odds-api');
  return { request: response.request, ...read, match, stored };
}
