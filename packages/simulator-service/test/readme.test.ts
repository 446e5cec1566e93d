import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog, packageFile, readmeBlock } from '../../../test-support/readme-example.js';

const root = path.join(import.meta.dirname, '..');

describe('README example', () => {
  it('is the first ts block of the README, identical to examples/readme.ts', () => {
    expect(readmeBlock(root)).toBe(packageFile(root, 'examples/readme.ts'));
  });

  it('runs and prints what the README says', async () => {
    const lines = await captureConsoleLog(() => import('../examples/readme.js'));
    const output = /^Prints[^\n]*:\n\n```\n([\s\S]*?)\n```/m.exec(packageFile(root, 'README.md'))?.[1];
    expect(output).toBeDefined();
    expect(lines.join('\n')).toBe(output);
  });
});
