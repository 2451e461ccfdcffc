/**
 * The pricing steps of the slate run (SPEC §3, R3–R9): load ratings → simulate → decompose
 * (+RCL) → calibrate → classify → stamp versions. Thin adapters: the numbers come from `core/`,
 * the rows go to Postgres through `db/`, and only counts and small records go back to the
 * workflow.
 */
import { heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { ITERATIONS } from '../core/config';
import { effectiveConfigHash, type EffectiveConfig } from '../core/effective-config';
import { leagueBaseline } from '../core/ratings/baseline';
import { computeRatings } from '../core/ratings/compute';
import type { RatingsConfig } from '../core/ratings/types';
import { projectGame } from '../core/ratings/project';
import {
  NEUTRAL_CALIBRATION_STATE,
  checkRclForSummary,
  classifySlate,
  tryDecomposeGame,
  type CalibrationState,
  type GameSafetyInput,
  type PickDecision,
  type SafetyConfig,
  type VarianceStats,
} from '../core/safety';
import { ENGINES } from '../core/sim/engine';
import { SimInputError, type SegmentRequest, type SimRequest } from '../core/sim/types';
import type { LeagueBaseline, SimSummary } from '../core/simulation-types';
import { DERIVATIVE_MARKETS, teamTotalSide, type Sport, type TeamSide } from '../core/sports';
import type { BlockReason } from '../core/types';
import { buildVersionStamp, type VersionStamp } from '../core/versioning';
import { gamesOnDate, rowToGame } from '../db/repositories/games';
import {
  closingLinesBetween,
  finalGamesBetween,
  gameInputsForRun,
  historyStartBefore,
  insertDecompositionLogs,
  insertGameInputs,
  insertSimulations,
  calibrationStateBefore,
  recentSimulatedSds,
  runBaseline,
  setRunBaseline,
  simulationsForRun,
} from '../db/repositories/pipeline';
import {
  insertPickAudit,
  lineChecksForRun,
  runChain,
  stampRun,
  type PickAuditInsert,
} from '../db/repositories/slates';
import type { Database } from '../db/schema';
import type { LineCheckRow } from '../db/schema';
import type {
  CalibrationInputs,
  ClassifySummary,
  DecomposeSummary,
  RatingsSummary,
  SimulateSummary,
  StampSummary,
} from '../core/run-summaries';
import { runConfig, type ActivityDeps, type ConfiguredRef, type RunRef } from './slate';

export type {
  CalibrationInputs,
  ClassifySummary,
  DecomposeSummary,
  RatingsSummary,
  SimulateSummary,
  StampSummary,
};
import { badInput } from './errors';
import { requireSlateKey } from './validate';

const DAY_MS = 86_400_000;

/** Simulation runs on its own task queue, so it gets its own dependencies. */
export interface SimDeps {
  db: Kysely<Database>;
  pool: { simulate(request: SimRequest): Promise<SimSummary> };
  /** Model hash per sport (simulation code + parameters, R9). */
  modelHash(sport: Sport): string;
}

function meanSd(xs: readonly number[]): { mean: number; sd: number; n: number } {
  const n = xs.length;
  const mean = n === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

function okChecks(checks: readonly LineCheckRow[], gameId: string): LineCheckRow[] {
  return checks.filter((c) => c.game_id === gameId && c.ok && c.consensus_point !== null);
}

/**
 * Builds the engine request for one game from its inputs and its verified lines only (R2b):
 * full-game totals (main first, then alternates), spreads, the derivative segments the sport's
 * engine simulates, and team totals per side. A team-total line whose lineKey names no side is
 * left out here and rejected by classification (UNATTRIBUTED_TEAM_TOTAL), never guessed.
 */
export function simRequestFor(
  sport: Sport,
  gameId: string,
  seed: string,
  iterations: number,
  inputs: SimRequest['inputs'],
  checks: readonly LineCheckRow[],
): SimRequest {
  const ok = okChecks(checks, gameId);
  const points = (market: string): number[] =>
    ok.filter((c) => c.market === market).map((c) => c.consensus_point!);
  const segments = ENGINES[sport].segments;
  const derivatives: SegmentRequest[] = [];
  for (const market of DERIVATIVE_MARKETS) {
    if (!(market in segments)) continue;
    const lines = points(market);
    if (lines.length > 0) derivatives.push({ market: market, totalLines: lines });
  }
  const team: Record<TeamSide, number[]> = { home: [], away: [] };
  for (const c of ok) {
    if (c.market !== 'team_totals') continue;
    const side = teamTotalSide(c.line_key);
    if (side !== null) team[side].push(c.consensus_point!);
  }
  const hasTeamTotals = team.home.length + team.away.length > 0;
  // The main total first: it drives the Monte Carlo standard error (R7 L1).
  return {
    sport,
    gameId,
    seed,
    iterations,
    inputs,
    totalLines: [...new Set([...points('totals'), ...points('alternate_totals')])],
    spreadLines: [...new Set(points('spreads'))],
    ...(derivatives.length > 0 ? { derivatives } : {}),
    ...(hasTeamTotals
      ? { teamTotalLines: { home: [...new Set(team.home)], away: [...new Set(team.away)] } }
      : {}),
  };
}

/** Step "simulate", registered on the `beatvegas-sim` task queue. */
export function createSimActivities(deps: SimDeps) {
  return {
    async simulateSlate(
      input: RunRef & { seed: string; iterations: number },
    ): Promise<SimulateSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      if (
        !Number.isInteger(input.iterations) ||
        input.iterations < ITERATIONS.min ||
        input.iterations > ITERATIONS.max
      ) {
        throw badInput(
          `iterations ${input.iterations} outside ${ITERATIONS.min}–${ITERATIONS.max}`,
          'InvalidIterations',
        );
      }
      const [inputs, checks] = await Promise.all([
        gameInputsForRun(deps.db, input.runId),
        lineChecksForRun(deps.db, input.runId),
      ]);
      const requests = inputs.map((row) =>
        simRequestFor(
          sport,
          row.game_id,
          input.seed,
          input.iterations,
          row.inputs as unknown as SimRequest['inputs'],
          checks,
        ),
      );
      const modelHash = deps.modelHash(sport);
      let done = 0;
      let summaries: SimSummary[];
      try {
        summaries = await Promise.all(
          requests.map(async (request) => {
            const summary = await deps.pool.simulate(request);
            done += 1;
            heartbeat({ done, of: requests.length });
            return summary;
          }),
        );
      } catch (error) {
        if (error instanceof SimInputError) {
          throw ApplicationFailure.create({
            message: error.message,
            type: 'SimInputError',
            nonRetryable: true,
          });
        }
        throw error;
      }
      await insertSimulations(
        deps.db,
        input.runId,
        summaries.map((summary) => ({ summary, modelHash })),
      );
      return { simulated: summaries.length, modelHash };
    },
  };
}

/**
 * Point-in-time engine inputs of a slate's games (R3): ratings from the games final before
 * `asOf` (reaching back to the newest seasons with data), the league baseline, and each game's
 * projection. The load-ratings step and `reproduce` both use it, so a reproduction recomputes
 * exactly what the run computed.
 */
export async function projectSlate(
  db: Kysely<Database>,
  sport: Sport,
  date: string,
  asOf: string,
  gameIds: readonly string[],
  config: RatingsConfig,
) {
  const recent = new Date(
    Date.parse(asOf) - (config.lookbackSeasons + 1) * 366 * DAY_MS,
  ).toISOString();
  // Where history stops seasons before the slate, reach back to its newest seasons.
  const oldest = await historyStartBefore(db, sport, asOf, config.lookbackSeasons + 1);
  const from = oldest !== null && oldest < recent ? oldest : recent;
  const [history, quotes, slate] = await Promise.all([
    finalGamesBetween(db, sport, from, asOf),
    closingLinesBetween(db, sport, from, asOf),
    gamesOnDate(db, sport, date),
  ]);
  const wanted = new Set(gameIds);
  const games = slate.map(rowToGame).filter((g) => wanted.has(g.gameId));
  const season = games[0]?.season;
  const options = { quotes, ...(season !== undefined ? { season } : {}) };
  const snapshot = computeRatings(sport, history, asOf, config, options);
  const baseline = leagueBaseline(sport, history, asOf, config, snapshot, options);
  let lowSample = 0;
  let clamped = 0;
  const rows = games.map((g) => {
    const p = projectGame(snapshot, g.homeTeam, g.awayTeam, g.neutralSite);
    if (p.lowSample) lowSample += 1;
    if (p.clamped) clamped += 1;
    return {
      gameId: g.gameId,
      inputs: { ...p.inputs },
      homeSample: p.homeGames,
      awaySample: p.awayGames,
    };
  });
  return { rows, baseline, historyGames: history.length, lowSample, clamped };
}

/** Steps on the orchestration queue (I/O-bound, short). */
export function createPricingActivities(deps: ActivityDeps) {
  const { db } = deps;

  return {
    /**
     * Step "load ratings" (R3): point-in-time ratings from games that finished before the run's
     * as-of, the league baseline, and each priceable game's engine inputs.
     */
    async loadRatings(
      input: ConfiguredRef & { asOf: string; gameIds: string[] },
    ): Promise<RatingsSummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const { rows, baseline, historyGames, lowSample, clamped } = await projectSlate(
        db,
        sport,
        date,
        input.asOf,
        input.gameIds,
        runConfig(input).ratings,
      );
      await insertGameInputs(db, input.runId, sport, rows);
      await setRunBaseline(db, input.runId, baseline);
      return {
        games: rows.length,
        historyGames,
        lowSample,
        clamped,
        baselineTotal: baseline.totalMean,
      };
    },

    /**
     * Step "decompose (+RCL)" (R5, R6): pace/efficiency split and reality check of every
     * simulated game, logged to `decomposition_logs` unless ENABLE_DECOMPOSITION_LOGGING is off.
     */
    async decomposeSlate(input: ConfiguredRef): Promise<DecomposeSummary> {
      const { date } = requireSlateKey(input.sport, input.date);
      const safety = runConfig(input).safety;
      const [sims, baseline] = await Promise.all([
        simulationsForRun(db, input.runId),
        runBaseline(db, input.runId),
      ]);
      if (sims.length > 0 && baseline === null) {
        throw badInput(
          `run ${input.runId} has simulations but no league baseline`,
          'MissingBaseline',
        );
      }
      const outcomes = sims.map((sim) => ({
        sim,
        decomposition: tryDecomposeGame(sim, baseline!, safety),
      }));
      // A game whose summary cannot be decomposed is blocked by classify (the same check runs
      // there); it is not logged, and the slate goes on.
      const inputErrors = outcomes.filter((o) => !o.decomposition.ok);
      for (const o of inputErrors)
        if (!o.decomposition.ok)
          deps.logger?.warn(
            `${input.runId}: DECOMPOSITION_INPUT_ERROR ${o.sim.gameId}: ${o.decomposition.problems.join('; ')}`,
          );
      const rows = outcomes.flatMap((o) =>
        o.decomposition.ok
          ? [
              {
                decomposition: o.decomposition.result,
                rcl: checkRclForSummary(o.sim, baseline!, safety),
              },
            ]
          : [],
      );
      const logged = safety.flags.ENABLE_DECOMPOSITION_LOGGING;
      if (logged) await insertDecompositionLogs(db, input.runId, date, rows);
      else
        deps.logger?.warn(
          `ENABLE_DECOMPOSITION_LOGGING is OFF: run ${input.runId} writes no decomposition logs`,
        );
      const count = (flag: string) =>
        rows.filter((r) => (r.decomposition.flags as readonly string[]).includes(flag)).length;
      return {
        games: rows.length,
        logged,
        doubleCounting: count('DOUBLE_COUNTING_LIKELY'),
        paceOutliers: count('PACE_OUTLIER'),
        efficiencyOutliers: count('EFFICIENCY_OUTLIER'),
        rclFail: rows.filter((r) => !r.rcl.passed).length,
        inputErrors: inputErrors.length,
      };
    },

    /**
     * Step "calibrate" inputs (R7 L2, L4, R11): the newest daily calibration before the slate
     * and the recent distribution of simulated SDs.
     */
    async loadCalibration(input: ConfiguredRef): Promise<CalibrationInputs> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const chain = (await runChain(db, input.runId))?.chain ?? 'production';
      // A research run without a chain of its own yet reads production's; a backfill only ever
      // reads its own chain (deterministic, and blind to what production learned since).
      const calibration: CalibrationState =
        (await calibrationStateBefore(db, sport, date, chain)) ??
        (chain.startsWith('research:')
          ? await calibrationStateBefore(db, sport, date, 'production')
          : undefined) ??
        NEUTRAL_CALIBRATION_STATE;
      const sds = await recentSimulatedSds(db, sport, date, config.varianceWindow, chain);
      const variance: VarianceStats | null =
        sds.length === 0
          ? null
          : {
              totalSd: meanSd(sds.map((r) => r.total_sd)),
              marginSd: meanSd(sds.map((r) => r.margin_sd)),
            };
      return { calibration, variance };
    },

    /**
     * Steps "calibrate" + "classify" (R7, R8): the five layers, the slate guard and the state
     * machine over every verified line; one `pick_audit` row per (game, market, line).
     */
    async classifySlate(
      input: ConfiguredRef & CalibrationInputs & { iterations: number; seed: string },
    ): Promise<ClassifySummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const [checks, sims, baseline, inputs] = await Promise.all([
        lineChecksForRun(db, input.runId),
        simulationsForRun(db, input.runId),
        runBaseline(db, input.runId),
        gameInputsForRun(db, input.runId),
      ]);
      const games = safetyInputs(sport, checks, sims, baseline, inputs, config.safety);
      const result = classifySlate(
        { sport, slateDate: date, calibration: input.calibration, variance: input.variance, games },
        config.safety,
      );
      // Moneylines are never priced by design; everything else the stack warns about is loud.
      for (const w of result.warnings)
        if (w.code !== 'H2H_NOT_PRICED')
          deps.logger?.warn(`${input.runId}: ${w.code}: ${w.message}`);
      const rows = result.picks.map((d) =>
        auditRow(input.runId, date, d, input.seed, input.iterations),
      );
      // Markets the stack does not price (h2h) still get their NO_PLAY row when R2 blocked them.
      const decided = new Set(result.picks.map((d) => `${d.gameId}|${d.market}|${d.lineKey}`));
      for (const c of checks) {
        if (c.ok || decided.has(`${c.game_id}|${c.market}|${c.line_key}`)) continue;
        rows.push(blockedAuditRow(input.runId, sport, date, c));
      }
      // Rows are written once, already stamped (R9): nothing updates them afterwards.
      const stamp = versionStampFor(deps, sport, config, input.seed, input.iterations, [
        ...result.triggers,
      ]);
      await insertPickAudit(
        db,
        rows.map((r) => stampRow(r, stamp)),
      );
      const states = { PICK: 0, LEAN: 0, NO_PLAY: 0 };
      for (const r of rows) states[r.state] += 1;
      return {
        decisions: rows.length,
        states,
        published: states.PICK + states.LEAN,
        triggers: [...result.triggers],
        warnings: result.warnings.map((w) => w.code),
      };
    },
  };
}

