import { TransportError, fromHex, toHex } from '@onshikit/apdu';
import { gattLayouts, normalizeUuid } from '@onshikit/reader-ble';
import {
  ACR1255_GATT,
  ACR1255_GATT_LEGACY,
  CHAIN_FIRST,
  CHAIN_LAST,
  CHAIN_MIDDLE,
  CHAIN_SINGLE,
  NOTIFY_CARD_ABSENT,
  NOTIFY_CARD_PRESENT,
  SLEEP_INTERVAL_CODES,
  SecureChannel,
  commandBlocks,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  firmwareAllowsExtendedApdus,
  firmwareMajorRevision,
} from '@onshikit/reader-ble/acr1255';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const hex = (s: string): string => s.replace(/ /g, '').toUpperCase();

describe('byte sequences published in the sources', () => {
  it('manual V1.01 §5.7.2 SPH_to_RDR_ReqAuth: 6B 00 05 00 00 00 CB E0 00 00 45 00', () => {
    expect(toHex(encodeMessage({ type: 0x6b, slot: 0, seq: 0, param: 0, data: fromHex('E000004500') }))).toBe(
      hex('6B 00 05 00 00 00 CB E0 00 00 45 00'),
    );
    // §5.4: 05 | Len | datablock | XOR(Len, datablock) | 0A.
    const message = hex('6B 00 05 00 00 00 CB E0 00 00 45 00');
    expect(toHex(encodeFrame(fromHex(message)))).toBe(`05000C${message}${xorHex(`000C${message}`)}0A`);
    // A message with its own Check XORs to 00, so the frame Check of this clear message is Len's 0C.
    expect(xorHex(`000C${message}`)).toBe('0C');
  });

  it('manual V1.07 §5.6.7.1 "Open automatic polling" request: 6B 00 05 00 00 00 CF E0 00 00 40 01', () => {
    const bytes = fromHex(hex('6B 00 05 00 00 00 CF E0 00 00 40 01'));
    expect(decodeMessage(bytes)).toMatchObject({ type: 0x6b, seq: 0, param: 0 });
    expect(toHex(encodeMessage({ type: 0x6b, slot: 0, seq: 0, param: 0, data: fromHex('E000004001') }))).toBe(
      toHex(bytes),
    );
  });

  it('mistyped in the manual: V1.01 prints Check A1h for the polling request (the bytes give CFh)', () => {
    expect(() => decodeMessage(fromHex(hex('6B 00 05 00 00 00 A1 E0 00 00 40 01')))).toThrow(TransportError);
  });

  it('mistyped in the manual: V1.01 prints Check E1h for the polling answer E1 00 00 00 01 (the bytes give 66h)', () => {
    expect(() => decodeMessage(fromHex(hex('83 00 05 00 00 00 E1 E1 00 00 00 01')))).toThrow(TransportError);
    expect(decodeMessage(fromHex(hex('83 00 05 00 00 00 66 E1 00 00 00 01'))).type).toBe(0x83);
  });

  it('mistyped in the manual: V1.07 prints the answer 83 … 66 E1 00 00 40 01, whose Check 66h fits E1 00 00 00 01 only', () => {
    expect(() => decodeMessage(fromHex(hex('83 00 05 00 00 00 66 E1 00 00 40 01')))).toThrow(TransportError);
  });

  it('the default master key is ASCII "ACR1255U-J1 Auth" and both GATT layouts are known', () => {
    expect(ACR1255_GATT.command.characteristic).toBe('3c4afff1-4783-3de5-a983-d348718ef133');
    expect(gattLayouts(ACR1255_GATT).map((l) => normalizeUuid(l.command.characteristic))).toEqual([
      '3c4afff1-4783-3de5-a983-d348718ef133',
      '0000fff1-0000-1000-8000-00805f9b34fb',
    ]);
    expect(normalizeUuid(ACR1255_GATT_LEGACY.response.characteristic)).toBe('0000fff2-0000-1000-8000-00805f9b34fb');
    expect(ACR1255_GATT_LEGACY.battery).toEqual(ACR1255_GATT.battery);
  });
});

function xorHex(h: string): string {
  let x = 0;
  for (const b of fromHex(h)) x ^= b;
  return x.toString(16).padStart(2, '0').toUpperCase();
}

