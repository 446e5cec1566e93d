import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('README', () => {
  it('starts with the runnable example, identical to examples/quick-start.ts', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const first = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(first).toBe(readFileSync(join(root, 'examples/quick-start.ts'), 'utf8'));
  });

  it('the example runs end to end against the simulated reader', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import('../examples/quick-start.js');
      expect(log).toHaveBeenCalledWith('SELECT JPKI-AP →', '9000');
    } finally {
      log.mockRestore();
    }
  });
});
