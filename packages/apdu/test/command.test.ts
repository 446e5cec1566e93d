import { describe, expect, it } from 'vitest';
import { ApduError, CommandApdu, fromHex, toHex } from '@onshikit/apdu';

describe('CommandApdu', () => {
  it('decodes the JPKI SELECT as case 3 with a view of the AID', () => {
    const bytes = fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    const apdu = CommandApdu.decode(bytes);
    expect(apdu.case).toBe(3);
    expect(toHex(apdu.data)).toBe('D392F000260100000001');
    expect(apdu.data.buffer).toBe(bytes.buffer);
  });
  it('encodes Le 256 as 00 and 65536 as 0000', () => {
    expect(toHex(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 }).encode())).toBe('00B0000000');
    expect(toHex(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536 }).encode())).toBe('00B00000000000');
  });
  it('refuses INS 6x', () => {
    expect(() => new CommandApdu({ cla: 0, ins: 0x61, p1: 0, p2: 0 })).toThrow(ApduError);
  });
});
