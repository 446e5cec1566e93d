/**
 * Bundles a TypeScript child script (and the workspace sources it imports) into one .mjs with
 * esbuild, so each of the hundreds of child processes starts in ~0.1 s instead of going
 * through a TypeScript loader. Native modules stay external and resolve from this package.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const packageDir = path.resolve(import.meta.dirname, '../..');
const repoRoot = path.resolve(packageDir, '../..');

/** Bundles `entry` (relative to test/support) and returns the output path. */
export async function bundleChild(entry: string, external: string[]): Promise<string> {
  const outDir = path.join(packageDir, 'test-output');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    logLevel: 'silent',
    plugins: [
      {
        name: 'workspace-sources',
        setup(b) {
          b.onResolve({ filter: /^@onshikit\/[a-z0-9-]+(\/[a-z0-9-]+)?$/ }, (args) => {
            const [, name, sub] = /^@onshikit\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?$/.exec(args.path) ?? [];
            return { path: path.join(repoRoot, 'packages', name ?? '', 'src', `${sub ?? 'index'}.ts`) };
          });
        },
      },
    ],
  });
  return outfile;
}
