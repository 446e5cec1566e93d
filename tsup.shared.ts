import type { Plugin } from 'esbuild';
import type { Options } from 'tsup';

/** Options every package's tsup.config.ts starts from. */
export interface PackageBuildOptions {
  /** `neutral` for packages that must also run in browsers (no `node:` imports at top level). */
  platform: 'node' | 'neutral';
  /** Entry points; `src/index.ts` by default. Subpath exports add `src/<name>.ts`. */
  entry?: string[] | Record<string, string>;
}

/** Marks every `@onshikit/*` import external before esbuild applies the tsconfig paths. */
const keepWorkspacePackagesExternal: Plugin = {
  name: 'onshikit-workspace-external',
  setup(build) {
    build.onResolve({ filter: /^@onshikit\// }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * ESM + CJS + `.d.ts`/`.d.cts` for one package. Declarations are built against the
 * dependencies' published `dist` types (turbo builds `^build` first), never against their
 * sources, so no package's types leak into another's declaration bundle.
 */
export function packageBuildConfig(options: PackageBuildOptions): Options {
  return {
    entry: options.entry ?? ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { paths: {}, noEmit: false } },
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: options.platform,
    splitting: false,
    treeshake: false,
    // A library never inlines what it installs: every import of a package from node_modules
    // stays an import. Bundled, the optional native PC/SC binding (@pokusew/pcsclite and its
    // `bindings` loader) looked for its .node file under our dist/ and failed from ESM with
    // "Dynamic require of \"events\"" (docs/shipping.md; scripts/consumer-test.sh catches it).
    skipNodeModulesBundle: true,
    // Nor another onshi-kit package. The workspace's tsconfig paths point `@onshikit/*` at sources
    // and esbuild followed them, so eligibility's dist carried copies of apdu, mynumber and
    // portal-forms with an import of zod, which eligibility does not declare (under pnpm's strict
    // node_modules it failed to load). A plugin resolves them first, as imports of the installed
    // package (scripts/check-dist-imports.ts checks every built import is declared).
    esbuildPlugins: [keepWorkspacePackagesExternal],
    outDir: 'dist',
  };
}
