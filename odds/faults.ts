/**
 * Fault injection for the local odds server: the failures SPEC §7 says the pipeline must
 * survive (or fail fast on), on demand. A plan has a queue (each fault used by exactly one
 * request, in order) and per-path faults (every matching request until the plan changes).
 */

/** Which corruption a `malformed` fault applies to one event of the response. */
export type Corruption = 'drop-home-team' | 'string-price';

export type FaultKind =
  /** 401 INVALID_KEY, whatever key was sent. */
  | { readonly kind: 'invalid-key' }
  /** 401 OUT_OF_USAGE_CREDITS. */
  | { readonly kind: 'out-of-credits' }
  /** 429 EXCEEDED_FREQ_LIMIT; `retryAfterS` adds a Retry-After header (seconds). */
  | { readonly kind: 'rate-limit'; readonly retryAfterS?: number }
  /** 5xx (default 500) with an error body. */
  | { readonly kind: 'server-error'; readonly status?: number }
  /** Answer normally after `delayMs` (0–600 000 ms). */
  | { readonly kind: 'slow'; readonly delayMs: number }
  /** Answer normally but corrupt one event (`eventIndex`, default 0) of the body. */
  | { readonly kind: 'malformed'; readonly corruption?: Corruption; readonly eventIndex?: number }
  /** 200 with an HTML body (a proxy error page). */
  | { readonly kind: 'non-json' };

/** A fault, optionally restricted to requests whose pathname contains `path`. */
export type Fault = FaultKind & { readonly path?: string };

export interface FaultPlan {
  /** Consumed one per request: the first queued fault whose `path` matches is used and removed. */
  readonly queue?: readonly Fault[];
  /** Applied to every request whose pathname contains the key (when no queued fault matched). */
  readonly perPath?: Readonly<Record<string, FaultKind>>;
}

/** Mutable holder of the current plan. */
export class FaultInjector {
  private queue: Fault[] = [];
  private perPath: [string, FaultKind][] = [];

  constructor(plan: FaultPlan = {}) {
    this.set(plan);
  }

  set(plan: FaultPlan): void {
    this.queue = [...(plan.queue ?? [])];
    this.perPath = Object.entries(plan.perPath ?? {});
  }

  /** The fault for a request to `pathname`, consuming it if it was queued. */
  take(pathname: string): FaultKind | null {
    const i = this.queue.findIndex((f) => f.path === undefined || pathname.includes(f.path));
    if (i >= 0) return this.queue.splice(i, 1)[0] ?? null;
    const hit = this.perPath.find(([p]) => pathname.includes(p));
    return hit ? hit[1] : null;
  }

  /** Queued faults not used yet. */
  pending(): number {
    return this.queue.length;
  }
}

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export const FAULT_SPEC_HELP =
  '401 | credits | 429[:retryAfterS] | 500 | 502 | 503 | slow:MS | malformed[:drop-home-team|string-price] | non-json, optionally @PATH-SUBSTRING';

/**
 * Parses a CLI fault spec such as `429`, `slow:2000`, `malformed:string-price@/odds`.
 *
 * @throws FaultSpecError naming the valid forms.
 */
export function parseFault(spec: string): Fault {
  const [body = '', path] = spec.trim().split('@', 2);
  const [name = '', arg] = body.split(':', 2);
  const withPath = (f: FaultKind): Fault =>
    path === undefined || path === '' ? f : { ...f, path };
  const bad = (): never => {
    throw new FaultSpecError(`bad fault ${JSON.stringify(spec)}; valid: ${FAULT_SPEC_HELP}`);
  };
  switch (name) {
    case '401':
    case 'invalid-key':
      return withPath({ kind: 'invalid-key' });
    case 'credits':
    case 'out-of-credits':
      return withPath({ kind: 'out-of-credits' });
    case '429':
    case 'rate-limit': {
      if (arg === undefined) return withPath({ kind: 'rate-limit' });
      const s = Number(arg);
      return Number.isInteger(s) && s >= 0
        ? withPath({ kind: 'rate-limit', retryAfterS: s })
        : bad();
    }
    case '500':
    case '502':
    case '503':
      return withPath({ kind: 'server-error', status: Number(name) });
    case 'slow': {
      const ms = Number(arg);
      return Number.isInteger(ms) && ms >= 0 && ms <= 600_000
        ? withPath({ kind: 'slow', delayMs: ms })
        : bad();
    }
    case 'malformed':
      if (arg === undefined) return withPath({ kind: 'malformed' });
      return arg === 'drop-home-team' || arg === 'string-price'
        ? withPath({ kind: 'malformed', corruption: arg })
        : bad();
    case 'non-json':
      return withPath({ kind: 'non-json' });
    default:
      return bad();
  }
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns the first outcome price of `event` into a string; false when it has no outcome. */
function stringifyFirstPrice(event: JsonObject): boolean {
  const books = Array.isArray(event.bookmakers) ? event.bookmakers : [];
  for (const book of books) {
    const markets = isObject(book) && Array.isArray(book.markets) ? book.markets : [];
    for (const market of markets) {
      const outcomes = isObject(market) && Array.isArray(market.outcomes) ? market.outcomes : [];
      const first: unknown = outcomes[0];
      if (isObject(first)) {
        first.price = typeof first.price === 'number' ? String(first.price) : 'n/a';
        return true;
      }
    }
  }
  return false;
}

/**
 * Corrupts one event of a response body in place (an array of events, or one event object).
 * `string-price` falls back to `drop-home-team` when the event has no outcomes. Returns a
 * description of what was done, or null when the body had no event to corrupt.
 */
export function corruptBody(
  body: unknown,
  fault: Extract<FaultKind, { kind: 'malformed' }>,
): string | null {
  const events = Array.isArray(body) ? body : [body];
  if (events.length === 0) return null;
  const index = Math.min(Math.max(0, fault.eventIndex ?? 0), events.length - 1);
  const event: unknown = events[index];
  if (!isObject(event)) return null;
  if (fault.corruption === 'string-price' && stringifyFirstPrice(event))
    return `event ${index}: price as string`;
  delete event.home_team;
  return `event ${index}: home_team dropped`;
}
