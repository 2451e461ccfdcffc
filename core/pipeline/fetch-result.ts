/**
 * R1, R2: what the fetch step hands on — its counts and quota, the as-of every later step reads
 * at (see as-of.ts), the games of the run's own fetch, and the games that are NO_PLAY before
 * any line is read (payload quarantined, team unknown). A history run fetches nothing: its
 * lines were imported.
 */
import type { FetchOddsResult } from '../run-summaries';

/** `market_lines.source` of a run: imported history (closing or opening lines), or its fetch. */
export type LineSource = 'history' | 'history-open' | 'odds-api' | 'file';

/** Whether a run on these lines fetches its odds (history lines are already stored). */
export function fetchesOdds(lineSource: LineSource): boolean {
  return lineSource !== 'history' && lineSource !== 'history-open';
}

/** The Odds API's quota after the fetch's last request, in credits. */
export interface FetchedQuota {
  readonly remaining: number;
  readonly used: number;
  readonly last: number;
}

/** What a fetch stored (see activities/odds-source.ts). */
export interface StoredFetch {
  readonly quarantined: number;
  /** Games whose event was quarantined. */
  readonly quarantinedGameIds: string[];
  /** Games with a team the registry could not resolve, with why. */
  readonly unresolved: { gameId: string; reason: string }[];
  /** Every game the fetch is about: the run's slate. */
  readonly gameIds: string[];
}

/**
 * The fetch step's result. `stored` is null for a history run: nothing quarantined, no unknown
 * team, and the slate is every game of the date (`fetchedGameIds` null).
 */
export function fetchResult(q: {
  games: number;
  quotes: number;
  quota: FetchedQuota | null;
  stored: StoredFetch | null;
  flagsDisabled: string[];
  live: boolean;
  asOf: string;
}): FetchOddsResult {
  return {
    games: q.games,
    quotes: q.quotes,
    quarantined: q.stored?.quarantined ?? 0,
    quota: q.quota
      ? Object.fromEntries(Object.entries(q.quota).map(([k, v]) => [k, String(v)]))
      : null,
    flagsDisabled: q.flagsDisabled,
    live: q.live,
    asOf: q.asOf,
    quarantinedGameIds: q.stored?.quarantinedGameIds ?? [],
    unknownTeams: q.stored?.unresolved ?? [],
    fetchedGameIds: q.stored?.gameIds ?? null,
  };
}
