/**
 * The daily calibration step (R11): ingest final scores, grade published picks, measure the
 * rolling window and write the sport's `calibration_daily` row that the next slate reads. The
 * numbers and the row come from core/pipeline/ (daily-calibration.ts, grade-picks.ts,
 * live-grading.ts); this file loads and persists.
 */
import type { Kysely } from 'kysely';
import { calibrationChain, type EffectiveConfig } from '../core/effective-config';
import {
  calibrationRunConfig,
  calibrationWindows,
  dailyCalibration,
  gradePicks,
  gradesLiveScores,
  type CalibrateSummary,
} from '../core/pipeline';
import type { Sport } from '../core/sports';
import {
  calibrationStateBefore,
  skillSums,
  slateDates,
  upsertCalibrationDaily,
  windowResults,
  windowTotals,
} from '../db/repositories/calibration';
import { ungradedPicks, upsertPickResults } from '../db/repositories/grading';
import { unfinishedSlateDates } from '../db/repositories/slates';
import { analyzeStaleTables } from '../db/repositories/statistics';
import type { Database } from '../db/schema';
import { ingestLiveScores } from './live-scores';
import type { ActivityDeps } from './slate';
import { requireSlateKey } from './validate';

export { SCORES_DAYS_FROM, type CalibrateSummary, type LiveScoresSummary } from '../core/pipeline';

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

export function createCalibrationActivities(deps: ActivityDeps) {
  const { db } = deps;

  return {
    async calibrateSport(input: CalibrateInput): Promise<CalibrateSummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = calibrationRunConfig(sport, input.config);
      const chain = calibrationChain(config, input.runKind ?? 'scheduled', false);
      // Every date of a backfill passes here: the tables it reads have grown since the last.
      await analyzeStaleTables(db);
      // Live scores grade production's live picks; a backfill grades from imported results.
      const live = gradesLiveScores(chain) ? await ingestLiveScores(deps, sport, date) : null;
      const graded = await gradeUpTo(db, sport, date);
      const windows = calibrationWindows(date, config);
      const [totals, results] = await Promise.all([
        windowTotals(db, sport, windows.from, date, chain),
        windowResults(db, sport, windows.from, date, chain),
      ]);
      const prev = await calibrationStateBefore(db, sport, date, chain);
      const sums = await skillSums(db, sport, windows.skill, chain);
      const { row, summary } = dailyCalibration({
        sport,
        date,
        chain,
        config,
        totals,
        results,
        prev,
        skillSums: sums,
        live,
        graded,
      });
      await upsertCalibrationDaily(db, row);
      return summary;
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
      return unfinishedSlateDates(db, {
        sport,
        from,
        to: input.to,
        runIdPrefix: input.runIdPrefix,
      });
    },
  };
}

/** Grades every gradable published pick on slates up to `date`; returns how many. */
async function gradeUpTo(db: Kysely<Database>, sport: Sport, date: string): Promise<number> {
  const results = gradePicks(await ungradedPicks(db, sport, date));
  await upsertPickResults(db, results);
  return results.length;
}
