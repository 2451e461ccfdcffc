import { isIsoDate } from '../core/calendar';
import { checkIterations, InvalidIterationsError } from '../core/pipeline';
import { isSport, type Sport } from '../core/sports';
import { badInput, translating } from './errors';

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

/** Validates the Monte Carlo iterations a simulate step receives (R4). */
export function requireIterations(iterations: number): number {
  translating(
    InvalidIterationsError,
    (e) => badInput(e.message, 'InvalidIterations'),
    () => checkIterations(iterations),
  );
  return iterations;
}
