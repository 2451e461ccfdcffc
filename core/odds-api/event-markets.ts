/**
 * `/events/{id}/markets` body → the market keys bookmakers list for one event. The slate uses
 * it to request only derivative markets that exist (R2b: no market, no pick — and no quota
 * spent on markets nobody offers).
 */
import { describeJson, InvalidPayloadError } from './errors';
import { formatIssues, fromZodIssues } from './issues';
import { eventMarketsSchema } from './schemas';

export interface EventMarketList {
  readonly eventId: string;
  /** Distinct market keys over all bookmakers, sorted. */
  readonly marketKeys: string[];
  /** Per bookmaker, in payload order. */
  readonly bookmakers: { readonly key: string; readonly markets: string[] }[];
}

/** @throws InvalidPayloadError when the body is not a valid event markets object. */
export function parseEventMarkets(payload: unknown): EventMarketList {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new InvalidPayloadError(`expected an event markets object, got ${describeJson(payload)}`);
  }
  const parsed = eventMarketsSchema.safeParse(payload);
  if (!parsed.success)
    throw new InvalidPayloadError(formatIssues(fromZodIssues(parsed.error.issues)));
  const bookmakers = parsed.data.bookmakers.map((b) => ({
    key: b.key,
    markets: b.markets.map((m) => m.key),
  }));
  const marketKeys = [...new Set(bookmakers.flatMap((b) => b.markets))].sort();
  return { eventId: parsed.data.id, marketKeys, bookmakers };
}
