/**
 * SlateWorkflow — one durable run per sport and date (SPEC §3): fetch odds → verify lines →
 * load ratings → simulate → decompose (+RCL) → calibrate → classify → stamp versions →
 * persist. It only orchestrates: every step is an activity (so the Temporal UI shows each one),
 * and only IDs, counts and small records cross the boundary. Backfill runs execute the short
 * I/O steps as local activities (see `stepsFor`); simulation is always a regular activity.
 */
import {
  ApplicationFailure,
  CancellationScope,
  defineQuery,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities, SimActivities } from '../activities';
import {
  DEFAULT_ITERATIONS,
  SA_FLAGS_DISABLED,
  SA_MODEL_HASH,
  SA_PICKS_PUBLISHED,
  SA_RUN_KIND,
  SA_SLATE_DATE,
  SA_SPORT,
  SIM_TASK_QUEUE,
  type SlateInput,
  type SlateResult,
} from './shared';

const RETRY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  maximumAttempts: 20,
} as const;

// Short I/O steps (tens of ms each; an odds request gives up after 10 s): a worker that dies
// mid-step is detected within a minute and the step retried elsewhere. Simulation heartbeats,
// so a dead simulation worker is noticed in 20 s.
const steps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: RETRY });
const localSteps = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: RETRY,
});

/**
 * A backfill replays hundreds of dates strictly in order, so each step's server round trips
 * (~10 ms per activity and per workflow task) add up to most of its time. Its short steps run
 * as local activities on the workflow's own worker: same retries and idempotent writes, recorded
 * as markers instead of scheduled activities. Scheduled and manual slates keep regular
 * activities, one row per step in the Temporal UI. `patched` keeps histories recorded before
 * this change replaying on the regular path.
 */
function stepsFor(runKind: SlateInput['runKind']): typeof steps {
  return runKind === 'backfill' && patched('backfill-local-steps') ? localSteps : steps;
}

export const SLATE_STEPS = [
  'starting',
  'fetch odds',
  'verify lines',
  'load ratings',
  'simulate',
  'decompose',
  'calibrate',
  'classify',
  'stamp versions',
  'persist',
  'completed',
  'failed',
] as const;

export interface SlateProgress {
  step: (typeof SLATE_STEPS)[number];
  games: number | null;
  verified: number | null;
  simulated: number | null;
  blockedMarkets: number | null;
  picksPublished: number | null;
}

export const slateProgressQuery = defineQuery<SlateProgress>('progress');

