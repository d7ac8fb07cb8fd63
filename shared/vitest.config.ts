import { defineConfig } from 'vitest/config';

// Lets `vitest run --root shared` (and `npm test -w shared`) find this package's tests on their own;
// the root config's `shared` project runs the same files in the all-package run.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
