import { defineConfig } from 'vitest/config';

// One run, every package: unit tests beside their package, cross-package tests under tests/.
export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'shared', include: ['shared/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'cms', include: ['cms/test/**/*.test.ts'], testTimeout: 60_000 } },
      { extends: true, test: { name: 'web', include: ['web/test/**/*.test.ts'] } },
      // The bench's own helpers (wrk's report, nginx, /proc readers, the README block); the bench itself is `npm run bench`.
      { extends: true, test: { name: 'bench', include: ['bench/test/**/*.test.ts'], testTimeout: 60_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Each file starts its own Strapi (~250 MB): one file at a time per worker, forks for isolation.
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // The same CMS tests on PostgreSQL: one throwaway server for the run, a database per file.
          name: 'integration-pg',
          include: ['tests/integration/**/*.test.ts'],
          env: { PLUMAGE_TEST_DB: 'postgres' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // `npm run import` / `npm run demo`: table tests of the pure parts, and runs against a CMS in process.
          name: 'importer',
          include: ['tests/importer/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Operations: PM2, graceful shutdown, backup/restore, fsck, the reverse proxies. Each file starts its own
          // servers (Strapi, nginx, PostgreSQL): forks, one file at a time per worker, generous time.
          name: 'ops',
          include: ['tests/ops/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          // `npm run test:hostile`: hostile uploads, EXIF fuzzing, races, crashes, access. HOSTILE_SCALE=N multiplies
          // the case counts. Prints a table of cases tried at the end (and test-results/hostile-summary.json).
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          globalSetup: ['tests/hostile/support/global-setup.ts'],
          pool: 'forks',
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
