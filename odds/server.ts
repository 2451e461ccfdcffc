/**
 * A local Odds-API-compatible server that serves imported history as if it were live (R1), so
 * tests and the demo exercise the real HTTP client path: same paths, parameters, JSON shapes,
 * quota headers and error bodies as The Odds API v4, with optional injected faults.
 *
 * Endpoints (all GET, all need `apiKey`):
 * | path                                   | params                                                        | cost |
 * |----------------------------------------|---------------------------------------------------------------|------|
 * | /v4/sports                             | —                                                             | 0 |
 * | /v4/sports/{sport}/odds                | regions*, markets (h2h,spreads,totals), oddsFormat=american, dateFormat=iso, commenceTimeFrom/To | markets × regions (0 if no events) |
 * | /v4/sports/{sport}/events              | dateFormat, commenceTimeFrom/To                               | 0 |
 * | /v4/sports/{sport}/participants        | —  (teams of the newest served season, as the API names them) | 1 |
 * | /v4/sports/{sport}/events/{id}/markets | regions*                                                      | 1 |
 * | /v4/sports/{sport}/events/{id}/odds    | regions*, markets (any keys; only existing ones are returned) | markets returned × regions |
 * | /v4/sports/{sport}/scores              | daysFrom (1–3), date=YYYY-MM-DD (non-standard)                | 1, or 2 with daysFrom/date |
 *
 * "As if live": without `commenceTimeFrom`, `/odds` and `/events` list games from the server
 * clock (`clock`, default real time) on — the real API lists upcoming games. History is in the
 * past, so callers pass the slate's window. `/scores` has the non-standard `date` parameter:
 * every game of that US/Eastern date, completed when it has a final score — the real API can
 * only look back 3 days (`daysFrom`), which would make history unreachable.
 *
 * Errors use the API's bodies `{message, error_code}`: 401 MISSING_KEY / INVALID_KEY /
 * OUT_OF_USAGE_CREDITS, 404 UNKNOWN_SPORT / EVENT_NOT_FOUND, 422 MISSING_REGION /
 * INVALID_REGION / INVALID_MARKET / INVALID_COMMENCE_TIME_FROM / INVALID_COMMENCE_TIME_TO /
 * INVALID_SCORES_DAYS_FROM / INVALID_DATE / INVALID_ODDS_FORMAT / INVALID_DATE_FORMAT, 429
 * EXCEEDED_FREQ_LIMIT (fault), 5xx INTERNAL_ERROR. Only American odds and ISO dates are served.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
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
import { createDb, databaseUrl } from '../db/connection';
import type { Database } from '../db/schema';
import { corruptBody, FaultInjector, type FaultKind, type FaultPlan } from './faults';
import {
  servedMarketKeys,
  toEventMarkets,
  toEventSummary,
  toOddsEvent,
  toScoreEvent,
} from './history-events';
import { createHistoryStore, HISTORY_SOURCE, type HistoryStore } from './history-store';

export * from './faults';

export interface OddsServerOptions {
  readonly db: Kysely<Database>;
  /** The only key accepted. Never logged. */
  readonly apiKey: string;
  /** 0 (default) = any free port. */
  readonly port?: number;
  /** Default 127.0.0.1: the server is for tests and demos, not for the network. */
  readonly host?: string;
  readonly faults?: FaultPlan;
  /** Usage credits available (x-requests-remaining starts here); default 100 000. */
  readonly quota?: number;
  /** `games.source` / `market_lines.source` to serve; default `history`. */
  readonly source?: string;
  /** Server "now" for windowless requests; default real time. */
  readonly clock?: () => Date;
}

/** One request as the server saw it (query without the apiKey). */
export interface OddsServerRequest {
  readonly method: string;
  readonly path: string;
  /** Query string without `apiKey`, e.g. `regions=us&markets=totals`. */
  readonly query: string;
  readonly status: number;
  /** The injected fault, if any (its kind). */
  readonly fault: FaultKind['kind'] | null;
}

export interface OddsServer {
  /** Base URL, e.g. `http://127.0.0.1:43127` (pass as the client's baseUrl). */
  readonly url: string;
  /** Requests answered so far, oldest first. */
  readonly requests: readonly OddsServerRequest[];
  setFaults(plan: FaultPlan): void;
  /** Credits used so far. */
  quotaUsed(): number;
  /** Stops accepting, drops open connections, cancels slow replies. Idempotent. */
  close(): Promise<void>;
}

export const DEFAULT_QUOTA = 100_000;
const VALID_REGIONS = new Set(['us', 'us2', 'uk', 'eu', 'au']);
const MARKET_KEY = /^[a-z0-9_]+$/;
const DAY_MS = 86_400_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

