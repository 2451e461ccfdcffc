/**
 * HTTP client for The Odds API v4 (also talks to the local history server, odds/server.ts).
 * Each call returns the raw JSON body untouched — the caller captures it (R1: every raw payload
 * is kept) and normalises it with core/odds-api — plus the quota headers and the request string
 * to store with the capture. Failures are typed (odds/errors.ts) and never contain the key.
 */
import { isIsoDate } from '../core/calendar';
import { API_INSTANT, errorBodySchema, formatApiInstant } from '../core/odds-api';
import {
  AUTH_ERROR_CODES,
  OddsApiAuthError,
  OddsApiNetworkError,
  OddsApiRateLimitError,
  OddsApiRequestError,
  OddsApiServerError,
  OddsApiTimeoutError,
  scrubSecret,
  type OddsApiAuthCause,
  type OddsApiErrorDetails,
} from './errors';

export * from './errors';

/** Quota headers of one response (`x-requests-remaining`, `-used`, `-last`), in credits. */
export interface OddsApiQuota {
  readonly remaining: number;
  readonly used: number;
  /** Cost of this request. */
  readonly last: number;
}

export interface OddsApiResponse {
  /**
   * Parsed JSON body, unvalidated; for a 2xx whose body is not JSON, the raw text (key
   * scrubbed), with `notJson` set.
   */
  readonly body: unknown;
  /**
   * A 2xx whose body is not JSON (an HTML page from a proxy, a truncated transfer): returned,
   * not thrown, so the caller quarantines it at once with the raw body kept. Retrying would
   * spend quota and drop the first attempt's capture.
   */
  readonly notJson?: true;
  /** Null when the response carried no (complete) quota headers. */
  readonly quota: OddsApiQuota | null;
  /** Path and query WITHOUT the API key, e.g. `/v4/sports/americanfootball_nfl/odds?regions=us&…`. */
  readonly request: string;
  readonly status: number;
}

export interface OddsApiClientOptions {
  /** Origin (and optional path prefix) of the API, e.g. `https://api.the-odds-api.com`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Defaults to the global fetch (Node ≥ 18). */
  readonly fetch?: typeof fetch;
  /** Whole-request timeout (headers and body) in ms; default 10 000, bounds 1–300 000. */
  readonly timeoutMs?: number;
  /** Bookmaker regions, comma separated (`us`, `us2`, `uk`, `eu`, `au`); default `us`. */
  readonly regions?: string;
}

/** A commence-time bound: a Date, or an ISO instant (sent as `YYYY-MM-DDTHH:MM:SSZ`). */
export type TimeBound = Date | string;

export interface GetOddsParams {
  /** Featured markets (`h2h`, `spreads`, `totals`); derivatives need {@link OddsApiClient.getEventOdds}. */
  readonly markets: readonly string[];
  readonly commenceTimeFrom?: TimeBound;
  readonly commenceTimeTo?: TimeBound;
}

