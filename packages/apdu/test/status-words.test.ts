import { describe, expect, it } from 'vitest';
import { ResponseApdu, describeStatusWord, fromHex, listKnownStatusWords, triesLeftFromStatus } from '@onshikit/apdu';

// Every status the My Number Card is known to return (docs/reference/card-protocol.md#status-words), except the generic 63Cx / 61xx / 6Cxx.
const CARD_STATUSES = [
  0x9000, 0x6984, 0x6982, 0x6985, 0x6a82, 0x6a83, 0x6a86, 0x6a88, 0x6a80, 0x6a81, 0x6700, 0x6881, 0x6981, 0x6b00,
  0x6282, 0x66f1, 0x69fc, 0x6f00,
];

describe('status words', () => {
  it('describes every status the My Number Card returns, in both languages', () => {
    for (const sw of CARD_STATUSES) {
      const info = describeStatusWord(sw);
      expect(info.seenOnMyNumberCard, info.hex).toBe(true);
      expect(info.ja.length).toBeGreaterThan(0);
      expect(info.en.length).toBeGreaterThan(0);
      expect(info.ja).not.toBe('不明なステータス');
    }
  });

  it('has ja and en for every catalogue entry, with matching hex', () => {
    const all = listKnownStatusWords();
    expect(all.length).toBeGreaterThan(40);
    for (const info of all) {
      expect(info.ja.trim()).not.toBe('');
      expect(info.en.trim()).not.toBe('');
      expect(info.hex).toBe(info.sw.toString(16).toUpperCase().padStart(4, '0'));
    }
  });

  it('decodes 63Cx as remaining tries, 63C0 as blocked', () => {
    for (let x = 0; x <= 15; x++) {
      const info = describeStatusWord(0x63c0 | x);
      expect(info.triesLeft).toBe(x);
      expect(info.category).toBe('warning');
      expect(triesLeftFromStatus(0x63c0 | x)).toBe(x);
    }
    expect(describeStatusWord(0x63c0).en).toContain('blocked');
    expect(describeStatusWord(0x63c3).ja).toContain('3');
    expect(triesLeftFromStatus(0x9000)).toBeUndefined();
    expect(triesLeftFromStatus(0x6984)).toBeUndefined();
    expect(triesLeftFromStatus(0x63d1)).toBeUndefined();
  });

  it('decodes 61xx and 6Cxx lengths (00 means 256)', () => {
    expect(describeStatusWord(0x6110)).toMatchObject({ category: 'more-data', length: 16 });
    expect(describeStatusWord(0x6100)).toMatchObject({ length: 256 });
    expect(describeStatusWord(0x6c04)).toMatchObject({ category: 'wrong-le', length: 4 });
    expect(describeStatusWord(0x6c00)).toMatchObject({ length: 256 });
  });

  it('classifies unknown statuses by SW1', () => {
    expect(describeStatusWord(0x9000).category).toBe('success');
    expect(describeStatusWord(0x6299).category).toBe('warning');
    expect(describeStatusWord(0x6412).category).toBe('error');
    expect(describeStatusWord(0x6412).en).toBe('execution error');
    expect(describeStatusWord(0x6fff)).toMatchObject({
      category: 'error',
      en: 'unknown status',
      seenOnMyNumberCard: false,
    });
    expect(describeStatusWord(0x6982).category).toBe('error');
  });
});

describe('ResponseApdu', () => {
  it('views the received bytes', () => {
    const bytes = fromHex('30 82 06 1F 90 00');
    const response = ResponseApdu.decode(bytes);
    expect(response.data.buffer).toBe(bytes.buffer);
    expect(response.data.length).toBe(4);
    expect(response.bytes).toBe(bytes);
    expect([response.sw1, response.sw2, response.sw, response.ok, response.swHex]).toEqual([
      0x90,
      0,
      0x9000,
      true,
      '9000',
    ]);
    expect(response.expectOk()).toBe(response);
  });

  it('explains errors and throws APDU_STATUS with the meaning', () => {
    const response = ResponseApdu.of(new Uint8Array(0), 0x63c2);
    expect(response.ok).toBe(false);
    expect(response.status.triesLeft).toBe(2);
    expect(() => response.expectOk()).toThrow(/63C2/);
    try {
      response.expectOk();
    } catch (error) {
      expect(error).toMatchObject({ code: 'APDU_STATUS' });
    }
  });

  it('needs at least SW1 SW2', () => {
    expect(() => ResponseApdu.decode(fromHex('90'))).toThrow(
      expect.objectContaining({ code: 'APDU_TOO_SHORT', offset: 1 }),
    );
    expect(ResponseApdu.of(fromHex('AA'), 0x6a82).swHex).toBe('6A82');
  });
});
