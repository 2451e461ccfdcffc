/**
 * The slate run and the daily calibration as pure functions from inputs to decisions (SPEC §3).
 * Each file is named after what it decides; activities only load, call these, and persist.
 *
 * | step | requirement | file |
 * |---|---|---|
 * | the configuration a run starts with | R9, R10 | run-config.ts |
 * | as-of time, live or replay | R2, R3 (no look-ahead) | as-of.ts |
 * | what the fetch step hands on | R1, R2 | fetch-result.ts |
 * | what the run's row records | R9, R15 | run-record.ts |
 * | verify lines | R2 | verify-slate.ts |
 * | iterations a run may simulate | R4 | iterations.ts |
 * | priced lines → engine request | R2b | select-lines.ts |
 * | ratings and baseline | R3 | project-slate.ts |
 * | decomposition + reality check | R5, R6 | decompose-slate.ts |
 * | calibration a slate reads | R7 L2, L4, R11 | calibration-inputs.ts |
 * | safety-stack inputs, L4 reference | R7 | safety-inputs.ts |
 * | classify, stamp, audit rows of a run | R7–R9 | run-decisions.ts |
 * | audit rows and version stamp | R8, R9 | audit-rows.ts |
 * | live games' `/scores` | R11 | live-grading.ts |
 * | grades of published picks | R11 | grade-picks.ts |
 * | the day's calibration of a chain | R11 | daily-calibration.ts |
 */
export { fetchedRunAsOf, historyAsOf, runAsOf, type AsOfInput } from './as-of';
export {
  blockedAuditRow,
  auditRow,
  slateAuditRows,
  stampRow,
  stampSummary,
  versionStampFor,
  type RunVersions,
} from './audit-rows';
export { calibrationInputs, calibrationReads, type CalibrationReads } from './calibration-inputs';
export {
  calibrationRowId,
  calibrationWindows,
  dailyCalibration,
  gradesLiveScores,
  type CalibrateSummary,
  type DailyCalibrationInput,
} from './daily-calibration';
export { decomposeSlate, decomposeSummary, MissingBaselineError } from './decompose-slate';
export {
  fetchesOdds,
  fetchResult,
  type FetchedQuota,
  type LineSource,
  type StoredFetch,
} from './fetch-result';
export { gradePicks, type PickGrade } from './grade-picks';
export { checkIterations, InvalidIterationsError } from './iterations';
export {
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
  type ScoresRead,
} from './live-grading';
export { gamesToProject, projectGames, ratingsSummary, ratingsWindowStart } from './project-slate';
export {
  calibrationRunConfig,
  configKindOf,
  startingRunConfig,
  type StartingConfigRequest,
} from './run-config';
export { classifyRun, decideRun, loudWarnings, type RunDecisionsInput } from './run-decisions';
export {
  completedRunUpdate,
  failedRunUpdate,
  fetchedRunUpdate,
  persistSummary,
  runStartRecord,
  verifiedRunUpdate,
  type AuditCounts,
} from './run-record';
export { safetyInputs, varianceStats } from './safety-inputs';
export { simRequestFor, simRequestsFor, verifiedLines } from './select-lines';
export type {
  AuditRow,
  StoredEngineInput,
  StoredGameInput,
  StoredLineCheck,
  StoredLiveGame,
  StoredUngradedPick,
  StoredWindowTotal,
} from './stored-rows';
export {
  verdictSummary,
  verifySlate,
  verifySlateLines,
  type VerifySlateInput,
} from './verify-slate';
