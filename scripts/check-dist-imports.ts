/**
 * `pnpm exec tsx scripts/check-dist-imports.ts`, after the build: every import in every published
 * package's `dist/` is a Node built-in, the package itself or a declared dependency. Catches a
 * build that inlines another package's code together with that code's imports (tsup.shared.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { undeclaredDistImports } from './dist-imports/scan.ts';

const packagesDir = path.join(import.meta.dirname, '..', 'packages');
let failures = 0;
let checked = 0;
for (const name of readdirSync(packagesDir).sort()) {
  const dir = path.join(packagesDir, name);
  const manifestPath = path.join(dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { private?: boolean };
  if (manifest.private === true) continue;
  if (!existsSync(path.join(dir, 'dist'))) {
    console.error(`packages/${name}: no dist/ (build first)`);
    failures += 1;
    continue;
  }
  checked += 1;
  for (const item of undeclaredDistImports(dir)) {
    console.error(
      `packages/${name}/${item.file}: imports ${item.specifier}, but ${item.packageName} is not a dependency`,
    );
    failures += 1;
  }
}
if (failures > 0) {
  console.error(`check-dist-imports: ${failures} problem(s)`);
  process.exit(1);
}
console.log(`check-dist-imports: ${checked} packages, every built import is declared`);
