import { HidKeypadPinSource } from '@onshikit/keypad-hid';
import { FakeHidBackend, fakeKeypadInfo, keypadDigits, typeKeys } from '@onshikit/keypad-hid/testing';

// A fake keypad that types 1 2 3 4 Enter; drop `backend` to use a real keypad through node-hid.
const backend = new FakeHidBackend([fakeKeypadInfo()]);
backend.onOpen = (device) => void device.play(typeKeys(...keypadDigits('1234'), 0x58));

const dots: string[] = [];
const pins = new HidKeypadPinSource({
  device: { vendorId: 0x05a4, productId: 0x9840 },
  backend,
  timeoutMs: 30_000,
  onEvent: (event) => {
    if (event.type === 'count') dots.push('●'.repeat(event.count)); // only the count, never a digit
    if (event.type === 'numlock-off') dots.push('NumLock を押してください');
  },
});

const pin = await pins.requestPin({ digits: 4, triesLeft: 3, signal: AbortSignal.timeout(60_000) });
console.log(dots.join(' '), pin.length); // ● ●● ●●● ●●●● 4
pin.fill(0); // the caller zeroes the PIN once the VERIFY command is built
export const entered = dots;
