/**
 * Point-in-time team ratings (R3): types. Everything is plain JSON so a snapshot can be stored,
 * hashed and passed between Temporal activities.
 */
import type { GameInputs } from '../sim/types';
import type { Sport } from '../sports';
import type { IsoInstant } from '../types';

/** Rating model settings (*default* values per sport in config.ts; part of the config hash). */
export interface RatingsConfig {
  /** Half-life of a game's weight, in days (> 0). Older games count less. */
  readonly halfLifeDays: number;
  /** Fraction of a team's rating removed at each season boundary (regression to the mean), [0, 1]. */
  readonly seasonRegression: number;
  /**
   * Shrinkage: pseudo-games pulling a team toward its prior (last season, regressed; 0 for new
   * teams). A team with n weighted games keeps n/(n+priorGames) of its own evidence. ≥ 0.
   */
  readonly priorGames: number;
  /** Pseudo-games anchoring the league mean and home advantage to last season's values. ≥ 0. */
  readonly leaguePriorGames: number;
  /** Seasons of history used, the current one included (≥ 1). */
  readonly lookbackSeasons: number;
  /**
   * Weight of market-implied team points ((total ∓ home handicap)/2 from the closing line) in
   * each past game's observation, [0, 1]. Only used for games that have a quote.
   */
  readonly marketBlend: number;
  /** Current-season games below which a team is LOW_SAMPLE (R7 L1). */
  readonly minGames: number;
  /**
   * Share of a projected total's deviation from the league total that is attributed to pace
   * (more events) rather than efficiency, [0, 1]. Default 0: ratings built from scores alone
   * cannot tell pace from efficiency, and attributing the same signal to both is exactly the
   * double counting R5 guards against.
   */
  readonly paceShare: number;
  /** Most recent final games that define the league baseline (R5). */
  readonly baselineGames: number;
}

/** Consensus closing line of a past game (for the market blend). */
export interface ClosingLine {
  /** Closing total (scoring units). */
  readonly total: number;
  /** Home handicap, Odds API convention (−3.5 = home favoured by 3.5). */
  readonly homeHandicap: number;
}

export interface TeamRating {
  readonly team: string;
  /** Points scored above the league average per game, neutral site (+ = better attack). */
  readonly offense: number;
  /** Points allowed below the league average per game, neutral site (+ = better defence). */
  readonly defense: number;
  /** Final games in the current season before as-of. */
  readonly games: number;
  /** Decay-weighted current-season games (Σ weights). */
  readonly effectiveGames: number;
  /** Final games used across all lookback seasons. */
  readonly gamesTotal: number;
  /** games < config.minGames. */
  readonly lowSample: boolean;
}

export interface RatingsSnapshot {
  readonly sport: Sport;
  /** Only games with commenceTime strictly before this instant were used. */
  readonly asOf: IsoInstant;
  /** Season the ratings are for (null when there was no history at all). */
  readonly season: number | null;
  /** Final games used (all lookback seasons). */
  readonly gamesUsed: number;
  readonly lastGameTime: IsoInstant | null;
  /** League average points per team per game in the current season. */
  readonly leagueMean: number;
  /** Expected home − away points at a non-neutral site, estimated from the data. */
  readonly homeAdvantage: number;
  /** By team name, keys sorted. */
  readonly teams: Readonly<Record<string, TeamRating>>;
  readonly config: RatingsConfig;
}

export interface RatingsOptions {
  /** Closing lines of past games by gameId (future games are ignored anyway). */
  readonly quotes?: Readonly<Record<string, ClosingLine>>;
  /**
   * Season being priced. When it is later than the last season with games (a season opener),
   * ratings are regressed once more. Default: the season of the latest game used.
   */
  readonly season?: number;
}

/** Engine inputs for one matchup plus the evidence behind them. */
export interface GameProjection {
  readonly inputs: GameInputs;
  /** Current-season games of each side (0 for teams without history). */
  readonly homeGames: number;
  readonly awayGames: number;
  /** Either side below config.minGames (R7 L1 LOW_SAMPLE). */
  readonly lowSample: boolean;
  /** Expected points were clamped into the engine's plausible range. */
  readonly clamped: boolean;
}
