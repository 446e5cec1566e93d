import path from 'node:path';
import { defineConfig } from 'vite';

/** The page uses @onshikit/portal-forms from its sources, so no package build is needed first. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  resolve: {
    alias: [
      {
        find: /^@onshikit\/portal-forms$/,
        replacement: path.join(import.meta.dirname, '../../packages/portal-forms/src/index.ts'),
      },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // zod's sources carry explanatory comments next to @__PURE__ markers that Rollup reports and drops.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
