/**
 * The shapes in which the pipeline's own earlier steps hand rows to the next (as stored, column
 * names in snake_case). Structural: the database layer's row types satisfy them, and nothing
 * here depends on it.
 */

/** One line check (R2) as stored by the verify step. */
export interface StoredLineCheck {
  readonly game_id: string;
  readonly market: string;
  readonly line_key: string;
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly notes: readonly string[];
  readonly consensus_point: number | null;
  readonly price_a: number | null;
  readonly price_b: number | null;
  readonly no_vig_a: number | null;
  readonly no_vig_b: number | null;
}

/** How many games each side's rating rests on (R3), as stored by the load-ratings step. */
export interface StoredGameInput {
  readonly game_id: string;
  readonly home_sample: number;
  readonly away_sample: number;
}

/** A game's engine inputs (R3) as stored by the load-ratings step (JSON of the engine's inputs). */
export interface StoredEngineInput {
  readonly game_id: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A game a live (odds-api) run priced, with its stored final (null until final). */
export interface StoredLiveGame {
  readonly game_id: string;
  readonly commence_time: Date;
  readonly home_team: string;
  readonly away_team: string;
  /** The Odds API event id the game was fetched under. */
  readonly event_id: string | null;
  readonly home_score: number | null;
  readonly away_score: number | null;
}

/** A published pick of record whose game is final and that has no grade on that final yet. */
export interface StoredUngradedPick {
  readonly id: string;
  readonly market_type: string;
  readonly line_key: string;
  readonly side: string;
  readonly line: number;
  readonly price: number | null;
  readonly game_id: string;
  readonly home_score: number;
  readonly away_score: number;
}

/** A chain's priced full-game total of record in the calibration window, with its final. */
export interface StoredWindowTotal {
  readonly side: 'OVER' | 'UNDER';
  readonly projection_raw: number;
  readonly line: number;
  readonly actual_total: number;
  readonly published: boolean;
}

/** One `pick_audit` row (R8, R9) as the classify step writes it. */
export interface AuditRow {
  run_id: string;
  game_id: string;
  sport: string;
  slate_date: string;
  market_type: string;
  line_key: string;
  line: number | null;
  side: string | null;
  price: number | null;
  state: 'PICK' | 'LEAN' | 'NO_PLAY';
  parlay_eligible: boolean;
  publish_decision: boolean;
  model_prob: number | null;
  market_prob: number | null;
  edge_pp: number | null;
  ev: number | null;
  confidence: number | null;
  projection: number | null;
  reasons: string[];
  triggers: string[];
  /** JSON text of the decision's layer trace. */
  layers: string;
  model_hash: string | null;
  config_hash: string | null;
  git_commit: string | null;
  seed: string | null;
  iterations: number | null;
  /** JSON text: transition, adjustments, notes, raw and corrected probabilities, the stamp. */
  versions: string;
}
