/**
 * The slate run as pure functions from inputs to decisions (SPEC §3). Each file is named after
 * what it decides; activities only load, call these, and persist.
 *
 * | step | requirement | file |
 * |---|---|---|
 * | as-of time, live or replay | R2, R3 (no look-ahead) | as-of.ts |
 * | verify lines | R2 | verify-slate.ts |
 * | priced lines → engine request | R2b | select-lines.ts |
 * | ratings and baseline | R3 | project-slate.ts |
 * | decomposition + reality check | R5, R6 | decompose-slate.ts |
 * | safety-stack inputs, L4 reference | R7 | safety-inputs.ts |
 * | audit rows and version stamp | R8, R9 | audit-rows.ts |
 */
export { historyAsOf, runAsOf, type AsOfInput } from './as-of';
export {
  blockedAuditRow,
  auditRow,
  slateAuditRows,
  stampRow,
  versionStampFor,
  type RunVersions,
} from './audit-rows';
export { decomposeSlate } from './decompose-slate';
export { projectGames, ratingsWindowStart } from './project-slate';
export { safetyInputs, varianceStats } from './safety-inputs';
export { simRequestFor, verifiedLines } from './select-lines';
export type { AuditRow, StoredGameInput, StoredLineCheck } from './stored-rows';
export { verdictSummary, verifySlateLines, type VerifySlateInput } from './verify-slate';
