/**
 * `beatvegas reproduce --pick ID` (R9): re-runs a pick's whole path from what its run stored —
 * its configuration, its as-of time, its verified lines, seed and iterations, its calibration
 * inputs — with today's code: ratings as of the stored as-of (engine inputs), simulation, the
 * safety stack. Says identical, or lists every differing field. The slate, not only the game, is
 * re-run because the slate guard looks across it.
 */
import type { Kysely } from 'kysely';
import type { CalibrationInputs } from '../core/run-summaries';
import { projectSlate } from '../activities/pricing';
import { classifyRun, simRequestsFor } from '../core/pipeline';
import { DEFAULT_FLAGS, ITERATIONS, gameMarkets } from '../core/config';
import { verifyGameLines } from '../core/integrity';
import {
  normalizeEventOddsPayload,
  normalizeOddsPayload,
  type NormalizedOdds,
} from '../core/odds-api';
import type { MarketQuote } from '../core/types';
import { gamesWithIds, linesForGames, rowToGame, rowToQuote } from '../db/repositories/games';
import {
  defaultRunConfig,
  effectiveConfigHash,
  parseRunConfig,
  type EffectiveConfig,
} from '../core/effective-config';
import { simulateGame } from '../core/sim/engine';
import type { SimSummary } from '../core/simulation-types';
import { FEATURED_MARKETS, isSport, type Sport } from '../core/sports';
import { gameInputsForRun, runBaseline, simulationsForRun } from '../db/repositories/simulations';
import { okSnapshotsForRun } from '../db/repositories/odds';
import { lineChecksForRun, pickAuditById, slateRunById } from '../db/repositories/slates';
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
  /** Every differing field (engine inputs, simulation, decision), at most 50. */
  differences: { path: string; stored: unknown; reproduced: unknown }[];
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
  return allDifferences(a, b, path, [], 1)[0] ?? null;
}

/** Every difference between two JSON-like values (at most `limit`), paths in dotted form. */
export function allDifferences(
  a: unknown,
  b: unknown,
  path = '',
  out: { path: string; stored: unknown; reproduced: unknown }[] = [],
  limit = 50,
): { path: string; stored: unknown; reproduced: unknown }[] {
  if (out.length >= limit || Object.is(a, b)) return out;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    out.push({ path: path || '(root)', stored: a, reproduced: b });
    return out;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const k of keys) {
    allDifferences(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
      out,
      limit,
    );
  }
  return out;
}

/**
 * The quotes a run verified for one game, from what the run itself captured: a history run's
 * imported closing lines, or a fetching run's raw bodies in `odds_snapshots` normalised again
 * (featured markets from the slate's `/odds`, derivatives from the per-event requests).
 */
async function runQuotes(
  db: Kysely<Database>,
  run: { run_id: string; sport: string; source: string },
  sport: Sport,
  gameId: string,
  lines: EffectiveConfig['lines'],
): Promise<MarketQuote[]> {
  if (run.source === 'history') {
    // The imported lines the run priced: closing, or opening for a `lines: open` run.
    const source = lines === 'open' ? 'history-open' : 'history';
    return (await linesForGames(db, [gameId], source)).map(rowToQuote);
  }
  const captures = await okSnapshotsForRun(db, run.run_id);
  const quotes: MarketQuote[] = [];
  const byEvent: Record<string, string> = {};
  for (const c of captures) {
    if (c.event_id !== null) continue;
    let odds: NormalizedOdds;
    try {
      odds = normalizeOddsPayload(sport, c.payload, { fetchedAt: c.fetched_at });
    } catch {
      continue;
    }
    for (const e of odds.events) {
      byEvent[e.eventId] = e.game.gameId;
      if (e.game.gameId === gameId) quotes.push(...e.quotes);
    }
  }
  for (const c of captures) {
    if (c.event_id === null || !c.request.includes('/odds')) continue;
    try {
      const odds = normalizeEventOddsPayload(sport, c.payload, {
        fetchedAt: c.fetched_at,
        gameIdByEventId: byEvent,
      });
      for (const e of odds.events)
        if (e.game.gameId === gameId)
          quotes.push(
            ...e.quotes.filter((q) => !(FEATURED_MARKETS as readonly string[]).includes(q.market)),
          );
    } catch {
      // A body the run quarantined was never verified either.
    }
  }
  return quotes;
}

