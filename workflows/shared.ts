/**
 * Types and constants shared by workflows, activities, the worker and the CLI. Import-safe in
 * the workflow sandbox: no Node built-ins, no I/O.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import type { EffectiveConfig } from '../core/effective-config';
import type {
  ClassifySummary,
  DecomposeSummary,
  FetchSummary,
  PersistSummary,
  RatingsSummary,
  RunKind,
  SimulateSummary,
  StampSummary,
  VerifySummary,
} from '../core/run-summaries';

export type { FetchSummary, PersistSummary, RunKind, VerifySummary };

/** The six sports, in the order the daily job walks them (mirrors core/sports.ts SPORTS). */
export const ALL_SPORTS = ['nfl', 'ncaaf', 'nba', 'ncaab', 'mlb', 'nhl'] as const;

/** Orchestration steps (I/O-bound activities and workflows). */
export const TASK_QUEUE = 'beatvegas';
/** CPU-heavy simulation activities, scalable on separate worker processes. */
export const SIM_TASK_QUEUE = 'beatvegas-sim';

/** Search attributes of SPEC R14 (plus the disabled flags of R15). */
export const SA_SPORT = defineSearchAttributeKey('Sport', 'KEYWORD');
export const SA_SLATE_DATE = defineSearchAttributeKey('SlateDate', 'KEYWORD');
export const SA_RUN_KIND = defineSearchAttributeKey('RunKind', 'KEYWORD');
export const SA_MODEL_HASH = defineSearchAttributeKey('ModelHash', 'KEYWORD');
export const SA_PICKS_PUBLISHED = defineSearchAttributeKey('PicksPublished', 'INT');
export const SA_FLAGS_DISABLED = defineSearchAttributeKey('FlagsDisabled', 'KEYWORD_LIST');
/** Set by Temporal on runs started by a Schedule: their nominal (scheduled) time. */
export const SA_SCHEDULED_START = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  'DATETIME',
);

/** Name → CLI type, for `temporal server start-dev --search-attribute` and the operator API. */
export const SEARCH_ATTRIBUTES: Readonly<Record<string, 'Keyword' | 'Int' | 'KeywordList'>> = {
  Sport: 'Keyword',
  SlateDate: 'Keyword',
  RunKind: 'Keyword',
  ModelHash: 'Keyword',
  PicksPublished: 'Int',
  FlagsDisabled: 'KeywordList',
};

/** Monte Carlo iterations by run kind (R4 defaults: 100k live, 10k backfill). */
export const DEFAULT_ITERATIONS: Readonly<Record<RunKind, number>> = {
  scheduled: 100_000,
  manual: 100_000,
  backfill: 10_000,
};

/** `history` (closing lines in Postgres), `odds-api`, or `file:<path>`. */
export type OddsSourceSpec = string;

export interface SlateInput {
  sport: string;
  /** `YYYY-MM-DD`. */
  date: string;
  source: OddsSourceSpec;
  runKind: RunKind;
  /**
   * The run's whole configuration, resolved and validated once by the trigger (CLI, Schedule,
   * backfill). Absent (a start by hand): the sport's production defaults for the run kind,
   * with `iterations` and `seed` below. Validated again at the start of the run; a bad one
   * fails the run at once (non-retryable).
   */
  config?: EffectiveConfig;
  /** Monte Carlo iterations when `config` is absent. */
  iterations?: number;
  /** Run seed when `config` is absent; defaults to the workflow ID so a slot re-run reproduces. */
  seed?: string;
  /** Task queue of the simulate step (default `beatvegas-sim`). */
  simTaskQueue?: string;
}

export interface SlateResult {
  runId: string;
  sport: string;
  date: string;
  source: string;
  runKind: RunKind;
  asOf: string;
  iterations: number;
  seed: string;
  flagsDisabled: string[];
  fetch: FetchSummary;
  verify: VerifySummary;
  ratings: RatingsSummary;
  simulate: SimulateSummary;
  decompose: DecomposeSummary;
  calibration: { offset: number; dampFactor: number; asOfDate: string | null };
  classify: ClassifySummary;
  stamp: StampSummary;
  persist: PersistSummary;
}

/** Deterministic workflow ID of a slate run: `slate/<sport>/<date>` (manual and scheduled). */
export function slateWorkflowId(sport: string, date: string, runKind: RunKind = 'manual'): string {
  return runKind === 'backfill' ? `backfill-slate/${sport}/${date}` : `slate/${sport}/${date}`;
}
