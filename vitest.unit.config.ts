import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the pure tier — unit, property and golden tests of core/ and the pure
 * parts around it. No Postgres, no Temporal (no global setup), files in parallel.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // The simulation pool starts worker threads and respawns them: it is an integration test.
    exclude: ['test/unit/sim/pool.test.ts', 'node_modules/**'],
    // Pure code only: threads (no Temporal native bridge here), one worker per core.
    pool: 'threads',
    isolate: false,
    testTimeout: 60_000,
  },
});
