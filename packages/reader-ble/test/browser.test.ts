import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumOptions } from '../../../test-support/browser/chromium.js';

// Runs the browser entries in the Chromium that CI installs (scripts/setup-test-env.sh): the core's
// framing + AES session, and the Web Bluetooth adapter against Chromium's real navigator.bluetooth
// (this machine has no Bluetooth adapter, so it must report BLE_UNAVAILABLE, not hang).
describe('in Chromium', () => {
  it('the core runs and the Web Bluetooth adapter reports a missing adapter as BLE_UNAVAILABLE', async () => {
    const bundle = await build({
      entryPoints: [join(import.meta.dirname, 'browser/entry.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      tsconfig: join(import.meta.dirname, '../tsconfig.json'),
    });
    const code = bundle.outputFiles[0]!.text;
    const server = createServer((request, response) => {
      if (request.url === '/entry.js') {
        response.setHeader('content-type', 'text/javascript');
        response.end(code);
      } else {
        response.setHeader('content-type', 'text/html');
        response.end('<!doctype html><title>reader-ble</title>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch(chromiumOptions());
    try {
      const page = await browser.newPage();
      // http://127.0.0.1 is a secure context, so navigator.bluetooth is exposed.
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // A string, so vitest does not rewrite the dynamic import.
      const result = (await page.evaluate("import('/entry.js').then((m) => m.run())")) as {
        roundTrip: string;
        webBluetooth: string;
      };
      expect(result.roundTrip).toBe('00A4040C');
      expect(result.webBluetooth).toBe('TransportError:BLE_UNAVAILABLE');
    } finally {
      await browser.close();
      server.close();
    }
  }, 60_000);
});
