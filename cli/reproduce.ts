/**
 * `beatvegas reproduce --pick ID` (R9): re-runs a pick's whole slate from what the run stored —
 * engine inputs, verified lines, seed, iterations, league baseline, calibration inputs — with
 * today's code, and reports whether the simulation and the decision are identical, or the first
 * difference. The slate, not only the game, is re-run because the slate guard looks across it.
 */
import type { Kysely } from 'kysely';
import type { CalibrationInputs } from '../activities/pricing';
import { safetyInputs, simRequestFor } from '../activities/pricing';
import { ITERATIONS, flagsFromEnv } from '../core/config';
import { effectiveConfig, effectiveConfigHash } from '../core/effective-config';
import { classifySlate, NEUTRAL_CALIBRATION_STATE } from '../core/safety';
import { simulateGame } from '../core/sim/engine';
import type { SimRequest } from '../core/sim/types';
import type { SimSummary } from '../core/simulation-types';
import { isSport } from '../core/sports';
import { gameInputsForRun, runBaseline, simulationsForRun } from '../db/repositories/pipeline';
import { lineChecksForRun } from '../db/repositories/slates';
import type { Database } from '../db/schema';
import { collectVersions } from '../worker/versions';
import { UsageError } from './usage';

export interface Reproduction {
  pickId: string;
  runId: string;
  gameId: string;
  market: string;
  identical: boolean;
  /** First differing field, path in dotted form, with stored and reproduced values. */
  firstDifference: { path: string; stored: unknown; reproduced: unknown } | null;
  stamps: {
    modelHash: { stored: string | null; current: string };
    configHash: { stored: string | null; current: string };
    gitCommit: { stored: string | null; current: string };
  };
}

/** Path and values of the first difference between two JSON-like values, or null. */
export function firstDifference(
  a: unknown,
  b: unknown,
  path = '',
): Reproduction['firstDifference'] {
  if (Object.is(a, b)) return null;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return { path: path || '(root)', stored: a, reproduced: b };
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
    );
    if (d) return d;
  }
  return null;
}

export async function reproducePick(db: Kysely<Database>, pickId: string): Promise<Reproduction> {
  if (!/^\d+$/.test(pickId))
    throw new UsageError(`--pick: ${JSON.stringify(pickId)} is not a pick_audit id`);
  const pick = await db
    .selectFrom('pick_audit')
    .selectAll()
    .where('id', '=', pickId)
    .executeTakeFirst();
  if (!pick) throw new UsageError(`--pick: no pick_audit row with id ${pickId}`);
  const run = await db
    .selectFrom('slate_runs')
    .selectAll()
    .where('run_id', '=', pick.run_id)
    .executeTakeFirstOrThrow();
  if (!isSport(run.sport)) throw new Error(`run ${run.run_id} has unknown sport ${run.sport}`);
  const sport = run.sport;
  const iterations = run.iterations ?? ITERATIONS.live;
  const seed = run.seed ?? run.run_id;
  const [checks, stored, baseline, inputs] = await Promise.all([
    lineChecksForRun(db, run.run_id),
    simulationsForRun(db, run.run_id),
    runBaseline(db, run.run_id),
    gameInputsForRun(db, run.run_id),
  ]);

  const reproducedSims: SimSummary[] = inputs.map((row) =>
    simulateGame(
      simRequestFor(
        sport,
        row.game_id,
        seed,
        iterations,
        row.inputs as unknown as SimRequest['inputs'],
        checks,
      ),
    ),
  );
  const storedSim = stored.find((s) => s.gameId === pick.game_id) ?? null;
  const reproducedSim = reproducedSims.find((s) => s.gameId === pick.game_id) ?? null;

  const flags = {
    ...flagsFromEnv(process.env),
    ...run.flags,
  };
  const config = effectiveConfig(sport, flags, iterations);
  const cal = (run.summary as { calibrationInputs?: CalibrationInputs }).calibrationInputs;
  const result = classifySlate(
    {
      sport,
      slateDate: run.slate_date,
      calibration: cal?.calibration ?? NEUTRAL_CALIBRATION_STATE,
      variance: cal?.variance ?? null,
      games: safetyInputs(sport, checks, reproducedSims, baseline, inputs, config.safety),
    },
    config.safety,
  );
  const decision = result.picks.find(
    (d) =>
      d.gameId === pick.game_id && d.market === pick.market_type && d.lineKey === pick.line_key,
  );
  const pricing = decision?.pricing ?? null;
  const storedDecision = {
    state: pick.state,
    side: pick.side,
    edgePp: pick.edge_pp,
    confidence: pick.confidence,
    modelProb: pick.model_prob,
    reasons: pick.reasons,
    triggers: pick.triggers,
  };
  const reproducedDecision = decision
    ? {
        state: decision.state,
        side: pricing?.side ?? null,
        edgePp: pricing?.edgePp ?? null,
        confidence: pricing?.confidence ?? null,
        modelProb: pricing?.modelProbCalibrated ?? null,
        reasons: [...decision.reasons],
        triggers: [...decision.triggers],
      }
    : null;
  // A market R2 blocked and the stack does not price (h2h) has no decision: its row is the block.
  const diff =
    firstDifference(storedSim, reproducedSim, 'simulation') ??
    (reproducedDecision === null && pick.state === 'NO_PLAY' && pick.model_prob === null
      ? null
      : firstDifference(storedDecision, reproducedDecision, 'decision'));
  const versions = collectVersions();
  return {
    pickId,
    runId: run.run_id,
    gameId: pick.game_id,
    market: pick.market_type,
    identical: diff === null,
    firstDifference: diff,
    stamps: {
      modelHash: { stored: pick.model_hash, current: versions.modelHash(sport) },
      configHash: { stored: pick.config_hash, current: effectiveConfigHash(config) },
      gitCommit: { stored: pick.git_commit, current: versions.gitCommit },
    },
  };
}
