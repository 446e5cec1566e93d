/**
 * Bundles a TypeScript child script (and the workspace sources it imports) into one .mjs with
 * esbuild, so each of the hundreds of child processes starts in ~0.1 s instead of going
 * through a TypeScript loader. Shared by the SQLite and PostgreSQL store tests: the bundle is
 * written to the test-output folder of the package that holds the script, so its native
 * modules (kept external) resolve from that package.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(import.meta.dirname, '../..');

function packageDirOf(file: string): string {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${file}`);
}

/** Bundles the script at `entry` (e.g. `new URL('./support/writer.ts', import.meta.url)`) and returns the output path. */
export async function bundleChild(entry: URL, external: string[]): Promise<string> {
  const entryPath = fileURLToPath(entry);
  const outDir = path.join(packageDirOf(entryPath), 'test-output');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(entryPath, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entryPath],
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
