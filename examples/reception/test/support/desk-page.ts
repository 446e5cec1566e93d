/**
 * The web desk in a fresh Chromium profile, for the browser tests: builds the page into its own
 * folder (so two test files can run at once), starts the reception server on a temporary data
 * folder, opens the page and waits until its event stream is connected. `close()` undoes it all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { chromiumOptions } from '../../../../test-support/browser/chromium.js';
import { startReceptionServer, type ReceptionServer } from '../../src/server/reception-server.js';

const root = path.join(import.meta.dirname, '..', '..');

/** A running desk page. */
export interface DeskPage {
  /** The built page's folder (a second server in a test can serve it too). */
  readonly pageDir: string;
  readonly server: ReceptionServer;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Builds and serves the desk, opens it in Chromium at `viewport`; `name` labels the temporary folders. */
export async function openDeskPage(name: string, viewport: { width: number; height: number }): Promise<DeskPage> {
  const folders: string[] = [];
  const temp = async (kind: string): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), `onshikit-${name}-${kind}-`));
    folders.push(dir);
    return dir;
  };
  const pageDir = await temp('page');
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: pageDir, emptyOutDir: true },
  });
  const server = await startReceptionServer({ staticDir: pageDir, dataDir: await temp('data') });
  const context = await chromium.launchPersistentContext(await temp('chromium'), { ...chromiumOptions(), viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.waitForSelector('body[data-connected="true"]', { timeout: 20_000 });
  return {
    pageDir,
    server,
    context,
    page,
    async close() {
      await context.close();
      await server.close();
      for (const dir of folders) await rm(dir, { recursive: true, force: true });
    },
  };
}
