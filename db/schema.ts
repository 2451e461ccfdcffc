/**
 * The one typed view of the database (SPEC R10). Column names are the SQL names (snake_case).
 * Migrations do not import this file; they are written against `Kysely<any>` and frozen.
 */
import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AuditRow } from '../core/pipeline';

/** `date` columns: written as `YYYY-MM-DD`, read back as `YYYY-MM-DD` (see the pg type parser in connection.ts). */
type DateColumn = ColumnType<string, string, string>;
/** `timestamptz` columns: pg returns `Date`; we accept ISO strings on write. */
type Instant = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A column with a database default: optional on insert. */
type Defaulted<T, W = T> = ColumnType<T, W | undefined, W>;
/** A JSON column with a database default. */
type JsonDefaulted<T> = ColumnType<T, string | undefined, string>;

export interface GamesTable {
  game_id: string;
  sport: string;
  season: number;
  game_date: DateColumn;
  commence_time: Instant;
  home_team: string;
  away_team: string;
  neutral_site: boolean;
  home_score: number | null;
  away_score: number | null;
  home_periods: Json<number[] | null> | null;
  away_periods: Json<number[] | null> | null;
  overtime: boolean | null;
  meta: Json<Record<string, unknown>>;
  source: string;
  updated_at: ColumnType<Date, never, Date | string>;
}

export interface OddsSnapshotsTable {
  id: Generated<string>;
  sport: string;
  source: string;
  request: string;
  run_id: string | null;
  event_id: string | null;
  status: 'ok' | 'quarantined';
  reason: string | null;
  payload: Json<unknown>;
  payload_sha256: string;
  fetched_at: Instant;
  captured_at: ColumnType<Date, never, never>;
}

export interface MarketLinesTable {
  game_id: string;
  source: string;
  bookmaker: string;
  market: string;
  line_key: string;
  point_a: number | null;
  price_a: number | null;
  point_b: number | null;
  price_b: number | null;
  last_update: Instant;
  captured_at: ColumnType<Date, never, Date | string>;
}

export interface SlateRunsTable {
  run_id: string;
  sport: string;
  slate_date: DateColumn;
  run_kind: string;
  source: string;
  status: string;
  as_of: Instant;
  games: Defaulted<number>;
  games_verified: Defaulted<number>;
  markets_blocked: Defaulted<number>;
  picks_published: Defaulted<number>;
  seed: string | null;
  iterations: number | null;
  model_hash: string | null;
  config_hash: string | null;
  git_commit: string | null;
  git_dirty: boolean | null;
  sdk_version: string | null;
  node_version: string | null;
  flags: JsonDefaulted<Record<string, boolean>>;
  triggers: JsonDefaulted<string[]>;
  quota: Json<Record<string, unknown> | null> | null;
  summary: JsonDefaulted<Record<string, unknown>>;
  error: string | null;
  baseline: Json<Record<string, unknown> | null> | null;
  /** The run's whole configuration (its input; `config_hash` is its hash). */
  config: Json<Record<string, unknown> | null> | null;
  /** A live run decides at completion; a replay (history, past date) as of `as_of`. */
  live: Defaulted<boolean>;
  /** Calibration chain: `production`, `backfill:<hash>` or `research:<hash>`. */
  chain: Defaulted<string>;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Instant | null;
}

export interface LineChecksTable {
  run_id: string;
  game_id: string;
  market: string;
  line_key: string;
  ok: boolean;
  reasons: string[];
  notes: string[];
  consensus_point: number | null;
  price_a: number | null;
  price_b: number | null;
  no_vig_a: number | null;
  no_vig_b: number | null;
  books: number;
  detail: Json<string[]>;
  created_at: ColumnType<Date, never, never>;
}

export interface SimulationsTable {
  run_id: string;
  game_id: string;
  sport: string;
  iterations: number;
  seed: string;
  model_hash: string;
  summary: Json<unknown>;
  created_at: ColumnType<Date, never, Date | string>;
}

export interface DecompositionLogsTable {
  run_id: string;
  game_id: string;
  sport: string;
  slate_date: DateColumn;
  projected_total: number;
  baseline_total: number;
  pace_part: number;
  efficiency_part: number;
  metrics: Json<Record<string, unknown>>;
  flags: string[];
  created_at: ColumnType<Date, never, Date | string>;
}