describe('Check and FF padding (ACS SDK: Check before padding, checked up to the declared Length)', () => {
  it('a padded message carries the Check of the unpadded message, and padding bytes are FF', () => {
    const padded = encodeMessage({ type: 0x6f, slot: 0, seq: 1, param: 0, data: fromHex('00A4040C') }, true);
    expect(padded.length).toBe(16);
    expect(toHex(padded.subarray(0, 11))).toBe(
      toHex(encodeMessage({ type: 0x6f, slot: 0, seq: 1, param: 0, data: fromHex('00A4040C') })),
    );
    expect(toHex(padded.subarray(11))).toBe('FFFFFFFFFF');
  });

  it('a Check computed over the padding as well (one public client does this) is refused when it differs', () => {
    const padded = encodeMessage({ type: 0x6f, slot: 0, seq: 1, param: 0, data: fromHex('00A4040C') }, true);
    const overPadding = padded.slice();
    overPadding[6] = overPadding[6]! ^ 0xff; // five FF bytes XOR to FF
    expect(() => decodeMessage(overPadding, true)).toThrow(TransportError);
    expect(decodeMessage(padded, true).seq).toBe(1);
  });

  it('property: for any message, padded and unpadded Checks agree and the padding never matters on receive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ minLength: 15, maxLength: 15 }),
        (type, seq, data, junk) => {
          const plain = encodeMessage({ type, slot: 0, seq, param: 0, data });
          const padded = encodeMessage({ type, slot: 0, seq, param: 0, data }, true);
          expect(padded[6]).toBe(plain[6]);
          const other = padded.slice();
          other.set(junk.subarray(0, padded.length - plain.length), plain.length);
          expect(toHex(decodeMessage(other, true).data)).toBe(toHex(data));
        },
      ),
    );
  });

  it('an encrypted channel still round-trips with the new rule', () => {
    const key = fromHex('000102030405060708090A0B0C0D0E0F');
    const a = new SecureChannel();
    const b = new SecureChannel();
    a.setSessionKey(key);
    b.setSessionKey(key);
    const m = b.open(a.seal({ type: 0x80, slot: 0, seq: 9, param: 0, data: fromHex('9000') }));
    expect(toHex(m.data)).toBe('9000');
  });
});

describe('card notification 50h (ACS SDK)', () => {
  it('Param 03h is present and 02h absent (the manual table prints them swapped)', () => {
    expect(NOTIFY_CARD_PRESENT).toBe(0x03);
    expect(NOTIFY_CARD_ABSENT).toBe(0x02);
  });
});

describe('block splitting of long commands (ACS SDK: 256-byte blocks, Param 01h, 03h…, 02h)', () => {
  it('up to 256 bytes is one block with Param 00h', () => {
    expect(commandBlocks(new Uint8Array(256)).map((b) => [b.param, b.data.length])).toEqual([[CHAIN_SINGLE, 256]]);
    expect(commandBlocks(new Uint8Array(0)).map((b) => [b.param, b.data.length])).toEqual([[CHAIN_SINGLE, 0]]);
  });

  it('a 261-byte short APDU is 256 + 5; 600 bytes are 256, 256, 88', () => {
    expect(commandBlocks(new Uint8Array(261)).map((b) => [b.param, b.data.length])).toEqual([
      [CHAIN_FIRST, 256],
      [CHAIN_LAST, 5],
    ]);
    expect(commandBlocks(new Uint8Array(600)).map((b) => [b.param, b.data.length])).toEqual([
      [CHAIN_FIRST, 256],
      [CHAIN_MIDDLE, 256],
      [CHAIN_LAST, 88],
    ]);
  });

  it('property: blocks join back to the command, first 01h, last 02h, middle 03h', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 257, maxLength: 3000 }), (data) => {
        const blocks = commandBlocks(data);
        expect(blocks[0]!.param).toBe(CHAIN_FIRST);
        expect(blocks.at(-1)!.param).toBe(CHAIN_LAST);
        for (const b of blocks.slice(1, -1)) expect(b.param).toBe(CHAIN_MIDDLE);
        for (const b of blocks.slice(0, -1)) expect(b.data.length).toBe(256);
        expect(toHex(Uint8Array.from(blocks.flatMap((b) => [...b.data])))).toBe(toHex(data));
      }),
    );
  });
});

describe('extended APDUs behind the firmware check (ACS SDK: not for major revisions 0, 1, 3)', () => {
  it('reads the major revision of ACS version strings', () => {
    expect(firmwareMajorRevision('ACR1255U-J1 SWV 3.00.05')).toBe(3);
    expect(firmwareMajorRevision('ACR1255U-J1 SWV 2.10.00')).toBe(2);
    expect(firmwareMajorRevision('ACR1255U-J1')).toBeUndefined();
    expect(firmwareMajorRevision(undefined)).toBeUndefined();
  });

  it('0, 1, 3 and unknown stay on short APDUs; other majors allow extended ones', () => {
    for (const v of [
      'ACR1255U-J1 SWV 0.90.00',
      'ACR1255U-J1 SWV 1.00.00',
      'ACR1255U-J1 SWV 3.00.05',
      'no version',
      undefined,
    ])
      expect(firmwareAllowsExtendedApdus(v)).toBe(false);
    for (const v of ['ACR1255U-J1 SWV 2.00.00', 'ACR1255U-J1 SWV 4.01.02'])
      expect(firmwareAllowsExtendedApdus(v)).toBe(true);
  });
});

describe('escapes', () => {
  it('sleep interval codes 00h–03h (manual §6.6.17) and 04h never', () => {
    expect(SLEEP_INTERVAL_CODES).toEqual({ 0: 4, 60: 0, 90: 1, 120: 2, 180: 3 });
  });
});
