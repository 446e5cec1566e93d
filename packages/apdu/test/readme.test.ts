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
    expect(lines).toEqual(['case 3, AID D392F000260100000001', 'FF20 14 bytes', '  DF22 6 bytes', '  DF24 2 bytes', '3 elements, name 見本']);
  });

  it('the codec demo runs', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import('../examples/codec-demo.js');
    expect(lines.join('\n')).toContain('63C3');
  });
});
