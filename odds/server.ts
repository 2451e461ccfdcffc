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
import { createDb, databaseUrl } from '../db/connection';
import type { Database } from '../db/schema';
import { corruptBody, FaultInjector, type FaultKind, type FaultPlan } from './faults';
import { createHistoryStore, HISTORY_SOURCE } from './history-store';
import { faultReply, HttpError, route } from './server-routes';

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
