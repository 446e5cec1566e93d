import { describe, expect, it } from 'vitest';
import { HidKeypadPinSource, KeypadError } from '@onshikit/keypad-hid';
import type { KeypadPinEvent } from '@onshikit/keypad-hid';
import { FakeHidBackend, fakeKeypadInfo } from '@onshikit/keypad-hid/testing';
import type { FakeHidDevice } from '@onshikit/keypad-hid/testing';
import * as recorded from './recorded-reports.js';

const ascii = (pin: Uint8Array): string => new TextDecoder().decode(pin);

function setup(
  reports: readonly Uint8Array[],
  options: Partial<ConstructorParameters<typeof HidKeypadPinSource>[0]> = {},
): { source: HidKeypadPinSource; backend: FakeHidBackend; events: KeypadPinEvent[]; device: () => FakeHidDevice } {
  const backend = new FakeHidBackend([
    fakeKeypadInfo(),
    fakeKeypadInfo({ path: '/dev/hidraw-other', vendorId: 0x046d, productId: 0xc31c }),
  ]);
  const events: KeypadPinEvent[] = [];
  backend.onOpen = (device) => void device.play(reports);
  const source = new HidKeypadPinSource({
    device: { vendorId: 0x05a4, productId: 0x9840 },
    backend,
    onEvent: (e) => events.push(e),
    timeoutMs: 2_000,
    ...options,
  });
  return {
    source,
    backend,
    events,
    device: () => {
      const d = backend.opened.get('/dev/hidraw-keypad');
      if (d === undefined) throw new Error('not opened');
      return d;
    },
  };
}

