import { describe, expect, it } from 'vitest';
import { ApduError, bytesEqual, concatBytes, fromHex, toHex } from '@onshikit/apdu';

describe('hex', () => {
  it('formats upper case by default, with options', () => {
    const bytes = Uint8Array.of(0x00, 0xa4, 0x0f);
    expect(toHex(bytes)).toBe('00A40F');
    expect(toHex(bytes, { lowerCase: true })).toBe('00a40f');
    expect(toHex(bytes, { separator: ' ' })).toBe('00 A4 0F');
    expect(toHex(bytes, { separator: ':', lowerCase: true })).toBe('00:a4:0f');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('parses spaces, colons, dashes, new lines and a 0x prefix', () => {
    expect(toHex(fromHex('00 a4:04-0C\n0a\t0D\r'))).toBe('00A4040C0A0D');
    expect(toHex(fromHex('0xFF20'))).toBe('FF20');
    expect(fromHex('').length).toBe(0);
  });

  it('rejects bad hex with the character offset', () => {
    const cases: [string, number][] = [
      ['0G', 1],
      ['0 0', 1],
      ['ABC', 3],
      ['AB é', 3],
    ];
    for (const [text, offset] of cases) {
      try {
        fromHex(text);
        throw new Error(`accepted ${text}`);
      } catch (error) {
        expect(error).toBeInstanceOf(ApduError);
        expect((error as ApduError).code).toBe('HEX_INVALID');
        expect((error as ApduError).offset).toBe(offset);
      }
    }
  });

  it('compares and concatenates', () => {
    expect(bytesEqual(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(bytesEqual(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(bytesEqual(fromHex('0102'), fromHex('01'))).toBe(false);
    expect(toHex(concatBytes(fromHex('01'), new Uint8Array(0), fromHex('0203')))).toBe('010203');
    expect(concatBytes().length).toBe(0);
  });
});
