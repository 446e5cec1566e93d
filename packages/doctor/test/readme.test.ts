import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = path.join(import.meta.dirname, '..');

describe('README example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the first ts block of the README, identical to examples/readme.ts', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(root, 'examples/readme.ts'), 'utf8'));
  });

  it('runs and prints what the README says', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/readme.js');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const output = /Output:\n\n```\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(lines.join('\n')).toBe(output);
  });
});
