/**
 * A fake HID backend and device for tests and demos without hardware: the device behaves like
 * node-hid's `HIDAsync` (EventEmitter with `data`/`error`, `write`, `close`) and replays input
 * reports written from the HID Usage Tables (Keyboard/Keypad page 0x07).
 * @module
 */

import { EventEmitter } from 'node:events';
import type { HidBackend, HidDeviceHandle, HidDeviceInfo } from './hid-backend.js';
import { KeyboardUsage } from './usage-table.js';

/** One boot keyboard input report: no modifiers, reserved byte, up to six usages held down. */
export function bootReport(...usagesDown: number[]): Uint8Array {
  const report = new Uint8Array(8);
  usagesDown.slice(0, 6).forEach((usage, i) => {
    report[2 + i] = usage;
  });
  return report;
}

/** Key down then all keys up, for each usage in turn (one finger typing). */
export function typeKeys(...usages: number[]): Uint8Array[] {
  return usages.flatMap((usage) => [bootReport(usage), bootReport()]);
}

/** Keypad digit usages (0x59-0x62) for a string of digits. */
export function keypadDigits(digits: string): number[] {
  return [...digits].map((c) => {
    const d = c.charCodeAt(0) - 0x30;
    if (d < 0 || d > 9) throw new RangeError('keypadDigits expects 0-9');
    return d === 0 ? KeyboardUsage.Keypad0 : KeyboardUsage.Keypad1 + d - 1;
  });
}

/** A fake open device: emits whatever reports it is told to, records writes and closes. */
export class FakeHidDevice extends EventEmitter implements HidDeviceHandle {
  /** Output reports written by the code under test. */
  readonly writes: number[][] = [];
  /** Copies of every report emitted (the source zeroes the originals). */
  readonly emitted: Uint8Array[] = [];
  closed = false;
  /** Every report object handed to listeners, to check that they were zeroed. */
  readonly handedOut: Uint8Array[] = [];

  /** Emits one input report as node-hid would (a fresh buffer the listener owns). */
  sendReport(report: Uint8Array): void {
    if (this.closed) return;
    const copy = report.slice();
    this.emitted.push(report.slice());
    this.handedOut.push(copy);
    this.emit('data', copy);
  }

  /** Emits reports one per macrotask, like a device at its polling interval. */
  async play(reports: readonly Uint8Array[]): Promise<void> {
    for (const report of reports) {
      await new Promise((resolve) => setImmediate(resolve));
      this.sendReport(report);
    }
  }

  /** Simulates the device being unplugged (node-hid emits `error`). */
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }

  write(values: number[]): Promise<number> {
    this.writes.push([...values]);
    return Promise.resolve(values.length);
  }

  close(): Promise<void> {
    this.closed = true;
    this.removeAllListeners();
    return Promise.resolve();
  }
}

/** A backend that lists the given devices and opens {@link FakeHidDevice}s for them. */
export class FakeHidBackend implements HidBackend {
  readonly infos: HidDeviceInfo[];
  /** The device opened most recently for each path. */
  readonly opened = new Map<string, FakeHidDevice>();
  /** Options of every open call, in order. */
  readonly openCalls: { path: string; exclusive: boolean }[] = [];
  /** Called with each device right after it is opened (e.g. to start playing reports). */
  onOpen: ((device: FakeHidDevice, path: string) => void) | undefined;
  /** Paths whose open fails (e.g. held exclusively by another program). */
  readonly failingPaths = new Set<string>();

  constructor(infos: HidDeviceInfo[]) {
    this.infos = infos;
  }

  devices(): Promise<HidDeviceInfo[]> {
    return Promise.resolve(this.infos.map((i) => ({ ...i })));
  }

  open(path: string, options: { readonly exclusive: boolean }): Promise<HidDeviceHandle> {
    this.openCalls.push({ path, exclusive: options.exclusive });
    if (this.failingPaths.has(path)) return Promise.reject(new Error(`cannot open HID device`));
    const device = new FakeHidDevice();
    this.opened.set(path, device);
    this.onOpen?.(device, path);
    return Promise.resolve(device);
  }
}

/** A USB numeric keypad as hidapi lists it on Linux (Generic Desktop / Keyboard). */
export function fakeKeypadInfo(overrides: Partial<HidDeviceInfo> = {}): HidDeviceInfo {
  return {
    vendorId: 0x05a4,
    productId: 0x9840,
    path: '/dev/hidraw-keypad',
    product: 'USB Numeric Keypad',
    manufacturer: 'Fake',
    interface: 0,
    usagePage: 0x01,
    usage: 0x06,
    ...overrides,
  };
}
