/** R4: the iterations a run may simulate (core/pipeline/iterations.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITERATIONS } from '../../../core/config';
import { checkIterations, InvalidIterationsError } from '../../../core/pipeline/iterations';

describe('checkIterations', () => {
  it('accepts exactly the whole numbers within the bounds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -10, max: 2 * ITERATIONS.max }),
          fc.double({ noNaN: false }),
          fc.constantFrom(ITERATIONS.min - 1, ITERATIONS.min, ITERATIONS.max, ITERATIONS.max + 1),
        ),
        (n) => {
          const ok = Number.isInteger(n) && n >= ITERATIONS.min && n <= ITERATIONS.max;
          if (ok) expect(() => checkIterations(n)).not.toThrow();
          else expect(() => checkIterations(n)).toThrow(InvalidIterationsError);
        },
      ),
    );
  });

  it('names the value and the bounds', () => {
    expect(() => checkIterations(999)).toThrow('iterations 999 outside 1000–1000000');
    expect(() => checkIterations(1500.5)).toThrow('iterations 1500.5 outside 1000–1000000');
  });
});
