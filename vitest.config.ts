import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest's default is one worker fewer than the cores, which on a two-core machine is one: the tiers ran file after
 * file. The runner's own process does little once the files are handed out, so use every core (at least two).
 */
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          maxWorkers: workers,
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['apps/api/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['apps/api/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: workers,
          // Files share their worker's module cache (the app, drizzle, PGlite's WebAssembly): importing it afresh for
          // every file cost more than the tests. Each file still gets its own database and app.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.spec.ts'],
          // Seeds the demo program once; each spec file's server starts from a copy.
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          // A journey walks many pages with axe on each; two files run at once, so leave room on a slow machine.
          testTimeout: 150_000,
          hookTimeout: 120_000,
          // Two spec files at a time: each has its own server, database and browser, and a journey spends most of
          // its time waiting on the page, so two overlap well on a two-core machine.
          maxWorkers: 2,
          // As for the integration tier: the app, PGlite, Playwright and axe load once per worker, not once per file.
          isolate: false,
        },
      },
    ],
  },
});
