/**
 * Digits the page sends (a PIN, the parts of 照合番号B): checked for their exact length and ASCII
 * digits only; anything else is `PIN_INVALID`, which echoes nothing of the value.
 */
import { ServerError } from './http-errors.js';

const ASCII_DIGITS = /^[0-9]+$/;

/** `value` if it is a string of exactly `length` ASCII digits, else throws `PIN_INVALID`. */
export function digitsField(value: unknown, length: number): string {
  if (typeof value !== 'string' || value.length !== length || !ASCII_DIGITS.test(value)) {
    throw new ServerError('PIN_INVALID');
  }
  return value;
}

/**
 * A PIN of `length` digits as fresh bytes for a pin source, which copies and zeroes them (the JSON
 * string it came from cannot be zeroed: docs/security.md).
 */
export function pinBytes(value: unknown, length: number): Uint8Array {
  const digits = digitsField(value, length);
  const pin = new Uint8Array(digits.length);
  for (let i = 0; i < digits.length; i++) pin[i] = digits.charCodeAt(i);
  return pin;
}