export async function SlateWorkflow(input: SlateInput): Promise<SlateResult> {
  const info = workflowInfo();
  // Every execution is its own run: a re-run of the slot never touches an earlier run's rows.
  // Histories recorded before runs were append-only keep the workflow ID as the run ID.
  const appendOnly = patched('append-only-runs');
  const runId = appendOnly ? `${info.workflowId}@${info.runId}` : info.workflowId;
  let iterations = input.iterations ?? DEFAULT_ITERATIONS[input.runKind];
  const sim = proxyActivities<SimActivities>({
    taskQueue: input.simTaskQueue ?? SIM_TASK_QUEUE,
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '20 seconds',
    retry: RETRY,
  });

  const progress: SlateProgress = {
    step: 'starting',
    games: null,
    verified: null,
    simulated: null,
    blockedMarkets: null,
    picksPublished: null,
  };
  setHandler(slateProgressQuery, () => progress);
  const report = (step: SlateProgress['step']): void => {
    progress.step = step;
    setCurrentDetails(
      [
        `**${input.sport.toUpperCase()} ${input.date}** (${input.runKind}, source ${input.source}, ${iterations} iterations)`,
        `step: ${step}`,
        `games: ${progress.games ?? '…'} · priceable: ${progress.verified ?? '…'} · simulated: ${progress.simulated ?? '…'} · blocked markets: ${progress.blockedMarkets ?? '…'}`,
        `picks published: ${progress.picksPublished ?? '…'}`,
      ].join('\n'),
    );
  };

  upsertSearchAttributes([
    { key: SA_SPORT, value: input.sport },
    { key: SA_SLATE_DATE, value: input.date },
    { key: SA_RUN_KIND, value: input.runKind },
  ]);
  const ref = { runId, sport: input.sport, date: input.date };

  const step = stepsFor(input.runKind);
  // The configuration is the run's input: validated once here, never read from a worker.
  let config: SlateInput['config'];
  if (appendOnly) {
    try {
      config = await step.resolveRunConfig({
        sport: input.sport,
        runKind: input.runKind,
        ...(input.config !== undefined ? { config: input.config } : {}),
        ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
        ...(input.seed !== undefined ? { seed: input.seed } : {}),
      });
    } catch (error) {
      // Nothing was written: a run with a bad configuration never starts.
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw ApplicationFailure.nonRetryable(
        `slate ${info.workflowId} refused: ${cause instanceof Error ? cause.message : String(cause)}`,
        'InvalidConfig',
      );
    }
  }
  iterations = config?.iterations ?? iterations;
  const seed = config?.seed ?? input.seed ?? info.workflowId;
  const withConfig = config ? { config } : {};

  try {
    report('fetch odds');
    const fetched = await step.fetchOdds({
      ...ref,
      source: input.source,
      runKind: input.runKind,
      requestedAsOf: info.startTime.toISOString(),
      seed,
      iterations,
      ...withConfig,
    });
    progress.games = fetched.games;
    if (fetched.flagsDisabled.length > 0) {
      upsertSearchAttributes([{ key: SA_FLAGS_DISABLED, value: fetched.flagsDisabled }]);
    }

    report('verify lines');
    const verified = await step.verifyLines({
      ...ref,
      source: input.source,
      asOf: fetched.asOf,
      live: fetched.live,
      quarantinedGameIds: fetched.quarantinedGameIds,
      unknownTeams: fetched.unknownTeams,
      fetchedGameIds: fetched.fetchedGameIds,
      ...withConfig,
    });
    progress.verified = verified.verifiedGameIds.length;
    progress.blockedMarkets = verified.marketsBlocked;

    report('load ratings');
    const ratings = await step.loadRatings({
      ...ref,
      asOf: fetched.asOf,
      gameIds: verified.verifiedGameIds,
      ...withConfig,
    });

    report('simulate');
    const simulated = await sim.simulateSlate({ ...ref, seed, iterations });
    progress.simulated = simulated.simulated;
    upsertSearchAttributes([{ key: SA_MODEL_HASH, value: simulated.modelHash }]);

    report('decompose');
    const decomposed = await step.decomposeSlate({ ...ref, ...withConfig });

    report('calibrate');
    const calibration = await step.loadCalibration({ ...ref, ...withConfig });

    report('classify');
    const classified = await step.classifySlate({
      ...ref,
      ...calibration,
      iterations,
      seed,
      ...withConfig,
    });

    report('stamp versions');
    const stamp = await step.stampVersions({
      ...ref,
      seed,
      iterations,
      triggers: classified.triggers,
      ...withConfig,
    });

    report('persist');
    const summary = {
      ratings,
      decomposed,
      calibration: {
        offset: calibration.calibration.offset,
        dampFactor: calibration.calibration.dampFactor,
        asOfDate: calibration.calibration.asOfDate,
      },
      classified,
      // Everything classify read besides the tables: `reproduce` replays the run from it.
      calibrationInputs: calibration,
    };
    const persisted = await step.persistSlate({ ...ref, summary });
    progress.picksPublished = persisted.picksPublished;
    upsertSearchAttributes([{ key: SA_PICKS_PUBLISHED, value: persisted.picksPublished }]);
    upsertMemo({
      games: fetched.games,
      priceable: verified.verifiedGameIds.length,
      marketsBlocked: verified.marketsBlocked,
      reasons: verified.reasons,
      states: classified.states,
      picksPublished: persisted.picksPublished,
      triggers: classified.triggers,
      modelHash: stamp.modelHash,
      configHash: stamp.configHash,
    });
    report('completed');
    return {
      runId,
      sport: input.sport,
      date: input.date,
      source: input.source,
      runKind: input.runKind,
      asOf: fetched.asOf,
      iterations,
      seed,
      flagsDisabled: fetched.flagsDisabled,
      fetch: {
        games: fetched.games,
        quotes: fetched.quotes,
        quarantined: fetched.quarantined,
        quota: fetched.quota,
      },
      verify: verified,
      ratings,
      simulate: simulated,
      decompose: decomposed,
      calibration: summary.calibration,
      classify: classified,
      stamp,
      persist: persisted,
    };
  } catch (error) {
    report('failed');
    // A cancelled run (`beatvegas backfill cancel`, `temporal workflow cancel`) still closes its
    // row, from outside the cancelled scope, and ends cancelled rather than failed.
    if (isCancellation(error) && patched('cancelled-slate-closes-row')) {
      await CancellationScope.nonCancellable(() =>
        step.markSlateFailed({ runId, message: 'cancelled' }),
      );
      throw error;
    }
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    await step.markSlateFailed({
      runId,
      message,
      sport: input.sport,
      date: input.date,
      runKind: input.runKind,
    });
    throw ApplicationFailure.nonRetryable(`slate ${runId} failed: ${message}`, 'SlateFailed');
  }
}
