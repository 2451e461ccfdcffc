/**
 * `createActivities(deps)`: every activity the worker registers, built from injected
 * dependencies (Temporal samples' activities-dependency-injection pattern).
 */
import { createSlateActivities, type ActivityDeps } from './slate';

export type { ActivityDeps } from './slate';

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSlateActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
