import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('browser / React Native safety', () => {
  it('no source except the noble entry imports node: modules or uses Buffer', () => {
    const offenders = files(src)
      .filter((f) => !f.endsWith('noble.ts'))
      .filter((f) => {
        const code = readFileSync(f, 'utf8');
        return /from ['"]node:|require\(|\bBuffer\b|process\./.test(code);
      });
    expect(offenders).toEqual([]);
  });

  it('the noble entry loads @stoprocent/noble lazily (no static import)', () => {
    const code = readFileSync(join(src, 'noble.ts'), 'utf8');
    expect(code).not.toMatch(/^import .*@stoprocent\/noble/m);
    expect(code).toMatch(/await import\(/);
  });
});
