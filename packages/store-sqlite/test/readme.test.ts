import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

describe('README', () => {
  it('starts with the example in examples/save-and-browse.ts, verbatim', () => {
    const readme = readFileSync(path.join(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(here, '../examples/save-and-browse.ts'), 'utf8'));
  });

  it('runs the example: saved once, found by patient, audited', async () => {
    const { listed, actions } = await import('../examples/save-and-browse.js');
    expect(listed).toBe(1);
    expect(actions).toEqual(['check', 'link-patient']);
  });
});