export interface GetScoresParams {
  /** Also return games completed up to this many days ago (API bounds 1–3). */
  readonly daysFrom?: number;
  /**
   * Non-standard, local history server only: the games of this US/Eastern date (`YYYY-MM-DD`)
   * "as if live". The real API ignores unknown parameters.
   */
  readonly date?: string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 300_000;
const KEY_PATTERN = /^[A-Za-z0-9_]+$/;

type Query = ReadonlyArray<readonly [string, string]>;

/** Query component encoding that leaves `,` and `:` readable (both legal in a query). */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

function queryString(query: Query): string {
  return query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(v)}`).join('&');
}

function toApiInstant(bound: TimeBound, name: string): string {
  if (typeof bound === 'string' && API_INSTANT.test(bound)) return bound;
  try {
    return formatApiInstant(bound);
  } catch {
    throw new RangeError(`${name}: not an instant: ${String(bound)}`);
  }
}

function requireKeys(values: readonly string[], what: string): string {
  if (values.length === 0) throw new RangeError(`${what}: at least one is required`);
  for (const v of values)
    if (!KEY_PATTERN.test(v)) throw new RangeError(`${what}: invalid key ${JSON.stringify(v)}`);
  return values.join(',');
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Quota from the `x-requests-*` headers; null unless all three are present and numeric. */
export function parseQuota(headers: Headers): OddsApiQuota | null {
  const remaining = headerNumber(headers, 'x-requests-remaining');
  const used = headerNumber(headers, 'x-requests-used');
  const last = headerNumber(headers, 'x-requests-last');
  return remaining === null || used === null || last === null ? null : { remaining, used, last };
}

const AUTH_MESSAGES: Readonly<Record<OddsApiAuthCause, string>> = {
  INVALID_KEY: 'the API key is invalid or not tied to a subscription (check ODDS_API_KEY)',
  MISSING_KEY: 'no API key was sent (set ODDS_API_KEY)',
  DEACTIVATED_KEY: 'the API key has been deactivated (subscription cancelled?)',
  OUT_OF_USAGE_CREDITS:
    'the API usage quota is exhausted; no odds can be fetched until it resets or the plan grows',
};

export class OddsApiClient {
  private readonly base: URL;
  private readonly apiKey: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly regions: string;

  constructor(options: OddsApiClientOptions) {
    this.base = new URL(options.baseUrl);
    if (options.apiKey.trim() === '') throw new RangeError('OddsApiClient: apiKey is empty');
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch ?? fetch;
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_MS) {
      throw new RangeError(
        `OddsApiClient: timeoutMs must be within 1–${MAX_TIMEOUT_MS}, got ${timeout}`,
      );
    }
    this.timeoutMs = timeout;
    this.regions = options.regions ?? 'us';
    requireKeys(this.regions.split(','), 'regions');
  }

  /** `GET /v4/sports` — in-season sports (free of quota). */
  getSports(): Promise<OddsApiResponse> {
    return this.get('/v4/sports', []);
  }

  /** `GET /v4/sports/{sport}/odds` — featured markets of upcoming events (array of events). */
  getOdds(sportKey: string, params: GetOddsParams): Promise<OddsApiResponse> {
    const query: [string, string][] = [
      ['regions', this.regions],
      ['markets', requireKeys(params.markets, 'markets')],
      ['oddsFormat', 'american'],
      ['dateFormat', 'iso'],
    ];
    if (params.commenceTimeFrom !== undefined) {
      query.push(['commenceTimeFrom', toApiInstant(params.commenceTimeFrom, 'commenceTimeFrom')]);
    }
    if (params.commenceTimeTo !== undefined) {
      query.push(['commenceTimeTo', toApiInstant(params.commenceTimeTo, 'commenceTimeTo')]);
    }
    return this.get(`/v4/sports/${this.segment(sportKey)}/odds`, query);
  }

  /** `GET /v4/sports/{sport}/participants` — the sport's teams (`[{full_name, id}]`). */
  getParticipants(sportKey: string): Promise<OddsApiResponse> {
    return this.get(`/v4/sports/${this.segment(sportKey)}/participants`, []);
  }

  /** `GET /v4/sports/{sport}/events` — events without odds (free of quota). */
  getEvents(
    sportKey: string,
    params: Omit<GetOddsParams, 'markets'> = {},
  ): Promise<OddsApiResponse> {
    const query: [string, string][] = [['dateFormat', 'iso']];
    if (params.commenceTimeFrom !== undefined) {
      query.push(['commenceTimeFrom', toApiInstant(params.commenceTimeFrom, 'commenceTimeFrom')]);
    }
    if (params.commenceTimeTo !== undefined) {
      query.push(['commenceTimeTo', toApiInstant(params.commenceTimeTo, 'commenceTimeTo')]);
    }
    return this.get(`/v4/sports/${this.segment(sportKey)}/events`, query);
  }

  /** `GET /v4/sports/{sport}/events/{id}/markets` — market keys each bookmaker lists. */
  getEventMarkets(sportKey: string, eventId: string): Promise<OddsApiResponse> {
    return this.get(
      `/v4/sports/${this.segment(sportKey)}/events/${this.segment(eventId)}/markets`,
      [
        ['regions', this.regions],
        ['dateFormat', 'iso'],
      ],
    );
  }

  /** `GET /v4/sports/{sport}/events/{id}/odds` — any markets of one event (one event object). */
  getEventOdds(
    sportKey: string,
    eventId: string,
    markets: readonly string[],
  ): Promise<OddsApiResponse> {
    return this.get(`/v4/sports/${this.segment(sportKey)}/events/${this.segment(eventId)}/odds`, [
      ['regions', this.regions],
      ['markets', requireKeys(markets, 'markets')],
      ['oddsFormat', 'american'],
      ['dateFormat', 'iso'],
    ]);
  }

  /** `GET /v4/sports/{sport}/scores` — live and recently completed games. */
  getScores(sportKey: string, params: GetScoresParams = {}): Promise<OddsApiResponse> {
    const query: [string, string][] = [['dateFormat', 'iso']];
    if (params.daysFrom !== undefined) {
      if (!Number.isInteger(params.daysFrom) || params.daysFrom < 1 || params.daysFrom > 3) {
        throw new RangeError(`daysFrom must be an integer 1–3, got ${params.daysFrom}`);
      }
      query.push(['daysFrom', String(params.daysFrom)]);
    }
    if (params.date !== undefined) {
      if (!isIsoDate(params.date))
        throw new RangeError(`date must be YYYY-MM-DD, got ${JSON.stringify(params.date)}`);
      query.push(['date', params.date]);
    }
    return this.get(`/v4/sports/${this.segment(sportKey)}/scores`, query);
  }

  private segment(value: string): string {
    if (value.trim() === '') throw new RangeError('empty path segment');
    return encodeURIComponent(value);
  }

  private scrub(text: string): string {
    return scrubSecret(text, this.apiKey);
  }

  private async get(path: string, query: Query): Promise<OddsApiResponse> {
    const qs = queryString(query);
    // The key is appended last and only to the URL actually fetched; `request` never sees it.
    const request = this.scrub(qs === '' ? path : `${path}?${qs}`);
    const url = new URL(this.base.toString());
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    url.search = `${qs === '' ? '' : `${qs}&`}apiKey=${encodeURIComponent(this.apiKey)}`;
    const details = (status: number | null, errorCode: string | null): OddsApiErrorDetails => ({
      request,
      status,
      errorCode,
    });

    let status: number;
    let headers: Headers;
    let text: string;
    try {
      const res = await this.fetchImpl(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = res.status;
      headers = res.headers;
      text = await res.text();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new OddsApiTimeoutError(
          `GET ${request}: no complete response within ${this.timeoutMs} ms`,
          details(null, null),
          this.timeoutMs,
        );
      }
      throw new OddsApiNetworkError(
        `GET ${request}: ${this.describeFailure(error)}`,
        details(null, null),
      );
    }

    let body: unknown;
    let isJson = true;
    try {
      body = JSON.parse(text);
    } catch {
      isJson = false;
    }
    const errorBody = isJson ? errorBodySchema.safeParse(body) : null;
    const errorCode = errorBody?.success ? errorBody.data.error_code : null;
    const serverMessage = errorBody?.success ? this.scrub(errorBody.data.message) : null;
    const said = serverMessage === null ? '' : ` (API: "${serverMessage}")`;

    const authCause = (AUTH_ERROR_CODES as readonly string[]).includes(errorCode ?? '')
      ? (errorCode as OddsApiAuthCause)
      : status === 401
        ? 'INVALID_KEY'
        : null;
    if (authCause !== null) {
      throw new OddsApiAuthError(
        authCause,
        `GET ${request}: ${authCause}: ${AUTH_MESSAGES[authCause]}${said}`,
        details(status, errorCode),
      );
    }
    if (status === 429 || errorCode === 'EXCEEDED_FREQ_LIMIT') {
      const retryAfterS = headerNumber(headers, 'retry-after');
      throw new OddsApiRateLimitError(
        `GET ${request}: rate limited (${errorCode ?? status})${said}`,
        details(status, errorCode),
        retryAfterS === null ? null : retryAfterS * 1000,
      );
    }
    if (status >= 500) {
      throw new OddsApiServerError(
        `GET ${request}: server error ${status}${said}`,
        details(status, errorCode),
      );
    }
    if (status < 200 || status >= 300) {
      throw new OddsApiRequestError(
        `GET ${request}: rejected with ${status}${errorCode === null ? '' : ` ${errorCode}`}${said}`,
        details(status, errorCode),
      );
    }
    if (!isJson) {
      return { body: this.scrub(text), notJson: true, quota: parseQuota(headers), request, status };
    }
    return { body, quota: parseQuota(headers), request, status };
  }

  /** Fetch failures nest the useful part (`ECONNREFUSED …`) in `cause`; both are scrubbed. */
  private describeFailure(error: unknown): string {
    if (!(error instanceof Error)) return this.scrub(String(error));
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return this.scrub(`${error.message}${cause}`);
  }
}
