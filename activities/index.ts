/**
 * `createActivities(deps)`: every orchestration activity the worker registers, built from
 * injected dependencies (Temporal samples' activities-dependency-injection pattern). The
 * CPU-heavy simulate step is registered separately on the simulation task queue
 * ({@link createSimActivities}).
 */
import { createPricingActivities, createSimActivities, createStampActivities } from './pricing';
import { createCalibrationActivities } from './calibration';
import { createSlateActivities, type ActivityDeps } from './slate';

export type { ActivityDeps } from './slate';
export type { SimDeps } from './pricing';
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
