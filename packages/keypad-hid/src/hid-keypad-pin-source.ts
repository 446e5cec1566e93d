/**
 * `PinSource` on a USB HID numeric keypad. The keypad is opened only for the duration of one
 * PIN entry (exclusively by default, so on macOS the digits never reach the focused window),
 * its boot keyboard reports are decoded here, and every buffer that held a key is zeroed.
 * @module
 */

import type { PinRequest, PinSource } from '@onshikit/eligibility';
import { BootReportDecoder } from './boot-report.js';
import type { KeypadSelector } from './device-selection.js';
import { findKeypad } from './device-selection.js';
import { KeypadError } from './errors.js';
import type { HidBackend, HidDeviceHandle } from './hid-backend.js';
import { loadNodeHidBackend } from './hid-backend.js';
import type { PinEchoEvent, SubmitMode } from './pin-collector.js';
import { PinCollector } from './pin-collector.js';
import { classifyUsage } from './usage-table.js';

/** Events the UI receives during entry: echo events plus the start of an entry. */
export type KeypadPinEvent =
  | PinEchoEvent
  /** Entry started: show the prompt (and the tries left, when known). */
  | { readonly type: 'start'; readonly digits: number; readonly triesLeft?: number };

/** Settings of {@link HidKeypadPinSource}. */
export interface HidKeypadPinSourceOptions {
  /** The keypad: vendor/product id or path (see `selectKeypadByKeypress` to let the user pick). */
  readonly device: KeypadSelector;
  /**
   * Open the device exclusively (default true). On macOS this seizes the keypad so keystrokes
   * do not reach other applications; on Linux hidraw reads alongside the input driver (see README).
   */
  readonly exclusive?: boolean;
  /** Entry time limit in ms (default 60 000). */
  readonly timeoutMs?: number;
  /** `enter` (default): Enter submits; `auto`: the last digit submits. */
  readonly submit?: SubmitMode;
  /** Accept navigation keys sent with the keypad's NumLock off as digits (default false: advise). */
  readonly acceptNavigationKeys?: boolean;
  /** Ask the keypad to light NumLock on open (boot keyboard LED output report). Default true. */
  readonly setNumLockLed?: boolean;
  /** Report id when the keypad numbers its reports; omit for boot keyboards. */
  readonly reportId?: number;
  /** Echo and status events for the screen; they never carry a digit. Exceptions are ignored. */
  readonly onEvent?: (event: KeypadPinEvent) => void;
  /** HID access; node-hid by default. Tests pass a fake (see `@onshikit/keypad-hid/testing`). */
  readonly backend?: HidBackend;
}

/** Reads the flag afresh (it may flip across awaits). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Longest PIN this source collects (JPKI passwords go up to 16 characters). */
const MAX_DIGITS = 16;
/** Boot keyboard LED output report: report id 0, bit 0 = NumLock (HID 1.11 Appendix B.1). */
const NUMLOCK_LED_REPORT = [0x00, 0x01];

/**
 * Reads a PIN from a USB numeric keypad through node-hid.
 *
 * @example
 * ```ts
 * const pins = new HidKeypadPinSource({ device: { vendorId: 0x05a4, productId: 0x9840 },
 *   onEvent: (e) => e.type === 'count' && render('●'.repeat(e.count)) });
 * const pin = await pins.requestPin({ digits: 4, triesLeft: 3, signal });
 * ```
 */
export class HidKeypadPinSource implements PinSource {
  readonly #options: HidKeypadPinSourceOptions;
  #busy = false;

  constructor(options: HidKeypadPinSourceOptions) {
    this.#options = options;
  }

