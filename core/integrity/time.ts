/**
 * Timestamps. Only strict ISO-8601 instants with an explicit zone are accepted: `Date.parse`
 * alone also takes locale-ish strings and zone-less forms that parse as local time, which
 * would make staleness depend on the worker's TZ.
 */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO-8601 instant, or null when it is not one. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The instant a line's age is measured at: min(asOf, commenceTime), for live and history runs
 * alike. No pre-game line moves after kickoff, so a line must be judged fresh as of kickoff at
 * the latest. This is what makes a history closing line (stamped at kickoff) fresh for a
 * history run at any asOf ≥ kickoff.
 */
export function stalenessReferenceMs(asOfMs: number, commenceMs: number): number {
  return Math.min(asOfMs, commenceMs);
}

/**
 * True when a line updated at `lastUpdateMs` is older than `maxAgeMs` at `referenceMs`
 * (strictly older: exactly 30 min is still fresh). Lines stamped after the reference are
 * fresh: live books' clocks run slightly ahead, and history runs before kickoff legitimately
 * see closing lines stamped at kickoff.
 */
export function isStale(lastUpdateMs: number, referenceMs: number, maxAgeMs: number): boolean {
  return referenceMs - lastUpdateMs > maxAgeMs;
}
