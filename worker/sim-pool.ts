/**
 * Persistent worker-thread pool for Monte Carlo simulation (R4: CPU work runs in a pool).
 *
 * Games wait in one FIFO queue. An idle thread takes the next range of chunks of the game at
 * the head of the queue, sized by guided self-scheduling: ⌈remaining chunks of all queued
 * games ÷ threads⌉, capped at what is left of that game. While the queue is deep a thread
 * takes whole games (each thread builds a game's tables once; a game split over threads is
 * prepared by each of them); near the end ranges shrink, so all threads finish together
 * instead of one thread running the last whole game alone. While the queue is deep a busy
 * thread also gets its next whole game posted ahead, so it starts it without a message round
 * trip (measured: worker idle time per 16-game NFL slate halved). Each thread returns integer
 * counts, and integer addition is exact and order-free, so a summary is bit-identical to
 * `simulateGame` on the calling thread for any pool size and any split (chunk seeds depend
 * only on the chunk index).
 *
 * The messages between pool and threads, and how a thread is started, are in
 * sim-pool-protocol.ts (re-exported here).
 */
import type { Worker } from 'node:worker_threads';
import { CHUNK_SIZE, chunkCount, summarize, validateRequest } from '../core/sim/engine';
import type { Accumulator, AccumulatorLayout } from '../core/sim/histogram';
import { addInto } from '../core/sim/histogram';
import type { SimRequest } from '../core/sim/types';
import type { SimSummary } from '../core/simulation-types';
import type { ThreadReady, ThreadReply, ThreadTask } from './sim-pool-protocol';
import { startThread, toError } from './sim-pool-protocol';

export type { ThreadReady, ThreadReply, ThreadTask } from './sim-pool-protocol';
export { startThread } from './sim-pool-protocol';

/** How {@link SimPool.create} sets up the pool. */
export interface SimPoolOptions {
  /** Number of worker threads, integer ≥ 1 (typically the core count). */
  readonly threads: number;
  /**
   * Thread entry, `<dir>/<name>.js` or `.ts` (default this directory's `sim-pool-thread`).
   * Another entry must speak the same protocol; the pool's tests use it to start threads
   * that fail on purpose.
   */
  readonly thread?: { readonly dir: string; readonly name: string };
}

/** One game in the pool: its chunks are handed out as ranges and merged as they return. */
interface Job {
  readonly request: SimRequest;
  readonly chunks: number;
  /** First chunk not yet handed to a thread. */
  next: number;
  /** Ranges handed out and not yet answered. */
  running: number;
  acc: Accumulator | null;
  layout: AccumulatorLayout | null;
  failed: boolean;
  readonly resolve: (s: SimSummary) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /**
   * Ranges posted to the thread and not yet answered, in posting order (a thread answers in
   * order). At most two: the running one and, while the queue is deep, the next whole game,
   * so the thread starts it without waiting for a message round trip.
   */
  readonly inflight: { readonly job: Job; readonly taskId: number }[];
  /**
   * Set when the thread reported {@link ThreadReady}. A thread that dies before that is not
   * respawned: its setup is broken, and a replacement would fail the same way, forever.
   */
  online: boolean;
  /** Set when the thread errored or exited; its slot is replaced or removed. */
  dead: boolean;
  /** Settles with the first of {@link ThreadReady} (resolves) or death (rejects). */
  readonly ready: Promise<void>;
}

/** The pool: games in, bit-identical summaries out (see the module comment). */
export class SimPool {
  private readonly slots: Slot[] = [];
  /** Games with chunks not yet handed out, oldest first. */
  private readonly queue: Job[] = [];
  /** Sum of `chunks − next` over {@link queue}. */
  private queuedChunks = 0;
  private dispatchScheduled = false;
  private nextId = 1;
  private closed = false;

  private constructor(private readonly entry: { readonly dir: string; readonly name: string }) {}

