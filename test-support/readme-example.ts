/**
 * Helpers for the tests that keep each package README's runnable example honest: the README's
 * first code block must be the example file, and running the example must print what it says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';

/** The body of the first ```ts block (or ```ts <tag>) of a package's README.md. */
export function readmeBlock(packageRoot: string, tag = ''): string | undefined {
  const readme = readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
  const fence = tag === '' ? '```ts\n' : `\`\`\`ts ${tag}\n`;
  const start = readme.indexOf(fence);
  if (start < 0) return undefined;
  const end = readme.indexOf('```', start + fence.length);
  return end < 0 ? undefined : readme.slice(start + fence.length, end);
}

/** The text of a file under the package root. */
export function packageFile(packageRoot: string, relative: string): string {
  return readFileSync(path.join(packageRoot, relative), 'utf8');
}

/** Runs `load` (typically a dynamic import of the example) and returns every console.log line. */
export async function captureConsoleLog(load: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    await load();
  } finally {
    spy.mockRestore();
  }
  return lines;
}
