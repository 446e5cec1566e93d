/** A fixture workspace: path relative to its root → file text. */
export type Tree = Record<string, string>;

const dist = (name: string) => ({ import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` } });

function manifest(name: string, fields: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ name, exports: './dist/index.js', ...fields }, null, 2)}\n`;
}

const workspace = (...names: string[]) => Object.fromEntries(names.map((name) => [`@onshikit/${name}`, 'workspace:^']));

/**
 * A small workspace that keeps every rule: the direction (apdu ← mynumber ← eligibility ←
 * store; doctor on reader-pcsc; the simulator below the adapters), Node-only code only under
 * eligibility's `./node` subpath, type-only and lazy Node imports in the core, declared imports,
 * and an example that uses packages (nothing uses it).
 */
export function cleanTree(): Tree {
  return {
    'packages/apdu/package.json': manifest('@onshikit/apdu'),
    'packages/apdu/src/index.ts': 'export const a = 1;\nexport type A = number;\n',
    'packages/apdu/test/a.test.ts': "import { a } from '../src/index.js';\nexport const t = a;\n",

    'packages/mynumber/package.json': manifest('@onshikit/mynumber', { dependencies: workspace('apdu') }),
    'packages/mynumber/src/index.ts': "import { a } from '@onshikit/apdu';\nexport const b = a + 1;\n",

    'packages/portal-forms/package.json': manifest('@onshikit/portal-forms'),
    'packages/portal-forms/src/index.ts': 'export const f = 2;\n',

    'packages/eligibility/package.json': manifest('@onshikit/eligibility', {
      exports: { '.': dist('index'), './node': dist('node'), './package.json': './package.json' },
      dependencies: workspace('apdu', 'mynumber', 'portal-forms'),
    }),
    'packages/eligibility/src/index.ts': [
      "export { b } from '@onshikit/mynumber';",
      "export type { Stats } from 'node:fs';",
      "import type { Hash } from 'node:crypto';",
      'export type H = Hash;',
      "export async function lazy() { return import('node:fs'); }",
      "export { f } from './forms.js';",
    ].join('\n'),
    'packages/eligibility/src/forms.ts': "import { f } from '@onshikit/portal-forms';\nexport { f };\n",
    'packages/eligibility/src/node.ts':
      "import { readFile } from 'node:fs/promises';\nexport { readSettings } from './node/settings-file.js';\nexport const read = readFile;\n",
    'packages/eligibility/src/node/settings-file.ts':
      "import fs from 'node:fs';\nexport const readSettings = fs.readFileSync;\n",
    'packages/eligibility/test/e.test.ts': "import { b } from '@onshikit/mynumber';\nexport const t = b;\n",

    'packages/reader-pcsc/package.json': manifest('@onshikit/reader-pcsc', { dependencies: workspace('apdu') }),
    'packages/reader-pcsc/src/index.ts':
      "import net from 'node:net';\nimport { a } from '@onshikit/apdu';\nexport const pcsc = [net, a];\n",

    'packages/reader-ble/package.json': manifest('@onshikit/reader-ble', { dependencies: workspace('apdu') }),
    'packages/reader-ble/src/index.ts': "export { a as pcsc } from '@onshikit/apdu';\n",

    'packages/doctor/package.json': manifest('@onshikit/doctor', {
      dependencies: workspace('apdu', 'mynumber', 'reader-pcsc'),
    }),
    'packages/doctor/src/index.ts': "import { pcsc } from '@onshikit/reader-pcsc';\nexport const d = pcsc;\n",

    'packages/simulator/package.json': manifest('@onshikit/simulator', {
      dependencies: workspace('apdu'),
      devDependencies: workspace('reader-pcsc'),
    }),
    'packages/simulator/src/index.ts': "import { a } from '@onshikit/apdu';\nexport const s = a;\n",
    'packages/simulator/test/over-pcsc.test.ts':
      "import { pcsc } from '@onshikit/reader-pcsc';\nexport const t = pcsc;\n",

    'packages/store-sqlite/package.json': manifest('@onshikit/store-sqlite', {
      dependencies: workspace('eligibility'),
    }),
    'packages/store-sqlite/src/index.ts': "import type { H } from '@onshikit/eligibility';\nexport type S = H;\n",

    'examples/app/package.json': manifest('@onshikit/example-app', {
      dependencies: workspace('apdu', 'simulator', 'reader-pcsc'),
    }),
    'examples/app/src/index.ts':
      "import fs from 'node:fs';\nimport { s } from '@onshikit/simulator';\nimport { pcsc } from '@onshikit/reader-pcsc';\nexport const app = [fs, s, pcsc];\n",
  };
}
