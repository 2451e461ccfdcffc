/**
 * Full-game totals helpers: the model's P(over | no push) at a line from a simulation summary,
 * and the graded outcome of a final total against a line.
 */
import type { TotalLineProbs } from '../simulation-types';

/** Lines are on a half-point grid; anything closer than this is the same line. */
const LINE_EPS = 1e-9;

/**
 * pOver / (pOver + pUnder) at `line` from the simulated lines, or null when the engine did not
 * price that exact line or every iteration pushed. Conditioning on "no push" makes the model
 * comparable with the no-vig market probability, which is also a two-way price.
 */
export function pOverNoPush(totals: readonly TotalLineProbs[], line: number): number | null {
  const at = totals.find((t) => Math.abs(t.line - line) < LINE_EPS);
  if (!at) return null;
  const d = at.pOver + at.pUnder;
  return d > 0 ? at.pOver / d : null;
}

/** 1 when the final total went over `line`, 0 under, null on a push. */
export function overOutcome(actualTotal: number, line: number): 0 | 1 | null {
  if (actualTotal > line) return 1;
  if (actualTotal < line) return 0;
  return null;
}
