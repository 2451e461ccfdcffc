/**
 * R4: how many Monte Carlo iterations a run may simulate per game — a whole number within the
 * configured bounds.
 */
import { ITERATIONS } from '../config';

export class InvalidIterationsError extends Error {
  override readonly name = 'InvalidIterationsError';
}

/** @throws InvalidIterationsError when `iterations` is not a whole number within the bounds. */
export function checkIterations(iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < ITERATIONS.min || iterations > ITERATIONS.max) {
    throw new InvalidIterationsError(
      `iterations ${iterations} outside ${ITERATIONS.min}–${ITERATIONS.max}`,
    );
  }
}
