/**
 * The exported names (values and types) of every entry of every workspace package, read from the
 * TypeScript sources with the compiler, and the check that no name is exported by two packages.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One entry of a package's exports map, with the source file it is built from. */
export interface PackageEntry {
  /** Folder under `packages/`. */
  readonly pkg: string;
  /** The specifier a consumer imports: `@onshikit/eligibility/node`. */
  readonly specifier: string;
  /** Absolute path of the source: `src/index.ts` for `.`, `src/<sub>.ts` for `./<sub>`. */
  readonly source: string;
}

/** One exported name of one entry, with where its declaration lives. */
export interface ExportedName {
  readonly name: string;
  readonly pkg: string;
  readonly specifier: string;
  /** `file:position` of the first declaration the name resolves to (through re-exports). */
  readonly declaration: string;
}

/** A name exported by a package that does not own it, re-exporting the owner's declaration. */
export interface AllowedReexport {
  readonly name: string;
  /** The package that declares it. */
  readonly owner: string;
  /** The package that re-exports it unchanged. */
  readonly reexporter: string;
}

/** Every exports-map entry of every package under `packages/`, but `./package.json`. */
export function packageEntries(repoRoot: string): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (const pkg of readdirSync(path.join(repoRoot, 'packages')).sort()) {
    const manifestPath = path.join(repoRoot, 'packages', pkg, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    for (const key of Object.keys(manifest.exports ?? {}).sort()) {
      if (key === './package.json') continue;
      const file = key === '.' ? 'src/index.ts' : `src/${key.slice(2)}.ts`;
      entries.push({
        pkg,
        specifier: key === '.' ? manifest.name : `${manifest.name}${key.slice(1)}`,
        source: path.join(repoRoot, 'packages', pkg, file),
      });
    }
  }
  return entries;
}

/** The exported names of each entry, as the compiler sees them under `tsconfig.base.json`. */
export function exportedNames(repoRoot: string, entries: readonly PackageEntry[]): ExportedName[] {
  const configPath = path.join(repoRoot, 'tsconfig.base.json');
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram(
    entries.map((e) => e.source),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const names: ExportedName[] = [];
  for (const entry of entries) {
    const file = program.getSourceFile(entry.source);
    const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    if (moduleSymbol === undefined) throw new Error(`${entry.specifier}: ${entry.source} is not a module`);
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target.declarations?.[0];
      const where =
        declaration === undefined
          ? '?'
          : `${path.relative(repoRoot, declaration.getSourceFile().fileName)}:${declaration.getStart()}`;
      names.push({ name: symbol.name, pkg: entry.pkg, specifier: entry.specifier, declaration: where });
    }
  }
  return names;
}

/**
 * Names exported by more than one package. A name re-exported from the package that declares
 * it (the same declaration) is fine only when `allowed` lists the pair; anything else, above all
 * two declarations under one name, is a collision: `name: pkg (specifier) …`.
 */
export function collisions(names: readonly ExportedName[], allowed: readonly AllowedReexport[]): string[] {
  const byName = new Map<string, ExportedName[]>();
  for (const item of names) {
    const list = byName.get(item.name) ?? [];
    list.push(item);
    byName.set(item.name, list);
  }
  const found: string[] = [];
  for (const [name, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const packages = [...new Set(list.map((item) => item.pkg))];
    if (packages.length < 2) continue;
    const declarations = new Set(list.map((item) => item.declaration));
    const owner = ownerOf(list);
    const allReexports =
      declarations.size === 1 &&
      owner !== undefined &&
      packages.every(
        (pkg) => pkg === owner || allowed.some((a) => a.name === name && a.owner === owner && a.reexporter === pkg),
      );
    if (allReexports) continue;
    found.push(`${name}: ${list.map((item) => `${item.pkg} (${item.specifier}, ${item.declaration})`).join(', ')}`);
  }
  return found;
}

/** The package whose sources hold the (single) declaration, if one of the exporters does. */
function ownerOf(list: readonly ExportedName[]): string | undefined {
  const declaration = list[0]?.declaration ?? '';
  const match = /^packages\/([^/]+)\//.exec(declaration);
  const pkg = match?.[1];
  return list.some((item) => item.pkg === pkg) ? pkg : undefined;
}
