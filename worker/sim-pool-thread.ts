/**
 * Worker-thread side of the simulation pool (worker/sim-pool.ts). Receives chunk ranges of a
 * request, runs them with the same in-process kernel, and posts back the integer counts.
 * Prepared models (tables) are cached per (sport, inputs, options) so a game split over many
 * tasks builds its tables once per thread.
 */
import { parentPort } from 'node:worker_threads';
import { newAccumulator, prepareModel, runChunks } from '../core/sim/engine';
import type { PreparedModel, SimRequest } from '../core/sim/types';
import { SimInputError } from '../core/sim/types';
import type { ThreadReady, ThreadReply, ThreadTask } from './sim-pool-protocol';

const CACHE_SIZE = 16;
const cache = new Map<string, PreparedModel>();

function modelFor(req: SimRequest): PreparedModel {
  const key = JSON.stringify([req.sport, req.inputs, req.options ?? {}]);
  const hit = cache.get(key);
  if (hit) {
    // Refresh LRU position.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const model = prepareModel(req);
  cache.set(key, model);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return model;
}

function handle(task: ThreadTask): void {
  const port = parentPort;
  if (!port) return;
  try {
    const model = modelFor(task.request);
    const acc = runChunks(model, task.request, task.from, task.to, newAccumulator(model.layout));
    const reply: ThreadReply = {
      id: task.id,
      ok: true,
      counts: acc.counts,
      sums: acc.sums,
      layout: model.layout,
    };
    port.postMessage(reply, [acc.counts.buffer as ArrayBuffer, acc.sums.buffer as ArrayBuffer]);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const reply: ThreadReply = {
      id: task.id,
      ok: false,
      error: {
        name: e.name,
        message: e.message,
        field: e instanceof SimInputError ? e.field : undefined,
      },
    };
    port.postMessage(reply);
  }
}

parentPort?.on('message', (task: ThreadTask) => handle(task));
// Tell the pool this thread loaded and listens. Node's 'online' event fires before the
// thread's own code runs, so it cannot tell a working thread from one whose setup throws.
parentPort?.postMessage({ ready: true } satisfies ThreadReady);
