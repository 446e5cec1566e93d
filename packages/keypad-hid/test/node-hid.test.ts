import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadNodeHidBackend } from '@onshikit/keypad-hid';

describe('node-hid on this machine', () => {
  it('loads its native module and lists devices without crashing when no keypad is attached', async () => {
    const backend = await loadNodeHidBackend();
    const devices = await backend.devices();
    expect(Array.isArray(devices)).toBe(true);
  });

  it('the libusb backend (exclusive on Linux) loads and lists devices too (own process: node-hid binds once)', () => {
    const nodeHid = createRequire(import.meta.url).resolve('node-hid');
    const script = `const HID = require(${JSON.stringify(nodeHid)}); HID.setDriverType('libusb'); HID.devicesAsync().then((d) => console.log(JSON.stringify({ ok: Array.isArray(d) })));`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(JSON.parse(out.trim())).toEqual({ ok: true });
  });
});
