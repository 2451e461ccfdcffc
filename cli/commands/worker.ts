/** `beatvegas worker`: the orchestration and simulation workers, until interrupted. */
import type { Command } from 'commander';
import { runWorker } from '../../worker/main';
import {
  DEFAULT_METRICS_ADDRESS,
  MetricsAddressError,
  metricsBindAddress,
} from '../../worker/metrics';
import { defaultSimThreads } from '../../worker/worker';
import { SIM_TASK_QUEUE, TASK_QUEUE } from '../../workflows/shared';
import { UsageError, parseInteger } from '../usage';

/** Upper bound of `--sim-threads` (a sanity bound, far above any machine this runs on). */
const MAX_SIM_THREADS = 256;

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the orchestration and simulation workers until interrupted')
    .option('--task-queue <name>', 'orchestration task queue', TASK_QUEUE)
    .option('--sim-task-queue <name>', 'simulation task queue', SIM_TASK_QUEUE)
    .option(
      '--sim-threads <n>',
      `simulation worker threads, 1–${MAX_SIM_THREADS} (default: CPU count)`,
    )
    .option('--only <role>', 'run only one role: orchestration | sim')
    .option(
      '--metrics-address <addr>',
      `Prometheus /metrics on IP:PORT, PORT or off (env BEATVEGAS_METRICS_ADDRESS; default ${DEFAULT_METRICS_ADDRESS})`,
    )
    .action(
      async (opts: {
        taskQueue: string;
        simTaskQueue: string;
        simThreads?: string;
        only?: string;
        metricsAddress?: string;
      }) => {
        const simThreads =
          opts.simThreads === undefined
            ? defaultSimThreads()
            : parseInteger(opts.simThreads, '--sim-threads', 1, MAX_SIM_THREADS);
        if (opts.only !== undefined && opts.only !== 'sim' && opts.only !== 'orchestration') {
          throw new UsageError(
            `--only: ${JSON.stringify(opts.only)}; valid values: orchestration, sim`,
          );
        }
        let metricsAddress: string | null;
        try {
          metricsAddress = metricsBindAddress(opts.metricsAddress);
        } catch (error) {
          if (error instanceof MetricsAddressError) throw new UsageError(error.message);
          throw error;
        }
        await runWorker({
          taskQueue: opts.taskQueue,
          simTaskQueue: opts.simTaskQueue,
          simThreads,
          metricsAddress,
          ...(opts.only ? { only: opts.only } : {}),
        });
      },
    );
}
