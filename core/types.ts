/**
 * The normalised domain model shared by importers, the odds client, integrity checks and the
 * database layer. Plain JSON-safe data only: these values cross Temporal activity boundaries.
 */
import type { MarketKey, Sport } from './sports';

/** Calendar date `YYYY-MM-DD` (the slate date, in the sport's local calendar). */
export type IsoDate = string;
/** Instant as ISO-8601 UTC, e.g. `2023-12-10T18:00:00.000Z`. */
export type IsoInstant = string;

/** One game, scheduled or final. Scores are `null` until the game is final. */
export interface GameRecord {
  /** Natural key, stable across imports: `<sport>:<season>:<date>:<away>@<home>[#n]`. */
  readonly gameId: string;
  readonly sport: Sport;
  /** Season label year (NFL/NCAAF/MLB: calendar year it starts; NBA/NHL/NCAAB: start year). */
  readonly season: number;
  /** Local calendar date of the game (the slate it belongs to). */
  readonly gameDate: IsoDate;
  /** Kickoff/first pitch/puck drop. When the source has no time: 13:00 US/Eastern for football, 19:00 otherwise. */
  readonly commenceTime: IsoInstant;
  readonly homeTeam: string;
  readonly awayTeam: string;
  readonly neutralSite: boolean;
  /** Final score including overtime / extra innings / shootout goal. */
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  /** Per-period points where the source has them (quarters, halves, periods). */
  readonly homePeriods: readonly number[] | null;
  readonly awayPeriods: readonly number[] | null;
  /** True when the game went beyond regulation (OT, extra innings, shootout). */
  readonly overtime: boolean | null;
  /** Free-form source attributes worth keeping (week, game type, source ids). */
  readonly meta: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * One bookmaker's quote for one market of one game. Two-way markets are stored as sides a/b:
 * totals → a = Over, b = Under (points are the total); spreads → a = home, b = away (points are
 * handicaps in Odds API convention: home −3.5 means home favoured by 3.5); h2h → a = home,
 * b = away (no points). Prices are American odds.
 */
export interface MarketQuote {
  readonly gameId: string;
  readonly bookmaker: string;
  readonly market: MarketKey;
  /** Distinguishes several lines of one market at one book (alternate totals, team totals). */
  readonly lineKey: string;
  readonly pointA: number | null;
  readonly priceA: number | null;
  readonly pointB: number | null;
  readonly priceB: number | null;
  /** When the book last moved this line. History: a closing line is as of kickoff. */
  readonly lastUpdate: IsoInstant;
}

/** Why a market was refused before simulation (R2, R2b, R1). */
export const BLOCK_REASONS = [
  'MISSING_LINE',
  'STALE_LINE',
  'INVALID_LINE',
  'GAME_STARTED',
  'MARKET_DISAGREEMENT',
  'NO_MARKET',
  'INVALID_PAYLOAD',
  'UNKNOWN_TEAM',
] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];
