import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');
const example = readFileSync(path.join(root, 'src/first-check.ts'), 'utf8');

describe('docs/getting-started', () => {
  it.each(['getting-started.en.md', 'getting-started.ja.md'])('%s shows first-check.ts verbatim', (page) => {
    const doc = readFileSync(path.join(root, '../../docs', page), 'utf8');
    expect(doc).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('first-check.ts runs a visual check to the end against the simulator', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/first-check.ts')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('100% 完了しました。');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('done 試験　一郎 30');
  });
});
