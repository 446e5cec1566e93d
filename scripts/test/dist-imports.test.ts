import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packageNameOf, specifiersIn, undeclaredDistImports } from '../dist-imports/scan.ts';

function builtPackage(files: Record<string, string>, manifest: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dist-imports-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'dist', name)), { recursive: true });
    writeFileSync(path.join(dir, 'dist', name), text);
  }
  return dir;
}

describe('check-dist-imports', () => {
  it('finds the specifiers of ESM, CJS and declaration files', () => {
    const text = [
      'import { a } from "@onshikit/apdu";',
      "export * from './local.js';",
      'import "side-effect";',
      'const z = require("zod");',
      'const m = await import("fast-xml-parser");',
      'type T = import("@types-only/x").T;',
      'for (const key of ["from", "to"]) Array.from("abc");',
      '/** `import { BleClient } from "@capacitor-community/bluetooth-le"` in TSDoc is no import. */',
      '// require("commented-out")',
    ].join('\n');
    expect(specifiersIn(text)).toEqual([
      '@onshikit/apdu',
      './local.js',
      'side-effect',
      'zod',
      'fast-xml-parser',
      '@types-only/x',
    ]);
  });

  it('names the package of a specifier and skips relative and built-in ones', () => {
    expect(packageNameOf('@onshikit/eligibility/node')).toBe('@onshikit/eligibility');
    expect(packageNameOf('zod/v4')).toBe('zod');
    expect(packageNameOf('node:fs')).toBeUndefined();
    expect(packageNameOf('fs/promises')).toBeUndefined();
    expect(packageNameOf('./x.js')).toBeUndefined();
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
        (scope, name) => {
          expect(packageNameOf(`@${scope}/${name}/deep/path.js`)).toBe(`@${scope}/${name}`);
        },
      ),
    );
  });

  it('fails a build that inlined a dependency together with its undeclared import (the eligibility/zod case)', () => {
    const dir = builtPackage(
      {
        'index.js':
          'import { MyNumberCard } from "@onshikit/mynumber";\nimport { z } from "zod";\nimport { readFile } from "node:fs/promises";',
        'index.d.cts': 'export type X = import("@onshikit/apdu").Transport;',
        'index.cjs.map': 'require("not-checked")',
      },
      { name: '@onshikit/eligibility', dependencies: { '@onshikit/mynumber': 'workspace:^' } },
    );
    expect(undeclaredDistImports(dir)).toEqual([
      { file: 'dist/index.d.cts', specifier: '@onshikit/apdu', packageName: '@onshikit/apdu' },
      { file: 'dist/index.js', specifier: 'zod', packageName: 'zod' },
    ]);
  });

  it('accepts dependencies, peers, optional dependencies and the package itself', () => {
    const dir = builtPackage(
      { 'sub/a.mjs': 'import "a"; import "b/x"; import "c"; import "@me/pkg/sub";' },
      { name: '@me/pkg', dependencies: { a: '1' }, peerDependencies: { b: '1' }, optionalDependencies: { c: '1' } },
    );
    expect(undeclaredDistImports(dir)).toEqual([]);
  });
});