  /**
   * Opens the keypad, collects `request.digits` digits and closes it. Resolves with ASCII digit
   * bytes that the caller zeroes after use.
   * @throws KeypadError `KEYPAD_INVALID_REQUEST`, `KEYPAD_BUSY`, `KEYPAD_NOT_FOUND`,
   *   `KEYPAD_OPEN_FAILED`, `KEYPAD_TIMEOUT`, `KEYPAD_ABORTED`, `KEYPAD_DISCONNECTED`
   */
  async requestPin(request: PinRequest): Promise<Uint8Array> {
    const digits = request.digits;
    if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
      throw new KeypadError('KEYPAD_INVALID_REQUEST', { detail: { reason: `digits must be 1-${MAX_DIGITS}` } });
    }
    if (isAborted(request.signal)) throw new KeypadError('KEYPAD_ABORTED');
    if (this.#busy) throw new KeypadError('KEYPAD_BUSY');
    this.#busy = true;
    try {
      const backend = this.#options.backend ?? (await loadNodeHidBackend());
      const info = await findKeypad(backend, this.#options.device);
      let handle: HidDeviceHandle;
      try {
        handle = await backend.open(info.path, { exclusive: this.#options.exclusive ?? true });
      } catch (cause) {
        throw new KeypadError('KEYPAD_OPEN_FAILED', {
          detail: { reason: cause instanceof Error ? cause.message : 'unknown' },
          cause,
        });
      }
      try {
        if (isAborted(request.signal)) throw new KeypadError('KEYPAD_ABORTED');
        if (this.#options.setNumLockLed ?? true) {
          // Keypads with their own NumLock logic follow the host LED; a failure only means no LED.
          // biome-ignore lint/plugin/no-swallowed-rejection: the LED is a courtesy, PIN entry works without it
          await handle.write([...NUMLOCK_LED_REPORT]).catch(() => undefined);
        }
        return await this.#collect(handle, request, digits);
      } finally {
        // biome-ignore lint/plugin/no-swallowed-rejection: the PIN is already collected or refused; a failed close must not replace that outcome
        await handle.close().catch(() => undefined);
      }
    } finally {
      this.#busy = false;
    }
  }

  #emit(event: KeypadPinEvent): void {
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A failing screen update must not break or leak the PIN entry.
    }
  }

  #collect(handle: HidDeviceHandle, request: PinRequest, digits: number): Promise<Uint8Array> {
    const collector = new PinCollector({
      digits,
      ...(this.#options.submit === undefined ? {} : { submit: this.#options.submit }),
      ...(this.#options.acceptNavigationKeys === undefined
        ? {}
        : { acceptNavigationKeys: this.#options.acceptNavigationKeys }),
    });
    const decoder = new BootReportDecoder(this.#options.reportId);
    const timeoutMs = this.#options.timeoutMs ?? 60_000;
    return new Promise<Uint8Array>((resolve, reject) => {
      const finish = (outcome: { pin: Uint8Array } | { error: KeypadError }): void => {
        clearTimeout(timer);
        handle.removeListener('data', onData);
        handle.removeListener('error', onError);
        request.signal?.removeEventListener('abort', onAbort);
        collector.dispose();
        decoder.reset();
        if ('pin' in outcome) resolve(outcome.pin);
        else reject(outcome.error);
      };
      const onData = (report: Uint8Array): void => {
        const pressed = decoder.keyDowns(report);
        report.fill(0); // the report held a keycode: do not leave it in memory
        for (let i = 0; i < pressed.length; i++) {
          const step = collector.press(classifyUsage(pressed[i] ?? 0));
          pressed[i] = 0;
          for (const event of step.events) this.#emit(event);
          if (step.pin !== undefined) {
            pressed.fill(0);
            finish({ pin: step.pin });
            return;
          }
        }
      };
      const onError = (cause: unknown): void => finish({ error: new KeypadError('KEYPAD_DISCONNECTED', { cause }) });
      const onAbort = (): void => finish({ error: new KeypadError('KEYPAD_ABORTED') });
      const timer = setTimeout(
        () => finish({ error: new KeypadError('KEYPAD_TIMEOUT', { detail: { seconds: timeoutMs / 1000 } }) }),
        timeoutMs,
      );
      handle.on('data', onData);
      handle.on('error', onError);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.#emit({
        type: 'start',
        digits,
        ...(request.triesLeft === undefined ? {} : { triesLeft: request.triesLeft }),
      });
    });
  }
}
