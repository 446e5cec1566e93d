/**
 * Every apdu error code has its own typed `detail`: a misspelt or missing key does not compile,
 * `hasCode` narrows, and every message built from any detail of its code's type reads only keys
 * that exist (no "undefined", no "[object Object]" in either language).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApduError,
  TransportError,
  apduErrorMessages,
  isOnshikitError,
  transportErrorMessages,
  type ApduErrorCode,
  type ApduErrorDetails,
  type OnshikitError,
  type TransportErrorCode,
  type TransportErrorDetails,
} from '@onshikit/apdu';

/** Text a detail may carry; never the words the test looks for. */
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('undefined') && !s.includes('[object'));
const count = fc.nat({ max: 70_000 });

/** One arbitrary per code, typed by the code's detail: a wrong key here does not compile. */
const apduDetails: { readonly [C in ApduErrorCode]: fc.Arbitrary<ApduErrorDetails[C]> } = {
  APDU_TOO_SHORT: fc.record({ length: count, minimum: count }),
  APDU_LENGTH_MISMATCH: fc.record({ detail: text }),
  APDU_LENGTH_OVERFLOW: fc.record({ length: count, maximum: count }),
  APDU_INVALID_BYTE: fc.record({ field: fc.constantFrom('CLA', 'INS', 'P1', 'P2'), value: fc.double() }),
  APDU_INVALID_INS: fc.record({ ins: text }),
  APDU_INVALID_LE: fc.record({ value: fc.double() }),
  APDU_STATUS: fc.record({ sw: text, ja: text, en: text }, { requiredKeys: ['sw'] }),
  APDU_CHAINING_NOT_ALLOWED: fc.record({ length: count }),
  APDU_GET_RESPONSE_LOOP: fc.record({ count }),
  TLV_TRUNCATED: fc.record({ need: count, have: count }),
  TLV_INVALID_TAG: fc.record({ detail: text }),
  TLV_INVALID_LENGTH: fc.record({ detail: text }),
  TLV_NON_MINIMAL_LENGTH: fc.constant({}),
  TLV_INDEFINITE_LENGTH: fc.constant({}),
  TLV_TOO_DEEP: fc.record({ maximum: count }),
  TLV_TRAILING_BYTES: fc.record({ count }),
  TLV_NOT_FOUND: fc.record({ path: text }),
  TLV_NOT_CONSTRUCTED: fc.record({ tag: text }),
  HEX_INVALID: fc.record({ detail: text }),
  REPLAY_MISMATCH: fc.record({ index: count, expected: text, actual: text }),
  REPLAY_EXHAUSTED: fc.record({ count, actual: text }, { requiredKeys: ['count'] }),
  TRACE_INVALID: fc.record({ detail: text }),
};

const anyApdu = fc.oneof(
  ...(Object.keys(apduDetails) as ApduErrorCode[]).map((code) =>
    (apduDetails[code] as fc.Arbitrary<ApduErrorDetails[ApduErrorCode]>).map((detail) => ({ code, detail })),
  ),
);

