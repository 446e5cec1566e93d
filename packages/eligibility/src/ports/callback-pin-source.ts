/**
 * A {@link PinSource} that asks the application's own UI (an on-screen keypad) for the PIN.
 * The callback is the only place the vendor's UI touches: it gets the request (digits, tries
 * left, abort signal) and answers with the digits. The adapter validates the answer, copies it
 * into a fresh array and zeroes the callback's bytes, so only one copy of the PIN lives on.
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { PinRequest, PinSource } from './pin-source.js';

/**
 * What the UI answers: ASCII digit bytes (preferred: the adapter zeroes them) or a string of
 * digits (JavaScript strings cannot be zeroed; use only when the UI framework gives nothing else).
 */
export type PinAnswer = Uint8Array | string;

/** The UI callback behind {@link createCallbackPinSource}. */
export type PinPrompt = (request: PinRequest) => Promise<PinAnswer> | PinAnswer;

const MAX_DIGITS = 16;

/**
 * The answer as bytes. A string is copied only when every UTF-16 code unit is an ASCII digit:
 * any other character (`'ĸ'` is U+0138, whose low byte is `'8'`) gives an empty array, which
 * the length check refuses, so a wide character can never turn into a digit and spend a try.
 */
function toDigitBytes(answer: PinAnswer): Uint8Array {
  if (typeof answer === 'string') {
    if (answer.length > MAX_DIGITS) return new Uint8Array(0);
    for (let i = 0; i < answer.length; i++) {
      const unit = answer.charCodeAt(i);
      if (unit < 0x30 || unit > 0x39) return new Uint8Array(0);
    }
    const bytes = new Uint8Array(answer.length);
    for (let i = 0; i < answer.length; i++) bytes[i] = answer.charCodeAt(i);
    return bytes;
  }
  if (!(answer instanceof Uint8Array)) return new Uint8Array(0);
  const bytes = answer.slice();
  answer.fill(0);
  return bytes;
}

function cancelled(): EligibilityError {
  return new EligibilityError('CHECK_CANCELLED', { detail: { step: 'pin' } });
}

/**
 * Wraps a UI callback as a {@link PinSource}.
 *
 * Rejects with `CHECK_CANCELLED` when `request.signal` aborts (even if the callback ignores the
 * signal; a late answer is then zeroed) and with `INVALID_MANUAL_ENTRY` (field `pin`) when the
 * answer is not exactly `request.digits` ASCII digits. Errors never contain the answer.
 *
 * @example
 * ```ts
 * const pins = createCallbackPinSource(({ digits, triesLeft, signal }) => keypadDialog.open({ digits, triesLeft, signal }));
 * const pin = await pins.requestPin({ digits: 4, triesLeft: 3 });
 * ```
 */
export function createCallbackPinSource(prompt: PinPrompt): PinSource {
  return {
    async requestPin(request: PinRequest): Promise<Uint8Array> {
      const { digits, signal } = request;
      if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
        throw new EligibilityError('INVALID_MANUAL_ENTRY', {
          detail: { field: 'digits', reason: `not an integer 1-${MAX_DIGITS}` },
        });
      }
      if (signal?.aborted === true) throw cancelled();
      const answer = await new Promise<PinAnswer>((resolve, reject) => {
        const onAbort = (): void => reject(cancelled());
        signal?.addEventListener('abort', onAbort, { once: true });
        Promise.resolve()
          .then(() => prompt(request))
          .then(
            (value) => {
              signal?.removeEventListener('abort', onAbort);
              if (signal?.aborted === true) {
                toDigitBytes(value).fill(0); // too late: zero the bytes and drop them
                return;
              }
              resolve(value);
            },
            (error: unknown) => {
              signal?.removeEventListener('abort', onAbort);
              reject(error);
            },
          );
      });
      const pin = toDigitBytes(answer);
      const valid = pin.length === digits && pin.every((b) => b >= 0x30 && b <= 0x39);
      if (!valid) {
        pin.fill(0);
        throw new EligibilityError('INVALID_MANUAL_ENTRY', {
          detail: { field: 'pin', reason: `not ${digits} digits` },
        });
      }
      return pin;
    },
  };
}
