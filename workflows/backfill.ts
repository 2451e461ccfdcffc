/**
 * BackfillWorkflow (R12): replays history through the same SlateWorkflow, strictly point in
 * time — for each date, first calibrate on results before it, then run its slate as a child
 * with the deterministic ID `backfill-slate/<sport>/<date>`. Sports run in parallel, dates in
 * order within a sport. Long ranges continue-as-new between rounds so history stays small.
 */
import {
  ApplicationFailure,
  continueAsNew,
  defineQuery,
  executeChild,
  isCancellation,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { EffectiveConfig } from '../core/effective-config';
import { addDays } from '../core/calendar';
import { SlateWorkflow } from './slate';
import { slateWorkflowId, type SlateResult } from './shared';

// Date listing and one day's grading + calibration take tens of ms: a worker killed mid-step
// is noticed within a minute and the step retried elsewhere.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
  },
});

export interface BackfillInput {
  sports: string[];
  from: string;
  to: string;
  /**
   * Per sport, the configuration every slate of the backfill runs with (resolved once by the
   * trigger); its hash names the backfill's own calibration chain. Absent: each sport's backfill
   * defaults (with `iterations`), resolved once when the backfill starts.
   */
  configs?: Record<string, EffectiveConfig>;
  iterations?: number;
  /** Run only the dates whose backfill slate did not complete before. */
  onlyFailed?: boolean;
  /** List the dates and game counts; run nothing. */
  dryRun?: boolean;
  /** Continue-as-new after this many slates in one run (default 100). */
  continueAfter?: number;
  simTaskQueue?: string;
  /** Internal: carried across continue-as-new. */
  carry?: BackfillCarry;
}

export interface SportProgress {
  done: number;
  failed: number;
  remaining: number;
  games: number;
  picks: number;
  failedDates: string[];
  /** Dates not yet run, in order. */
  queue: string[];
}

export interface BackfillCarry {
  progress: Record<string, SportProgress>;
  runs: number;
}

export interface BackfillProgress {
  sports: Record<string, Omit<SportProgress, 'queue'>>;
  /** Workflow runs so far (1 + continue-as-new count). */
  runs: number;
  dryRun: boolean;
}

export interface BackfillResult extends BackfillProgress {
  plan?: Record<string, { date: string; games: number }[]>;
}

export const backfillProgressQuery = defineQuery<BackfillProgress>('progress');

const DEFAULT_CONTINUE_AFTER = 100;

export async function BackfillWorkflow(input: BackfillInput): Promise<BackfillResult> {
  const progress: Record<string, SportProgress> = input.carry?.progress ?? {};
  const runs = (input.carry?.runs ?? 0) + 1;
  const view = (): BackfillProgress => ({
    sports: Object.fromEntries(Object.entries(progress).map(([s, { queue: _q, ...p }]) => [s, p])),
    runs,
    dryRun: input.dryRun ?? false,
  });
  setHandler(backfillProgressQuery, view);
  const details = (): void =>
    setCurrentDetails(
      Object.entries(progress)
        .map(
          ([s, p]) =>
            `${s}: ${p.done} done, ${p.failed} failed, ${p.remaining} remaining · ${p.games} games · ${p.picks} picks`,
        )
        .join('\n'),
    );

  if (!input.carry) {
    const plans = await Promise.all(
      input.sports.map((sport) =>
        input.onlyFailed
          ? acts.unfinishedSlateDates({
              sport,
              from: input.from,
              to: input.to,
              runIdPrefix: `backfill-slate/${sport}/`,
            })
          : acts.listSlateDates({ sport, from: input.from, to: input.to }),
      ),
    );
    if (input.dryRun) {
      const plan = Object.fromEntries(input.sports.map((s, i) => [s, plans[i]!]));
      for (const [i, sport] of input.sports.entries()) {
        const dates = plans[i]!;
        progress[sport] = {
          done: 0,
          failed: 0,
          remaining: dates.length,
          games: dates.reduce((a, d) => a + d.games, 0),
          picks: 0,
          failedDates: [],
          queue: dates.map((d) => d.date),
        };
      }
      return { ...view(), plan };
    }
    for (const [i, sport] of input.sports.entries()) {
      const dates = plans[i]!.map((d) => d.date);
      progress[sport] = {
        done: 0,
        failed: 0,
        remaining: dates.length,
        games: 0,
        picks: 0,
        failedDates: [],
        queue: dates,
      };
    }
  }

  // One configuration per sport for the whole backfill (its calibration chain and its slates).
  let configs = input.configs;
  if (configs === undefined && patched('backfill-configs')) {
    const resolved = await Promise.all(
      input.sports.map((sport) =>
        acts.resolveRunConfig({
          sport,
          runKind: 'backfill',
          ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
        }),
      ),
    );
    configs = Object.fromEntries(input.sports.map((s, i) => [s, resolved[i]!]));
  }

  const limit = input.continueAfter ?? DEFAULT_CONTINUE_AFTER;
  let ranThisRun = 0;
  details();
  // Rounds: each sport advances by one date per round, so a round is the unit of
  // continue-as-new and no sport's date is ever half-processed across runs.
  while (Object.values(progress).some((p) => p.queue.length > 0)) {
    await Promise.all(
      Object.entries(progress)
        .filter(([, p]) => p.queue.length > 0)
        .map(async ([sport, p]) => {
          const date = p.queue[0]!;
          try {
            // Point in time: the calibration row dated the day before is all the slate may see.
            const config = configs?.[sport];
            await acts.calibrateSport({
              sport,
              date: addDays(date, -1),
              ...(config ? { config, runKind: 'backfill' as const } : {}),
            });
            const result: SlateResult = await executeChild(SlateWorkflow, {
              workflowId: slateWorkflowId(sport, date, 'backfill'),
              args: [
                {
                  sport,
                  date,
                  source: 'history',
                  runKind: 'backfill',
                  ...(config ? { config } : {}),
                  ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
                  ...(input.simTaskQueue !== undefined ? { simTaskQueue: input.simTaskQueue } : {}),
                },
              ],
              workflowIdReusePolicy: 'ALLOW_DUPLICATE',
            });
            p.done += 1;
            p.games += result.verify.games;
            p.picks += result.persist.picksPublished;
          } catch (error) {
            if (isCancellation(error)) throw error;
            p.failed += 1;
            p.failedDates.push(date);
          }
          p.queue.shift();
          p.remaining = p.queue.length;
          ranThisRun += 1;
        }),
    );
    details();
    const more = Object.values(progress).some((p) => p.queue.length > 0);
    if (more && (ranThisRun >= limit || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof BackfillWorkflow>({
        ...input,
        ...(configs ? { configs } : {}),
        carry: { progress, runs },
      });
    }
  }
  const failed = Object.values(progress).reduce((a, p) => a + p.failed, 0);
  if (failed > 0 && Object.values(progress).every((p) => p.done === 0)) {
    throw ApplicationFailure.nonRetryable(
      `backfill failed on every date (${failed} slates)`,
      'BackfillFailed',
    );
  }
  return view();
}
