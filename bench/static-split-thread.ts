/**
 * Benchmark control thread: simulates whole games with the in-process kernel, no pool. Two of
 * these with half a slate each show what the kernel itself gains from two vCPUs right now.
 */
import { parentPort } from 'node:worker_threads';
import { simulateGame } from '../core/sim/engine';
import type { SimRequest } from '../core/sim/types';

parentPort?.on('message', (requests: SimRequest[]) => {
  for (const r of requests) simulateGame(r);
  parentPort?.postMessage(requests.length);
});
