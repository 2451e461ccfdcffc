/**
 * DailyCalibrationWorkflow (R11): for every sport, ingest live final scores where live runs
 * priced games (`/scores`; history picks grade from imported results), grade picks and write
 * the `calibration_daily` row the next slate reads. Started by the `daily-calibration`
 * Schedule at 02:00 America/New_York for "yesterday", or by hand for any date.
 */
import { proxyActivities, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CalibrateSummary } from '../activities/calibration';
import { addDays, utcToEasternDate } from '../core/calendar';
import { ALL_SPORTS } from './shared';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

export interface DailyCalibrationInput {
  /** Default: all six sports. */
  sports?: string[];
  /** Day whose results close the window; default yesterday in New York at the start time. */
  date?: string;
}

export interface DailyCalibrationResult {
  date: string;
  sports: CalibrateSummary[];
}

export async function DailyCalibrationWorkflow(
  input: DailyCalibrationInput = {},
): Promise<DailyCalibrationResult> {
  const date = input.date ?? addDays(utcToEasternDate(workflowInfo().startTime), -1);
  const sports = input.sports ?? [...ALL_SPORTS];
  setCurrentDetails(`calibrating ${sports.join(', ')} for results through ${date}`);
  const results = await Promise.all(sports.map((sport) => acts.calibrateSport({ sport, date })));
  setCurrentDetails(
    results
      .map(
        (r) =>
          `${r.sport}: graded ${r.graded}, games ${r.games}, offset ${r.offset}, damp ${r.dampFactor}`,
      )
      .join('\n'),
  );
  return { date, sports: results };
}