describe('ApduError detail typed per code', () => {
  it('every code has a detail arbitrary', () => {
    expect(Object.keys(apduDetails).sort()).toEqual(Object.keys(apduErrorMessages).sort());
  });

  it('no message shows "undefined" or "[object Object]" for any detail of its code', () => {
    fc.assert(
      fc.property(anyApdu, fc.option(count, { nil: undefined }), ({ code, detail }, offset) => {
        const error = new ApduError(code, { detail, offset });
        for (const message of [error.messages.ja, error.messages.en, error.message]) {
          expect(message, code).not.toContain('undefined');
          expect(message, code).not.toContain('[object Object]');
          expect(message.trim(), code).not.toBe('');
        }
        expect(error.detail).toEqual(detail);
      }),
      { numRuns: 500 },
    );
  });

  it('hasCode narrows code and detail', () => {
    const error: unknown = new ApduError('TLV_TRUNCATED', { offset: 3, detail: { need: 5, have: 2 } });
    expect(error instanceof ApduError && error.hasCode('TLV_NOT_FOUND')).toBe(false);
    if (!(error instanceof ApduError) || !error.hasCode('TLV_TRUNCATED')) throw new Error('not narrowed');
    const need: number = error.detail.need;
    expect(need).toBe(5);
    // @ts-expect-error a misspelt key of a narrowed detail does not compile
    expect(error.detail.nede).toBeUndefined();
    // @ts-expect-error a code that does not exist does not compile
    expect(error.hasCode('TLV_TRUNCATE')).toBe(false);
  });

  it('a misspelt, missing or foreign key does not compile', () => {
    const build = [
      // @ts-expect-error a misspelt key
      () => new ApduError('TLV_TRUNCATED', { detail: { nede: 1, have: 0 } }),
      // @ts-expect-error a required key is missing
      () => new ApduError('TLV_TRUNCATED', { detail: { need: 1 } }),
      // @ts-expect-error the detail is required for a code whose message reads values
      () => new ApduError('TLV_NOT_FOUND'),
      // @ts-expect-error the detail is required even with other options
      () => new ApduError('APDU_TOO_SHORT', { offset: 1 }),
      // @ts-expect-error a code without values takes no keys
      () => new ApduError('TLV_INDEFINITE_LENGTH', { detail: { length: 1 } }),
      // @ts-expect-error a value of the wrong type
      () => new ApduError('TLV_NOT_FOUND', { detail: { path: 0x5f20 } }),
    ];
    // At run time the constructor still builds something for untyped callers (JavaScript).
    for (const make of build) expect(make()).toBeInstanceOf(ApduError);
    expect(new ApduError('TLV_INDEFINITE_LENGTH').detail).toEqual({});
  });

  it('a typed error is still an OnshikitError', () => {
    const error: OnshikitError = new ApduError('TLV_TOO_DEEP', { detail: { maximum: 8 } });
    expect(isOnshikitError(error)).toBe(true);
    expect(error.detail).toEqual({ maximum: 8 });
  });
});

describe('TransportError detail typed per code', () => {
  const context = fc.record(
    { reader: text, reason: text, step: text, pcsc: text, replayIndex: count },
    { requiredKeys: [] },
  );
  const codes = Object.keys(transportErrorMessages) as TransportErrorCode[];

  it('keeps its detail and shows no "undefined" for any context', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), context, (code, detail) => {
        const error = new TransportError(code, { detail });
        expect(error.detail).toEqual(detail);
        expect(`${error.messages.ja} ${error.messages.en}`).not.toMatch(/undefined|\[object Object\]/);
      }),
    );
  });

  it('hasCode narrows to the code-specific keys', () => {
    const error: unknown = new TransportError('TIMEOUT', {
      detail: { timeoutMs: 30_000, skipped: [{ reader: 'PaSoRi', reason: 'mute' }] },
    });
    if (!(error instanceof TransportError) || !error.hasCode('TIMEOUT')) throw new Error('not narrowed');
    const skipped: TransportErrorDetails['TIMEOUT']['skipped'] = error.detail.skipped;
    expect(skipped?.[0]?.reason).toBe('mute');
    // @ts-expect-error a misspelt key of a narrowed detail does not compile
    expect(error.detail.skiped).toBeUndefined();
    expect(new TransportError('TIMEOUT').detail).toEqual({});
  });

  it('a misspelt or foreign key does not compile', () => {
    // @ts-expect-error a misspelt key
    expect(new TransportError('TIMEOUT', { detail: { timeoutMS: 1 } }).code).toBe('TIMEOUT');
    // @ts-expect-error `skipped` belongs to TIMEOUT and NO_READER, not to CARD_REMOVED
    expect(new TransportError('CARD_REMOVED', { detail: { skipped: [] } }).code).toBe('CARD_REMOVED');
  });
});