/** Largest PostgreSQL bigint. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

export async function reproducePick(db: Kysely<Database>, pickId: string): Promise<Reproduction> {
  // pick_audit.id is a bigserial: anything else is refused here, not by the database.
  if (!/^\d+$/.test(pickId) || BigInt(pickId) < 1n || BigInt(pickId) > MAX_BIGINT)
    throw new UsageError(
      `--pick: ${JSON.stringify(pickId)} is not a pick_audit id (an integer 1–${MAX_BIGINT})`,
    );
  const pick = await pickAuditById(db, pickId);
  if (!pick) throw new UsageError(`--pick: no pick_audit row with id ${pickId}`);
  const run = await slateRunById(db, pick.run_id);
  if (!run) throw new Error(`pick ${pickId} names run ${pick.run_id}, which has no row`);
  if (!isSport(run.sport)) throw new Error(`run ${run.run_id} has unknown sport ${run.sport}`);
  const sport = run.sport;
  // The run's own configuration; runs stored before configurations were recorded get the
  // defaults with their recorded flags and iterations.
  const config: EffectiveConfig = run.config
    ? parseRunConfig(run.config)
    : {
        ...defaultRunConfig(sport),
        iterations: run.iterations ?? ITERATIONS.live,
        safety: {
          ...defaultRunConfig(sport).safety,
          flags: { ...DEFAULT_FLAGS, ...run.flags },
        },
      };
  const iterations = run.iterations ?? config.iterations;
  const seed = run.seed ?? run.run_id;
  const [checks, stored, storedBaseline, inputs] = await Promise.all([
    lineChecksForRun(db, run.run_id),
    simulationsForRun(db, run.run_id),
    runBaseline(db, run.run_id),
    gameInputsForRun(db, run.run_id),
  ]);
  // Ratings again, as of the run's as-of time, for the games it priced.
  const projected = await projectSlate(
    db,
    sport,
    run.slate_date,
    run.as_of.toISOString(),
    inputs.map((r) => r.game_id),
    config.ratings,
  );
  const storedInputs = Object.fromEntries(
    inputs.map((r) => [
      r.game_id,
      { inputs: r.inputs, homeSample: r.home_sample, awaySample: r.away_sample },
    ]),
  );
  const reproducedInputs = Object.fromEntries(
    projected.rows.map((r) => [
      r.gameId,
      { inputs: r.inputs, homeSample: r.homeSample, awaySample: r.awaySample },
    ]),
  );
  const baseline = storedBaseline;

  // Integrity (R2, R2b) again for the pick's game, from the lines the run itself had.
  const storedChecks = checks.filter((c) => c.game_id === pick.game_id);
  const specialBlock = storedChecks.some((c) =>
    c.reasons.some((r) => r === 'INVALID_PAYLOAD' || r === 'UNKNOWN_TEAM'),
  );
  const [gameRow] = await gamesWithIds(db, [pick.game_id]);
  let reproducedChecks: unknown = null;
  if (gameRow && !specialBlock) {
    const quotes = await runQuotes(db, run, sport, pick.game_id, config.lines);
    reproducedChecks = Object.fromEntries(
      verifyGameLines(
        {
          game: rowToGame(gameRow),
          quotes,
          asOf: run.as_of.toISOString(),
          live: run.live,
          requestedMarkets: gameMarkets(
            sport,
            quotes.map((q) => q.market),
          ),
          enabled: config.safety.flags.ENABLE_MARKET_INTEGRITY,
        },
        config.integrity,
      ).map((v) => [
        `${v.market}[${v.lineKey}]`,
        {
          ok: v.ok,
          reasons: v.reasons,
          consensusPoint: v.consensusPoint,
          priceA: v.priceA,
          priceB: v.priceB,
          books: v.books,
        },
      ]),
    );
  }
  const storedCheckView = Object.fromEntries(
    storedChecks.map((c) => [
      `${c.market}[${c.line_key}]`,
      {
        ok: c.ok,
        reasons: c.reasons,
        consensusPoint: c.consensus_point,
        priceA: c.price_a,
        priceB: c.price_b,
        books: c.books,
      },
    ]),
  );

  const reproducedSims: SimSummary[] = simRequestsFor(sport, seed, iterations, inputs, checks).map(
    (request) => simulateGame(request),
  );
  const storedSim = stored.find((s) => s.gameId === pick.game_id) ?? null;
  const reproducedSim = reproducedSims.find((s) => s.gameId === pick.game_id) ?? null;

  const cal = (run.summary as { calibrationInputs?: CalibrationInputs }).calibrationInputs;
  const result = classifyRun({
    ...cal,
    sport,
    slateDate: run.slate_date,
    checks,
    sims: reproducedSims,
    baseline,
    inputs,
    config,
  });
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
  const blockOnly =
    reproducedDecision === null && pick.state === 'NO_PLAY' && pick.model_prob === null;
  const differences = [
    ...(reproducedChecks === null
      ? []
      : allDifferences(storedCheckView, reproducedChecks, 'lineChecks')),
    ...allDifferences(
      storedInputs[pick.game_id] ?? null,
      reproducedInputs[pick.game_id] ?? null,
      'engineInputs',
    ),
    ...allDifferences(storedBaseline, projected.baseline, 'baseline'),
    ...allDifferences(storedSim, reproducedSim, 'simulation'),
    ...(blockOnly ? [] : allDifferences(storedDecision, reproducedDecision, 'decision')),
  ];
  const diff = differences[0] ?? null;
  const versions = collectVersions();
  return {
    pickId,
    runId: run.run_id,
    gameId: pick.game_id,
    market: pick.market_type,
    identical: diff === null,
    firstDifference: diff,
    differences,
    stamps: {
      modelHash: { stored: pick.model_hash, current: versions.modelHash(sport) },
      configHash: { stored: pick.config_hash, current: effectiveConfigHash(config) },
      gitCommit: { stored: pick.git_commit, current: versions.gitCommit },
    },
  };
}
