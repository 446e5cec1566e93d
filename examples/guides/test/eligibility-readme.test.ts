import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const guides = path.join(import.meta.dirname, '..');
const eligibility = path.join(guides, '../../packages/eligibility');

describe('packages/eligibility/README.md', () => {
  it('starts with the example, identical to examples/guides/quick-check.ts', async () => {
    const readme = await readFile(path.join(eligibility, 'README.md'), 'utf8');
    const example = await readFile(path.join(guides, 'quick-check.ts'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(example);
    expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('## '));
  });

  it('the example runs and saves a valid check with the 70-74 burden ratio', { timeout: 90_000 }, async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import('../quick-check.js');
      const lines = log.mock.calls.map((c) => c.join(' '));
      expect(lines).toContain('valid 試験　六郎 20%');
      expect(lines).toContain('1 check saved');
      expect(lines[0]).toBe('マイナンバーカードをカードリーダーに置いてください。');
    } finally {
      log.mockRestore();
    }
  });
});
