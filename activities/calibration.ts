/**
 * The daily calibration step (R11): ingest final scores, grade published picks, measure the
 * rolling window and write the sport's `calibration_daily` row that the next slate reads.
 */
import type { Kysely } from 'kysely';
import {
  calibrationChain,
  defaultRunConfig,
  effectiveConfigHash,
  parseRunConfig,
  type EffectiveConfig,
} from '../core/effective-config';
import { addDays } from '../core/calendar';
import { gradePick, matchLiveScores, measureWindow, type PickSide } from '../core/grading';
import { InvalidPayloadError, normalizeScores } from '../core/odds-api';
import {
  EMPTY_SKILL_SUMS,
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
  type CalibrationState,
} from '../core/safety';
import { SPORT_INFO, teamTotalSide, type Sport } from '../core/sports';
import {
  applyFinalScores,
  calibrationStateBefore,
  liveGamesBetween,
  skillSums,
  slateDates,
  ungradedPicks,
  upsertCalibrationDaily,
  upsertPickResults,
  windowResults,
  windowTotals,
} from '../db/repositories/calibration';
import { captureSnapshots } from '../db/repositories/odds';
import { completedSlateDates } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import { OddsApiClient } from '../odds/client';
import type { ActivityDeps } from './slate';
import { requireSlateKey } from './validate';

export interface CalibrateInput {
  sport: string;
  /** The day whose results close the window (the job at 02:00 calibrates yesterday). */
  date: string;
  /**
   * The configuration of the chain being calibrated. Absent: production (the daily job). A
   * backfill passes its own, and its rows form the chain `backfill:<config hash>`.
   */
  config?: EffectiveConfig;
  runKind?: 'backfill';
}

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

export interface CalibrateSummary {
  sport: string;
  date: string;
  scoresUpdated: number;
  ungraded: number;
  graded: number;
  games: number;
  offset: number;
  dampFactor: number;
  overRateLeans: number | null;
  biasVsActual: number | null;
  /** Skill weights the next slate applies (0–1). */
  skillWeightTotal: number | null;
  skillWeightSpread: number | null;
  triggers: string[];
}

