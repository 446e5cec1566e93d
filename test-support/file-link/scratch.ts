/**
 * Per-test cleanup for the file-link tests of eligibility and simulator-service: temporary folders
 * and services are closed after each test, the last one registered first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** What a test file uses to leave nothing behind. */
export interface Scratch {
  /** Runs `cleanup` after the current test, before the cleanups registered earlier. */
  defer(cleanup: () => unknown): void;
  /** A new empty folder in the OS temp folder (named `<prefix>…`), removed after the test. */
  tempRoot(prefix: string): Promise<string>;
}

/** Call once at a test file's top level: registers the `afterEach` that runs the deferred cleanups. */
export function scratchPerTest(): Scratch {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const defer = (cleanup: () => unknown): void => {
    cleanups.push(cleanup);
  };
  return {
    defer,
    async tempRoot(prefix) {
      const root = await mkdtemp(path.join(tmpdir(), prefix));
      defer(() => rm(root, { recursive: true, force: true }));
      return root;
    },
  };
}
