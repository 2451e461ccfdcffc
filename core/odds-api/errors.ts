/** Errors of the pure Odds API layer. */

/**
 * The payload as a whole is unusable (e.g. the top level is not an array of events). Thrown
 * instead of quarantining because there is no event to attribute the problem to; the caller
 * keeps the raw payload as a quarantined capture. Retrying the same payload cannot help.
 */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
  constructor(readonly reason: string) {
    super(`invalid Odds API payload: ${reason}`);
  }
}

/** Short description of a JSON value's kind, for messages (`array`, `null`, `object`, …). */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`;
  return `a ${typeof value}`;
}