export function createCalibrationActivities(deps: ActivityDeps) {
  const { db } = deps;

  /**
   * Live grading (R11 on the live path): when live (odds-api) runs priced games of `sport` that
   * still have no final score, fetch `/scores`, keep the raw body, and apply the completed
   * events that agree with the stored games. History picks grade from imported results, so a
   * sport with no live games makes no request.
   */
  async function ingestLiveScores(sport: Sport, date: string): Promise<LiveScoresSummary | null> {
    const from = addDays(date, -(defaultRunConfig(sport).calibrationWindowDays - 1));
    // Scores can still arrive (or be corrected) for games within the look-back.
    const lookBack = Date.parse(`${addDays(date, 1 - SCORES_DAYS_FROM)}T00:00:00.000Z`);
    const live = await liveGamesBetween(db, sport, from, date);
    const awaiting = live.filter(
      (g) =>
        g.home_score === null ||
        g.away_score === null ||
        new Date(g.commence_time).getTime() >= lookBack,
    );
    if (awaiting.length === 0) return null;
    const summary: LiveScoresSummary = {
      awaiting: awaiting.filter((g) => g.home_score === null || g.away_score === null).length,
      request: null,
      error: null,
      applied: 0,
      corrected: 0,
      rejected: [],
      notPriced: 0,
      ungraded: [],
    };
    const applied = new Set<string>();
    if (!deps.oddsApi?.apiKey) {
      summary.error = 'ODDS_API_KEY is not set on the worker: live games cannot be graded';
    } else {
      const client = new OddsApiClient({
        baseUrl: deps.oddsApi.baseUrl,
        apiKey: deps.oddsApi.apiKey,
        ...(deps.oddsApi.timeoutMs !== undefined ? { timeoutMs: deps.oddsApi.timeoutMs } : {}),
      });
      const response = await client.getScores(SPORT_INFO[sport].oddsApiKey, {
        daysFrom: SCORES_DAYS_FROM,
      });
      summary.request = response.request;
      if (response.quota) deps.metrics?.oddsQuotaRemaining(response.quota.remaining);
      const fetchedAt = new Date().toISOString();
      const capture = {
        sport,
        source: 'odds-api',
        request: response.request,
        runId: `calibration/${sport}/${date}`,
        eventId: null,
        payload: response.body,
        fetchedAt,
      };
      const gameIdByEventId = Object.fromEntries(
        awaiting.flatMap((g) => (g.event_id ? [[g.event_id, g.game_id]] : [])),
      );
      let normalized: ReturnType<typeof normalizeScores> | null = null;
      if (response.notJson) {
        summary.error = `/scores body refused: ${response.status} body is not JSON`;
      } else {
        try {
          normalized = normalizeScores(sport, response.body, { gameIdByEventId });
        } catch (error) {
          if (!(error instanceof InvalidPayloadError)) throw error;
          summary.error = `/scores body refused: ${error.reason}`;
        }
      }
      await captureSnapshots(db, [
        normalized === null
          ? { ...capture, status: 'quarantined' as const, reason: summary.error }
          : { ...capture, status: 'ok' as const, reason: null },
      ]);
      if (normalized !== null) {
        const match = matchLiveScores(
          Object.values(normalized.finals),
          awaiting.map((g) => ({
            gameId: g.game_id,
            commenceTime: new Date(g.commence_time).toISOString(),
            homeTeam: g.home_team,
            awayTeam: g.away_team,
            eventId: g.event_id,
          })),
        );
        const stored = await applyFinalScores(db, match.apply, 'odds-api');
        for (const a of match.apply) applied.add(a.gameId);
        summary.applied = stored.updated;
        summary.corrected = stored.corrected;
        summary.notPriced = match.notPriced.length;
        summary.rejected = [
          ...match.rejected,
          ...normalized.quarantined.map((q) => ({
            gameId: q.gameId,
            eventId: q.eventId,
            reason: q.reason,
          })),
        ];
      }
    }
    // A live game that should be over by the look-back and still has no final is UNGRADED.
    summary.ungraded = live
      .filter(
        (g) =>
          (g.home_score === null || g.away_score === null) &&
          !applied.has(g.game_id) &&
          new Date(g.commence_time).getTime() < lookBack,
      )
      .map((g) => g.game_id);
    if (summary.ungraded.length > 0 || summary.error !== null || summary.rejected.length > 0) {
      deps.logger?.warn(
        `live grading ${sport} ${date}: ${summary.ungraded.length} ungraded, ${summary.rejected.length} rejected${summary.error ? `: ${summary.error}` : ''}`,
        { sport, date, ungraded: summary.ungraded, rejected: summary.rejected },
      );
    }
    return summary;
  }

  return {
    async calibrateSport(input: CalibrateInput): Promise<CalibrateSummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config =
        input.config !== undefined ? parseRunConfig(input.config) : defaultRunConfig(sport);
      const chain = calibrationChain(config, input.runKind ?? 'scheduled', false);
      // Live scores grade production's live picks; a backfill grades from imported results.
      const live = chain === 'production' ? await ingestLiveScores(sport, date) : null;
      const scoresUpdated = live?.applied ?? 0;
      const graded = await gradeUpTo(db, sport, date);

      const windowDays = config.calibrationWindowDays;
      const from = addDays(date, -(windowDays - 1));
      const [totals, results] = await Promise.all([
        windowTotals(db, sport, from, date, chain),
        windowResults(db, sport, from, date, chain),
      ]);
      const m = measureWindow(
        totals.map((t) => ({
          side: t.side,
          projectionRaw: t.projection_raw,
          line: t.line,
          actualTotal: t.actual_total,
          published: t.published,
        })),
        results,
      );
      const prev: CalibrationState =
        (await calibrationStateBefore(db, sport, date, chain)) ?? NEUTRAL_CALIBRATION_STATE;
      const skillFrom = addDays(date, -(config.safety.skillWeight.windowDays - 1));
      const shiftFrom = addDays(date, -(config.safety.skillWeight.shiftWindowDays - 1));
      const sums = await skillSums(db, sport, { from: skillFrom, shiftFrom, to: date }, chain);
      const skill = {
        total: sums.find((r) => r.kind === 'total') ?? EMPTY_SKILL_SUMS,
        spread: sums.find((r) => r.kind === 'spread') ?? EMPTY_SKILL_SUMS,
      };
      const next = nextCalibrationState(
        prev,
        {
          date,
          sourceRowId: chain === 'production' ? `${sport}/${date}` : `${sport}/${date}/${chain}`,
          games: m.games,
          bias: m.biasVsActual,
          biasBasis: 'raw',
          overRate: m.overRateLeans,
          skill,
        },
        config.safety.sports[sport],
        config.safety,
      );
      await upsertCalibrationDaily(db, {
        sport,
        date,
        windowDays,
        games: m.games,
        overRateLeans: m.overRateLeans,
        overRatePicks: m.overRatePicks,
        biasVsActual: m.biasVsActual,
        biasVsMarket: m.biasVsMarket,
        winRate: m.winRate,
        pushRate: m.pushRate,
        dampFactor: next.dampFactor,
        offset: next.offset,
        triggers: next.triggers,
        configHash: effectiveConfigHash(config),
        ungraded: live?.ungraded.length ?? 0,
        scores: live,
        chain,
        skill: next.skillWeights,
      });
      return {
        sport,
        date,
        scoresUpdated,
        ungraded: live?.ungraded.length ?? 0,
        graded,
        games: m.games,
        offset: next.offset,
        dampFactor: next.dampFactor,
        overRateLeans: m.overRateLeans,
        biasVsActual: m.biasVsActual,
        skillWeightTotal: next.skillWeights?.total.w ?? null,
        skillWeightSpread: next.skillWeights?.spread.w ?? null,
        triggers: [...next.triggers],
      };
    },

    /** Dates of `sport` in [from, to] that have games (backfill planning and dry runs). */
    async listSlateDates(input: { sport: string; from: string; to: string }) {
      const { sport, date: from } = requireSlateKey(input.sport, input.from);
      requireSlateKey(sport, input.to);
      return slateDates(db, sport, from, input.to);
    },

    /** Dates of `sport` in [from, to] whose slate run of `runIdPrefix` did not complete. */
    async unfinishedSlateDates(input: {
      sport: string;
      from: string;
      to: string;
      runIdPrefix: string;
    }) {
      const { sport, date: from } = requireSlateKey(input.sport, input.from);
      const dates = await slateDates(db, sport, from, input.to);
      const completed = await completedSlateDates(db, {
        sport,
        from,
        to: input.to,
        runIdPrefix: input.runIdPrefix,
      });
      return dates.filter((d) => !completed.has(d.date));
    },
  };
}

/** Grades every gradable published pick on slates up to `date`; returns how many. */
async function gradeUpTo(db: Kysely<Database>, sport: Sport, date: string): Promise<number> {
  const results = [];
  for (const p of await ungradedPicks(db, sport, date)) {
    const team = p.market_type === 'team_totals' ? teamTotalSide(p.line_key) : null;
    // The safety stack never publishes a team total it cannot attribute; if one were stored
    // anyway it stays ungraded rather than failing every other pick's grading.
    if (p.market_type === 'team_totals' && team === null) continue;
    results.push({
      pickId: p.id,
      gameId: p.game_id,
      homeScore: p.home_score,
      awayScore: p.away_score,
      ...gradePick({
        market: p.market_type,
        side: p.side as PickSide,
        line: p.line,
        price: p.price,
        homeScore: p.home_score,
        awayScore: p.away_score,
        team,
      }),
    });
  }
  await upsertPickResults(db, results);
  return results.length;
}
