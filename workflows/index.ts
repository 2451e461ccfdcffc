/** Entry point bundled by the worker: every workflow type it serves. */
export { SlateWorkflow, slateProgressQuery } from './slate';
export { BackfillWorkflow, backfillProgressQuery } from './backfill';
export { DailyCalibrationWorkflow } from './calibration';
export { ScheduledSlateWorkflow } from './scheduled-slate';
