import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const root = path.join(import.meta.dirname, '..');

describe('README example (virtual card)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the first ts block of the README, identical to examples/card-readme.ts', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(path.join(root, 'examples/card-readme.ts'), 'utf8'));
  });

  it('runs and prints what the README says', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/card-readme.js');
    expect(lines[0]).toBe('SELECT 9000');
    expect(lines[1]).toBe('label "JPKIAPICCTOKEN2     " 9000');
    expect(lines[2]).toMatch(/^auth certificate \d{4} bytes, serial present$/);
  });
});
