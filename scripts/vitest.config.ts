import path from 'node:path';
import { defineConfig } from 'vitest/config';

const repoRoot = path.resolve(import.meta.dirname, '..');

/** Tests of the repository scripts (not a workspace package): `pnpm test:scripts`. */
export default defineConfig({
  // `test/exports.test.ts` loads every package entry from its sources, as package tests do.
  resolve: {
    alias: [
      { find: /^@onshikit\/([a-z0-9-]+)$/, replacement: path.join(repoRoot, 'packages/$1/src/index.ts') },
      { find: /^@onshikit\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: path.join(repoRoot, 'packages/$1/src/$2.ts') },
    ],
  },
  test: {
    name: 'scripts',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
