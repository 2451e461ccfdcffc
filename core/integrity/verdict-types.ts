/** Input and output shapes of {@link verifyGameLines} (SPEC R2, R2b). JSON-safe. */
import type { MarketKey } from '../sports';
import type { BlockReason, GameRecord, IsoInstant, MarketQuote } from '../types';

/** Everything the check needs about one game; times come from here, never from the clock. */
export interface VerifyInput {
  readonly game: Pick<GameRecord, 'gameId' | 'sport' | 'commenceTime'>;
  /** All books, all markets for this game (quotes of other markets are ignored). */
  readonly quotes: readonly MarketQuote[];
  /** The run's as-of instant. */
  readonly asOf: IsoInstant;
  /** Live run: GAME_STARTED applies. History run: closing lines are as of kickoff. */
  readonly live: boolean;
  /** Markets to verify, e.g. ['totals', 'spreads', 'h2h', 'totals_h1']. */
  readonly requestedMarkets: readonly MarketKey[];
  /** ENABLE_MARKET_INTEGRITY (R15). False: quality checks stop blocking (see verify.ts). */
  readonly enabled: boolean;
}

/** The verdict for one (game, market, lineKey). `ok` ⇔ `reasons` is empty. */
export interface MarketVerdict {
  readonly gameId: string;
  readonly market: MarketKey;
  /** '' for single-line markets; the books' lineKey for alternate_totals / team_totals. */
  readonly lineKey: string;
  readonly ok: boolean;
  /** Block reasons, sorted and unique; empty when ok. */
  readonly reasons: BlockReason[];
  /**
   * Non-blocking annotations, sorted and unique: ASSUMED_PRICE, INTEGRITY_DISABLED,
   * OUTLIER_BOOK_DROPPED:<book>, STALE_BOOK_DROPPED:<book>, INVALID_BOOK_DROPPED:<book>,
   * WOULD_BLOCK:<reason> (only when the flag is off).
   */
  readonly notes: string[];
  /** Median point of the books used (totals: total; spreads: home handicap); null for h2h. */
  readonly consensusPoint: number | null;
  /** Median American prices of the books used (−110 each when assumed). */
  readonly priceA: number | null;
  readonly priceB: number | null;
  /** No-vig probabilities (0–1) from priceA/priceB; they sum to 1. */
  readonly noVigA: number | null;
  readonly noVigB: number | null;
  /** Number of books the consensus is built from. */
  readonly books: number;
  /** Human-readable reasons per rejected book or market, in book-name order. */
  readonly detail: string[];
}
