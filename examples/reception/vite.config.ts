import path from 'node:path';
import { defineConfig } from 'vite';

const repo = path.join(import.meta.dirname, '../..');

/** The page imports workspace packages from their sources, so no package build is needed first. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: {
    alias: [
      { find: /^@onshikit\/example-forms\/(.+)$/, replacement: path.join(repo, 'examples/forms/src/$1.ts') },
      { find: /^@onshikit\/([a-z0-9-]+)$/, replacement: path.join(repo, 'packages/$1/src/index.ts') },
      { find: /^@onshikit\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: path.join(repo, 'packages/$1/src/$2.ts') },
    ],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  logLevel: 'warn',
});
