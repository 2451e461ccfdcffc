import { defineConfig } from 'vitest/config';

/**
 * Fault tests (SPEC §7): they kill workers, stop Postgres and restart the Temporal dev server,
 * so they run after the main suite, one file at a time, never beside other tests.
 */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
