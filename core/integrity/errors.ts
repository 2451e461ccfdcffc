/**
 * The one error class the integrity module throws. Bad *data* (NaN points, garbage prices,
 * unparsable timestamps on quotes) never throws: it becomes a verdict with a reason code. Only
 * a caller bug — a value the types already promise is valid — ends up here, so a throw means
 * "fix the code", not "skip the game".
 */

/** Why the caller, not the data, is wrong. */
export type IntegrityErrorCode =
  | 'INVALID_SPORT'
  | 'INVALID_MARKET'
  | 'INVALID_AS_OF'
  | 'GAME_ID_MISMATCH'
  | 'INVALID_PRICE'
  | 'INVALID_CONFIG';

/** Thrown for programming errors only (see module comment). */
export class IntegrityInputError extends Error {
  override readonly name = 'IntegrityInputError';

  constructor(
    readonly code: IntegrityErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
