import { isSport, type Sport } from '../core/sports';
import { badInput } from './errors';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date `YYYY-MM-DD` (rejects 2023-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Validates a sport an activity receives. */
export function requireSport(sport: unknown): Sport {
  if (!isSport(sport)) throw badInput(`unknown sport ${JSON.stringify(sport)}`, 'UnknownSport');
  return sport;
}

/** Validates the (sport, date) pair every slate activity receives. */
export function requireSlateKey(sport: unknown, date: unknown): { sport: Sport; date: string } {
  requireSport(sport);
  if (!isIsoDate(date))
    throw badInput(
      `invalid slate date ${JSON.stringify(date)} (expected YYYY-MM-DD)`,
      'InvalidDate',
    );
  return { sport: sport as Sport, date };
}