  /**
   * Starts `threads` workers and waits until each reports ready.
   * @throws the first thread's start-up error (the pool is closed, no thread is left running)
   */
  static async create(options: SimPoolOptions): Promise<SimPool> {
    const n = options.threads;
    if (!Number.isInteger(n) || n < 1 || n > 256)
      throw new RangeError(`threads must be an integer in [1, 256], got ${n}`);
    const pool = new SimPool(options.thread ?? { dir: __dirname, name: 'sim-pool-thread' });
    try {
      for (let i = 0; i < n; i++) pool.slots.push(pool.spawn());
      await Promise.all(pool.slots.map((s) => s.ready));
    } catch (e) {
      // Do not leave the threads that did start running behind a failed create.
      await pool.close();
      throw e;
    }
    return pool;
  }

  /** Number of worker threads. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * Milliseconds each current thread's event loop has been active (running tasks, whether or
   * not the OS had it on a CPU) since the thread started. The difference of two readings
   * over a batch, divided by threads × wall time, is the share of the batch the threads had
   * work: below 1 the pool left them idle, near 1 any shortfall in speedup is the threads
   * running slower side by side (the host), not scheduling.
   */
  threadActiveMs(): number[] {
    return this.slots.map((s) => s.worker.performance.eventLoopUtilization().active);
  }

