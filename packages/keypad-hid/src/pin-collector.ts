/**
 * The PIN entry state machine, free of any device: digits in, a completed PIN out. The digits
 * live in one fixed buffer that is zeroed on completion, on clear and on dispose.
 * @module
 */

import type { KeypadKey } from './usage-table.js';

/**
 * What the screen may show while the patient types. Echo events carry only the number of
 * digits entered (for ●●●●), never a digit.
 */
export type PinEchoEvent =
  /** The number of digits entered changed (a digit, Backspace or Clear). */
  | { readonly type: 'count'; readonly count: number; readonly digits: number }
  /** Enter was pressed before all digits were typed; entry continues. */
  | { readonly type: 'incomplete'; readonly count: number; readonly digits: number }
  /** A digit beyond the required count was ignored. */
  | { readonly type: 'overflow'; readonly count: number; readonly digits: number }
  /**
   * The keypad's own NumLock is off: its digit keys send navigation keys. Tell the patient
   * to press NumLock (or enable `acceptNavigationKeys`).
   */
  | { readonly type: 'numlock-off' }
  /** NumLock was pressed on the keypad. */
  | { readonly type: 'numlock-pressed' };

/** How entry ends. */
export type SubmitMode = 'enter' | 'auto';

/** Settings of {@link PinCollector}. */
export interface PinCollectorOptions {
  /** Number of digits to collect. */
  readonly digits: number;
  /** `enter` (default): Enter submits once all digits are in; `auto`: the last digit submits. */
  readonly submit?: SubmitMode;
  /** Treat navigation keys (keypad NumLock off) as the digit on their legend. Default false. */
  readonly acceptNavigationKeys?: boolean;
}

/** The result of feeding one key: echo events to show and, when complete, the PIN. */
export interface PinCollectorStep {
  readonly events: PinEchoEvent[];
  /** ASCII digit bytes owned by the caller; set once when entry completes. */
  readonly pin?: Uint8Array;
}

const ASCII_ZERO = 0x30;

/** Collects PIN digits from classified key presses. */
export class PinCollector {
  readonly #buffer: Uint8Array;
  readonly #submit: SubmitMode;
  readonly #acceptNavigation: boolean;
  #count = 0;
  #done = false;

  constructor(options: PinCollectorOptions) {
    this.#buffer = new Uint8Array(options.digits);
    this.#submit = options.submit ?? 'enter';
    this.#acceptNavigation = options.acceptNavigationKeys ?? false;
  }

  /** Digits entered so far. */
  get count(): number {
    return this.#count;
  }

  /** Feeds one key press. After completion further keys are ignored. */
  press(key: KeypadKey): PinCollectorStep {
    const digits = this.#buffer.length;
    if (this.#done) return { events: [] };
    switch (key.kind) {
      case 'navigation':
        if (!this.#acceptNavigation) return { events: [{ type: 'numlock-off' }] };
        return this.#digit(key.digit);
      case 'digit':
        return this.#digit(key.digit);
      case 'backspace':
        if (this.#count === 0) return { events: [] };
        this.#count--;
        this.#buffer[this.#count] = 0;
        return { events: [{ type: 'count', count: this.#count, digits }] };
      case 'clear':
        if (this.#count === 0) return { events: [] };
        this.#buffer.fill(0);
        this.#count = 0;
        return { events: [{ type: 'count', count: 0, digits }] };
      case 'enter':
        if (this.#count < digits) return { events: [{ type: 'incomplete', count: this.#count, digits }] };
        return { events: [], pin: this.#complete() };
      case 'numlock':
        return { events: [{ type: 'numlock-pressed' }] };
      case 'other':
        return { events: [] };
    }
  }

  /** Zeroes the buffer; the collector accepts nothing afterwards. */
  dispose(): void {
    this.#buffer.fill(0);
    this.#count = 0;
    this.#done = true;
  }

  #digit(digit: number): PinCollectorStep {
    const digits = this.#buffer.length;
    if (this.#count >= digits) return { events: [{ type: 'overflow', count: this.#count, digits }] };
    this.#buffer[this.#count] = ASCII_ZERO + digit;
    this.#count++;
    const events: PinEchoEvent[] = [{ type: 'count', count: this.#count, digits }];
    if (this.#submit === 'auto' && this.#count === digits) return { events, pin: this.#complete() };
    return { events };
  }

  #complete(): Uint8Array {
    const pin = this.#buffer.slice();
    this.dispose();
    return pin;
  }
}
