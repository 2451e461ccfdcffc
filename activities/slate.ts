/**
 * Slate-run activities (SPEC §3): thin adapters between the workflow, the pure core and
 * Postgres. Each is idempotent: a retry or a re-run of the same workflow ID rewrites the same
 * natural keys.
 */
import type { Kysely } from 'kysely';
import type { Sport } from '../core/sports';
import { ConfigError, disabledFlags } from '../core/config';
import {
  calibrationChain,
  parseRunConfig,
  resolveRunConfig,
  type EffectiveConfig,
  type RunKindForConfig,
} from '../core/effective-config';
import { runAsOf, verdictSummary, verifySlateLines } from '../core/pipeline';
import type { Database } from '../db/schema';
import {
  gamesOnDate,
  gamesWithIds,
  linesForGames,
  rowToGame,
  rowToQuote,
} from '../db/repositories/games';
import {
  auditCounts,
  insertLineChecks,
  startSlateRun,
  updateSlateRun,
} from '../db/repositories/slates';
import type { FetchSummary, PersistSummary, RunKind, VerifySummary } from '../core/run-summaries';
import { lineSourceOf, loadSlateOdds, storeSlateOdds, type OddsApiSettings } from './odds-source';
import { badInput } from './errors';
import { slateRunState } from '../db/repositories/observability';
import {
  blockedByReason,
  NO_METRICS,
  recordCompletedRun,
  recordFailedRun,
  type PipelineMetrics,
} from './metrics';
import { requireSlateKey, requireSport } from './validate';

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

export interface FetchOddsResult extends FetchSummary {
  flagsDisabled: string[];
  /** Live runs check GAME_STARTED; history and replays of past dates do not. */
  live: boolean;
  /** The as-of time every later step uses (no look-ahead past it). */
  asOf: string;
  /** Games whose payload was quarantined (NO_PLAY INVALID_PAYLOAD). */
  quarantinedGameIds: string[];
  /** Games with a team the registry could not resolve (NO_PLAY UNKNOWN_TEAM), with why. */
  unknownTeams: { gameId: string; reason: string }[];
  /**
   * The games of this run's own fetch (odds-api, file): the run prices these and their freshly
   * fetched lines only, never games or lines left by earlier runs. null for history runs.
   */
  fetchedGameIds: string[] | null;
}

/**
 * The games a run prices: a history run, every game of the date; a fetching run, exactly the
 * games of its own fetch (an empty feed means no games, whatever earlier runs stored).
 */
async function slateGames(
  db: Kysely<Database>,
  sport: Sport,
  date: string,
  fetchedGameIds: readonly string[] | null,
) {
  return fetchedGameIds === null ? gamesOnDate(db, sport, date) : gamesWithIds(db, fetchedGameIds);
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
  try {
    if (input.config !== undefined) {
      const config = parseRunConfig(input.config);
      if (config.sport !== sport) {
        throw new ConfigError([`sport: the config is for ${config.sport}, the run is ${sport}`]);
      }
      return config;
    }
    const kind: RunKindForConfig =
      input.runKind === 'backfill' || input.runKind === 'manual' ? input.runKind : 'scheduled';
    return resolveRunConfig(sport, kind, {
      ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
      ...(input.seed !== undefined ? { seed: input.seed } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError) throw badInput(error.message, 'InvalidConfig');
    throw error;
  }
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
      const flags = config.safety.flags;
      const flagsDisabled = disabledFlags(flags);
      for (const flag of flagsDisabled) {
        deps.logger?.warn(`feature flag ${flag} is OFF for run ${input.runId}`, {
          flag,
          runId: input.runId,
        });
      }
      // Fetch before recording the run: a failed fetch (bad key) must leave nothing behind.
      const odds =
        lineSource === 'history' || lineSource === 'history-open'
          ? null
          : await loadSlateOdds(deps.oddsApi, sport, date, input.source);
      if (odds?.quota) metrics.oddsQuotaRemaining(odds.quota.remaining);

      const { asOf, live } = runAsOf({
        date,
        requestedAsOf: input.requestedAsOf,
        fetchedKickoffs: odds === null ? null : odds.games.map((g) => g.commenceTime),
        historyUtcHour: config.asOf.historyUtcHour,
        replayLeadMinutes: config.asOf.replayLeadMinutes,
      });
      await startSlateRun(db, {
        runId: input.runId,
        sport,
        slateDate: date,
        runKind: input.runKind,
        source: input.source,
        asOf,
        seed: input.seed,
        iterations: input.iterations,
        flags: { ...flags },
        nodeVersion: deps.versions.node,
        sdkVersion: deps.versions.sdk,
        config,
        live,
        chain: calibrationChain(config, input.runKind, live),
      });
      const stored =
        odds === null ? null : await storeSlateOdds(db, input.runId, input.source, odds);
      const games = await slateGames(db, sport, date, stored?.gameIds ?? null);
      const lines = await linesForGames(
        db,
        games.map((g) => g.game_id),
        lineSource,
      );
      await updateSlateRun(db, input.runId, {
        games: games.length,
        ...(odds?.quota ? { quota: { ...odds.quota, requests: odds.requests } } : {}),
      });
      return {
        games: games.length,
        quotes: lines.length,
        quarantined: stored?.quarantined ?? 0,
        quota: odds?.quota
          ? Object.fromEntries(Object.entries(odds.quota).map(([k, v]) => [k, String(v)]))
          : null,
        flagsDisabled,
        live,
        asOf,
        quarantinedGameIds: stored?.quarantinedGameIds ?? [],
        unknownTeams: stored?.unresolved ?? [],
        fetchedGameIds: stored?.gameIds ?? null,
      };
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
      const games = (await slateGames(db, sport, date, input.fetchedGameIds ?? null)).map(
        rowToGame,
      );
      const config = runConfig(input);
      const quotes = (
        await linesForGames(
          db,
          games.map((g) => g.gameId),
          lineSourceOf(input.source, config.lines),
        )
      ).map(rowToQuote);
      const verdicts = verifySlateLines({
        sport,
        games,
        quotes,
        asOf: input.asOf,
        live: input.live,
        requestedMarkets: config.markets,
        quarantinedGameIds: input.quarantinedGameIds ?? [],
        unknownTeams: input.unknownTeams ?? [],
        enabled: config.safety.flags.ENABLE_MARKET_INTEGRITY,
        integrity: config.integrity,
      });
      await insertLineChecks(db, input.runId, verdicts);
      metrics.marketsBlocked(sport, blockedByReason(verdicts));

      const { verifiedGameIds, blockedGameIds, marketsBlocked, reasons } = verdictSummary(
        games.map((g) => g.gameId),
        verdicts,
      );
      await updateSlateRun(db, input.runId, {
        games_verified: verifiedGameIds.length,
        markets_blocked: marketsBlocked,
      });
      return {
        games: games.length,
        verifiedGameIds,
        blockedGameIds,
        marketsChecked: verdicts.length,
        marketsBlocked,
        reasons,
      };
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
      await updateSlateRun(db, input.runId, {
        status: 'completed',
        picks_published: counts.published,
        summary: { ...input.summary, audit: counts },
        finished: true,
      });
      recordCompletedRun(metrics, before, counts);
      return { auditRows: counts.rows, noPlay: counts.NO_PLAY, picksPublished: counts.published };
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
      await updateSlateRun(
        db,
        input.runId,
        { status: 'failed', error: input.message, finished: true },
        { onlyRunning: true },
      );
      recordFailedRun(metrics, before, input);
    },
  };
}

export type SlateActivities = ReturnType<typeof createSlateActivities>;
