import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport } from '../check-boundaries.ts';
import { listImports } from '../boundaries/imports.ts';
import { type BoundaryPolicy, POLICY } from '../boundaries/policy.ts';
import { type BoundaryReport, checkBoundaries } from '../boundaries/rules.ts';
import { cleanTree, type Tree } from './fixture-tree.ts';

/** The repository's own rules, without its list of known violations. */
const STRICT: BoundaryPolicy = { ...POLICY, known: [] };
const roots: string[] = [];

function check(tree: Tree, policy: BoundaryPolicy = STRICT): BoundaryReport {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  roots.push(root);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return checkBoundaries(root, policy);
}

/** `file:line [rule]` of each failing finding, for exact comparison. */
function failures(report: BoundaryReport): string[] {
  return report.violations.map((item) => `${item.file}:${item.line} [${item.rule}]`);
}

function withFile(file: string, text: string, tree: Tree = cleanTree()): Tree {
  return { ...tree, [file]: text };
}

function withManifest(dir: string, change: (manifest: Record<string, unknown>) => void): Tree {
  const tree = cleanTree();
  const file = `${dir}/package.json`;
  const manifest = JSON.parse(tree[file] ?? '{}') as Record<string, unknown>;
  change(manifest);
  return { ...tree, [file]: `${JSON.stringify(manifest, null, 2)}\n` };
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('check-boundaries on a clean fixture', () => {
  it('passes: direction kept, Node-only code under /node, lazy and type-only Node imports in the core', () => {
    const report = check(cleanTree());
    expect(failures(report)).toEqual([]);
    expect(report.reportOnly).toEqual([]);
    expect(report.packages).toBe(10);
    expect(formatReport(report, false).exitCode).toBe(0);
  });
});

describe('dependency direction', () => {
  it('fails on a package.json dependency against the direction (mynumber → eligibility)', () => {
    const tree = withManifest('packages/mynumber', (m) => {
      m.dependencies = { '@onshikit/apdu': 'workspace:^', '@onshikit/eligibility': 'workspace:^' };
    });
    expect(failures(check(tree))).toEqual(['packages/mynumber/package.json:6 [direction]']);
  });

  it('fails on an src import against the direction, and names it undeclared too (apdu → mynumber)', () => {
    const tree = withFile(
      'packages/apdu/src/extra.ts',
      "export const x = 1;\nexport { b } from '@onshikit/mynumber';\n",
    );
    expect(failures(check(tree))).toEqual([
      'packages/apdu/src/extra.ts:2 [undeclared-dependency]',
      'packages/apdu/src/extra.ts:2 [direction]',
    ]);
  });

  it('fails when portal-forms imports any other @onshikit package, even a type', () => {
    const tree = withManifest('packages/portal-forms', (m) => {
      m.dependencies = { '@onshikit/apdu': 'workspace:^' };
    });
    tree['packages/portal-forms/src/uses-apdu.ts'] = "import type { A } from '@onshikit/apdu';\nexport type B = A;\n";
    expect(failures(check(tree))).toEqual([
      'packages/portal-forms/package.json:5 [direction]',
      'packages/portal-forms/src/uses-apdu.ts:1 [direction]',
    ]);
  });

  it.each(['@onshikit/reader-pcsc', '@onshikit/reader-ble', '@onshikit/mynumber', '@onshikit/eligibility'])(
    'fails when the simulator uses %s (it sits on apdu alone)',
    (adapter) => {
      const tree = withManifest('packages/simulator', (m) => {
        m.dependencies = { ...(m.dependencies as object), [adapter]: 'workspace:^' };
      });
      tree['packages/simulator/src/adapter.ts'] = `import { pcsc } from '${adapter}';\nexport const y = pcsc;\n`;
      expect(failures(check(tree))).toEqual([
        'packages/simulator/package.json:6 [direction]',
        'packages/simulator/src/adapter.ts:1 [direction]',
      ]);
    },
  );

  it('accepts a listed known violation, reports it with its reason and still passes', () => {
    const tree = withManifest('packages/simulator', (m) => {
      m.dependencies = { ...(m.dependencies as object), '@onshikit/reader-ble': 'workspace:^' };
    });
    const report = check(tree, {
      ...STRICT,
      known: [{ rule: 'direction', from: '@onshikit/simulator', to: '@onshikit/reader-ble', reason: 'split pending' }],
    });
    expect(failures(report)).toEqual([]);
    expect(report.known.map((item) => item.reason)).toEqual(['split pending']);
    expect(formatReport(report, false).lines[0]).toContain('known (not failing)');
  });

  it('notes a known violation that no longer occurs, without failing', () => {
    const known = {
      rule: 'direction',
      from: '@onshikit/simulator',
      to: '@onshikit/reader-ble',
      reason: 'split pending',
    };
    const report = check(cleanTree(), { ...STRICT, known: [known] });
    expect(report.stale).toEqual([known]);
    const { lines, exitCode } = formatReport(report, false);
    expect(exitCode).toBe(0);
    expect(lines[0]).toContain('no longer occurs');
  });

  it('fails on a package missing from the direction table', () => {
    const tree = withFile('packages/new-thing/package.json', '{ "name": "@onshikit/new-thing" }\n');
    expect(failures(check(tree))).toEqual(['packages/new-thing/package.json:1 [unknown-package]']);
  });

  it('fails when src/ reaches another package by a relative path', () => {
    const tree = withFile('packages/mynumber/src/sneaky.ts', "export { a } from '../../apdu/src/index.js';\n");
    expect(failures(check(tree))).toEqual(['packages/mynumber/src/sneaky.ts:1 [cross-package-path]']);
  });
});

describe('nothing imports examples/', () => {
  it('fails on an import of an example package by name', () => {
    const tree = withFile('packages/apdu/test/x.test.ts', "import { app } from '@onshikit/example-app';\n");
    expect(failures(check(tree))).toEqual(['packages/apdu/test/x.test.ts:1 [no-examples]']);
  });

  it('fails on a relative import into examples/', () => {
    const tree = withFile('packages/doctor/src/x.ts', "\nimport { app } from '../../../examples/app/src/index.js';\n");
    expect(failures(check(tree))).toEqual(['packages/doctor/src/x.ts:2 [no-examples]']);
  });

  it('fails on an example in devDependencies', () => {
    const tree = withManifest('packages/apdu', (m) => {
      m.devDependencies = { '@onshikit/example-app': 'workspace:*' };
    });
    expect(failures(check(tree))).toEqual(['packages/apdu/package.json:5 [no-examples]']);
  });
});

describe('browser-safe packages', () => {
  it.each([
    ["import { createHash } from 'node:crypto';", 1],
    ["export { inspect } from 'node:util';", 1],
    ["import 'fs';", 1],
    ["const fs = require('node:fs');", 1],
    ["const fs = await import('node:fs');", 1],
    ["import { type Stats } from 'node:fs';", 1],
    ['// top\n\nclass A { static fs = require("node:fs"); }', 3],
  ])('fails on a top-level Node built-in in apdu: %s', (code, line) => {
    const tree = withFile('packages/apdu/src/bad.ts', `${code}\nexport {};\n`);
    expect(failures(check(tree))).toEqual([`packages/apdu/src/bad.ts:${line} [browser-node-import]`]);
  });

  it.each([
    'packages/mynumber/src/bad.ts',
    'packages/portal-forms/src/deep/bad.ts',
    'packages/eligibility/src/model/bad.ts',
  ])('fails on a top-level node: import in %s', (file) => {
    expect(failures(check(withFile(file, "import os from 'node:os';\nexport const o = os;\n")))).toEqual([
      `${file}:1 [browser-node-import]`,
    ]);
  });

  it('fails when the eligibility core imports its Node-only code, by path or by subpath', () => {
    const tree = withFile(
      'packages/eligibility/src/model/leak.ts',
      "import { readSettings } from '../node/settings-file.js';\nimport { openFile } from '@onshikit/eligibility/node';\nexport { readSettings, openFile };\n",
    );
    expect(failures(check(tree))).toEqual([
      'packages/eligibility/src/model/leak.ts:1 [browser-imports-node-only]',
      'packages/eligibility/src/model/leak.ts:2 [browser-imports-node-only]',
    ]);
  });

  it('fails when the policy names a Node-only subpath the exports map lacks', () => {
    const tree = withManifest('packages/eligibility', (m) => {
      m.exports = { '.': './dist/index.js' };
    });
    delete tree['packages/eligibility/src/node.ts'];
    delete tree['packages/eligibility/src/node/settings-file.ts'];
    expect(failures(check(tree))).toEqual(['packages/eligibility/package.json:1 [policy-mismatch]']);
  });

  it('does not check packages outside the browser-safe list (doctor may import node:)', () => {
    const tree = withFile('packages/doctor/src/os.ts', "import os from 'node:os';\nexport const o = os;\n");
    expect(failures(check(tree))).toEqual([]);
  });
});

describe('declared dependencies', () => {
  it('fails on an @onshikit import in src that package.json does not declare', () => {
    const tree = withManifest('packages/eligibility', (m) => {
      m.dependencies = { '@onshikit/apdu': 'workspace:^', '@onshikit/mynumber': 'workspace:^' };
    });
    expect(failures(check(tree))).toEqual(['packages/eligibility/src/forms.ts:1 [undeclared-dependency]']);
  });

  it('fails on an @onshikit import in tests that package.json does not declare', () => {
    const tree = withFile('packages/apdu/test/card.test.ts', "import { simulate } from '@onshikit/simulator';\n");
    const report = check(tree);
    expect(failures(report)).toEqual(['packages/apdu/test/card.test.ts:1 [undeclared-dev-dependency]']);
    expect(report.reportOnly).toEqual([]);
    expect(formatReport(report, false).exitCode).toBe(1);
  });

  it('fails when a test reaches another package by a relative path', () => {
    const tree = withFile(
      'packages/mynumber/test/helper.test.ts',
      "import { x } from '../../apdu/test/support/helper.js';\nexport const y = x;\n",
    );
    expect(failures(check(tree))).toEqual(['packages/mynumber/test/helper.test.ts:1 [dev-cross-package-path]']);
  });
});

describe('listImports', () => {
  it('tells static, type, dynamic and require apart, and top level from function bodies', () => {
    const refs = listImports(
      'x.ts',
      [
        "import type { A } from 'a';",
        "export type { B } from 'b';",
        "import c = require('c');",
        "function f() { return import('d'); }",
        "const g = () => require('e');",
        "export * from 'h';",
      ].join('\n'),
    );
    expect(refs.map((r) => `${r.specifier} ${r.kind} ${r.topLevel} ${r.line}`)).toEqual([
      'a type true 1',
      'b type true 2',
      'c require true 3',
      'd dynamic false 4',
      'e require false 5',
      'h static true 6',
    ]);
  });
});

describe('the command', () => {
  it('exits 1 and prints file:line and the rule for a violation', () => {
    const tree = withFile('packages/apdu/src/bad.ts', "import 'node:fs';\n");
    check(tree);
    const root = roots.at(-1) ?? '';
    const script = path.join(import.meta.dirname, '..', 'check-boundaries.ts');
    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', script, '--root', root], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      status = failed.status;
      output = failed.stderr;
    }
    expect(status).toBe(1);
    expect(output).toContain('packages/apdu/src/bad.ts:1: [browser-node-import] top-level import of node:fs');
  });
});
