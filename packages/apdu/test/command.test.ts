import { describe, expect, it } from 'vitest';
import {
  ApduError,
  CommandApdu,
  EXTENDED_MAX_LC,
  EXTENDED_MAX_LE,
  SHORT_MAX_LC,
  SHORT_MAX_LE,
  fromHex,
  toHex,
} from '@onshikit/apdu';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApduError);
    return (error as ApduError).code;
  }
  throw new Error('expected an ApduError');
}

const head = { cla: 0x00, ins: 0xb0, p1: 0x01, p2: 0x02 };

describe('CommandApdu', () => {
  it('decodes the JPKI SELECT as case 3 with a view of the AID', () => {
    const bytes = fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    const apdu = CommandApdu.decode(bytes);
    expect(apdu.case).toBe(3);
    expect(toHex(apdu.data)).toBe('D392F000260100000001');
    expect(apdu.data.buffer).toBe(bytes.buffer);
    expect(apdu.data.byteOffset).toBe(bytes.byteOffset + 5);
  });

  it('encodes and decodes all four cases in the short form', () => {
    const table: [string, Partial<{ data: Uint8Array; le: number }>, number][] = [
      ['00B00102', {}, 1],
      ['00B0010210', { le: 16 }, 2],
      ['00B00102020A0B', { data: Uint8Array.of(10, 11) }, 3],
      ['00B00102020A0B20', { data: Uint8Array.of(10, 11), le: 32 }, 4],
    ];
    for (const [hex, fields, apduCase] of table) {
      const apdu = new CommandApdu({ ...head, ...fields });
      expect(apdu.case).toBe(apduCase);
      expect(apdu.extended).toBe(false);
      expect(toHex(apdu.encode())).toBe(hex);
      expect(apdu.encodedLength).toBe(hex.length / 2);
      const back = CommandApdu.decode(fromHex(hex));
      expect(back.case).toBe(apduCase);
      expect(back.le).toBe(fields.le);
      expect(toHex(back.data)).toBe(toHex(fields.data ?? new Uint8Array(0)));
      expect(back.extended).toBe(false);
    }
  });

  it('encodes and decodes cases 2-4 in the extended form', () => {
    const table: [string, Partial<{ data: Uint8Array; le: number }>, number][] = [
      ['00B00102000100', { le: 256 + 0 }, 2],
      ['00B00102000002AABB', { data: Uint8Array.of(0xaa, 0xbb) }, 3],
      ['00B00102000002AABB0400', { data: Uint8Array.of(0xaa, 0xbb), le: 1024 }, 4],
    ];
    for (const [hex, fields, apduCase] of table) {
      const apdu = new CommandApdu({ ...head, ...fields, extended: true });
      expect(apdu.extended).toBe(true);
      expect(toHex(apdu.encode())).toBe(hex);
      const back = CommandApdu.decode(fromHex(hex));
      expect(back.case).toBe(apduCase);
      expect(back.extended).toBe(true);
      expect(back.le).toBe(fields.le);
    }
  });

  it('switches to the extended form when the data or Le need it', () => {
    expect(new CommandApdu({ ...head, le: SHORT_MAX_LE }).extended).toBe(false);
    expect(new CommandApdu({ ...head, le: SHORT_MAX_LE + 1 }).extended).toBe(true);
    expect(new CommandApdu({ ...head, data: new Uint8Array(SHORT_MAX_LC) }).extended).toBe(false);
    const big = new CommandApdu({ ...head, data: new Uint8Array(SHORT_MAX_LC + 1) });
    expect(big.extended).toBe(true);
    expect(toHex(big.encode().subarray(4, 7))).toBe('000100');
    // Case 1 has no length field, so no extended form.
    expect(new CommandApdu({ ...head, extended: true }).extended).toBe(false);
  });

  it('applies Le semantics: 256 is 00 short, 65536 is 0000 extended', () => {
    expect(toHex(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }).encode())).toBe('00B0000000');
    expect(toHex(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }).encode())).toBe('00B00000000000');
    expect(CommandApdu.fromHex('00B0000000').le).toBe(256);
    expect(CommandApdu.fromHex('00B00000000000').le).toBe(EXTENDED_MAX_LE);
    expect(CommandApdu.fromHex('00B00000000001AA0000').le).toBe(EXTENDED_MAX_LE);
    expect(CommandApdu.fromHex('802A008002010200').le).toBe(256);
  });

  it('refuses INS 6x and 9x', () => {
    for (const ins of [0x60, 0x61, 0x6c, 0x6f, 0x90, 0x9f]) {
      expect(codeOf(() => new CommandApdu({ cla: 0, ins, p1: 0, p2: 0 }))).toBe('APDU_INVALID_INS');
      expect(codeOf(() => CommandApdu.decode(Uint8Array.of(0, ins, 0, 0)))).toBe('APDU_INVALID_INS');
    }
    expect(new CommandApdu({ cla: 0, ins: 0x5f, p1: 0, p2: 0 }).ins).toBe(0x5f);
  });

  it('validates the header bytes and the lengths', () => {
    for (const field of ['cla', 'ins', 'p1', 'p2'] as const) {
      for (const bad of [-1, 256, 1.5, Number.NaN])
        expect(codeOf(() => new CommandApdu({ ...head, [field]: bad }))).toBe('APDU_INVALID_BYTE');
    }
    for (const bad of [0, -1, 65537, 2.5])
      expect(codeOf(() => new CommandApdu({ ...head, le: bad }))).toBe('APDU_INVALID_LE');
    expect(codeOf(() => new CommandApdu({ ...head, data: new Uint8Array(EXTENDED_MAX_LC + 1) }))).toBe(
      'APDU_LENGTH_OVERFLOW',
    );
    expect(new CommandApdu({ ...head, data: new Uint8Array(EXTENDED_MAX_LC) }).encodedLength).toBe(
      4 + 3 + EXTENDED_MAX_LC,
    );
  });

  it('detects malformed encodings exactly', () => {
    expect(codeOf(() => CommandApdu.decode(fromHex('00B000')))).toBe('APDU_TOO_SHORT');
    expect(codeOf(() => CommandApdu.decode(fromHex('00B0000002AA')))).toBe('APDU_LENGTH_MISMATCH');
    expect(codeOf(() => CommandApdu.decode(fromHex('00B0000002AABBCCDD')))).toBe('APDU_LENGTH_MISMATCH');
    expect(codeOf(() => CommandApdu.decode(fromHex('00B000000000')))).toBe('APDU_LENGTH_MISMATCH');
    expect(codeOf(() => CommandApdu.decode(fromHex('00B00000000000AA')))).toBe('APDU_LENGTH_MISMATCH');
    expect(codeOf(() => CommandApdu.decode(fromHex('00B00000000002AA')))).toBe('APDU_LENGTH_MISMATCH');
    expect(codeOf(() => CommandApdu.fromHex('00B0 00 0G'))).toBe('HEX_INVALID');
  });

  it('encodes into a caller buffer and refuses one too small', () => {
    const apdu = CommandApdu.fromHex('00A4020C020006');
    const target = new Uint8Array(16);
    const out = apdu.encode(target, 3);
    expect(out.buffer).toBe(target.buffer);
    expect(toHex(target.subarray(3, 10))).toBe('00A4020C020006');
    expect(codeOf(() => apdu.encode(new Uint8Array(5)))).toBe('APDU_LENGTH_OVERFLOW');
  });

  it('copies with changes and redacts data in hex', () => {
    const read = CommandApdu.fromHex('00B0000000');
    expect(read.with({ le: 0x1f }).toHex()).toBe('00B000001F');
    const verify = CommandApdu.fromHex('002000800431323334');
    expect(verify.toHex({ redactData: true })).toBe('0020008004********');
    expect(verify.toHex({ redactData: true, separator: ' ' })).toBe('00 20 00 80 04 ** ** ** **');
    expect(CommandApdu.fromHex('00200080').toHex({ redactData: true })).toBe('00200080');
    expect(verify.toHex({ separator: ':' })).toBe('00:20:00:80:04:31:32:33:34');
  });
});
