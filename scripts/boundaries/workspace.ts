import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The dependency sections of a package.json that this check reads. */
export type DependencySection = 'dependencies' | 'peerDependencies' | 'optionalDependencies' | 'devDependencies';

/** One workspace package as the boundary check sees it. */
export interface WorkspacePackage {
  /** `@onshikit/apdu` */
  readonly name: string;
  /** Path relative to the repository root, with `/` (`packages/apdu`). */
  readonly dir: string;
  /** `packages` or `examples`: the workspace folder it sits in. */
  readonly group: string;
  /** Declared dependencies per section (names only). */
  readonly declared: Readonly<Record<DependencySection, ReadonlySet<string>>>;
  /** Subpath (`.`, `./node`) to its source entry (`src/index.ts`, `src/node.ts`), from the exports map. */
  readonly entries: ReadonlyMap<string, string>;
  /** Line in package.json where a dependency is declared, per section. */
  lineOf(section: DependencySection, dependency: string): number;
  /** Source files under `src/` (relative to the package folder). */
  readonly sourceFiles: readonly string[];
  /** Other TypeScript/JavaScript files of the package (tests, bench, examples, configs). */
  readonly devFiles: readonly string[];
}

/** Workspace folders, as in pnpm-workspace.yaml (`packages/*`, `examples/*`). */
export const WORKSPACE_GROUPS = ['packages', 'examples'] as const;

const SECTIONS: readonly DependencySection[] = [
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'devDependencies',
];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage', 'test-output']);
const CODE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;

/** Reads every workspace package under `root` (sorted by folder). */
export function readWorkspace(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of WORKSPACE_GROUPS) {
    const groupDir = path.join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const manifestPath = path.join(groupDir, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      found.push(readPackage(root, `${group}/${entry.name}`, group));
    }
  }
  return found;
}

function readPackage(root: string, dir: string, group: string): WorkspacePackage {
  const manifestText = readFileSync(path.join(root, dir, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  const declared = Object.fromEntries(
    SECTIONS.map((section) => [section, new Set(Object.keys(asRecord(manifest[section])))]),
  ) as Record<DependencySection, Set<string>>;
  const files = listCodeFiles(path.join(root, dir));
  return {
    name: typeof manifest.name === 'string' ? manifest.name : dir,
    dir,
    group,
    declared,
    entries: sourceEntries(manifest.exports),
    lineOf: (section, dependency) => declarationLine(manifestText, section, dependency),
    sourceFiles: files.filter((file) => file.startsWith('src/')),
    devFiles: files.filter((file) => !file.startsWith('src/')),
  };
}

/**
 * Maps each export subpath to the source file it is built from: the build (tsup) turns
 * `src/<name>.ts` into `dist/<name>.js`, so `./dist/node.js` comes from `src/node.ts`.
 */
function sourceEntries(exportsField: unknown): Map<string, string> {
  const entries = new Map<string, string>();
  const field = asRecord(exportsField);
  const bySubpath = Object.keys(field).some((key) => key.startsWith('.'));
  const map = typeof exportsField === 'string' || !bySubpath ? { '.': exportsField } : field;
  for (const [subpath, target] of Object.entries(map)) {
    const built = firstTarget(target);
    const match = built?.match(/^\.\/dist\/(.+)\.(?:c?js|mjs)$/);
    if (match?.[1]) entries.set(subpath, `src/${match[1]}.ts`);
  }
  return entries;
}

function firstTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  for (const [condition, value] of Object.entries(asRecord(target))) {
    if (condition === 'types') continue;
    const found = firstTarget(value);
    if (found) return found;
  }
  return undefined;
}

function declarationLine(manifestText: string, section: DependencySection, dependency: string): number {
  const lines = manifestText.split('\n');
  let inSection = false;
  for (const [index, line] of lines.entries()) {
    const key = line.match(/^\s*"([^"]+)"\s*:/)?.[1];
    if (key === section) inSection = true;
    else if (inSection && key === dependency) return index + 1;
    else if (inSection && /^\s*}/.test(line)) inSection = false;
  }
  return 1;
}

function listCodeFiles(packageDir: string, relative = ''): string[] {
  const files: string[] = [];
  const entries = readdirSync(path.join(packageDir, relative), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...listCodeFiles(packageDir, child));
    } else if (entry.isFile() && CODE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(child);
    }
  }
  return files;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