interface Reply {
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
async function route(
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
function faultReply(
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

/** Starts the server and resolves once it listens. */
export async function startOddsServer(options: OddsServerOptions): Promise<OddsServer> {
  if (options.apiKey === '') throw new RangeError('startOddsServer: apiKey is empty');
  const store = createHistoryStore(options.db, { source: options.source ?? HISTORY_SOURCE });
  const clock = options.clock ?? (() => new Date());
  const quota = options.quota ?? DEFAULT_QUOTA;
  const faults = new FaultInjector(options.faults);
  const requests: OddsServerRequest[] = [];
  // Aborted on close so that 'slow' replies do not keep the process (or a test) alive.
  const closing = new AbortController();
  let used = 0;

  const send = (
    res: http.ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
    contentType = 'application/json; charset=utf-8',
  ): void => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(body);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const q = url.searchParams;
    const key = q.get('apiKey');
    q.delete('apiKey');
    let fault: FaultKind | null = null;
    const log = (status: number): void => {
      requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: q.toString(),
        status,
        fault: fault?.kind ?? null,
      });
    };
    const fail = (
      status: number,
      errorCode: string,
      message: string,
      headers: Record<string, string> = {},
    ): void => {
      log(status);
      send(res, status, JSON.stringify({ message, error_code: errorCode }), headers);
    };

    try {
      fault = faults.take(url.pathname);
      if (fault?.kind === 'slow') await sleep(fault.delayMs, undefined, { signal: closing.signal });
      const injected = fault === null ? null : faultReply(fault);
      if (injected) {
        log(injected.status);
        send(res, injected.status, JSON.stringify(injected.body), injected.headers);
        return;
      }
      if (fault?.kind === 'non-json') {
        log(200);
        send(res, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>', {}, 'text/html');
        return;
      }
      if (req.method !== 'GET') return fail(405, 'METHOD_NOT_ALLOWED', 'Only GET is supported');
      if (key === null || key === '')
        return fail(401, 'MISSING_KEY', 'API key is missing. Add an apiKey query parameter');
      if (key !== options.apiKey) return fail(401, 'INVALID_KEY', 'API key is not valid');

      const reply = await route(store, clock, url.pathname, q);
      if (reply.cost > 0 && used + reply.cost > quota) {
        return fail(401, 'OUT_OF_USAGE_CREDITS', 'Usage quota has been reached');
      }
      used += reply.cost;
      if (fault?.kind === 'malformed') corruptBody(reply.body, fault);
      log(200);
      send(res, 200, JSON.stringify(reply.body), {
        'x-requests-remaining': String(Math.max(0, quota - used)),
        'x-requests-used': String(used),
        'x-requests-last': String(reply.cost),
      });
    } catch (error) {
      if (closing.signal.aborted) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return fail(error.status, error.errorCode, error.message);
      // Postgres down and the like: a 500 the client retries, as it would the real API's.
      fail(
        500,
        'INTERNAL_ERROR',
        `Internal error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed: Promise<void> | null = null;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    setFaults: (plan) => faults.set(plan),
    quotaUsed: () => used,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

export interface RunOddsServerOptions extends Omit<OddsServerOptions, 'db'> {
  /** Postgres URL; default DATABASE_URL or the local default. */
  readonly databaseUrl?: string;
  /** Progress lines (stderr in the CLI). The API key is never logged. */
  readonly log?: (message: string) => void;
  /** Stops the server when aborted (in addition to SIGINT / SIGTERM). */
  readonly signal?: AbortSignal;
}

/** Port `beatvegas odds-server` listens on unless told otherwise. */
export const DEFAULT_ODDS_SERVER_PORT = 8787;

/**
 * CLI entry: serves the database's history until SIGINT/SIGTERM (or `signal`), then closes the
 * server and the pool. Resolves after shutdown.
 */
export async function runOddsServer(options: RunOddsServerOptions): Promise<void> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[odds-server] ${m}\n`));
  const db = createDb(options.databaseUrl ?? databaseUrl(), { max: 5 });
  try {
    const server = await startOddsServer({
      ...options,
      db,
      port: options.port ?? DEFAULT_ODDS_SERVER_PORT,
    });
    log(`Odds API v4-compatible history server listening on ${server.url}`);
    log(
      `serving source '${options.source ?? HISTORY_SOURCE}' as if live; quota ${options.quota ?? DEFAULT_QUOTA} credits`,
    );
    log(`use it with ODDS_API_BASE_URL=${server.url} (apiKey = the configured key); Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        options.signal?.removeEventListener('abort', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener('abort', stop);
    });
    log(`stopping (${server.requests.length} requests served, ${server.quotaUsed()} credits used)`);
    await server.close();
  } finally {
    await db.destroy();
  }
}
