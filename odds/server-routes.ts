/**
 * The local odds server's request handling (odds/server.ts serves it): parameter validation with
 * The Odds API's error codes, one handler per endpoint, and the bodies of injected faults.
 */
import { isIsoDate } from '../core/calendar';
import { API_INSTANT } from '../core/odds-api';
import { oddsApiName } from '../core/teams';
import {
  FEATURED_MARKETS,
  SPORT_INFO,
  SPORTS,
  sportFromOddsApiKey,
  type Sport,
} from '../core/sports';
import type { FaultKind } from './faults';
import {
  servedMarketKeys,
  toEventMarkets,
  toEventSummary,
  toOddsEvent,
  toScoreEvent,
} from './history-events';
import type { HistoryStore } from './history-store';

const VALID_REGIONS = new Set(['us', 'us2', 'uk', 'eu', 'au']);
const MARKET_KEY = /^[a-z0-9_]+$/;
const DAY_MS = 86_400_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Reply {
  readonly body: unknown;
  /** Usage credits this reply costs. */
  readonly cost: number;
}

function param(q: URLSearchParams, name: string): string | null {
  const v = q.get(name);
  return v === null || v === '' ? null : v;
}

function regionsOf(q: URLSearchParams): number {
  const raw = param(q, 'regions');
  if (raw === null)
    throw new HttpError(
      422,
      'MISSING_REGION',
      'Missing regions parameter. Valid regions are us, us2, uk, eu, au',
    );
  const regions = [...new Set(raw.split(','))];
  const bad = regions.filter((r) => !VALID_REGIONS.has(r));
  if (bad.length > 0)
    throw new HttpError(
      422,
      'INVALID_REGION',
      `Invalid regions: ${bad.join(',')}. Valid regions are us, us2, uk, eu, au`,
    );
  return regions.length;
}

function marketsOf(q: URLSearchParams, allowed: ReadonlySet<string> | null): Set<string> {
  const raw = param(q, 'markets') ?? 'h2h';
  const markets = new Set(raw.split(','));
  for (const m of markets) {
    if (!MARKET_KEY.test(m) || (allowed !== null && !allowed.has(m))) {
      const hint =
        allowed === null
          ? ''
          : ` This endpoint supports ${[...allowed].join(', ')}; use /events/{eventId}/odds for other markets.`;
      throw new HttpError(422, 'INVALID_MARKET', `Invalid market: ${m}.${hint}`);
    }
  }
  return markets;
}

function formats(q: URLSearchParams): void {
  const odds = param(q, 'oddsFormat');
  if (odds !== null && odds !== 'american') {
    throw new HttpError(
      422,
      'INVALID_ODDS_FORMAT',
      'Invalid oddsFormat (the local server serves american only)',
    );
  }
  const date = param(q, 'dateFormat');
  if (date !== null && date !== 'iso') {
    throw new HttpError(
      422,
      'INVALID_DATE_FORMAT',
      'Invalid dateFormat (the local server serves iso only)',
    );
  }
}

function instantParam(
  q: URLSearchParams,
  name: 'commenceTimeFrom' | 'commenceTimeTo',
): Date | null {
  const raw = param(q, name);
  if (raw === null) return null;
  if (!API_INSTANT.test(raw) || !Number.isFinite(Date.parse(raw))) {
    const code =
      name === 'commenceTimeFrom' ? 'INVALID_COMMENCE_TIME_FROM' : 'INVALID_COMMENCE_TIME_TO';
    throw new HttpError(422, code, `Invalid ${name}. Expected format YYYY-MM-DDTHH:MM:SSZ`);
  }
  return new Date(raw);
}

function sportOf(key: string): Sport {
  const sport = sportFromOddsApiKey(key);
  if (!sport)
    throw new HttpError(
      404,
      'UNKNOWN_SPORT',
      `Unknown sport. Served sports: ${SPORTS.map((s) => SPORT_INFO[s].oddsApiKey).join(', ')}`,
    );
  return sport;
}

