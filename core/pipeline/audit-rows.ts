/**
 * R8, R9: the `pick_audit` rows of a run — one per decision of the safety stack, one NO_PLAY per
 * market R2 blocked that the stack does not price — each written once, already stamped with the
 * run's versions.
 */
import { effectiveConfigHash, type EffectiveConfig } from '../effective-config';
import type { StampSummary } from '../run-summaries';
import type { ClassifySlateResult, PickDecision } from '../safety';
import type { Sport } from '../sports';
import { buildVersionStamp, type VersionStamp } from '../versioning';
import type { AuditRow, StoredLineCheck } from './stored-rows';

/** What the worker running a step knows of its own versions (R9). */
export interface RunVersions {
  readonly node: string;
  readonly sdk: string | null;
  readonly gitCommit: string;
  readonly gitDirty: boolean | null;
  /** Simulation code + parameters of a sport. */
  modelHash(sport: Sport): string;
}

/** NO_PLAY row for a market that R2 blocked and the safety stack does not price. */
export function blockedAuditRow(
  runId: string,
  sport: string,
  slateDate: string,
  c: StoredLineCheck,
): AuditRow {
  return {
    run_id: runId,
    game_id: c.game_id,
    sport,
    slate_date: slateDate,
    market_type: c.market,
    line_key: c.line_key,
    line: c.consensus_point,
    side: null,
    price: null,
    state: 'NO_PLAY',
    parlay_eligible: false,
    publish_decision: false,
    model_prob: null,
    market_prob: null,
    edge_pp: null,
    ev: null,
    confidence: null,
    projection: null,
    reasons: [...c.reasons],
    triggers: [],
    layers: JSON.stringify([]),
    model_hash: null,
    config_hash: null,
    git_commit: null,
    seed: null,
    iterations: null,
    versions: JSON.stringify({ transition: 'T1_HARD_BLOCK', notes: c.notes }),
  };
}

/** One `pick_audit` row from a decision (unstamped; see {@link stampRow}). */
export function auditRow(
  runId: string,
  slateDate: string,
  d: PickDecision,
  seed: string,
  iterations: number,
): AuditRow {
  const p = d.pricing;
  return {
    run_id: runId,
    game_id: d.gameId,
    sport: d.sport,
    slate_date: slateDate,
    market_type: d.market,
    line_key: d.lineKey,
    line: p ? p.sideLine : d.line,
    side: p ? p.side : null,
    price: p ? p.price : null,
    state: d.state,
    parlay_eligible: d.parlayEligible,
    publish_decision: d.publishDecision,
    model_prob: p ? p.modelProbCalibrated : null,
    market_prob: p ? p.marketProbNoVig : null,
    edge_pp: p ? p.edgePp : null,
    ev: p ? p.ev : null,
    confidence: p ? p.confidence : null,
    projection: p ? p.projectionCalibrated : null,
    reasons: [...d.reasons],
    triggers: [...d.triggers],
    layers: JSON.stringify(d.layers),
    model_hash: null,
    config_hash: null,
    git_commit: null,
    seed,
    iterations,
    versions: JSON.stringify({
      transition: d.transition,
      adjustments: d.adjustments,
      notes: d.notes,
      modelProbRaw: p?.modelProbRaw ?? null,
      modelProbCorrected: p?.modelProbCorrected ?? null,
      skillWeight: p?.skillWeight ?? null,
      baseRateShift: p?.baseRateShift ?? null,
      projectionRaw: p?.projectionRaw ?? null,
      pushProb: p?.pushProb ?? null,
    }),
  };
}

/** The run's version stamp (R9): model, whole-config hash, code, seed, iterations, triggers. */
export function versionStampFor(
  versions: RunVersions,
  sport: Sport,
  config: EffectiveConfig,
  seed: string,
  iterations: number,
  triggers: readonly string[],
): VersionStamp {
  return buildVersionStamp({
    modelHash: versions.modelHash(sport),
    configHash: effectiveConfigHash(config),
    gitCommit: versions.gitCommit,
    gitDirty: versions.gitDirty,
    seed,
    iterations,
    sdkVersion: versions.sdk ?? 'unknown',
    nodeVersion: versions.node,
    triggers: [...new Set(triggers)].sort() as VersionStamp['triggers'],
  });
}

/** What the stamp-versions step reports of the run's stamp. */
export function stampSummary(stamp: VersionStamp): StampSummary {
  return {
    modelHash: stamp.modelHash,
    configHash: stamp.configHash,
    gitCommit: stamp.gitCommit,
    gitDirty: stamp.gitDirty,
  };
}

/** An audit row with the run's stamp on it. */
export function stampRow(row: AuditRow, stamp: VersionStamp): AuditRow {
  const versions = JSON.parse(row.versions) as Record<string, unknown>;
  return {
    ...row,
    model_hash: stamp.modelHash,
    config_hash: stamp.configHash,
    git_commit: stamp.gitCommit,
    seed: stamp.seed,
    iterations: stamp.iterations,
    versions: JSON.stringify({ ...versions, stamp }),
  };
}

/**
 * Every audit row of a classified slate, stamped: the decisions, then a NO_PLAY row for each
 * market R2 blocked that the stack did not decide (h2h). Also the count per state.
 */
export function slateAuditRows(q: {
  runId: string;
  sport: Sport;
  slateDate: string;
  result: Pick<ClassifySlateResult, 'picks'>;
  checks: readonly StoredLineCheck[];
  seed: string;
  iterations: number;
  stamp: VersionStamp;
}): { rows: AuditRow[]; states: Record<AuditRow['state'], number> } {
  const rows = q.result.picks.map((d) => auditRow(q.runId, q.slateDate, d, q.seed, q.iterations));
  const decided = new Set(q.result.picks.map((d) => `${d.gameId}|${d.market}|${d.lineKey}`));
  for (const c of q.checks) {
    if (c.ok || decided.has(`${c.game_id}|${c.market}|${c.line_key}`)) continue;
    rows.push(blockedAuditRow(q.runId, q.sport, q.slateDate, c));
  }
  const states = { PICK: 0, LEAN: 0, NO_PLAY: 0 };
  for (const r of rows) states[r.state] += 1;
  return { rows: rows.map((r) => stampRow(r, q.stamp)), states };
}