/**
 * Per-game inputs of the safety stack from a run's stored rows (classify and `reproduce` both
 * build them here, so a reproduction sees exactly what the run saw).
 */
export function safetyInputs(
  sport: Sport,
  checks: readonly LineCheckRow[],
  sims: readonly SimSummary[],
  baseline: LeagueBaseline | null,
  inputs: readonly { game_id: string; home_sample: number; away_sample: number }[],
  safety: SafetyConfig,
): GameSafetyInput[] {
  const simBy = new Map(sims.map((s) => [s.gameId, s]));
  const samples = new Map(
    inputs.map((r) => [r.game_id, { home: r.home_sample, away: r.away_sample }]),
  );
  const gameIds = [...new Set(checks.map((c) => c.game_id))];
  return gameIds.map((gameId) => {
    const sim = simBy.get(gameId) ?? null;
    const decomposed = sim && baseline ? tryDecomposeGame(sim, baseline, safety) : null;
    return {
      gameId,
      sport,
      markets: checks
        .filter((c) => c.game_id === gameId)
        .map((c) => ({
          gameId,
          market: c.market as GameSafetyInput['markets'][number]['market'],
          lineKey: c.line_key,
          reasons: c.reasons as BlockReason[],
          notes: c.notes,
          consensusPoint: c.consensus_point,
          priceA: c.price_a,
          priceB: c.price_b,
          noVigA: c.no_vig_a,
          noVigB: c.no_vig_b,
        })),
      ...(decomposed !== null && !decomposed.ok
        ? { gameReasons: ['DECOMPOSITION_INPUT_ERROR' as const] }
        : {}),
      sim,
      decomposition: decomposed?.ok ? decomposed.result : null,
      rcl: sim && baseline ? checkRclForSummary(sim, baseline, safety) : null,
      ratingSamples: samples.get(gameId) ?? null,
    };
  });
}

