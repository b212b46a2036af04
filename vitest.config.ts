import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files start real servers and child processes; two cores.
          fileParallelism: false,
          // KIJKRUIMTE_TEST_DATABASE=postgres: one throw-away cluster for the run, a database per
          // app, dropped after each file (PGSUITE-1). Nothing happens on the SQLite run.
          globalSetup: ['tests/helpers/postgres-suite-setup.ts'],
          setupFiles: ['tests/helpers/test-database-hooks.ts'],
        },
      },
    ],
  },
});
