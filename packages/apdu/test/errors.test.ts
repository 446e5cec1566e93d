import { describe, expect, it } from 'vitest';
import {
  ApduError,
  TransportError,
  apduErrorMessages,
  transportErrorMessages,
  type ApduErrorCode,
  type TransportErrorCode,
} from '@onshikit/apdu';

// Values every message may interpolate, so a factory that forgets a field shows 'undefined'.
const detail = {
  length: 3,
  minimum: 4,
  maximum: 5,
  field: 'CLA',
  value: 300,
  ins: '61',
  sw: '6A82',
  ja: '見つからない',
  en: 'not found',
  count: 2,
  need: 4,
  have: 1,
  detail: 'x',
  path: 'FF20/DF22',
  tag: 'DF22',
  index: 7,
};

describe('error catalogues', () => {
  it('every ApduErrorCode has non-empty ja and en', () => {
    const codes = Object.keys(apduErrorMessages) as ApduErrorCode[];
    expect(codes.length).toBe(22);
    for (const code of codes) {
      const error = new ApduError(code, { offset: 9, detail });
      expect(error.messages.ja.trim(), code).not.toBe('');
      expect(error.messages.en.trim(), code).not.toBe('');
      expect(`${error.messages.ja} ${error.messages.en}`, code).not.toContain('undefined');
      expect(error.message).toContain(`[${code}] @9`);
      expect(error.code).toBe(code);
      expect(error.offset).toBe(9);
      expect(error.name).toBe('ApduError');
    }
  });

  it('every TransportErrorCode has non-empty ja and en', () => {
    const codes = Object.keys(transportErrorMessages) as TransportErrorCode[];
    for (const expected of [
      'CARD_REMOVED',
      'READER_GONE',
      'TIMEOUT',
      'ABORTED',
      'TRANSPORT_CLOSED',
      'PCSC_UNAVAILABLE',
      'BLE_UNAVAILABLE',
      'BLE_AUTH_FAILED',
      'BLE_FRAME_INVALID',
    ]) {
      expect(codes).toContain(expected);
    }
    for (const code of codes) {
      const error = new TransportError(code, { detail: { reader: 'x' } });
      expect(error.messages.ja.trim(), code).not.toBe('');
      expect(error.messages.en.trim(), code).not.toBe('');
      expect(error.message).toContain(code);
      expect(error.detail).toEqual({ reader: 'x' });
    }
  });

  it('keeps the cause and works without options', () => {
    const cause = new Error('inner');
    expect(new ApduError('TLV_TRUNCATED', { cause, detail: { need: 4, have: 1 } }).cause).toBe(cause);
    expect(new ApduError('TLV_INDEFINITE_LENGTH').offset).toBeUndefined();
    expect(new TransportError('TIMEOUT', { cause }).cause).toBe(cause);
    expect(new TransportError('TIMEOUT').detail).toEqual({});
  });
});
