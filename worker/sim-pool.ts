/**
 * Persistent worker-thread pool for Monte Carlo simulation (R4: CPU work runs in a pool).
 *
 * A request's chunks are split into contiguous ranges, one per currently idle thread (a single
 * range when the pool is already busy); ranges of all pending requests share one FIFO queue,
 * and an idle thread takes the next range. Each thread returns
 * integer counts which are added in range order, so a summary is bit-identical to
 * `simulateGame` on the calling thread for any pool size (chunk seeds depend only on the
 * chunk index).
 *
 * The thread entry is TypeScript. When this module runs from compiled JS the sibling
 * `sim-pool-thread.js` is used directly; when it runs as TS (tsx, vitest) the thread starts from
 * a tiny eval'd CommonJS script that registers `tsx/cjs` and then requires the TS entry.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, chunkCount, summarize, validateRequest } from '../core/sim/engine';
import type { Accumulator, AccumulatorLayout } from '../core/sim/histogram';
import { addInto } from '../core/sim/histogram';
import type { SimRequest } from '../core/sim/types';
import { SimInputError } from '../core/sim/types';
import type { SimSummary } from '../core/simulation-types';

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

export interface SimPoolOptions {
  /** Number of worker threads, integer ≥ 1 (typically the core count). */
  readonly threads: number;
}

interface Pending {
  readonly task: ThreadTask;
  readonly resolve: (r: ThreadReply & { ok: true }) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  /** Set once the thread is running; a thread that never started is not respawned (no loop). */
  online: boolean;
}

function startWorker(): Worker {
  const js = path.join(__dirname, 'sim-pool-thread.js');
  if (existsSync(js)) return new Worker(js);
  const ts = path.join(__dirname, 'sim-pool-thread.ts');
  const tsxCjs = createRequire(__filename).resolve('tsx/cjs');
  const boot = `require(${JSON.stringify(tsxCjs)}); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true });
}

function toError(e: { name: string; message: string; field: string | undefined }): Error {
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

export class SimPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(threads: number) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  /** Starts `threads` workers and waits until they are online. */
  static async create(options: SimPoolOptions): Promise<SimPool> {
    const n = options.threads;
    if (!Number.isInteger(n) || n < 1 || n > 256)
      throw new RangeError(`threads must be an integer in [1, 256], got ${n}`);
    const pool = new SimPool(n);
    await Promise.all(
      pool.slots.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            s.worker.once('online', () => resolve());
            s.worker.once('error', reject);
          }),
      ),
    );
    return pool;
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Simulates one game. Validation runs on the calling thread, so bad input rejects with a
   * {@link SimInputError} before any work is queued.
   */
  async simulate(request: SimRequest): Promise<SimSummary> {
    if (this.closed) throw new Error('SimPool is closed');
    validateRequest(request);
    const chunks = chunkCount(request.iterations);
    // Split a game only over threads that would otherwise idle: on a busy pool whole games
    // keep every thread full without each thread rebuilding the same game's tables. Any split
    // gives identical bits, so this is purely a scheduling choice.
    const idle = this.slots.filter((s) => s.busy === null).length - this.queue.length;
    const parts = Math.max(1, Math.min(idle, chunks));
    const tasks: Promise<ThreadReply & { ok: true }>[] = [];
    for (let p = 0; p < parts; p++) {
      // Balanced contiguous ranges; which thread runs which range does not matter.
      const from = Math.floor((p * chunks) / parts);
      const to = Math.floor(((p + 1) * chunks) / parts);
      tasks.push(this.enqueue({ id: this.nextId++, request, from, to }));
    }
    const replies = await Promise.all(tasks);
    const first = replies[0];
    if (!first) throw new Error('no chunks');
    const acc: Accumulator = {
      counts: new Int32Array(first.counts.length),
      sums: new Float64Array(first.sums.length),
    };
    for (const r of replies) addInto(acc, { counts: r.counts, sums: r.sums });
    return summarize(request, first.layout, acc);
  }

  /** Terminates all threads; pending simulations reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new Error('SimPool closed');
    for (const p of this.queue.splice(0)) p.reject(err);
    for (const s of this.slots) {
      if (s.busy) s.busy.reject(err);
      s.busy = null;
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private enqueue(task: ThreadTask): Promise<ThreadReply & { ok: true }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const s of this.slots) {
      if (s.busy || this.queue.length === 0) continue;
      const next = this.queue.shift() as Pending;
      s.busy = next;
      s.worker.postMessage(next.task);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker(), busy: null, online: false };
    slot.worker.once('online', () => {
      slot.online = true;
    });
    slot.worker.on('message', (reply: ThreadReply) => {
      const p = slot.busy;
      slot.busy = null;
      if (p && p.task.id === reply.id) {
        if (reply.ok) p.resolve(reply);
        else p.reject(toError(reply.error));
      }
      this.dispatch();
    });
    const fail = (err: Error): void => {
      // A crashed thread fails its task and is replaced, so the pool stays at full size.
      const p = slot.busy;
      slot.busy = null;
      if (p) p.reject(err);
      if (this.closed || !slot.online) return;
      const idx = this.slots.indexOf(slot);
      if (idx >= 0) this.slots[idx] = this.spawn();
      this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed && code !== 0) fail(new Error(`sim worker exited with code ${code}`));
    });
    return slot;
  }
}

/** Iterations per chunk (re-exported for callers sizing work). */
export { CHUNK_SIZE };
