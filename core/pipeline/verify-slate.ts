/**
 * R2 (market integrity) for a whole slate: every requested market of every game gets a verdict;
 * a game whose payload was quarantined or whose team is unknown is blocked outright.
 */
import { gameMarkets } from '../config';
import type { EffectiveConfig } from '../effective-config';
import { verifyGameLines, type IntegrityConfig, type MarketVerdict } from '../integrity';
import type { VerifySummary } from '../run-summaries';
import type { Sport } from '../sports';
import type { GameRecord, MarketQuote } from '../types';

export interface VerifySlateInput {
  readonly sport: Sport;
  readonly games: readonly GameRecord[];
  /** Quotes of those games (any order). */
  readonly quotes: readonly MarketQuote[];
  readonly asOf: string;
  readonly live: boolean;
  /** Markets every blocked game gets a NO_PLAY verdict for. */
  readonly requestedMarkets: readonly string[];
  /** Games whose payload failed validation at fetch (INVALID_PAYLOAD). */
  readonly quarantinedGameIds: readonly string[];
  /** Games with a team the registry could not resolve (UNKNOWN_TEAM), with why. */
  readonly unknownTeams: readonly { gameId: string; reason: string }[];
  /** ENABLE_MARKET_INTEGRITY. */
  readonly enabled: boolean;
  readonly integrity: IntegrityConfig;
}

export function verifySlateLines(q: VerifySlateInput): MarketVerdict[] {
  const byGame = new Map<string, MarketQuote[]>();
  for (const quote of q.quotes) {
    const list = byGame.get(quote.gameId);
    if (list) list.push(quote);
    else byGame.set(quote.gameId, [quote]);
  }
  const quarantined = new Set(q.quarantinedGameIds);
  const unknown = new Map(q.unknownTeams.map((u) => [u.gameId, u.reason]));
  const blockAll = (
    gameId: string,
    reason: 'INVALID_PAYLOAD' | 'UNKNOWN_TEAM',
    why: string,
  ): MarketVerdict[] =>
    q.requestedMarkets.map((market) => ({
      gameId,
      market: market as MarketVerdict['market'],
      lineKey: '',
      ok: false,
      reasons: [reason],
      notes: [],
      consensusPoint: null,
      priceA: null,
      priceB: null,
      noVigA: null,
      noVigB: null,
      books: 0,
      detail: [why],
    }));
  return q.games.flatMap((game) => {
    const gameQuotes = byGame.get(game.gameId) ?? [];
    const unknownWhy = unknown.get(game.gameId);
    // The event's payload failed validation: nothing from it can be trusted (R1, §7).
    if (quarantined.has(game.gameId))
      return blockAll(
        game.gameId,
        'INVALID_PAYLOAD',
        'event quarantined at fetch: see odds_snapshots (status quarantined) of this run',
      );
    // A team we cannot identify has no ratings: pricing it at the league average would publish
    // a number that means nothing.
    if (unknownWhy !== undefined) return blockAll(game.gameId, 'UNKNOWN_TEAM', unknownWhy);
    return verifyGameLines(
      {
        game,
        quotes: gameQuotes,
        asOf: q.asOf,
        live: q.live,
        requestedMarkets: gameMarkets(
          q.sport,
          gameQuotes.map((x) => x.market),
        ),
        enabled: q.enabled,
      },
      q.integrity,
    );
  });
}

/** Which games can be priced: those whose full-game total or spread survived (R2b). */
export function verdictSummary(
  gameIds: readonly string[],
  verdicts: readonly MarketVerdict[],
): {
  verifiedGameIds: string[];
  blockedGameIds: string[];
  marketsBlocked: number;
  reasons: Record<string, number>;
} {
  const reasons: Record<string, number> = {};
  const priceable = new Set<string>();
  for (const v of verdicts) {
    for (const r of v.reasons) reasons[r] = (reasons[r] ?? 0) + 1;
    if (v.ok && (v.market === 'totals' || v.market === 'spreads')) priceable.add(v.gameId);
  }
  return {
    verifiedGameIds: gameIds.filter((id) => priceable.has(id)),
    blockedGameIds: gameIds.filter((id) => !priceable.has(id)),
    marketsBlocked: verdicts.filter((v) => !v.ok).length,
    reasons,
  };
}

/**
 * The verify step under the run's configuration (its markets, integrity settings and
 * ENABLE_MARKET_INTEGRITY): every verdict, and what the step reports. Quarantined games and
 * unknown teams absent (runs recorded before they existed): none.
 */
export function verifySlate(q: {
  readonly sport: Sport;
  readonly games: readonly GameRecord[];
  readonly quotes: readonly MarketQuote[];
  readonly asOf: string;
  readonly live: boolean;
  readonly quarantinedGameIds?: readonly string[];
  readonly unknownTeams?: readonly { gameId: string; reason: string }[];
  readonly config: Pick<EffectiveConfig, 'markets' | 'integrity' | 'safety'>;
}): { verdicts: MarketVerdict[]; summary: VerifySummary } {
  const verdicts = verifySlateLines({
    sport: q.sport,
    games: q.games,
    quotes: q.quotes,
    asOf: q.asOf,
    live: q.live,
    requestedMarkets: q.config.markets,
    quarantinedGameIds: q.quarantinedGameIds ?? [],
    unknownTeams: q.unknownTeams ?? [],
    enabled: q.config.safety.flags.ENABLE_MARKET_INTEGRITY,
    integrity: q.config.integrity,
  });
  const { verifiedGameIds, blockedGameIds, marketsBlocked, reasons } = verdictSummary(
    q.games.map((g) => g.gameId),
    verdicts,
  );
  return {
    verdicts,
    summary: {
      games: q.games.length,
      verifiedGameIds,
      blockedGameIds,
      marketsChecked: verdicts.length,
      marketsBlocked,
      reasons,
    },
  };
}
