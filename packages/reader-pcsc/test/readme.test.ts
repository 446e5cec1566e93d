import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPcscStack } from '@onshikit/simulator';
import { expect, it } from 'vitest';
import { selectJpkiOnFirstCard } from '../examples/readme.js';
import { TinyJpkiCard } from './support/tiny-jpki-card.js';

const dir = path.join(import.meta.dirname, '..');

it('README starts with the example that examples/readme.ts holds', () => {
  const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block?.trim()).toBe(readFileSync(path.join(dir, 'examples/readme.ts'), 'utf8').trim());
});

it('the README example runs against pcscd + vpcd + a simulated card', async () => {
  await using _stack = await startPcscStack({ card: new TinyJpkiCard() });
  expect(await selectJpkiOnFirstCard()).toBe('9000');
});
