import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsoleLog } from '../../../test-support/readme-example.js';

const root = path.join(import.meta.dirname, '..');
const repo = path.join(root, '../..');
const ROUTES = ['file-link', 'limited-type', 'relay', 'port'] as const;

/** The body of the ```ts integration-<name> block of docs/integration.md. */
async function guideBlock(name: string): Promise<string | undefined> {
  const guide = await readFile(path.join(repo, 'docs/integration.md'), 'utf8');
  const fence = `\`\`\`ts integration-${name}\n`;
  const start = guide.indexOf(fence);
  if (start < 0) return undefined;
  return guide.slice(start + fence.length, guide.indexOf('```', start + fence.length));
}

describe('docs/integration.md', () => {
  it.each(ROUTES)('the %s block is its examples/guides/integration file', async (name) => {
    expect(await guideBlock(name)).toBe(await readFile(path.join(root, `integration/${name}.ts`), 'utf8'));
  });

  it('route 1, file link: a numbers query (照会区分 2) through the simulated terminal', {
    timeout: 60_000,
  }, async () => {
    const lines = await captureConsoleLog(() => import('../integration/file-link.js'));
    expect(lines).toEqual(['照会区分 2 資格有効性 1 試験　六郎']);
  });

  it('route 2, 資格確認限定型: identity, registration prefill, the app text kept and written as face XML', {
    timeout: 60_000,
  }, async () => {
    const lines = await captureConsoleLog(() => import('../integration/limited-type.js'));
    expect(lines).toEqual([
      'certificate valid until true',
      '試験 花子 昭和55年2月17日 true',
      '1 check kept; 1 face file',
    ]);
  });

  it('route 3, relay: HttpEligibilityService against the simulated relay', { timeout: 60_000 }, async () => {
    const lines = await captureConsoleLog(() => import('../integration/relay.js'));
    expect(lines).toEqual(['relay 1 1']);
  });

  it('route 4, the port: an adapter that says plainly the official link is not there yet', async () => {
    const lines = await captureConsoleLog(() => import('../integration/port.js'));
    expect(lines).toEqual(['official-app-link SERVICE_UNAVAILABLE']);
  });
});
