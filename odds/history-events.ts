/**
 * Stored history (games + closing lines) → Odds API v4 JSON, exactly the shapes the real API
 * returns, so the client and normalisation are exercised on real paths. Pure functions; the
 * server and the fixture generator share them.
 *
 * Conventions (inverse of core/odds-api/map-markets.ts):
 * * team names are the names The Odds API uses in the game's season ("Kansas City Chiefs",
 *   "Oakland Raiders" in 2019), from the team registry, so normalisation resolves them back onto
 *   the history game ids exactly as it does for the real API (a code the registry does not know
 *   is served as stored);
 * * bookmaker key = `market_lines.bookmaker` (`closing` for imported lines);
 * * `last_update` of every served line = commence time − 10 min: a closing line captured
 *   moments before kick-off.
 */
import {
  DERIVATIVE_MARKETS,
  FEATURED_MARKETS,
  SPORT_INFO,
  isTotalsMarket,
  type Sport,
} from '../core/sports';
import { oddsApiName } from '../core/teams';
import type { MarketQuote } from '../core/types';
import type { StoredEvent } from './history-store';

/** How long before kick-off a served closing line was "last updated" (ms). */
export const CLOSING_LINE_LEAD_MS = 10 * 60_000;
/** A served final is "last updated" this long after kick-off (ms): a plausible final whistle. */
export const FINAL_AFTER_MS = 4 * 3_600_000;

/** JSON shapes as served (see core/odds-api/schemas.ts for the validated view). */
export interface ServedOutcome {
  name: string;
  price: number | null;
  point?: number;
  description?: string;
}
export interface ServedMarket {
  key: string;
  last_update: string;
  outcomes: ServedOutcome[];
}
export interface ServedBookmaker {
  key: string;
  title: string;
  last_update: string;
  markets: ServedMarket[];
}
export interface ServedEventSummary {
  id: string;
  sport_key: string;
  sport_title: string;
  commence_time: string;
  home_team: string;
  away_team: string;
}
export interface ServedOddsEvent extends ServedEventSummary {
  bookmakers: ServedBookmaker[];
}
export interface ServedEventMarkets extends ServedEventSummary {
  bookmakers: { key: string; title: string; markets: { key: string; last_update: string }[] }[];
}
export interface ServedScoreEvent extends ServedEventSummary {
  completed: boolean;
  scores: { name: string; score: string }[] | null;
  last_update: string | null;
}

const MARKET_ORDER: readonly string[] = [...FEATURED_MARKETS, ...DERIVATIVE_MARKETS];

function marketRank(key: string): number {
  const i = MARKET_ORDER.indexOf(key);
  return i === -1 ? MARKET_ORDER.length : i;
}

/** API-style instant: whole seconds, `Z`. */
function apiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function bookmakerTitle(key: string): string {
  return key === 'closing' ? 'Closing line (history)' : key;
}

/** Numeric part of a line key for ordering (`47.5`, `home:23.5`). */
function linePoint(lineKey: string): number {
  const n = Number(lineKey.slice(lineKey.indexOf(':') + 1));
  return Number.isFinite(n) ? n : 0;
}

function side(
  name: string,
  price: number | null,
  point: number | null,
  description?: string,
): ServedOutcome {
  const out: ServedOutcome = { name, price };
  if (point !== null) out.point = point;
  if (description !== undefined) out.description = description;
  return out;
}

/** The Odds API names of the event's teams in its season (the stored code when unknown). */
function teamNames(event: StoredEvent): { homeTeam: string; awayTeam: string } {
  const { sport, season, homeTeam, awayTeam } = event.game;
  return {
    homeTeam: oddsApiName(sport, homeTeam, season) ?? homeTeam,
    awayTeam: oddsApiName(sport, awayTeam, season) ?? awayTeam,
  };
}

/** The outcomes of one stored quote. */
function outcomesOf(event: StoredEvent, q: MarketQuote): ServedOutcome[] {
  const { homeTeam, awayTeam } = teamNames(event);
  if (q.market === 'h2h') return [side(homeTeam, q.priceA, null), side(awayTeam, q.priceB, null)];
  if (q.market === 'spreads')
    return [side(homeTeam, q.priceA, q.pointA), side(awayTeam, q.priceB, q.pointB)];
  if (q.market === 'team_totals') {
    const team = q.lineKey.startsWith('away:') ? awayTeam : homeTeam;
    return [side('Over', q.priceA, q.pointA, team), side('Under', q.priceB, q.pointB, team)];
  }
  if (isTotalsMarket(q.market))
    return [side('Over', q.priceA, q.pointA), side('Under', q.priceB, q.pointB)];
  return [];
}

