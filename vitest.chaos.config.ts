import { defineConfig } from 'vitest/config';

// Fault tests get a database of their own: the main suite truncates `beatvegas_test` between
// files, and a run of it beside the fault tests must not pull rows out from under them.
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/beatvegas_chaos';

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
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
