/**
 * ScheduledSlateWorkflow: what a per-sport slate Schedule starts. It resolves "today" from the
 * schedule's nominal time (so Temporal Schedule backfills run the right past dates) and runs
 * the day's SlateWorkflow as a child with the usual ID `slate/<sport>/<date>`.
 */
import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { EffectiveConfig } from '../core/effective-config';
import { utcToEasternDate } from '../core/calendar';
import { SlateWorkflow } from './slate';
import { SA_SCHEDULED_START, slateWorkflowId, type SlateResult } from './shared';

export interface ScheduledSlateInput {
  sport: string;
  source: string;
  /** A configuration fixed when the Schedule was applied; absent: the production defaults. */
  config?: EffectiveConfig;
  iterations?: number;
}

export async function ScheduledSlateWorkflow(input: ScheduledSlateInput): Promise<SlateResult> {
  const info = workflowInfo();
  // Temporal stamps scheduled runs with their nominal time; a schedule backfill of last week
  // must price last week's slates, not today's.
  const nominal = info.typedSearchAttributes.get(SA_SCHEDULED_START);
  const date = utcToEasternDate(nominal ?? info.startTime);
  return executeChild(SlateWorkflow, {
    workflowId: slateWorkflowId(input.sport, date, 'scheduled'),
    args: [
      {
        sport: input.sport,
        date,
        source: input.source,
        runKind: 'scheduled',
        ...(input.config !== undefined ? { config: input.config } : {}),
        ...(input.iterations !== undefined ? { iterations: input.iterations } : {}),
      },
    ],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
  });
}
