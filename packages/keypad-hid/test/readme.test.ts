import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

describe('README', () => {
  it('starts with the example in examples/read-pin.ts, verbatim', () => {
    const readme = readFileSync(path.join(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(here, '../examples/read-pin.ts'), 'utf8'));
  });

  it('runs the example: four count echoes, no digit shown', async () => {
    const { entered } = await import('../examples/read-pin.js');
    expect(entered).toEqual(['●', '●●', '●●●', '●●●●']);
  });
});