/** NO_PLAY row for a market that R2 blocked and the safety stack does not price. */
export function blockedAuditRow(
  runId: string,
  sport: string,
  slateDate: string,
  c: LineCheckRow,
): PickAuditInsert {
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
    reasons: c.reasons,
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

/** One `pick_audit` row from a decision (versions are stamped by the next step). */
export function auditRow(
  runId: string,
  slateDate: string,
  d: PickDecision,
  seed: string,
  iterations: number,
): PickAuditInsert {
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
      projectionRaw: p?.projectionRaw ?? null,
      pushProb: p?.pushProb ?? null,
    }),
  };
}

export type { LeagueBaseline };

/** The run's version stamp (R9): model, whole-config hash, code, seed, iterations, triggers. */
function versionStampFor(
  deps: ActivityDeps,
  sport: Sport,
  config: EffectiveConfig,
  seed: string,
  iterations: number,
  triggers: readonly string[],
): VersionStamp {
  return buildVersionStamp({
    modelHash: deps.versions.modelHash(sport),
    configHash: effectiveConfigHash(config),
    gitCommit: deps.versions.gitCommit,
    gitDirty: deps.versions.gitDirty,
    seed,
    iterations,
    sdkVersion: deps.versions.sdk ?? 'unknown',
    nodeVersion: deps.versions.node,
    triggers: [...new Set(triggers)].sort() as VersionStamp['triggers'],
  });
}

/** An audit row with the run's stamp on it. */
function stampRow(row: PickAuditInsert, stamp: VersionStamp): PickAuditInsert {
  const versions = JSON.parse(String(row.versions ?? '{}')) as Record<string, unknown>;
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

/** Step "stamp versions" (R9): the run gets the stamp its audit rows were written with. */
export function createStampActivities(deps: ActivityDeps) {
  return {
    async stampVersions(
      input: ConfiguredRef & { seed: string; iterations: number; triggers: string[] },
    ): Promise<StampSummary> {
      const { sport } = requireSlateKey(input.sport, input.date);
      const stamp = versionStampFor(
        deps,
        sport,
        runConfig(input),
        input.seed,
        input.iterations,
        input.triggers,
      );
      await stampRun(deps.db, input.runId, stamp);
      return {
        modelHash: stamp.modelHash,
        configHash: stamp.configHash,
        gitCommit: stamp.gitCommit,
        gitDirty: stamp.gitDirty,
      };
    },
  };
}
