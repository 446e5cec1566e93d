import path from 'node:path';
import type { UserWorkspaceConfig } from 'vitest/config';

const repoRoot = import.meta.dirname;

/**
 * Tests import workspace packages by name (`@onshikit/apdu`, `@onshikit/mynumber/conformance`)
 * and get their TypeScript sources, so no build is needed to test and a test may use any
 * package (the simulator above all) without a dependency cycle in package.json.
 */
export function sharedTestConfig(packageDir: string): UserWorkspaceConfig {
  const slow = process.env.ONSHIKIT_SLOW === '1';
  return {
    resolve: {
      alias: [
        { find: /^@onshikit\/([a-z0-9-]+)$/, replacement: path.join(repoRoot, 'packages/$1/src/index.ts') },
        { find: /^@onshikit\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: path.join(repoRoot, 'packages/$1/src/$2.ts') },
      ],
    },
    test: {
      name: path.basename(packageDir),
      root: packageDir,
      include: slow ? ['test/**/*.test.ts'] : ['test/**/*.test.ts'],
      exclude: slow ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/**/*.slow.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      environment: 'node',
    },
  };
}
