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
    expect(lines).toEqual([
      'case 3, AID D392F000260100000001',
      'FF20 14 bytes',
      '  DF22 6 bytes',
      '  DF24 2 bytes',
      '3 elements, name 見本',
    ]);
  });

  it('the codec demo runs', async () => {
    const lines = await captureConsoleLog(() => import('../examples/codec-demo.js'));
    expect(lines.join('\n')).toContain('63C3');
  });
});
