/** Monte Carlo engines (R4): public surface. */
export {
  CHUNK_SIZE,
  ENGINES,
  MAX_ITERATIONS,
  MIN_ITERATIONS,
  PACE_FACTOR_RANGE,
  chunkCount,
  prepareModel,
  runChunks,
  simulateGame,
  summarize,
  validateRequest,
} from './engine';
export { SimInputError } from './types';
export type {
  EngineOptions,
  GameInputs,
  PreparedModel,
  SegmentRequest,
  SimRequest,
  SportEngine,
  TeamTotalLines,
} from './types';
export type { Accumulator, AccumulatorLayout, SegmentLayout } from './histogram';
export { addInto, newAccumulator } from './histogram';
export { Sfc32, chunkRng, chunkSeedWords } from './prng';
