import { describe, expect, it } from 'vitest';
import { ApduError, TransportError, brandError, hasErrorBrand, isOnshikitError } from '@onshikit/apdu';

/** An error as another copy of the package (the CJS build, another version) would make it. */
function foreignCopy(className: string, code: string): Error {
  const error = Object.assign(new Error(`[${code}] from another copy`), {
    code,
    messages: { ja: 'ja', en: 'en' },
    detail: {},
  });
  brandError(error, className);
  return error;
}

describe('error brands across copies of a package', () => {
  it('instanceof holds for an error made by another copy of the class', () => {
    expect(foreignCopy('ApduError', 'TLV_TRUNCATED')).toBeInstanceOf(ApduError);
    expect(foreignCopy('TransportError', 'CARD_REMOVED')).toBeInstanceOf(TransportError);
  });

  it('one family is never taken for another, and plain errors are no onshi-kit errors', () => {
    expect(foreignCopy('ApduError', 'TLV_TRUNCATED')).not.toBeInstanceOf(TransportError);
    expect(new TransportError('TIMEOUT')).not.toBeInstanceOf(ApduError);
    expect(new Error('x')).not.toBeInstanceOf(ApduError);
    expect(isOnshikitError(new Error('x'))).toBe(false);
    for (const value of [undefined, null, 'ApduError', 42, { code: 'X', messages: { ja: '', en: '' } }]) {
      expect(isOnshikitError(value)).toBe(false);
      expect(hasErrorBrand(value, 'ApduError')).toBe(false);
    }
  });

  it('isOnshikitError gives code and both messages whatever the family', () => {
    for (const error of [
      new ApduError('TLV_TRUNCATED', { offset: 2, detail: { need: 4, have: 1 } }),
      new TransportError('CARD_REMOVED'),
      foreignCopy('CardError', 'CARD_NOT_MYNUMBER'),
    ]) {
      expect(isOnshikitError(error)).toBe(true);
      if (!isOnshikitError(error)) continue;
      expect(error.code).toMatch(/^[A-Z_]+$/);
      expect(error.messages.ja.length).toBeGreaterThan(0);
      expect(error.messages.en.length).toBeGreaterThan(0);
    }
  });

  it('the brand is not enumerable: JSON and spreads of an error stay as they were', () => {
    const error = new ApduError('TLV_TRUNCATED', { offset: 2, detail: { need: 4, have: 1 } });
    expect(Object.keys(error)).not.toContain(Symbol.for('@onshikit/error').toString());
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
  });
});
