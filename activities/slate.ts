/**
 * Slate-run activities (SPEC §3): thin adapters between the workflow, the pure core and
 * Postgres. Each is idempotent: a retry or a re-run of the same workflow ID rewrites the same
 * natural keys.
 */
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { ConfigError, disabledFlags } from '../core/config';
import type { EffectiveConfig } from '../core/effective-config';
import {
  completedRunUpdate,
  failedRunUpdate,
  fetchedRunAsOf,
  fetchedRunUpdate,
  fetchesOdds,
  fetchResult,
  persistSummary,
  runStartRecord,
  startingRunConfig,
  verifiedRunUpdate,
  verifySlate,
} from '../core/pipeline';
import type { Database } from '../db/schema';
import { linesForGames, rowToGame, rowToQuote, slateGames } from '../db/repositories/games';
import {
  auditCounts,
  insertLineChecks,
  startSlateRun,
  updateSlateRun,
} from '../db/repositories/slates';
import type {
  FetchOddsResult,
  PersistSummary,
  RunKind,
  VerifySummary,
} from '../core/run-summaries';
import { lineSourceOf, loadSlateOdds, storeSlateOdds, type OddsApiSettings } from './odds-source';
import { badInput, translating } from './errors';
import { slateRunState } from '../db/repositories/observability';
import {
  blockedByReason,
  NO_METRICS,
  recordCompletedRun,
  recordFailedRun,
  type PipelineMetrics,
} from './metrics';
import { requireSlateKey, requireSport } from './validate';

export type { FetchOddsResult } from '../core/run-summaries';

/** Everything the activities need from the outside world; wired in `worker/`. */
export interface ActivityDeps {
  db: Kysely<Database>;
  /** Versions stamped on runs (R9). */
  versions: {
    node: string;
    sdk: string | null;
    gitCommit: string;
    gitDirty: boolean | null;
    /** Simulation code + parameters of a sport. */
    modelHash(sport: Sport): string;
  };
  logger?: { warn(message: string, meta?: Record<string, unknown>): void };
  /** The Odds API endpoint and key (worker env); null when the worker has none. */
  oddsApi: OddsApiSettings | null;
  /** The pipeline's metrics (worker/metrics.ts); none recorded when absent. */
  metrics?: PipelineMetrics;
}

export interface RunRef {
  runId: string;
  sport: string;
  date: string;
}

/** A step's input with the run's configuration (resolved by {@link resolveRunConfig}). */
export interface ConfiguredRef extends RunRef {
  config?: EffectiveConfig;
}

/**
 * The run's configuration from a step's input. Steps never fall back to a worker's own
 * settings: a step without one belongs to no valid run.
 */
export function runConfig(input: { config?: EffectiveConfig }): EffectiveConfig {
  if (!input.config) {
    throw badInput(
      'the step has no run configuration (start runs through beatvegas or with a config)',
      'MissingRunConfig',
    );
  }
  return input.config;
}

export interface FetchOddsInput extends ConfiguredRef {
  source: string;
  runKind: RunKind;
  /** The workflow's start time: the as-of of a live run. */
  requestedAsOf: string;
  seed: string;
  iterations: number | null;
}

/** What a run starts from: the trigger's configuration, or what to default. */
export interface RunConfigInput {
  sport: string;
  runKind: string;
  config?: unknown;
  iterations?: number;
  seed?: string;
}

/** The configuration a run starts with (see the resolveRunConfig step). */
export function resolveRunConfigStep(input: RunConfigInput): EffectiveConfig {
  const sport = requireSport(input.sport);
  return translating(
    ConfigError,
    (error) => badInput(error.message, 'InvalidConfig'),
    () => startingRunConfig(sport, input),
  );
}

/** R15: a safety flag that is off is loud, once per run. */
function warnFlagsOff(logger: ActivityDeps['logger'], runId: string, flags: readonly string[]) {
  for (const flag of flags)
    logger?.warn(`feature flag ${flag} is OFF for run ${runId}`, { flag, runId });
}

