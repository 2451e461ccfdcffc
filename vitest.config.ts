import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fault tests stop shared services: they run on their own (vitest.chaos.config.ts).
    exclude: ['test/chaos/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal's native bridge misbehaves under worker threads: one forked process per file.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // DB and workflow tests share one Postgres database and one dev server namespace.
    fileParallelism: false,
  },
});