function summary(sport: Sport, event: StoredEvent): ServedEventSummary {
  return {
    id: event.eventId,
    sport_key: SPORT_INFO[sport].oddsApiKey,
    sport_title: SPORT_INFO[sport].label,
    commence_time: apiTime(Date.parse(event.game.commenceTime)),
    home_team: teamNames(event).homeTeam,
    away_team: teamNames(event).awayTeam,
  };
}

/** `/events` item. */
export function toEventSummary(sport: Sport, event: StoredEvent): ServedEventSummary {
  return summary(sport, event);
}

/** Quotes grouped bookmaker → market, both sorted (books by key, markets featured first). */
function grouped(
  event: StoredEvent,
  markets: ReadonlySet<string> | null,
): Map<string, Map<string, MarketQuote[]>> {
  const books = new Map<string, Map<string, MarketQuote[]>>();
  const quotes = event.quotes
    .filter((q) => markets === null || markets.has(q.market))
    .sort(
      (x, y) =>
        x.bookmaker.localeCompare(y.bookmaker) ||
        marketRank(x.market) - marketRank(y.market) ||
        linePoint(x.lineKey) - linePoint(y.lineKey) ||
        x.lineKey.localeCompare(y.lineKey),
    );
  for (const q of quotes) {
    const byMarket = books.get(q.bookmaker) ?? new Map<string, MarketQuote[]>();
    const list = byMarket.get(q.market) ?? [];
    list.push(q);
    byMarket.set(q.market, list);
    books.set(q.bookmaker, byMarket);
  }
  return books;
}

/**
 * `/odds` item or `/events/{id}/odds` body. `markets` (null = all) limits the markets served;
 * a bookmaker with none of them is left out, as the API does.
 */
export function toOddsEvent(
  sport: Sport,
  event: StoredEvent,
  markets: ReadonlySet<string> | null,
): ServedOddsEvent {
  const lastUpdate = apiTime(Date.parse(event.game.commenceTime) - CLOSING_LINE_LEAD_MS);
  const bookmakers: ServedBookmaker[] = [];
  for (const [book, byMarket] of grouped(event, markets)) {
    bookmakers.push({
      key: book,
      title: bookmakerTitle(book),
      last_update: lastUpdate,
      markets: [...byMarket].map(([key, quotes]) => ({
        key,
        last_update: lastUpdate,
        outcomes: quotes.flatMap((q) => outcomesOf(event, q)),
      })),
    });
  }
  return { ...summary(sport, event), bookmakers };
}

/** `/events/{id}/markets` body. */
export function toEventMarkets(sport: Sport, event: StoredEvent): ServedEventMarkets {
  const lastUpdate = apiTime(Date.parse(event.game.commenceTime) - CLOSING_LINE_LEAD_MS);
  return {
    ...summary(sport, event),
    bookmakers: [...grouped(event, null)].map(([book, byMarket]) => ({
      key: book,
      title: bookmakerTitle(book),
      markets: [...byMarket.keys()].map((key) => ({ key, last_update: lastUpdate })),
    })),
  };
}

/** Distinct market keys served for `event` under `markets` (the per-event quota cost). */
export function servedMarketKeys(
  event: StoredEvent,
  markets: ReadonlySet<string> | null,
): string[] {
  return [
    ...new Set(
      event.quotes.filter((q) => markets === null || markets.has(q.market)).map((q) => q.market),
    ),
  ];
}

/**
 * `/scores` item. `completed` when the game has a final score and `now` is at least
 * {@link FINAL_AFTER_MS} past kick-off (pass `now = null` to treat every scored game as over,
 * as the `date=` mode does). Scores are strings, as the API sends them.
 */
export function toScoreEvent(sport: Sport, event: StoredEvent, now: Date | null): ServedScoreEvent {
  const { game } = event;
  const kickoff = Date.parse(game.commenceTime);
  const scored = game.homeScore !== null && game.awayScore !== null;
  const completed = scored && (now === null || now.getTime() >= kickoff + FINAL_AFTER_MS);
  return {
    ...summary(sport, event),
    completed,
    scores: completed
      ? [
          { name: teamNames(event).homeTeam, score: String(game.homeScore) },
          { name: teamNames(event).awayTeam, score: String(game.awayScore) },
        ]
      : null,
    last_update: completed ? apiTime(kickoff + FINAL_AFTER_MS) : null,
  };
}
