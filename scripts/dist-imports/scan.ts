/**
 * What a built package imports: every module specifier in its `dist/` JavaScript and declaration
 * files, and the ones its package.json does not declare. A published package that imports an
 * undeclared package works in the workspace (pnpm links it somewhere above) and under npm's flat
 * node_modules by luck, and fails under pnpm's strict layout or Yarn PnP.
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import of a built file that its package does not declare. */
export interface UndeclaredImport {
  /** Path of the built file, relative to the package folder. */
  readonly file: string;
  readonly specifier: string;
  /** The package the specifier names. */
  readonly packageName: string;
}

const BUILTINS = new Set(builtinModules);

/**
 * Every module specifier in one built file's text: static and dynamic imports, `require()`,
 * `export … from`, `import("x").T` in declarations, triple-slash type references. TypeScript's
 * own pre-processor reads them, so a specifier quoted in a comment (TSDoc examples) does not count.
 */
export function specifiersIn(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName);
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for relative and builtin ones. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
  return BUILTINS.has(name) ? undefined : name;
}

function builtFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...builtFiles(full, base));
    else if (/\.(?:m|c)?js$|\.d\.(?:m|c)?ts$/.test(entry.name)) out.push(path.relative(base, full));
  }
  return out.sort();
}

interface Manifest {
  readonly name: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** The imports of `<packageDir>/dist` that the package's package.json does not declare. */
export function undeclaredDistImports(packageDir: string): UndeclaredImport[] {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Manifest;
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const dist = path.join(packageDir, 'dist');
  const found: UndeclaredImport[] = [];
  for (const file of builtFiles(dist)) {
    const text = readFileSync(path.join(dist, file), 'utf8');
    for (const specifier of new Set(specifiersIn(text))) {
      const packageName = packageNameOf(specifier);
      if (packageName !== undefined && !declared.has(packageName)) {
        found.push({ file: `dist/${file}`, specifier, packageName });
      }
    }
  }
  return found;
}
