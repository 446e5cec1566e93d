import { describe, expect, it } from 'vitest';
import { findKeypad, KeypadError, selectKeypadByKeypress } from '@onshikit/keypad-hid';
import { bootReport, FakeHidBackend, fakeKeypadInfo, typeKeys } from '@onshikit/keypad-hid/testing';

describe('device selection', () => {
  const infos = [
    fakeKeypadInfo({ path: '/dev/hidraw0', vendorId: 0x046d, productId: 0xc31c }), // the desk keyboard
    fakeKeypadInfo({ path: '/dev/hidraw1', usagePage: 0x0c, usage: 0x01 }), // keypad's consumer-control interface
    fakeKeypadInfo({ path: '/dev/hidraw2' }), // keypad's keyboard interface
  ];

  it('finds the keyboard interface of a vendor/product id, skipping other collections', async () => {
    const info = await findKeypad(new FakeHidBackend(infos), { vendorId: 0x05a4, productId: 0x9840 });
    expect(info.path).toBe('/dev/hidraw2');
  });

  it('finds by path and fails with KEYPAD_NOT_FOUND otherwise', async () => {
    expect((await findKeypad(new FakeHidBackend(infos), { path: '/dev/hidraw0' })).vendorId).toBe(0x046d);
    const error = await findKeypad(new FakeHidBackend(infos), { path: '/dev/nothing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeypadError);
    expect((error as KeypadError).code).toBe('KEYPAD_NOT_FOUND');
  });

  it('picks the first device on which a key goes down and closes every device it opened', async () => {
    const backend = new FakeHidBackend(infos);
    backend.onOpen = (device, path) => {
      if (path === '/dev/hidraw2') void device.play([bootReport(), ...typeKeys(0x59)]); // an idle report first
    };
    const picked = await selectKeypadByKeypress(backend, { timeoutMs: 2_000 });
    expect(picked.path).toBe('/dev/hidraw2');
    expect(backend.openCalls.map((c) => c.exclusive)).toEqual([false, false]);
    expect([...backend.opened.values()].every((d) => d.closed)).toBe(true);
  });

  it('skips devices it cannot open and times out when nobody presses a key', async () => {
    const backend = new FakeHidBackend(infos);
    backend.failingPaths.add('/dev/hidraw0');
    const error = await selectKeypadByKeypress(backend, { timeoutMs: 30 }).catch((e: unknown) => e);
    expect((error as KeypadError).code).toBe('KEYPAD_TIMEOUT');
    expect([...backend.opened.values()].every((d) => d.closed)).toBe(true);
  });

  it('fails with KEYPAD_NOT_FOUND when no keyboard can be opened, and honours abort', async () => {
    const none = new FakeHidBackend([]);
    expect(((await selectKeypadByKeypress(none).catch((e: unknown) => e)) as KeypadError).code).toBe(
      'KEYPAD_NOT_FOUND',
    );
    const controller = new AbortController();
    const pending = selectKeypadByKeypress(new FakeHidBackend(infos), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect(((await pending.catch((e: unknown) => e)) as KeypadError).code).toBe('KEYPAD_ABORTED');
  });
});
