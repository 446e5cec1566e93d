/**
 * Every CardError code has its own typed `detail`: a misspelt or missing key does not compile,
 * `hasCode` narrows, and every message built from any detail of its code's type reads only keys
 * that exist (no "undefined", no "[object Object]" in either language).
 */
import { isOnshikitError, type OnshikitError } from '@onshikit/apdu';
import { CardError, cardErrorMessages, type CardErrorCode, type CardErrorDetails } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Text a detail may carry; never the words the test looks for. */
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('undefined') && !s.includes('[object'));
const tries = fc.integer({ min: 0, max: 15 });
const reason = fc.record({ reason: text, reasonEn: text });

/** One arbitrary per code, typed by the code's detail: a wrong key here does not compile. */
const cardDetails: { readonly [C in CardErrorCode]: fc.Arbitrary<CardErrorDetails[C]> } = {
  CARD_PIN_WRONG: fc.record({ triesLeft: tries }, { requiredKeys: [] }),
  CARD_PIN_BLOCKED: fc.record({ triesLeft: tries, locked: fc.boolean() }, { requiredKeys: [] }),
  CARD_PIN_NOT_SET: fc.constant({}),
  CARD_PIN_LAST_TRY: fc.record({ triesLeft: tries }, { requiredKeys: [] }),
  CARD_PIN_FORMAT: fc.record({ expected: text, expectedEn: text }),
  CARD_NOT_MYNUMBER: fc.constant({}),
  CARD_UNSUPPORTED_TOKEN: fc.record({ kind: text }, { requiredKeys: [] }),
  CARD_REMOVED: fc.constant({}),
  CARD_CERT_MISSING: fc.record({ certificateJa: text, certificateEn: text }, { requiredKeys: [] }),
  CARD_CERT_INVALID: reason,
  CARD_FILE_NOT_FOUND: fc.record({ file: text }),
  CARD_DATA_INVALID: reason,
  CARD_SECURITY_STATUS: fc.constant({}),
  CARD_UNEXPECTED_STATUS: fc.record({ sw: text, step: text }),
  CARD_INPUT_INVALID: reason,
};

const anyCard = fc.oneof(
  ...(Object.keys(cardDetails) as CardErrorCode[]).map((code) =>
    (cardDetails[code] as fc.Arbitrary<CardErrorDetails[CardErrorCode]>).map((detail) => ({ code, detail })),
  ),
);

describe('CardError detail typed per code', () => {
  it('every code has a detail arbitrary', () => {
    expect(Object.keys(cardDetails).sort()).toEqual(Object.keys(cardErrorMessages).sort());
  });

  it('no message shows "undefined" or "[object Object]" for any detail of its code', () => {
    fc.assert(
      fc.property(anyCard, ({ code, detail }) => {
        const error = new CardError(code, { detail });
        for (const message of [error.messages.ja, error.messages.en, error.message]) {
          expect(message, code).not.toContain('undefined');
          expect(message, code).not.toContain('[object Object]');
        }
        expect(error.detail).toEqual(detail);
      }),
      { numRuns: 500 },
    );
  });

  it('triesLeft in the options goes into the detail of a PIN code', () => {
    const error: unknown = new CardError('CARD_PIN_WRONG', { triesLeft: 2, sw: '63C2' });
    if (!(error instanceof CardError) || !error.hasCode('CARD_PIN_WRONG')) throw new Error('not narrowed');
    const left: number | undefined = error.detail.triesLeft;
    expect(left).toBe(2);
    expect(error.messages.ja).toContain('残り 2 回');
    // @ts-expect-error a misspelt key of a narrowed detail does not compile
    expect(error.detail.triesleft).toBeUndefined();
    expect(error.hasCode('CARD_PIN_BLOCKED')).toBe(false);
  });

  it('hasCode narrows to the code-specific keys', () => {
    const error: unknown = new CardError('CARD_UNEXPECTED_STATUS', { detail: { sw: '6A82', step: 'SELECT AP' } });
    if (!(error instanceof CardError) || !error.hasCode('CARD_UNEXPECTED_STATUS')) throw new Error('not narrowed');
    const step: string = error.detail.step;
    expect(step).toBe('SELECT AP');
    if (error instanceof CardError) {
      // @ts-expect-error un-narrowed, a code-specific key is not readable
      expect(error.detail.locked).toBeUndefined();
    }
  });

  it('a misspelt, missing or foreign key does not compile', () => {
    const build = [
      // @ts-expect-error a misspelt key
      () => new CardError('CARD_DATA_INVALID', { detail: { reason: 'x', reasonEN: 'x' } }),
      // @ts-expect-error the English reason is required
      () => new CardError('CARD_CERT_INVALID', { detail: { reason: 'x' } }),
      // @ts-expect-error the detail is required for a code whose message reads values
      () => new CardError('CARD_UNEXPECTED_STATUS', { sw: '6A82' }),
      // @ts-expect-error the options are required too
      () => new CardError('CARD_FILE_NOT_FOUND'),
      // @ts-expect-error triesLeft belongs to the PIN codes
      () => new CardError('CARD_NOT_MYNUMBER', { triesLeft: 3 }),
      // @ts-expect-error a code without values takes no keys
      () => new CardError('CARD_REMOVED', { detail: { reader: 'x' } }),
    ];
    for (const make of build) expect(make()).toBeInstanceOf(CardError);
  });

  it('a typed CardError is still an OnshikitError', () => {
    const error: OnshikitError = new CardError('CARD_FILE_NOT_FOUND', { detail: { file: 'EF 0001' } });
    expect(isOnshikitError(error)).toBe(true);
    expect(error.detail).toEqual({ file: 'EF 0001' });
  });
});
