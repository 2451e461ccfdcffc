/**
 * Typed errors of the Odds API client. Every error says whether a retry can help
 * (`retryable`), so the activity layer can map it to a (non-)retryable Temporal failure:
 *
 * | class                    | when                                         | retryable |
 * |--------------------------|----------------------------------------------|-----------|
 * | OddsApiAuthError         | 401, or error_code INVALID_KEY / MISSING_KEY / DEACTIVATED_KEY / OUT_OF_USAGE_CREDITS | no |
 * | OddsApiRateLimitError    | 429 or EXCEEDED_FREQ_LIMIT                   | yes (back off) |
 * | OddsApiServerError       | 5xx                                          | yes |
 * | OddsApiTimeoutError      | no complete response within `timeoutMs`      | yes |
 * | OddsApiNetworkError      | connection refused / reset / DNS             | yes |
 * | OddsApiRequestError      | other 4xx (unknown sport/event, bad params)  | no |
 *
 * A 2xx whose body is not JSON is not an error here either: the client returns it flagged
 * `notJson` and the caller quarantines it at once with its raw body (retrying it would spend
 * quota and lose the first attempt's capture). A JSON body of the wrong *shape* is likewise
 * captured and quarantined by normalisation.
 *
 * Secrets: messages and `request` never contain the API key — every string that could carry
 * it (server messages, fetch error messages, URLs) goes through {@link scrubSecret} — and the
 * underlying fetch error is not attached as `cause`, because causes are serialised into
 * Temporal failures and logs.
 */

/** What the Odds API says about the key, normalised. */
export type OddsApiAuthCause =
  'INVALID_KEY' | 'MISSING_KEY' | 'DEACTIVATED_KEY' | 'OUT_OF_USAGE_CREDITS';

export const AUTH_ERROR_CODES: readonly OddsApiAuthCause[] = [
  'INVALID_KEY',
  'MISSING_KEY',
  'DEACTIVATED_KEY',
  'OUT_OF_USAGE_CREDITS',
];

export interface OddsApiErrorDetails {
  /** Path and query of the request, without the API key. */
  readonly request: string;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** The body's `error_code`, when the API sent one. */
  readonly errorCode: string | null;
}

/** Base class; `instanceof OddsApiError` catches every client failure. */
export abstract class OddsApiError extends Error {
  abstract readonly retryable: boolean;
  readonly request: string;
  readonly status: number | null;
  readonly errorCode: string | null;

  constructor(message: string, details: OddsApiErrorDetails) {
    super(message);
    this.request = details.request;
    this.status = details.status;
    this.errorCode = details.errorCode;
  }
}

/** The key is invalid, missing, deactivated, or out of credits. Never retried. */
export class OddsApiAuthError extends OddsApiError {
  override readonly name = 'OddsApiAuthError';
  readonly retryable = false;
  constructor(
    /** Which key problem (named in the message too). Not `cause`: that is the error chain. */
    readonly reason: OddsApiAuthCause,
    message: string,
    details: OddsApiErrorDetails,
  ) {
    super(message, details);
  }
}

/** 429 EXCEEDED_FREQ_LIMIT. Retry with backoff; `retryAfterMs` from `Retry-After` if sent. */
export class OddsApiRateLimitError extends OddsApiError {
  override readonly name = 'OddsApiRateLimitError';
  readonly retryable = true;
  constructor(
    message: string,
    details: OddsApiErrorDetails,
    readonly retryAfterMs: number | null,
  ) {
    super(message, details);
  }
}

/** 5xx from the API. */
export class OddsApiServerError extends OddsApiError {
  override readonly name = 'OddsApiServerError';
  readonly retryable = true;
}

/** No complete response within the client's timeout. */
export class OddsApiTimeoutError extends OddsApiError {
  override readonly name = 'OddsApiTimeoutError';
  readonly retryable = true;
  constructor(
    message: string,
    details: OddsApiErrorDetails,
    readonly timeoutMs: number,
  ) {
    super(message, details);
  }
}

/** The request never got an HTTP response (refused, reset, DNS failure). */
export class OddsApiNetworkError extends OddsApiError {
  override readonly name = 'OddsApiNetworkError';
  readonly retryable = true;
}

/** Any other 4xx: the request itself is wrong (unknown sport or event, invalid parameter). */
export class OddsApiRequestError extends OddsApiError {
  override readonly name = 'OddsApiRequestError';
  readonly retryable = false;
}

/** The spellings a secret can take in a URL or message: raw, percent-encoded, form-encoded. */
function secretForms(secret: string): string[] {
  const component = encodeURIComponent(secret);
  const form = new URLSearchParams({ k: secret }).toString().slice(2);
  // What a URL's search setter makes of the component (it also escapes `'`).
  const serialised = new URL(`http://x/?k=${component}`).search.slice(3);
  // Longest first, so a longer spelling is not half-replaced by a shorter one.
  return [...new Set([secret, component, form, serialised])].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of `secret` (raw or URL-encoded) in `text` with `***`. */
export function scrubSecret(text: string, secret: string): string {
  if (secret === '') return text;
  let out = text;
  for (const spelling of secretForms(secret)) out = out.split(spelling).join('***');
  return out;
}