  /**
   * Simulates one game. Validation runs on the calling thread, so bad input rejects with a
   * {@link SimInputError} before any work is queued.
   */
  simulate(request: SimRequest): Promise<SimSummary> {
    if (this.closed) return Promise.reject(new Error('SimPool is closed'));
    try {
      validateRequest(request);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise<SimSummary>((resolve, reject) => {
      const chunks = chunkCount(request.iterations);
      this.queue.push({
        request,
        chunks,
        next: 0,
        running: 0,
        acc: null,
        layout: null,
        failed: false,
        resolve,
        reject,
      });
      this.queuedChunks += chunks;
      // Games submitted in one synchronous burst (a slate) are all queued before the first
      // range is sized, so the first game is not split over threads that the next games
      // would keep busy anyway.
      if (!this.dispatchScheduled) {
        this.dispatchScheduled = true;
        queueMicrotask(() => {
          this.dispatchScheduled = false;
          this.dispatch();
        });
      }
    });
  }

  /** Terminates all threads; pending simulations reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stop(new Error('SimPool closed'));
    // Let every thread finish starting first: terminating one while its start-up script is
    // throwing aborts the whole process in Node 20 (assertion in AppendExceptionLine,
    // node_errors.cc). A thread settles `ready` once loaded or dead, so this cannot hang
    // longer than a start-up.
    await Promise.allSettled(this.slots.map((s) => s.ready));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Refuses further work and rejects every queued and running game with `err`. */
  private stop(err: Error): void {
    this.closed = true;
    for (const job of this.queue.slice()) this.fail(job, err);
    for (const s of this.slots) {
      for (const f of s.inflight.splice(0)) this.fail(f.job, err);
    }
  }

  /** Rejects `job` once; chunks of it not yet handed out leave the queue with it. */
  private fail(job: Job, err: Error): void {
    if (job.failed) return;
    job.failed = true;
    job.acc = null;
    const left = job.chunks - job.next;
    if (left > 0) {
      this.queuedChunks -= left;
      job.next = job.chunks;
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
    }
    job.reject(err);
  }

  /**
   * Hands every idle thread its next range (see the module comment for the sizing), then lets
   * each busy thread queue one more whole game while enough work remains that the tail can
   * still be balanced.
   */
  private dispatch(): void {
    if (this.closed) return;
    // A failed post drops its game, so retrying an idle thread always makes progress.
    for (const s of this.slots)
      while (s.inflight.length === 0 && this.queue.length > 0) this.post(s, false);
    for (const s of this.slots) if (s.inflight.length === 1) this.post(s, true);
  }

  /** Posts the next range to `slot`; with `ahead`, only a whole game with work to spare. */
  private post(slot: Slot, ahead: boolean): void {
    const job = this.queue[0];
    if (!job) return;
    const left = job.chunks - job.next;
    const threads = this.slots.length;
    const take = Math.min(left, Math.max(1, Math.ceil(this.queuedChunks / threads)));
    if (ahead && (take < left || this.queuedChunks - take < threads * take)) return;
    const task: ThreadTask = {
      id: this.nextId++,
      request: job.request,
      from: job.next,
      to: job.next + take,
    };
    job.next += take;
    job.running += 1;
    this.queuedChunks -= take;
    if (job.next === job.chunks) this.queue.shift();
    slot.inflight.push({ job, taskId: task.id });
    try {
      slot.worker.postMessage(task);
    } catch (e) {
      // The request could not be cloned (a function or symbol somewhere in it): undo the
      // bookkeeping and fail only this game. `fail` takes its remaining chunks off the queue.
      slot.inflight.pop();
      job.running -= 1;
      const err = e instanceof Error ? e : new Error(String(e));
      this.fail(
        job,
        new Error(`cannot send game ${job.request.gameId} to a thread: ${err.message}`),
      );
    }
  }

  private settle(job: Job, reply: ThreadReply): void {
    job.running -= 1;
    if (job.failed) return;
    if (!reply.ok) {
      this.fail(job, toError(reply.error));
      return;
    }
    if (job.acc === null) {
      job.acc = {
        counts: new Int32Array(reply.counts.length),
        sums: new Float64Array(reply.sums.length),
      };
      job.layout = reply.layout;
    }
    addInto(job.acc, reply);
    if (job.running === 0 && job.next === job.chunks && job.layout !== null) {
      try {
        job.resolve(summarize(job.request, job.layout, job.acc));
      } catch (e) {
        job.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private spawn(): Slot {
    let ready!: () => void;
    let died!: (e: Error) => void;
    const slot: Slot = {
      worker: startThread(this.entry.dir, this.entry.name),
      inflight: [],
      online: false,
      dead: false,
      ready: new Promise<void>((resolve, reject) => {
        ready = resolve;
        died = reject;
      }),
    };
    // Only create() waits on it; a respawned thread's early death is handled below.
    slot.ready.catch(() => undefined);
    slot.worker.on('message', (msg: ThreadReply | ThreadReady) => {
      if ('ready' in msg) {
        slot.online = true;
        ready();
        return;
      }
      const reply = msg;
      const i = slot.inflight.findIndex((f) => f.taskId === reply.id);
      const f = slot.inflight[i];
      if (!f) return;
      slot.inflight.splice(i, 1);
      if (!reply.ok) {
        // Fail the game first, so none of its remaining chunks is handed out.
        this.settle(f.job, reply);
        this.dispatch();
        return;
      }
      // Hand out the next ranges before merging, so no thread waits on a summary.
      this.dispatch();
      this.settle(f.job, reply);
    });
    const fail = (cause: Error): void => {
      if (slot.dead) return;
      slot.dead = true;
      let err = cause;
      if (!slot.online) died(err);
      for (const f of slot.inflight.splice(0)) this.fail(f.job, err);
      if (this.closed) return;
      const idx = this.slots.indexOf(slot);
      if (idx < 0) return;
      let replaced = false;
      if (slot.online) {
        // A crashed thread is replaced, so the pool stays at full size.
        try {
          this.slots[idx] = this.spawn();
          replaced = true;
        } catch (e) {
          err = e instanceof Error ? e : new Error(String(e));
        }
      }
      if (!replaced) {
        // A thread that never got ready (or could not be started) is not respawned; the pool
        // shrinks, and with no threads left nothing queued can ever run.
        this.slots.splice(idx, 1);
        if (this.slots.length === 0) {
          this.stop(new Error(`SimPool has no threads left: ${err.message}`));
          return;
        }
      }
      this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      // Any exit not asked for by close() loses the thread's work, even a clean one.
      if (!this.closed) fail(new Error(`sim worker exited with code ${code}`));
      else if (!slot.online) died(new Error('SimPool closed before the thread was ready'));
    });
    return slot;
  }
}

/** Iterations per chunk (re-exported for callers sizing work). */
export { CHUNK_SIZE };
