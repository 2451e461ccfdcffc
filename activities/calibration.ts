/**
 * The daily calibration step (R11): ingest final scores, grade published picks, measure the
 * rolling window and write the sport's `calibration_daily` row that the next slate reads.
 */
import type { Kysely } from 'kysely';
import { ITERATIONS } from '../core/config';
import { effectiveConfig, effectiveConfigHash } from '../core/effective-config';
import { gradePick, measureWindow, type PickSide } from '../core/grading';
import { normalizeScores } from '../core/odds-api';
import {
  NEUTRAL_CALIBRATION_STATE,
  nextCalibrationState,
  type CalibrationState,
} from '../core/safety';
import { SPORT_INFO, teamTotalSide, type Sport } from '../core/sports';
import {
  applyFinalScores,
  slateDates,
  ungradedPicks,
  upsertCalibrationDaily,
  upsertPickResults,
  windowResults,
  windowTotals,
} from '../db/repositories/calibration';
import { latestCalibrationBefore } from '../db/repositories/pipeline';
import type { Database } from '../db/schema';
import { OddsApiClient } from '../odds/client';
import { badInput } from './errors';
import type { ActivityDeps } from './slate';
import { requireSlateKey } from './validate';

/** Rolling window of the daily job per sport, in days (≈ 3–4 football weeks, 2 weeks otherwise). */
export const CALIBRATION_WINDOW_DAYS: Readonly<Record<Sport, number>> = {
  nfl: 28,
  ncaaf: 28,
  nba: 14,
  ncaab: 14,
  mlb: 14,
  nhl: 14,
};

export interface CalibrateInput {
  sport: string;
  /** The day whose results close the window (the job at 02:00 calibrates yesterday). */
  date: string;
  /** `history` (scores already imported) or `odds-api` (`/scores`). */
  scores: 'history' | 'odds-api';
}

export interface CalibrateSummary {
  sport: string;
  date: string;
  scoresUpdated: number;
  graded: number;
  games: number;
  offset: number;
  dampFactor: number;
  overRateLeans: number | null;
  biasVsActual: number | null;
  triggers: string[];
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function createCalibrationActivities(deps: ActivityDeps) {
  const { db } = deps;

  async function ingestScores(sport: Sport): Promise<number> {
    if (!deps.oddsApi?.apiKey)
      throw badInput(
        'ODDS_API_KEY is not set on the worker; odds-api scores need it',
        'MissingApiKey',
      );
    const client = new OddsApiClient({
      baseUrl: deps.oddsApi.baseUrl,
      apiKey: deps.oddsApi.apiKey,
    });
    const response = await client.getScores(SPORT_INFO[sport].oddsApiKey, { daysFrom: 3 });
    const { finals } = normalizeScores(sport, response.body);
    return applyFinalScores(db, Object.values(finals));
  }

  return {
    async calibrateSport(input: CalibrateInput): Promise<CalibrateSummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const scoresUpdated = input.scores === 'odds-api' ? await ingestScores(sport) : 0;
      const graded = await gradeUpTo(db, sport, date);

      const windowDays = CALIBRATION_WINDOW_DAYS[sport];
      const from = addDays(date, -(windowDays - 1));
      const [totals, results] = await Promise.all([
        windowTotals(db, sport, from, date),
        windowResults(db, sport, from, date),
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
      const prevRow = await latestCalibrationBefore(db, sport, date);
      const prev: CalibrationState = prevRow
        ? {
            offset: prevRow.offset,
            dampFactor: prevRow.damp_factor,
            asOfDate: prevRow.date,
            sourceRowId: `${prevRow.sport}/${prevRow.date}`,
            triggers: [],
          }
        : NEUTRAL_CALIBRATION_STATE;
      const config = effectiveConfig(sport, deps.flags, ITERATIONS.min);
      const next = nextCalibrationState(
        prev,
        {
          date,
          sourceRowId: `${sport}/${date}`,
          games: m.games,
          bias: m.biasVsActual,
          biasBasis: 'raw',
          overRate: m.overRateLeans,
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
      });
      return {
        sport,
        date,
        scoresUpdated,
        graded,
        games: m.games,
        offset: next.offset,
        dampFactor: next.dampFactor,
        overRateLeans: m.overRateLeans,
        biasVsActual: m.biasVsActual,
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
      const done = await db
        .selectFrom('slate_runs')
        .select('slate_date')
        .where('sport', '=', sport)
        .where('status', '=', 'completed')
        .where('run_id', 'like', `${input.runIdPrefix}%`)
        .where('slate_date', '>=', from)
        .where('slate_date', '<=', input.to)
        .execute();
      const completed = new Set(done.map((d) => d.slate_date));
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
