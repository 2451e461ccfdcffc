/**
 * Fetches everything one slate needs from The Odds API (or the local server) and normalises it,
 * without touching the database: the fetch-odds activity stores the result. Sequence (R1):
 *
 * 1. `/odds` with the featured markets for the slate's US/Eastern day window;
 * 2. per valid event, `/events/{id}/markets`, then `/events/{id}/odds` for the wanted
 *    derivative markets that some bookmaker actually lists (R2b: never request — or invent — a
 *    market nobody offers).
 *
 * Every raw body is returned as a capture (R1: append-only raw capture). Bad events, and bodies
 * that are not the expected shape at all, become quarantine records with a reason; they never
 * throw. Client errors (auth, rate limit, 5xx, timeout) do throw — the activity's retry policy
 * decides — so a retried fetch starts again from step 1.
 */
import {
  InvalidPayloadError,
  normalizeEventOddsPayload,
  normalizeOddsPayload,
  parseEventMarkets,
  slateWindow,
  type NormalizedOdds,
  type QuarantinedEvent,
  type SlateWindow,
} from '../core/odds-api';
import { FEATURED_MARKETS, SPORT_INFO, type Sport } from '../core/sports';
import type { GameRecord, IsoDate, IsoInstant, MarketQuote } from '../core/types';
import type { OddsApiClient, OddsApiQuota, OddsApiResponse } from './client';
import { OddsApiRequestError } from './errors';

/** One raw response body, as it should be stored in `odds_snapshots`. */
export interface OddsCapture {
  /** Path and query without the API key. */
  readonly request: string;
  /** The event a per-event request was about; null for `/odds`. */
  readonly eventId: string | null;
  readonly fetchedAt: IsoInstant;
  readonly payload: unknown;
}

/** A quarantined event (or whole body: `index` −1) with the request it came from and its raw JSON. */
export interface SlateQuarantine extends QuarantinedEvent {
  readonly request: string;
  /** The offending event (or the whole body when `index` is −1). */
  readonly payload: unknown;
}

export interface SlateOdds {
  readonly sport: Sport;
  readonly date: IsoDate;
  readonly window: SlateWindow;
  readonly captures: OddsCapture[];
  /** Valid games of the slate (scores null), in `/odds` order. */
  readonly games: GameRecord[];
  /** Featured and derivative quotes of those games. */
  readonly quotes: MarketQuote[];
  readonly quarantined: SlateQuarantine[];
  /**
   * Games with a team the registry could not resolve (one message per team, joined): stored so
   * that they are NO_PLAY UNKNOWN_TEAM, never priced.
   */
  readonly unresolved: { gameId: string; reason: string }[];
  /** Quota after the last request, when the API reported it. */
  readonly quota: OddsApiQuota | null;
  /** Requests made (each costs quota on the real API, except where noted there). */
  readonly requests: number;
}

export interface FetchSlateOddsOptions {
  /** Derivative markets to look for; default the sport's list (core/sports.ts). `[]` skips step 2. */
  readonly derivativeMarkets?: readonly string[];
  /** Clock for `fetchedAt`; default real time. */
  readonly now?: () => Date;
}

function eventAt(payload: unknown, index: number): unknown {
  return Array.isArray(payload) ? (payload as unknown[])[index] : payload;
}

