/**
 * A pool thread that loads and reports ready, then answers every task with a failure, as the
 * real thread does when a kernel throws.
 */
import { parentPort } from 'node:worker_threads';
import type { ThreadReady, ThreadReply, ThreadTask } from '../../../../worker/sim-pool';

parentPort?.on('message', (task: ThreadTask) => {
  const reply: ThreadReply = {
    id: task.id,
    ok: false,
    error: {
      name: 'RangeError',
      message: `kernel failed on ${task.request.gameId}`,
      field: undefined,
    },
  };
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies ThreadReady);
