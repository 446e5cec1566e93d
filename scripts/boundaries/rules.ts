import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { type ImportRef, listImports } from './imports.ts';
import type { BoundaryPolicy, KnownViolation } from './policy.ts';
import { type DependencySection, readWorkspace, type WorkspacePackage } from './workspace.ts';

/** The rules, by the id printed in each finding. */
export const RULES = {
  direction: 'a runtime dependency against the package direction',
  'no-examples': 'nothing under packages/ uses examples/',
  'browser-node-import': 'no top-level Node built-in import in browser-safe code',
  'browser-imports-node-only': 'browser-safe code does not import a Node-only subpath',
  'undeclared-dependency': 'an @onshikit/* import in src/ is declared in dependencies or peerDependencies',
  'cross-package-path': 'src/ reaches another package by name, never by a relative path',
  'unknown-package': 'every package under packages/ has a row in the direction table',
  'policy-mismatch': 'the policy names subpaths that exist in the exports map',
  'undeclared-dev-dependency': 'an @onshikit/* import in tests/bench is declared in package.json',
  'dev-cross-package-path': 'tests/bench reach another package by a relative path',
} as const;

/** A rule id. */
export type RuleId = keyof typeof RULES;

/**
 * Rules that are printed with a count but do not fail the check: a new rule the tree does not meet
 * yet starts here. Empty since the simulator split (issue 17): every test declares what it imports.
 */
export const REPORT_ONLY: ReadonlySet<RuleId> = new Set<RuleId>([]);

/** One finding: where, which rule, what. */
export interface Finding {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly rule: RuleId;
  readonly message: string;
  /** The importing and imported package, for matching known violations. */
  readonly from: string;
  readonly to?: string;
}

/** The outcome of one run. */
export interface BoundaryReport {
  /** Findings that fail the check. */
  readonly violations: readonly Finding[];
  /** Findings of report-only rules. */
  readonly reportOnly: readonly Finding[];
  /** Findings accepted by the policy's known list, each with its reason. */
  readonly known: readonly (Finding & { readonly reason: string })[];
  /** Known violations of the policy that no longer occur: remove them from the policy. */
  readonly stale: readonly KnownViolation[];
  /** Number of packages and files read. */
  readonly packages: number;
  readonly files: number;
}

const SCOPE = '@onshikit/';
const RUNTIME_SECTIONS: readonly DependencySection[] = ['dependencies', 'peerDependencies', 'optionalDependencies'];
const NODE_BUILTINS = new Set(builtinModules);

/** Checks the workspace under `root` against `policy`. */
export function checkBoundaries(root: string, policy: BoundaryPolicy): BoundaryReport {
  const workspace = readWorkspace(root);
  const names = new Set(workspace.map((pkg) => pkg.name));
  const findings: Finding[] = [];
  let files = 0;
  for (const pkg of workspace) {
    const inPackages = pkg.group === 'packages';
    const allowed = policy.allowed[pkg.name];
    if (inPackages && allowed === undefined) {
      findings.push(
        finding(
          pkg,
          'package.json',
          1,
          'unknown-package',
          `${pkg.name} has no row in the direction table (scripts/boundaries/policy.ts)`,
        ),
      );
    }
    if (inPackages) findings.push(...checkManifest(pkg, allowed ?? []));
    const nodeOnly = nodeOnlySources(pkg, policy, findings);
    for (const file of [...pkg.sourceFiles, ...pkg.devFiles]) {
      files += 1;
      const text = readFileSync(path.join(root, pkg.dir, file), 'utf8');
      const imports = listImports(file, text);
      const context: FileContext = { pkg, file, allowed, nodeOnly, names };
      for (const ref of imports) findings.push(...checkImport(context, ref));
    }
  }
  return split(findings, policy.known, workspace.length, files);
}

interface FileContext {
  readonly pkg: WorkspacePackage;
  readonly file: string;
  /** The direction row, undefined for examples (and unknown packages, reported once). */
  readonly allowed: readonly string[] | undefined;
  /** Node-only source entries of a browser-safe package (`src/node`), or undefined if not browser-safe. */
  readonly nodeOnly: readonly string[] | undefined;
  readonly names: ReadonlySet<string>;
}

function checkManifest(pkg: WorkspacePackage, allowed: readonly string[]): Finding[] {
  const found: Finding[] = [];
  for (const section of [...RUNTIME_SECTIONS, 'devDependencies'] as const) {
    for (const dep of pkg.declared[section]) {
      const line = pkg.lineOf(section, dep);
      if (isExampleName(dep)) {
        found.push(finding(pkg, 'package.json', line, 'no-examples', `${section} names the example ${dep}`, dep));
      } else if (section !== 'devDependencies' && dep.startsWith(SCOPE) && !allowed.includes(dep)) {
        found.push(
          finding(
            pkg,
            'package.json',
            line,
            'direction',
            `${section} names ${dep}; ${allowedText(pkg.name, allowed)}`,
            dep,
          ),
        );
      }
    }
  }
  return found;
}