/** Routes a GET to its handler; the returned reply has not been charged yet. */
export async function route(
  store: HistoryStore,
  clock: () => Date,
  path: string,
  q: URLSearchParams,
): Promise<Reply> {
  if (/^\/v4\/sports\/?$/.test(path)) {
    return {
      cost: 0,
      body: SPORTS.map((s) => ({
        key: SPORT_INFO[s].oddsApiKey,
        group: SPORT_INFO[s].oddsApiKey.startsWith('americanfootball')
          ? 'American Football'
          : SPORT_INFO[s].label,
        title: SPORT_INFO[s].label,
        description: `${SPORT_INFO[s].label} (history served as live)`,
        active: true,
        has_outrights: false,
      })),
    };
  }
  const m =
    /^\/v4\/sports\/([^/]+)\/(odds|events|scores|participants)\/?$/.exec(path) ??
    /^\/v4\/sports\/([^/]+)\/events\/([^/]+)\/(markets|odds)\/?$/.exec(path);
  if (!m) throw new HttpError(404, 'NOT_FOUND', `No such endpoint: ${path}`);
  const sport = sportOf(decodeURIComponent(m[1] ?? ''));

  if (m.length === 3) {
    const endpoint = m[2];
    if (endpoint === 'participants') {
      const names = new Set<string>();
      for (const t of await store.newestSeasonTeams(sport)) {
        names.add(oddsApiName(sport, t.code, t.season) ?? t.code);
      }
      return {
        cost: 1,
        body: [...names].sort().map((full_name) => ({
          full_name,
          id: `par_${Buffer.from(`${sport}/${full_name}`).toString('hex').slice(0, 24)}`,
        })),
      };
    }
    if (endpoint === 'scores') {
      formats(q);
      const daysRaw = param(q, 'daysFrom');
      const daysFrom = daysRaw === null ? null : Number(daysRaw);
      if (daysFrom !== null && (!Number.isInteger(daysFrom) || daysFrom < 1 || daysFrom > 3)) {
        throw new HttpError(
          422,
          'INVALID_SCORES_DAYS_FROM',
          'daysFrom must be an integer from 1 to 3',
        );
      }
      const date = param(q, 'date');
      if (date !== null) {
        if (!isIsoDate(date)) {
          throw new HttpError(422, 'INVALID_DATE', 'date must be YYYY-MM-DD');
        }
        const events = await store.eventsOnDate(sport, date);
        return { cost: 2, body: events.map((e) => toScoreEvent(sport, e, null)) };
      }
      const now = clock();
      const events = await store.eventsBetween(
        sport,
        new Date(now.getTime() - (daysFrom ?? 0) * DAY_MS - DAY_MS / 4),
        new Date(now.getTime() + 2 * DAY_MS),
      );
      return {
        cost: daysFrom === null ? 1 : 2,
        body: events.map((e) => toScoreEvent(sport, e, now)),
      };
    }
    formats(q);
    const from = instantParam(q, 'commenceTimeFrom') ?? clock();
    const to = instantParam(q, 'commenceTimeTo');
    if (endpoint === 'events') {
      const events = await store.eventsBetween(sport, from, to);
      return { cost: 0, body: events.map((e) => toEventSummary(sport, e)) };
    }
    const regions = regionsOf(q);
    const markets = marketsOf(q, new Set<string>(FEATURED_MARKETS));
    const events = await store.eventsBetween(sport, from, to);
    return {
      cost: events.length === 0 ? 0 : markets.size * regions,
      body: events.map((e) => toOddsEvent(sport, e, markets)),
    };
  }

  const eventId = decodeURIComponent(m[2] ?? '');
  const endpoint = m[3];
  formats(q);
  const regions = regionsOf(q);
  const markets = endpoint === 'odds' ? marketsOf(q, null) : null;
  const event = await store.eventById(sport, eventId);
  if (!event) {
    throw new HttpError(
      404,
      'EVENT_NOT_FOUND',
      'Event not found. The event may have expired or the event id is invalid.',
    );
  }
  if (endpoint === 'markets') return { cost: 1, body: toEventMarkets(sport, event) };
  return {
    cost: servedMarketKeys(event, markets).length * regions,
    body: toOddsEvent(sport, event, markets),
  };
}

/** Error body and status of an injected fault, or null for faults that do not replace the reply. */
export function faultReply(
  fault: FaultKind,
): { status: number; body: unknown; headers?: Record<string, string> } | null {
  switch (fault.kind) {
    case 'invalid-key':
      return { status: 401, body: { message: 'API key is not valid', error_code: 'INVALID_KEY' } };
    case 'out-of-credits':
      return {
        status: 401,
        body: { message: 'Usage quota has been reached', error_code: 'OUT_OF_USAGE_CREDITS' },
      };
    case 'rate-limit':
      return {
        status: 429,
        body: {
          message: 'Requests are being sent too frequently. Space out requests.',
          error_code: 'EXCEEDED_FREQ_LIMIT',
        },
        headers:
          fault.retryAfterS === undefined ? {} : { 'retry-after': String(fault.retryAfterS) },
      };
    case 'server-error':
      return {
        status: fault.status ?? 500,
        body: { message: 'Internal server error (injected)', error_code: 'INTERNAL_ERROR' },
      };
    default:
      return null;
  }
}
