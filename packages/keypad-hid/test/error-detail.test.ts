/**
 * Every KeypadError code has its own typed `detail`: a misspelt or missing key does not compile,
 * `hasCode` narrows, and every message built from any detail of its code's type reads only keys
 * that exist (no "undefined", no "[object Object]" in either language).
 */
import { isOnshikitError, type OnshikitError } from '@onshikit/apdu';
import { KeypadError, keypadErrorMessages, type KeypadErrorCode, type KeypadErrorDetails } from '@onshikit/keypad-hid';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Text a detail may carry; never the words the test looks for. */
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('undefined') && !s.includes('[object'));

/** One arbitrary per code, typed by the code's detail: a wrong key here does not compile. */
const keypadDetails: { readonly [C in KeypadErrorCode]: fc.Arbitrary<KeypadErrorDetails[C]> } = {
  KEYPAD_HID_UNAVAILABLE: fc.constant({}),
  KEYPAD_NOT_FOUND: fc.record({ selector: text }),
  KEYPAD_OPEN_FAILED: fc.record({ reason: text }),
  KEYPAD_DISCONNECTED: fc.constant({}),
  KEYPAD_TIMEOUT: fc.record({ seconds: fc.double({ min: 0, max: 3600, noNaN: true }) }),
  KEYPAD_ABORTED: fc.constant({}),
  KEYPAD_BUSY: fc.constant({}),
  KEYPAD_INVALID_REQUEST: fc.record({ reason: text }),
};

const anyKeypad = fc.oneof(
  ...(Object.keys(keypadDetails) as KeypadErrorCode[]).map((code) =>
    (keypadDetails[code] as fc.Arbitrary<KeypadErrorDetails[KeypadErrorCode]>).map((detail) => ({ code, detail })),
  ),
);

describe('KeypadError detail typed per code', () => {
  it('every code has a detail arbitrary', () => {
    expect(Object.keys(keypadDetails).sort()).toEqual(Object.keys(keypadErrorMessages).sort());
  });

  it('no message shows "undefined" or "[object Object]" for any detail of its code', () => {
    fc.assert(
      fc.property(anyKeypad, ({ code, detail }) => {
        const error = new KeypadError(code, { detail });
        for (const message of [error.messages.ja, error.messages.en]) {
          expect(message, code).not.toContain('undefined');
          expect(message, code).not.toContain('[object Object]');
        }
        expect(error.detail).toEqual(detail);
      }),
      { numRuns: 300 },
    );
  });

  it('hasCode narrows code and detail', () => {
    const error: unknown = new KeypadError('KEYPAD_TIMEOUT', { detail: { seconds: 30 } });
    expect(error instanceof KeypadError && error.hasCode('KEYPAD_BUSY')).toBe(false);
    if (!(error instanceof KeypadError) || !error.hasCode('KEYPAD_TIMEOUT')) throw new Error('not narrowed');
    const seconds: number = error.detail.seconds;
    expect(seconds).toBe(30);
    // @ts-expect-error a misspelt key of a narrowed detail does not compile
    expect(error.detail.second).toBeUndefined();
  });

  it('a misspelt, missing or foreign key does not compile', () => {
    const build = [
      // @ts-expect-error a misspelt key
      () => new KeypadError('KEYPAD_TIMEOUT', { detail: { secs: 1 } }),
      // @ts-expect-error the detail is required for a code whose message reads values
      () => new KeypadError('KEYPAD_NOT_FOUND'),
      // @ts-expect-error a value of the wrong type
      () => new KeypadError('KEYPAD_OPEN_FAILED', { detail: { reason: new Error('x') } }),
      // @ts-expect-error a code without values takes no keys
      () => new KeypadError('KEYPAD_BUSY', { detail: { reason: 'x' } }),
    ];
    for (const make of build) expect(make()).toBeInstanceOf(KeypadError);
  });

  it('a typed KeypadError is still an OnshikitError', () => {
    const error: OnshikitError = new KeypadError('KEYPAD_NOT_FOUND', { detail: { selector: 'VID 0x1234' } });
    expect(isOnshikitError(error)).toBe(true);
  });
});
