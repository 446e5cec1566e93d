/**
 * The slice of node-hid's `HIDAsync` API this package uses, so tests can substitute a fake
 * device that replays recorded reports, and the real backend that loads node-hid lazily.
 * @module
 */

import { KeypadError } from './errors.js';

/** What node-hid's `devicesAsync()` reports for one HID interface. */
export interface HidDeviceInfo {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly product?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly interface: number;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
}

/**
 * An open HID device: the subset of node-hid's `HIDAsync` (an EventEmitter emitting `data`
 * with each input report and `error`) that the keypad source needs.
 */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeListener(event: 'data', listener: (report: Uint8Array) => void): unknown;
  removeListener(event: 'error', listener: (error: unknown) => void): unknown;
  /** Output report (byte 0 = report id, 0 when unnumbered). */
  write(values: number[]): Promise<number>;
  close(): Promise<void>;
}

/** Lists and opens HID devices. {@link loadNodeHidBackend} gives the real one. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  /** `exclusive` maps to node-hid's `nonExclusive: false` (honoured on macOS; see README). */
  open(path: string, options: { readonly exclusive: boolean }): Promise<HidDeviceHandle>;
}

interface NodeHidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  setDriverType(type: 'hidraw' | 'libusb'): void;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<HidDeviceHandle> };
}

/** Settings of {@link loadNodeHidBackend}. */
export interface NodeHidBackendOptions {
  /**
   * Linux only. `hidraw` (node-hid's default) reads a copy of the reports while the kernel still
   * types the keys into the focused window; `libusb` detaches the kernel driver while the keypad
   * is open, so the digits reach only this process (needs a udev rule giving the app user the
   * USB device). node-hid loads its binding once: the first call in a process decides.
   */
  readonly linuxDriver?: 'hidraw' | 'libusb';
}

/** Loads node-hid on first use; fails with `KEYPAD_HID_UNAVAILABLE` when its binary is missing. */
export async function loadNodeHidBackend(options: NodeHidBackendOptions = {}): Promise<HidBackend> {
  let hid: NodeHidModule;
  try {
    const loaded = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
    hid = loaded.default ?? loaded;
    if (options.linuxDriver !== undefined) hid.setDriverType(options.linuxDriver);
  } catch (cause) {
    throw new KeypadError('KEYPAD_HID_UNAVAILABLE', { cause });
  }
  return {
    devices: () => hid.devicesAsync(),
    open: (path, options) => hid.HIDAsync.open(path, { nonExclusive: !options.exclusive }),
  };
}

/** HID Generic Desktop page (0x01), usage Keyboard (0x06) and Keypad (0x07). */
const GENERIC_DESKTOP = 0x01;
const USAGE_KEYBOARD = 0x06;
const USAGE_KEYPAD = 0x07;

/**
 * True for interfaces that look like a keyboard or keypad. Platforms that do not report the
 * usage page (older hidraw builds) are given the benefit of the doubt.
 */
export function isKeyboardInterface(info: HidDeviceInfo): boolean {
  if (info.usagePage === undefined || info.usagePage === 0) return true;
  return info.usagePage === GENERIC_DESKTOP && (info.usage === USAGE_KEYBOARD || info.usage === USAGE_KEYPAD);
}
