/**
 * Messages between the simulation pool (sim-pool.ts) and its threads (sim-pool-thread.ts),
 * and how a thread is started. Apart from the pool so a thread entry (and the tests' failing
 * thread) can speak the protocol without loading the pool's scheduling code.
 *
 * The thread entry is TypeScript. When the pool runs from compiled JS the sibling
 * `sim-pool-thread.js` is used directly; when it runs as TS (tsx, vitest) the thread starts from
 * a tiny eval'd CommonJS script that registers `tsx/cjs` and then requires the TS entry.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AccumulatorLayout } from '../core/sim/histogram';
import type { SimRequest } from '../core/sim/types';
import { SimInputError } from '../core/sim/types';

/** Run chunks [from, to) of `request` (posted to a thread). */
export interface ThreadTask {
  readonly id: number;
  readonly request: SimRequest;
  readonly from: number;
  readonly to: number;
}

/** A thread's answer to one {@link ThreadTask}. */
export type ThreadReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly counts: Int32Array;
      readonly sums: Float64Array;
      readonly layout: AccumulatorLayout;
    }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly field: string | undefined;
      };
    };

/** A thread's first message: it loaded and listens for tasks. */
export interface ThreadReady {
  readonly ready: true;
}

/**
 * Starts a worker thread from `<dir>/<name>.js` when compiled, else from `<name>.ts` through
 * `tsx` (tsx, vitest and the benchmarks run the TS sources).
 */
export function startThread(dir: string, name: string): Worker {
  const js = path.join(dir, `${name}.js`);
  if (existsSync(js)) return new Worker(js);
  const ts = path.join(dir, `${name}.ts`);
  const tsxCjs = createRequire(__filename).resolve('tsx/cjs');
  const boot = `require(${JSON.stringify(tsxCjs)}); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true });
}

/**
 * The error behind a failed {@link ThreadReply}, rebuilt on the pool's side from the plain
 * fields the thread sent: a SimInputError stays one, with its field, so callers can still tell
 * bad input from a failure.
 */
export function toError(e: { name: string; message: string; field: string | undefined }): Error {
  if (e.name === 'SimInputError' && e.field !== undefined) {
    return new SimInputError(
      e.field,
      e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message,
    );
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
