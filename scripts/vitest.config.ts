import { defineConfig } from 'vitest/config';

/** Tests of the repository scripts (not a workspace package): `pnpm test:scripts`. */
export default defineConfig({
  test: {
    name: 'scripts',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
