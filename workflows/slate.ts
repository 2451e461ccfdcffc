/**
 * SlateWorkflow — one durable run per sport and date (SPEC §3). It only orchestrates: every
 * step is an activity, and only IDs and counts cross the boundary.
 */
import {
  ApplicationFailure,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  defineQuery,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  SA_FLAGS_DISABLED,
  SA_PICKS_PUBLISHED,
  SA_RUN_KIND,
  SA_SLATE_DATE,
  SA_SPORT,
  type SlateInput,
  type SlateResult,
} from './shared';

const steps = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 20,
  },
});

export interface SlateProgress {
  step: 'starting' | 'fetch odds' | 'verify lines' | 'persist' | 'completed' | 'failed';
  games: number | null;
  verified: number | null;
  blockedMarkets: number | null;
  picksPublished: number | null;
}

export const slateProgressQuery = defineQuery<SlateProgress>('progress');

export async function SlateWorkflow(input: SlateInput): Promise<SlateResult> {
  const runId = workflowInfo().workflowId;
  const progress: SlateProgress = {
    step: 'starting',
    games: null,
    verified: null,
    blockedMarkets: null,
    picksPublished: null,
  };
  setHandler(slateProgressQuery, () => progress);
  const report = (step: SlateProgress['step']): void => {
    progress.step = step;
    setCurrentDetails(
      [
        `**${input.sport.toUpperCase()} ${input.date}** (${input.runKind}, source ${input.source})`,
        `step: ${step}`,
        `games: ${progress.games ?? '…'} · verified: ${progress.verified ?? '…'} · blocked markets: ${progress.blockedMarkets ?? '…'}`,
        `picks published: ${progress.picksPublished ?? '…'}`,
      ].join('\n'),
    );
  };

  upsertSearchAttributes([
    { key: SA_SPORT, value: input.sport },
    { key: SA_SLATE_DATE, value: input.date },
    { key: SA_RUN_KIND, value: input.runKind },
  ]);
  const seed = input.seed ?? runId;
  const ref = { runId, sport: input.sport, date: input.date };

  try {
    report('fetch odds');
    const fetched = await steps.fetchOdds({
      ...ref,
      source: input.source,
      runKind: input.runKind,
      requestedAsOf: workflowInfo().startTime.toISOString(),
      seed,
      iterations: input.iterations ?? null,
    });
    progress.games = fetched.games;
    if (fetched.flagsDisabled.length > 0) {
      upsertSearchAttributes([{ key: SA_FLAGS_DISABLED, value: fetched.flagsDisabled }]);
    }

    report('verify lines');
    const verified = await steps.verifyLines({
      ...ref,
      source: input.source,
      asOf: fetched.asOf,
      live: fetched.live,
      quarantinedGameIds: fetched.quarantinedGameIds,
    });
    progress.verified = verified.verifiedGameIds.length;
    progress.blockedMarkets = verified.marketsBlocked;

    report('persist');
    const persisted = await steps.persistSlate(ref);
    progress.picksPublished = persisted.picksPublished;
    upsertSearchAttributes([{ key: SA_PICKS_PUBLISHED, value: persisted.picksPublished }]);
    upsertMemo({
      games: fetched.games,
      verified: verified.verifiedGameIds.length,
      marketsBlocked: verified.marketsBlocked,
      reasons: verified.reasons,
      picksPublished: persisted.picksPublished,
    });
    report('completed');
    return {
      runId,
      sport: input.sport,
      date: input.date,
      source: input.source,
      runKind: input.runKind,
      asOf: fetched.asOf,
      flagsDisabled: fetched.flagsDisabled,
      fetch: {
        games: fetched.games,
        quotes: fetched.quotes,
        quarantined: fetched.quarantined,
        quota: fetched.quota,
      },
      verify: verified,
      persist: persisted,
    };
  } catch (error) {
    report('failed');
    const message =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    await steps.markSlateFailed({ runId, message });
    throw ApplicationFailure.nonRetryable(`slate ${runId} failed: ${message}`, 'SlateFailed');
  }
}