export function createSlateActivities(deps: ActivityDeps) {
  const { db } = deps;
  const metrics = deps.metrics ?? NO_METRICS;

  return {
    /**
     * Step 0 — the run's configuration: the trigger's, validated whole, or the sport's
     * production defaults for the run kind. A bad one fails the run at once, naming every field.
     */
    resolveRunConfig(input: RunConfigInput): Promise<EffectiveConfig> {
      return Promise.resolve().then(() => resolveRunConfigStep(input));
    },

    /**
     * Step 1 — fetch odds. Records the run start (flags, versions, as-of) and makes the slate's
     * lines available in `market_lines`. History: the imported closing lines already are.
     */
    async fetchOdds(input: FetchOddsInput): Promise<FetchOddsResult> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const config = runConfig(input);
      const lineSource = lineSourceOf(input.source, config.lines);
      const flagsDisabled = disabledFlags(config.safety.flags);
      warnFlagsOff(deps.logger, input.runId, flagsDisabled);
      // Fetch before recording the run: a failed fetch (bad key) must leave nothing behind.
      const odds = fetchesOdds(lineSource)
        ? await loadSlateOdds(deps.oddsApi, sport, date, input.source)
        : null;
      if (odds?.quota) metrics.oddsQuotaRemaining(odds.quota.remaining);
      const at = fetchedRunAsOf(date, input.requestedAsOf, odds, config.asOf);
      const run = runStartRecord({ ...input, ...at, sport, date, config, versions: deps.versions });
      await startSlateRun(db, run);
      const stored =
        odds === null ? null : await storeSlateOdds(db, input.runId, input.source, odds);
      const games = await slateGames(db, sport, date, stored?.gameIds ?? null);
      const gameIds = games.map((g) => g.game_id);
      const lines = await linesForGames(db, gameIds, lineSource);
      await updateSlateRun(db, input.runId, fetchedRunUpdate(games.length, odds));
      const counts = { games: games.length, quotes: lines.length };
      return fetchResult({ ...counts, ...at, quota: odds?.quota ?? null, stored, flagsDisabled });
    },

    /**
     * Step 2 — verify lines (R2, R2b). Every requested market of every game gets a line check;
     * a game is simulated only if its full-game total or spread survived.
     */
    async verifyLines(
      input: ConfiguredRef & {
        source: string;
        asOf: string;
        live: boolean;
        quarantinedGameIds?: string[];
        unknownTeams?: { gameId: string; reason: string }[];
        fetchedGameIds?: string[] | null;
      },
    ): Promise<VerifySummary> {
      const { sport, date } = requireSlateKey(input.sport, input.date);
      const slate = await slateGames(db, sport, date, input.fetchedGameIds ?? null);
      const games = slate.map(rowToGame);
      const config = runConfig(input);
      const gameIds = games.map((g) => g.gameId);
      const rows = await linesForGames(db, gameIds, lineSourceOf(input.source, config.lines));
      const { verdicts, summary } = verifySlate({
        ...input,
        sport,
        games,
        quotes: rows.map(rowToQuote),
        config,
      });
      await insertLineChecks(db, input.runId, verdicts);
      metrics.marketsBlocked(sport, blockedByReason(verdicts));
      await updateSlateRun(db, input.runId, verifiedRunUpdate(summary));
      return summary;
    },

    /**
     * Last step — persist. Closes the run record with the counts of what the run decided
     * (the audit rows themselves were written by classify and stamped by stamp versions).
     */
    async persistSlate(
      input: RunRef & { summary: Record<string, unknown> },
    ): Promise<PersistSummary> {
      requireSlateKey(input.sport, input.date);
      const before = await slateRunState(db, input.runId);
      const counts = await auditCounts(db, input.runId);
      await updateSlateRun(db, input.runId, completedRunUpdate(input.summary, counts));
      recordCompletedRun(metrics, before, counts);
      return persistSummary(counts);
    },

    /**
     * Records a failed run so the table tells the same story as the Temporal UI. Only this
     * run's own row, and only while it is running: a finished run never changes.
     */
    async markSlateFailed(input: {
      runId: string;
      message: string;
      /** For the metrics and logs of a run that failed before its row was written. */
      sport?: string;
      date?: string;
      runKind?: string;
    }): Promise<void> {
      const before = await slateRunState(db, input.runId);
      await updateSlateRun(db, input.runId, failedRunUpdate(input.message), {
        onlyRunning: true,
      });
      recordFailedRun(metrics, before, input);
    },
  };
}

export type SlateActivities = ReturnType<typeof createSlateActivities>;
