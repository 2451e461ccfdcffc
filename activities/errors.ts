/**
 * Mapping of domain errors to Temporal failures: bad input is non-retryable with a clear
 * message; anything else is left to the retry policy (transient by default).
 */
import { ApplicationFailure } from '@temporalio/common';

/** Non-retryable failure for input that no retry can fix. `type` names the error class. */
export function badInput(
  message: string,
  type = 'BadInput',
  details?: unknown,
): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable: true,
    details: details === undefined ? undefined : [details],
  });
}

/**
 * `f()`, with a typed error of core's of class `type` translated into the failure `as` makes
 * of it; any other error is rethrown as it is.
 */
export function translating<T, E extends Error>(
  type: new (...args: never[]) => E,
  as: (error: E) => ApplicationFailure,
  f: () => T,
): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof type) throw as(error);
    throw error;
  }
}
