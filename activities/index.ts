/**
 * `createActivities(deps)`: every orchestration activity the worker registers, built from
 * injected dependencies (Temporal samples' activities-dependency-injection pattern). The
 * CPU-heavy simulate step is registered separately on the simulation task queue
 * ({@link createSimActivities}).
 */
import { createPricingActivities, createStampActivities } from './pricing';
import { createSimActivities } from './simulate';
import { createCalibrationActivities } from './calibration';
import { createSlateActivities, type ActivityDeps } from './slate';

export type { ActivityDeps } from './slate';
export type { SimDeps } from './simulate';
export { createSimActivities };

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSlateActivities(deps),
    ...createPricingActivities(deps),
    ...createStampActivities(deps),
    ...createCalibrationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type SimActivities = ReturnType<typeof createSimActivities>;