/**
 * `pick_audit`: the row core/pipeline/audit-rows.ts builds ({@link AuditRow}), with the columns
 * the database adds (id, created_at) and the JSON columns read back as values.
 */
export interface PickAuditTable extends Omit<AuditRow, 'slate_date' | 'layers' | 'versions'> {
  id: Generated<string>;
  slate_date: DateColumn;
  layers: Json<unknown[]>;
  versions: Json<Record<string, unknown>>;
  created_at: ColumnType<Date, never, Date | string>;
}

export interface PickResultsTable {
  pick_id: string;
  game_id: string;
  result: 'win' | 'loss' | 'push';
  units: number;
  /** The final score this grade was made on (a correction grades again in a new row). */
  home_score: number;
  away_score: number;
  graded_at: ColumnType<Date, never, Date | string>;
}

export interface ScoreCorrectionsTable {
  id: Generated<string>;
  game_id: string;
  old_home_score: number;
  old_away_score: number;
  new_home_score: number;
  new_away_score: number;
  /** Where the new score came from: `history` (re-import) or `odds-api` (`/scores`). */
  source: string;
  corrected_at: ColumnType<Date, never, Date | string>;
}

export interface CalibrationDailyTable {
  sport: string;
  date: DateColumn;
  window_days: number;
  games: number;
  over_rate_leans: number | null;
  over_rate_picks: number | null;
  bias_vs_actual: number | null;
  bias_vs_market: number | null;
  win_rate: number | null;
  push_rate: number | null;
  damp_factor: number;
  offset: number;
  triggers: Json<string[]>;
  config_hash: string | null;
  /** Live games priced but still without a final score past the `/scores` look-back. */
  ungraded: ColumnType<number, number | undefined, number>;
  /** What the day's `/scores` ingestion did (null when none was needed). */
  scores: Json<Record<string, unknown>> | null;
  /** The calibration chain the row belongs to (see slate_runs.chain). */
  chain: Defaulted<string>;
  /** Skill weight (0–1) of totals / spreads applied by slates that read this row. */
  skill_weight_total: number | null;
  skill_weight_spread: number | null;
  /** Per market kind: `{ w, n, raw, source }` (core/safety/layers/skill-weight.ts). */
  skill: Json<Record<string, unknown>> | null;
  created_at: ColumnType<Date, never, Date | string>;
}

export interface GameInputsTable {
  run_id: string;
  game_id: string;
  sport: string;
  inputs: Json<Record<string, unknown>>;
  home_sample: number;
  away_sample: number;
  created_at: ColumnType<Date, never, Date | string>;
}

export interface ImportRejectionsTable {
  id: Generated<string>;
  sport: string;
  /** Absolute path of the imported file. */
  file: string;
  /** 1-based file line (header = 1). */
  line: number;
  reason: string;
  imported_at: ColumnType<Date, never, Date | string>;
}

/**
 * View `decisions_of_record`: per chain and (game, market, line), the decision of the newest
 * run that completed before the game's commence time (migration 0005; README).
 */
export interface DecisionsOfRecordView extends Omit<PickAuditTable, 'id' | 'created_at'> {
  id: string;
  created_at: Date;
  chain: string;
  run_kind: string;
  live: boolean;
  run_finished_at: Date;
  /** When the decision counts as made: completion (live) or the as-of time (replay). */
  decided_at: Date;
}

export interface Database {
  decisions_of_record: DecisionsOfRecordView;
  game_inputs: GameInputsTable;
  games: GamesTable;
  odds_snapshots: OddsSnapshotsTable;
  market_lines: MarketLinesTable;
  slate_runs: SlateRunsTable;
  line_checks: LineChecksTable;
  simulations: SimulationsTable;
  decomposition_logs: DecompositionLogsTable;
  pick_audit: PickAuditTable;
  pick_results: PickResultsTable;
  calibration_daily: CalibrationDailyTable;
  score_corrections: ScoreCorrectionsTable;
  import_rejections: ImportRejectionsTable;
}

export type GameRow = Selectable<GamesTable>;
export type NewGameRow = Insertable<GamesTable>;
export type MarketLineRow = Selectable<MarketLinesTable>;
export type LineCheckRow = Selectable<LineChecksTable>;
export type PickAuditRow = Selectable<PickAuditTable>;
export type SlateRunRow = Selectable<SlateRunsTable>;

/** What a repository function takes: the database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;
