/**
 * Typed errors of the safety stack. Every error names what was wrong so a failed activity in the
 * Temporal UI is readable without a debugger (SPEC R14).
 */

/** One rejected field of a {@link SafetyConfigError}. `path` is dotted, e.g. `slateGuard.maxSideShare`. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** The safety config failed validation; `issues` lists every bad field, not just the first. */
export class SafetyConfigError extends Error {
  override readonly name = 'SafetyConfigError';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid safety config: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Inputs to the decomposition (R5) are unusable (non-finite, non-positive pace, sport mismatch). */
export class DecompositionInputError extends Error {
  override readonly name = 'DecompositionInputError';
  constructor(
    readonly gameId: string,
    readonly problems: readonly string[],
  ) {
    super(`decomposition input for ${gameId} is invalid: ${problems.join('; ')}`);
  }
}

/** A calibration state (R7 L2 / R11) is corrupt or would look ahead of the slate. */
export class CalibrationStateError extends Error {
  override readonly name = 'CalibrationStateError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid calibration state: ${problems.join('; ')}`);
  }
}

/** The slate handed to `classifySlate` violates its contract (duplicate keys, mixed sports…). */
export class SlateInputError extends Error {
  override readonly name = 'SlateInputError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid slate input: ${problems.join('; ')}`);
  }
}

/**
 * A safety invariant did not hold on the output (e.g. a published totals group above the side
 * band). Indicates a bug in the stack; the run must fail rather than publish.
 */
export class SafetyInvariantError extends Error {
  override readonly name = 'SafetyInvariantError';
  constructor(readonly problems: readonly string[]) {
    super(`safety invariant violated: ${problems.join('; ')}`);
  }
}
