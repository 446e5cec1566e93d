import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.join(import.meta.dirname, '..', 'src');

describe('browser safety', () => {
  it.each(readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')))(
    '%s imports no node: module and uses no Buffer',
    (file) => {
      const text = readFileSync(path.join(src, file), 'utf8');
      expect(text).not.toMatch(/from ['"]node:/);
      expect(text).not.toMatch(/\bBuffer\b/);
      expect(text).not.toMatch(/require\(/);
    },
  );
});