function checkImport(context: FileContext, ref: ImportRef): Finding[] {
  const { pkg, file } = context;
  const inSrc = file.startsWith('src/');
  const found: Finding[] = [];
  const add = (rule: RuleId, message: string, to?: string): void => {
    found.push(finding(pkg, file, ref.line, rule, message, to));
  };
  const spec = ref.specifier;
  if (spec.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(pkg.dir, path.posix.dirname(file), spec));
    const outside = !target.startsWith(`${pkg.dir}/`);
    if (outside && pkg.group === 'packages' && target.startsWith('examples/')) {
      add('no-examples', `imports ${spec} from examples/`);
    } else if (outside && isInWorkspace(target)) {
      add(
        inSrc ? 'cross-package-path' : 'dev-cross-package-path',
        `reaches ${spec} by a relative path outside ${pkg.dir}`,
      );
    } else if (loadsEagerly(ref) && inSrc && context.nodeOnly && !isNodeOnlyFile(context.nodeOnly, file)) {
      const local = stripExtension(target.slice(pkg.dir.length + 1));
      if (isNodeOnlyFile(context.nodeOnly, local)) {
        add('browser-imports-node-only', `browser-safe code imports the Node-only module ${spec}`);
      }
    }
    return found;
  }
  const packageName = packageOf(spec);
  const browserCode = inSrc && context.nodeOnly !== undefined && !isNodeOnlyFile(context.nodeOnly, file);
  if (browserCode && loadsEagerly(ref) && isNodeBuiltin(spec)) {
    add(
      'browser-node-import',
      `top-level import of ${spec} in browser-safe ${pkg.name} (move it to a Node-only subpath)`,
    );
  }
  if (browserCode && loadsEagerly(ref) && packageName === pkg.name && context.nodeOnly) {
    const entry = pkg.entries.get(`.${spec.slice(pkg.name.length)}`);
    if (entry !== undefined && isNodeOnlyFile(context.nodeOnly, entry)) {
      add('browser-imports-node-only', `browser-safe code imports the Node-only subpath ${spec}`);
    }
  }
  if (!packageName?.startsWith(SCOPE) || packageName === pkg.name) return found;
  if (isExampleName(packageName) && pkg.group === 'packages') {
    add('no-examples', `imports the example ${packageName}`, packageName);
    return found;
  }
  if (inSrc) {
    const runtime = RUNTIME_SECTIONS.some((section) => pkg.declared[section].has(packageName));
    if (!runtime) {
      add(
        'undeclared-dependency',
        `imports ${packageName}, which package.json does not list in dependencies or peerDependencies`,
        packageName,
      );
    }
    if (context.allowed && !context.allowed.includes(packageName)) {
      add('direction', `imports ${packageName}; ${allowedText(pkg.name, context.allowed)}`, packageName);
    }
  } else if (context.names.has(packageName) && !isDeclared(pkg, packageName)) {
    add(
      'undeclared-dev-dependency',
      `imports ${packageName}, which package.json does not declare (devDependencies)`,
      packageName,
    );
  }
  return found;
}

/** Source entries (without extension) of the Node-only subpaths, or undefined when the package is not browser-safe. */
function nodeOnlySources(pkg: WorkspacePackage, policy: BoundaryPolicy, findings: Finding[]): string[] | undefined {
  const subpaths = policy.browserSafe[pkg.name];
  if (subpaths === undefined) return undefined;
  const sources: string[] = [];
  for (const subpath of subpaths) {
    const entry = pkg.entries.get(subpath);
    if (entry === undefined) {
      findings.push(
        finding(
          pkg,
          'package.json',
          1,
          'policy-mismatch',
          `the policy names Node-only subpath ${subpath}, which the exports map lacks`,
        ),
      );
    } else {
      sources.push(stripExtension(entry));
    }
  }
  return sources;
}

/** Runs while the module loads and survives compilation (not `import type`, not inside a function). */
function loadsEagerly(ref: ImportRef): boolean {
  return ref.topLevel && ref.kind !== 'type';
}

function isNodeOnlyFile(nodeOnly: readonly string[], file: string): boolean {
  const bare = stripExtension(file);
  return nodeOnly.some((entry) => bare === entry || bare.startsWith(`${entry}/`));
}

function split(findings: Finding[], known: readonly KnownViolation[], packages: number, files: number): BoundaryReport {
  const violations: Finding[] = [];
  const reportOnly: Finding[] = [];
  const accepted: (Finding & { reason: string })[] = [];
  for (const item of findings) {
    const match = known.find((k) => k.rule === item.rule && k.from === item.from && k.to === item.to);
    if (match) accepted.push({ ...item, reason: match.reason });
    else if (REPORT_ONLY.has(item.rule)) reportOnly.push(item);
    else violations.push(item);
  }
  const stale = known.filter(
    (k) => !accepted.some((item) => item.rule === k.rule && item.from === k.from && item.to === k.to),
  );
  return { violations, reportOnly, known: accepted, stale, packages, files };
}

function finding(
  pkg: WorkspacePackage,
  file: string,
  line: number,
  rule: RuleId,
  message: string,
  to?: string,
): Finding {
  return { file: `${pkg.dir}/${file}`, line, rule, message, from: pkg.name, ...(to === undefined ? {} : { to }) };
}

function allowedText(name: string, allowed: readonly string[]): string {
  return allowed.length === 0 ? `${name} may use no other @onshikit package` : `${name} may use ${allowed.join(', ')}`;
}

function isDeclared(pkg: WorkspacePackage, name: string): boolean {
  return Object.values(pkg.declared).some((set) => set.has(name));
}

function isExampleName(name: string): boolean {
  return name.startsWith(`${SCOPE}example-`);
}

function isInWorkspace(target: string): boolean {
  return target.startsWith('packages/') || target.startsWith('examples/');
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec);
}

/** `@onshikit/eligibility/node` → `@onshikit/eligibility`; `zod` → `zod`; `node:fs` → undefined. */
function packageOf(spec: string): string | undefined {
  if (spec.startsWith('node:')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function stripExtension(file: string): string {
  return file.replace(/\.(?:[cm]?[jt]s|tsx)$/, '');
}
