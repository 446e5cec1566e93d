import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const here = import.meta.dirname;

describe('README', () => {
  it('starts with the example in examples/terminals.ts, verbatim', () => {
    const readme = readFileSync(path.join(here, '../README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(here, '../examples/terminals.ts'), 'utf8'));
  });

  it('runs the example against the test server: three desks saved, paged by insurer', async () => {
    process.env.DATABASE_URL = inject('pgConnectionString');
    try {
      const { seen } = await import('../examples/terminals.js');
      expect(seen).toBe(3);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