export async function fetchSlateOdds(
  client: OddsApiClient,
  sport: Sport,
  date: IsoDate,
  options: FetchSlateOddsOptions = {},
): Promise<SlateOdds> {
  const now = options.now ?? (() => new Date());
  const sportKey = SPORT_INFO[sport].oddsApiKey;
  const window = slateWindow(date);
  const captures: OddsCapture[] = [];
  const quarantined: SlateQuarantine[] = [];
  const games: GameRecord[] = [];
  const quotes: MarketQuote[] = [];
  const unresolved: { gameId: string; reason: string }[] = [];
  let quota: OddsApiQuota | null = null;
  let requests = 0;

  const call = async (eventId: string | null, fn: () => Promise<OddsApiResponse>) => {
    const response = await fn();
    requests += 1;
    const fetchedAt = now().toISOString();
    // A non-JSON body is captured once, as a quarantine record (see notJsonBody).
    if (!response.notJson)
      captures.push({ request: response.request, eventId, fetchedAt, payload: response.body });
    quota = response.quota ?? quota;
    return { response, fetchedAt };
  };
  /** A per-event request the feed refused (4xx): recorded, and the event keeps its featured lines. */
  const optional = async <T>(eventId: string, fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof OddsApiRequestError)) throw error;
      quarantined.push({
        eventId,
        gameId: null,
        index: -1,
        reason: `(request): derivative markets unavailable: ${error.message}`,
        request: error.request,
        payload: null,
      });
      return null;
    }
  };
  const result = (): SlateOdds => ({
    sport,
    date,
    window,
    captures,
    games,
    quotes,
    quarantined,
    unresolved,
    quota,
    requests,
  });
  // A 2xx whose body is not JSON: quarantined at once, raw text kept, never retried.
  const notJsonBody = (response: OddsApiResponse, eventId: string | null) => {
    const preview = String(response.body).slice(0, 80).replace(/\s+/g, ' ');
    quarantined.push({
      eventId,
      gameId: null,
      index: -1,
      reason: `(body): ${response.status} body is not JSON (starts ${JSON.stringify(preview)})`,
      request: response.request,
      payload: response.body,
    });
  };
  const wholeBody = (
    request: string,
    eventId: string | null,
    payload: unknown,
    error: InvalidPayloadError,
  ) => {
    quarantined.push({ eventId, gameId: null, index: -1, reason: error.reason, request, payload });
  };

  const featured = await call(null, () =>
    client.getOdds(sportKey, { markets: FEATURED_MARKETS, ...window }),
  );
  if (featured.response.notJson) {
    notJsonBody(featured.response, null);
    return result();
  }
  let normalized: NormalizedOdds;
  try {
    normalized = normalizeOddsPayload(sport, featured.response.body, {
      fetchedAt: featured.fetchedAt,
    });
  } catch (error) {
    if (!(error instanceof InvalidPayloadError)) throw error;
    wholeBody(featured.response.request, null, featured.response.body, error);
    return result();
  }
  for (const q of normalized.quarantined) {
    quarantined.push({
      ...q,
      request: featured.response.request,
      payload: eventAt(featured.response.body, q.index),
    });
  }
  const gameIdByEventId: Record<string, string> = {};
  for (const e of normalized.events) {
    games.push(e.game);
    quotes.push(...e.quotes);
    if (e.unresolvedTeams.length > 0)
      unresolved.push({ gameId: e.game.gameId, reason: e.unresolvedTeams.join('; ') });
    gameIdByEventId[e.eventId] = e.game.gameId;
  }

  const wanted = new Set(options.derivativeMarkets ?? SPORT_INFO[sport].derivativeMarkets);
  if (wanted.size === 0) return result();

  const blocked = new Set(unresolved.map((u) => u.gameId));
  for (const event of normalized.events) {
    // A game that will be NO_PLAY UNKNOWN_TEAM is not worth its derivative requests' quota.
    if (blocked.has(event.game.gameId)) continue;
    // Derivative markets are optional (R2b): a feed that refuses an event's per-event requests
    // (an unknown event, an endpoint it does not serve) costs that event its derivatives, not
    // the slate. Auth errors, rate limits and 5xx still fail or retry the step as usual.
    const listed = await optional(event.eventId, () =>
      call(event.eventId, () => client.getEventMarkets(sportKey, event.eventId)),
    );
    if (listed === null) continue;
    if (listed.response.notJson) {
      notJsonBody(listed.response, event.eventId);
      continue;
    }
    let available: string[];
    try {
      available = parseEventMarkets(listed.response.body).marketKeys.filter((k) => wanted.has(k));
    } catch (error) {
      if (!(error instanceof InvalidPayloadError)) throw error;
      wholeBody(listed.response.request, event.eventId, listed.response.body, error);
      continue;
    }
    if (available.length === 0) continue;
    const odds = await optional(event.eventId, () =>
      call(event.eventId, () => client.getEventOdds(sportKey, event.eventId, available)),
    );
    if (odds === null) continue;
    if (odds.response.notJson) {
      notJsonBody(odds.response, event.eventId);
      continue;
    }
    let perEvent: NormalizedOdds;
    try {
      perEvent = normalizeEventOddsPayload(sport, odds.response.body, {
        fetchedAt: odds.fetchedAt,
        gameIdByEventId,
      });
    } catch (error) {
      if (!(error instanceof InvalidPayloadError)) throw error;
      wholeBody(odds.response.request, event.eventId, odds.response.body, error);
      continue;
    }
    for (const q of perEvent.quarantined) {
      quarantined.push({ ...q, request: odds.response.request, payload: odds.response.body });
    }
    for (const e of perEvent.events) {
      // Only the derivative markets asked for: featured quotes come from step 1 (no duplicates).
      quotes.push(...e.quotes.filter((q) => wanted.has(q.market)));
    }
  }
  return result();
}
