/**
 * Query windows for the Odds API. The API filters with `commenceTimeFrom` / `commenceTimeTo`,
 * both inclusive, in the exact form `YYYY-MM-DDTHH:MM:SSZ` (it rejects milliseconds with
 * 422), so every instant we send goes through {@link formatApiInstant}.
 */
import type { IsoDate } from '../types';
import { easternDayRangeMs } from '../calendar';

/** An API query instant: UTC, whole seconds, `Z` suffix. */
export type ApiInstant = string;

/** `YYYY-MM-DDTHH:MM:SSZ`, the only instant form the API accepts in query parameters. */
export const API_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Formats an instant for a query parameter, truncating to whole seconds. */
export function formatApiInstant(instant: Date | string | number): ApiInstant {
  const ms =
    instant instanceof Date
      ? instant.getTime()
      : typeof instant === 'number'
        ? instant
        : Date.parse(instant);
  if (!Number.isFinite(ms))
    throw new RangeError(`formatApiInstant: not an instant: ${String(instant)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The inclusive commence-time window of one slate. */
export interface SlateWindow {
  readonly commenceTimeFrom: ApiInstant;
  readonly commenceTimeTo: ApiInstant;
}

/**
 * The window selecting every game of the US/Eastern calendar day `date`: from 00:00:00 ET to
 * 23:59:59 ET (the API's `to` is inclusive, so the next midnight is excluded by one second).
 */
export function slateWindow(date: IsoDate): SlateWindow {
  const { fromMs, toMs } = easternDayRangeMs(date);
  return {
    commenceTimeFrom: formatApiInstant(fromMs),
    commenceTimeTo: formatApiInstant(toMs - 1000),
  };
}