describe('HidKeypadPinSource with recorded keypad reports', () => {
  it('collects four keypad digits and Enter, opening the keypad exclusively and closing it', async () => {
    const t = setup(recorded.pin1234Enter);
    const pin = await t.source.requestPin({ digits: 4, triesLeft: 3 });
    expect(ascii(pin)).toBe('1234');
    expect(t.backend.openCalls).toEqual([{ path: '/dev/hidraw-keypad', exclusive: true }]);
    expect(t.device().closed).toBe(true);
    expect(t.device().writes).toEqual([[0x00, 0x01]]); // NumLock LED on
    expect(t.events[0]).toEqual({ type: 'start', digits: 4, triesLeft: 3 });
    expect(t.events.filter((e) => e.type === 'count').map((e) => (e.type === 'count' ? e.count : -1))).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('echo events carry only counts, never a digit', async () => {
    const t = setup(recorded.pin9870Rollover);
    await t.source.requestPin({ digits: 4 });
    const json = JSON.stringify(t.events);
    for (const d of ['"9"', '"8"', '"7"', ':9', ':8', ':7']) expect(json).not.toContain(d);
  });

  it('zeroes every report buffer handed to it', async () => {
    const t = setup(recorded.pin1234Enter);
    await t.source.requestPin({ digits: 4 });
    for (const report of t.device().handedOut) expect([...report].every((b) => b === 0)).toBe(true);
  });

  it('handles rollover (next key down before the previous is up) and Keyboard Enter', async () => {
    const t = setup(recorded.pin9870Rollover);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('9870');
  });

  it('does not count a held key twice', async () => {
    const t = setup(recorded.heldKeyRepeats);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1234');
  });

  it('ignores the ErrorRollOver phantom report', async () => {
    const t = setup(recorded.phantomState);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1234');
  });

  it('accepts top-row digits 0x1E-0x27', async () => {
    const t = setup(recorded.topRow1059);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1059');
  });

  it('Backspace removes the last digit', async () => {
    const t = setup(recorded.backspaceSequence);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1345');
    const counts = t.events.flatMap((e) => (e.type === 'count' ? [e.count] : []));
    expect(counts).toEqual([1, 2, 1, 2, 3, 4]);
  });

  it('Escape clears everything typed', async () => {
    const t = setup(recorded.clearThen4321);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('4321');
  });

  it('Enter pressed early is reported as incomplete and entry continues', async () => {
    const t = setup(recorded.enterEarly);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1234');
    expect(t.events).toContainEqual({ type: 'incomplete', count: 2, digits: 4 });
  });

  it('with the keypad NumLock off it advises (numlock-off) and does not take navigation keys as digits', async () => {
    const t = setup([...recorded.numLockOff1234, ...recorded.numLockThen5678]);
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('5678');
    expect(t.events.filter((e) => e.type === 'numlock-off')).toHaveLength(4);
    expect(t.events).toContainEqual({ type: 'numlock-pressed' });
  });

  it('maps navigation keys back to their legends when acceptNavigationKeys is set', async () => {
    const t = setup(recorded.numLockOff1234, { acceptNavigationKeys: true, submit: 'auto' });
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1234');
  });

  it('submit: auto completes on the last digit without Enter', async () => {
    const t = setup(recorded.twoDigitsThenSilence, { submit: 'auto' });
    expect(ascii(await t.source.requestPin({ digits: 2 }))).toBe('12');
  });

  it('times out with KEYPAD_TIMEOUT and closes the device', async () => {
    const t = setup(recorded.twoDigitsThenSilence, { timeoutMs: 50 });
    const error = await t.source.requestPin({ digits: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeypadError);
    expect((error as KeypadError).code).toBe('KEYPAD_TIMEOUT');
    expect(t.device().closed).toBe(true);
  });

  it('is cancelled by its AbortSignal with KEYPAD_ABORTED', async () => {
    const controller = new AbortController();
    const t = setup(recorded.twoDigitsThenSilence);
    t.backend.onOpen = (device) => void device.play(recorded.twoDigitsThenSilence).then(() => controller.abort());
    const error = await t.source.requestPin({ digits: 4, signal: controller.signal }).catch((e: unknown) => e);
    expect((error as KeypadError).code).toBe('KEYPAD_ABORTED');
    expect(t.device().closed).toBe(true);
  });

  it('rejects at once when the signal is already aborted, without opening the device', async () => {
    const t = setup(recorded.pin1234Enter);
    const error = await t.source.requestPin({ digits: 4, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((error as KeypadError).code).toBe('KEYPAD_ABORTED');
    expect(t.backend.openCalls).toHaveLength(0);
  });

  it('reports an unplugged keypad as KEYPAD_DISCONNECTED', async () => {
    const t = setup([]);
    t.backend.onOpen = (device) => void device.play(recorded.twoDigitsThenSilence).then(() => device.unplug());
    const error = await t.source.requestPin({ digits: 4 }).catch((e: unknown) => e);
    expect((error as KeypadError).code).toBe('KEYPAD_DISCONNECTED');
  });

  it('refuses a second concurrent entry with KEYPAD_BUSY', async () => {
    const t = setup(recorded.pin1234Enter);
    const first = t.source.requestPin({ digits: 4 });
    const second = await t.source.requestPin({ digits: 4 }).catch((e: unknown) => e);
    expect((second as KeypadError).code).toBe('KEYPAD_BUSY');
    expect(ascii(await first)).toBe('1234');
  });

  it('reports a missing keypad and an open failure with typed errors', async () => {
    const missing = setup([], { device: { vendorId: 1, productId: 2 } });
    expect(((await missing.source.requestPin({ digits: 4 }).catch((e: unknown) => e)) as KeypadError).code).toBe(
      'KEYPAD_NOT_FOUND',
    );
    const busy = setup([]);
    busy.backend.failingPaths.add('/dev/hidraw-keypad');
    expect(((await busy.source.requestPin({ digits: 4 }).catch((e: unknown) => e)) as KeypadError).code).toBe(
      'KEYPAD_OPEN_FAILED',
    );
  });

  it('rejects an invalid digit count', async () => {
    const t = setup([]);
    for (const digits of [0, -1, 2.5, 17, Number.NaN]) {
      expect(((await t.source.requestPin({ digits }).catch((e: unknown) => e)) as KeypadError).code).toBe(
        'KEYPAD_INVALID_REQUEST',
      );
    }
  });

  it('opens non-exclusively when asked', async () => {
    const t = setup(recorded.pin1234Enter, { exclusive: false });
    await t.source.requestPin({ digits: 4 });
    expect(t.backend.openCalls[0]?.exclusive).toBe(false);
  });

  it('an onEvent callback that throws does not break entry', async () => {
    const t = setup(recorded.pin1234Enter, {
      onEvent: () => {
        throw new Error('render failed');
      },
    });
    expect(ascii(await t.source.requestPin({ digits: 4 }))).toBe('1234');
  });
});
