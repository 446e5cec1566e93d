import { describe, expect, it } from 'vitest';
import {
  ApduError,
  decodeTlv,
  derElementLength,
  encodeDerLength,
  encodeTlv,
  findChild,
  findTlv,
  fromHex,
  parseTagPath,
  requireTlv,
  tagToHex,
  tlvChildren,
  tlvSequence,
  toHex,
  walkTlv,
  type Tlv,
} from '@onshikit/apdu';

function code(fn: () => unknown): { code: string; offset: number | undefined } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApduError);
    const e = error as ApduError;
    return { code: e.code, offset: e.offset };
  }
  throw new Error('expected an ApduError');
}

describe('decodeTlv', () => {
  it('reads a primitive with a short length as views of the input', () => {
    const bytes = fromHex('80 02 01 02');
    const tlv = decodeTlv(bytes);
    expect(tlv).toMatchObject({ tag: 0x80, constructed: false, offset: 0, headerLength: 2, length: 2 });
    expect(toHex(tlv.value)).toBe('0102');
    expect(tlv.value.buffer).toBe(bytes.buffer);
    expect(tlv.raw.buffer).toBe(bytes.buffer);
    expect(tlv.raw.byteOffset).toBe(bytes.byteOffset);
    expect(tlv.value.byteOffset).toBe(bytes.byteOffset + 2);
  });

  it('reads two-, three- and four-byte tags', () => {
    expect(decodeTlv(fromHex('5F 51 01 41')).tag).toBe(0x5f51);
    expect(decodeTlv(fromHex('DF 22 00')).tag).toBe(0xdf22);
    const ff20 = decodeTlv(fromHex('FF 20 03 DF 22 00'));
    expect(ff20.tag).toBe(0xff20);
    expect(ff20.constructed).toBe(true);
    expect(decodeTlv(fromHex('7F 21 00')).constructed).toBe(true);
    expect(decodeTlv(fromHex('5F 81 01 00')).tag).toBe(0x5f8101);
    expect(decodeTlv(fromHex('DF 81 81 01 00')).tag).toBe(0xdf818101);
    expect(decodeTlv(fromHex('DF 81 81 01 00')).headerLength).toBe(5);
  });

  it('rejects tags longer than four bytes', () => {
    expect(code(() => decodeTlv(fromHex('DF 81 81 81 01 00')))).toEqual({ code: 'TLV_INVALID_TAG', offset: 0 });
  });

  it('reads long-form lengths of 1 to 4 bytes', () => {
    const value = new Uint8Array(300);
    for (const prefix of ['82 01 2C', '83 00 01 2C', '84 00 00 01 2C']) {
      const bytes = new Uint8Array([0x04, ...fromHex(prefix), ...value]);
      const tlv = decodeTlv(bytes);
      expect(tlv.length).toBe(300);
      expect(tlv.headerLength).toBe(1 + fromHex(prefix).length);
    }
    expect(decodeTlv(new Uint8Array([0x04, 0x81, 0x80, ...new Uint8Array(0x80)])).length).toBe(0x80);
  });

  it('rejects more than four length bytes and the reserved 0xFF', () => {
    expect(code(() => decodeTlv(fromHex('04 85 00 00 00 00 01 00')))).toEqual({
      code: 'TLV_INVALID_LENGTH',
      offset: 1,
    });
    expect(code(() => decodeTlv(fromHex('04 FF')))).toEqual({ code: 'TLV_INVALID_LENGTH', offset: 1 });
  });

  it('DER mode rejects non-minimal lengths, BER accepts them', () => {
    const bytes = fromHex('04 81 01 AA');
    expect(decodeTlv(bytes).length).toBe(1);
    expect(code(() => decodeTlv(bytes, { mode: 'der' }))).toEqual({ code: 'TLV_NON_MINIMAL_LENGTH', offset: 1 });
    expect(code(() => decodeTlv(fromHex('04 82 00 01 AA'), { mode: 'der' })).code).toBe('TLV_NON_MINIMAL_LENGTH');
  });

  it('DER mode rejects long-form tags for low numbers, leading zero tag bytes and tag 00', () => {
    expect(code(() => decodeTlv(fromHex('1F 05 00'), { mode: 'der' })).code).toBe('TLV_INVALID_TAG');
    expect(code(() => decodeTlv(fromHex('1F 80 21 00'), { mode: 'der' })).code).toBe('TLV_INVALID_TAG');
    expect(code(() => decodeTlv(fromHex('00 00'), { mode: 'der' })).code).toBe('TLV_INVALID_TAG');
    expect(decodeTlv(fromHex('1F 05 00')).tag).toBe(0x1f05);
  });

  it('reads indefinite lengths in BER mode only', () => {
    const bytes = fromHex('30 80 04 01 AA 30 80 02 01 05 00 00 00 00');
    const tlv = decodeTlv(bytes);
    expect(tlv.length).toBe(10);
    expect(tlv.raw.length).toBe(bytes.length);
    expect([...tlvChildren(tlv)].map((t) => t.tag)).toEqual([0x04, 0x30]);
    expect(walkTlv(bytes, () => {})).toBe(4);
    expect(code(() => decodeTlv(bytes, { mode: 'der' }))).toEqual({ code: 'TLV_INDEFINITE_LENGTH', offset: 1 });
  });

  it('rejects an indefinite primitive and a missing end-of-contents', () => {
    expect(code(() => decodeTlv(fromHex('04 80 AA 00 00'))).code).toBe('TLV_INVALID_LENGTH');
    expect(code(() => decodeTlv(fromHex('30 80 04 01 AA'))).code).toBe('TLV_TRUNCATED');
    expect(code(() => decodeTlv(fromHex('30 80 04 05 AA'))).code).toBe('TLV_TRUNCATED');
  });

  it('reports truncation with the element offset', () => {
    expect(code(() => decodeTlv(new Uint8Array(0)))).toEqual({ code: 'TLV_TRUNCATED', offset: 0 });
    expect(code(() => decodeTlv(fromHex('5F')))).toEqual({ code: 'TLV_TRUNCATED', offset: 0 });
    expect(code(() => decodeTlv(fromHex('04')))).toEqual({ code: 'TLV_TRUNCATED', offset: 0 });
    expect(code(() => decodeTlv(fromHex('04 82 01')))).toEqual({ code: 'TLV_TRUNCATED', offset: 0 });
    expect(code(() => decodeTlv(fromHex('04 84 FF FF FF FF 00')))).toEqual({ code: 'TLV_TRUNCATED', offset: 0 });
    const e = code(() => [...tlvSequence(fromHex('80 00 81 03 01'))]);
    expect(e).toEqual({ code: 'TLV_TRUNCATED', offset: 2 });
  });

  it('refuses trailing bytes unless allowed', () => {
    const bytes = fromHex('80 01 AA 90 00');
    expect(code(() => decodeTlv(bytes))).toEqual({ code: 'TLV_TRAILING_BYTES', offset: 3 });
    expect(decodeTlv(bytes, { allowTrailing: true }).raw.length).toBe(3);
  });

  it('limits depth', () => {
    let bytes: Uint8Array = fromHex('80 00');
    for (let i = 0; i < 40; i++) bytes = encodeTlv(0x30, [bytes]);
    expect(code(() => walkTlv(bytes, () => {})).code).toBe('TLV_TOO_DEEP');
    expect(walkTlv(bytes, () => {}, { maxDepth: 64 })).toBe(41);
    expect(code(() => findTlv(bytes, Array(40).fill(0x30) as number[])).code).toBe('TLV_TOO_DEEP');
    let indefinite = fromHex('00 00');
    for (let i = 0; i < 40; i++) indefinite = Uint8Array.from([0x30, 0x80, ...indefinite, 0, 0]);
    expect(code(() => decodeTlv(indefinite)).code).toBe('TLV_TOO_DEEP');
  });
});

describe('tlvSequence / tlvChildren / findTlv / walkTlv', () => {
  // Shape of a 券面事項入力補助AP 基本4情報 record (docs/reference/card-protocol.md#basic-four), with a made-up person.
  const record = encodeTlv(0xff20, [
    encodeTlv(0xdf21, fromHex('00 00 00 00')),
    encodeTlv(0xdf22, new TextEncoder().encode('山田 花子')),
    encodeTlv(0xdf23, new TextEncoder().encode('東京都千代田区千代田1-1')),
    encodeTlv(0xdf24, new TextEncoder().encode('19900101')),
    encodeTlv(0xdf25, new TextEncoder().encode('2')),
  ]);

  it('iterates siblings and children with offsets relative to the top-level input', () => {
    const bytes = new Uint8Array([0x80, 0x00, ...record]);
    const seq = [...tlvSequence(bytes)];
    expect(seq.map((t) => t.tag)).toEqual([0x80, 0xff20]);
    const children = [...tlvChildren(seq[1]!)];
    expect(children.map((t) => tagToHex(t.tag))).toEqual(['DF21', 'DF22', 'DF23', 'DF24', 'DF25']);
    expect(children[0]!.offset).toBe(2 + 3);
    for (const child of children) expect(bytes[child.offset]).toBe(0xdf);
  });

  it('throws TLV_NOT_CONSTRUCTED on a primitive', () => {
    const tlv = decodeTlv(fromHex('80 01 AA'));
    expect(code(() => tlvChildren(tlv))).toEqual({ code: 'TLV_NOT_CONSTRUCTED', offset: 0 });
  });

  it('reads children of a Tlv built elsewhere with offsets from its own offset', () => {
    const inner = fromHex('80 01 AA');
    const foreign: Tlv = {
      tag: 0x30,
      constructed: true,
      offset: 10,
      headerLength: 2,
      length: 3,
      value: inner,
      raw: inner,
    };
    expect([...tlvChildren(foreign)][0]!.offset).toBe(12);
  });

  it('finds by path string and by number array', () => {
    expect(new TextDecoder().decode(findTlv(record, 'FF20/DF22')!.value)).toBe('山田 花子');
    expect(findTlv(record, [0xff20, 0xdf24])!.length).toBe(8);
    expect(findTlv(record, 'FF20/DF30')).toBeUndefined();
    expect(findTlv(record, 'DF22')).toBeUndefined();
    expect(findTlv(record, [])).toBeUndefined();
    expect(findChild(decodeTlv(record), 0xdf25)!.length).toBe(1);
    expect(findChild(decodeTlv(record), 0x80)).toBeUndefined();
    expect(code(() => requireTlv(record, 'FF20/DF30')).code).toBe('TLV_NOT_FOUND');
    expect(requireTlv(record, [0xff20]).tag).toBe(0xff20);
  });

  it('tries later siblings with the same tag', () => {
    const bytes = new Uint8Array([
      ...encodeTlv(0x30, [encodeTlv(0x80, new Uint8Array(1))]),
      ...encodeTlv(0x30, [encodeTlv(0x81, Uint8Array.of(7))]),
    ]);
    expect(findTlv(bytes, '30/81')!.value[0]).toBe(7);
  });

  it('walks depth first and counts', () => {
    const seen: string[] = [];
    expect(walkTlv(record, (t, d) => seen.push(`${d}:${tagToHex(t.tag)}`))).toBe(6);
    expect(seen).toEqual(['0:FF20', '1:DF21', '1:DF22', '1:DF23', '1:DF24', '1:DF25']);
  });

  it('rejects bad paths', () => {
    expect(code(() => findTlv(record, 'FF2')).code).toBe('TLV_INVALID_TAG');
    expect(code(() => findTlv(record, 'ZZ')).code).toBe('TLV_INVALID_TAG');
    expect(code(() => parseTagPath('5F')).code).toBe('TLV_INVALID_TAG');
    expect(parseTagPath('0xFF20 / DF22')).toEqual([0xff20, 0xdf22]);
  });
});

describe('writer and DER helpers', () => {
  it('encodes minimal lengths', () => {
    expect(toHex(encodeDerLength(0))).toBe('00');
    expect(toHex(encodeDerLength(0x7f))).toBe('7F');
    expect(toHex(encodeDerLength(0x80))).toBe('8180');
    expect(toHex(encodeDerLength(0x100))).toBe('820100');
    expect(toHex(encodeDerLength(0x10000))).toBe('83010000');
    expect(toHex(encodeDerLength(0xffffffff))).toBe('84FFFFFFFF');
    for (const bad of [-1, 1.5, 2 ** 32, Number.NaN])
      expect(code(() => encodeDerLength(bad)).code).toBe('TLV_INVALID_LENGTH');
  });

  it('encodes tags and nested children', () => {
    expect(toHex(encodeTlv(0xff20, [encodeTlv(0xdf22, Uint8Array.of(1, 2))]))).toBe('FF2005DF22020102');
    expect(toHex(encodeTlv(0x04, new Uint8Array(0)))).toBe('0400');
    expect(toHex(encodeTlv(0xdf818101, new Uint8Array(0)))).toBe('DF81810100');
    for (const bad of [0x1f, 0x5f80, 0x0101, 0x5f8101ff, -1, 2 ** 32, 0.5])
      expect(code(() => encodeTlv(bad, new Uint8Array(0))).code).toBe('TLV_INVALID_TAG');
  });

  it('tells the total DER length from a prefix', () => {
    expect(derElementLength(fromHex('30 82 04 1A'))).toEqual({ headerLength: 4, totalLength: 4 + 0x41a });
    expect(derElementLength(fromHex('30 82 04'))).toBeUndefined();
    expect(derElementLength(fromHex('30'))).toBeUndefined();
    expect(derElementLength(fromHex('5F'))).toBeUndefined();
    expect(derElementLength(new Uint8Array(0))).toBeUndefined();
    expect(derElementLength(fromHex('04 05'))).toEqual({ headerLength: 2, totalLength: 7 });
    expect(code(() => derElementLength(fromHex('30 80'))).code).toBe('TLV_INDEFINITE_LENGTH');
    expect(code(() => derElementLength(fromHex('30 80'), { mode: 'ber' })).code).toBe('TLV_INDEFINITE_LENGTH');
    expect(code(() => derElementLength(fromHex('30 81 05'))).code).toBe('TLV_NON_MINIMAL_LENGTH');
    expect(derElementLength(fromHex('30 81 05'), { mode: 'ber' })).toEqual({ headerLength: 3, totalLength: 8 });
    expect(code(() => derElementLength(fromHex('30 85'))).code).toBe('TLV_INVALID_LENGTH');
  });

  it('formats tags', () => {
    expect(tagToHex(0x30)).toBe('30');
    expect(tagToHex(0)).toBe('00');
    expect(tagToHex(0x5f51)).toBe('5F51');
    expect(tagToHex(0x7f2101)).toBe('7F2101');
    expect(tagToHex(0xdf818101)).toBe('DF818101');
  });
});

describe('depth limit is the same for definite and indefinite lengths', () => {
  it('allows empty constructed elements at the last level and refuses content below it', () => {
    expect(walkTlv(fromHex('30 80 00 00'), () => {}, { maxDepth: 1 })).toBe(1);
    expect(walkTlv(fromHex('30 00'), () => {}, { maxDepth: 1 })).toBe(1);
    expect(code(() => walkTlv(fromHex('30 80 04 00 00 00'), () => {}, { maxDepth: 1 })).code).toBe('TLV_TOO_DEEP');
    expect(code(() => walkTlv(fromHex('30 02 04 00'), () => {}, { maxDepth: 1 })).code).toBe('TLV_TOO_DEEP');
    expect(walkTlv(fromHex('30 80 04 00 00 00'), () => {}, { maxDepth: 2 })).toBe(2);
  });
});

describe('debug output', () => {
  it('summarises an element without dumping the input', async () => {
    const tlv = decodeTlv(fromHex('FF 20 03 DF 22 00'));
    expect(JSON.parse(JSON.stringify(tlv))).toEqual({
      tag: 'FF20',
      constructed: true,
      offset: 0,
      headerLength: 3,
      length: 3,
    });
    const { inspect } = await import('node:util');
    expect(inspect(tlv)).toBe('Tlv FF20 @0 (3 bytes, constructed)');
  });
});

describe('maxDepth bounds', () => {
  it('clamps silly limits instead of overflowing the stack', () => {
    let definite: Uint8Array = fromHex('80 00');
    for (let i = 0; i < 3000; i++) definite = encodeTlv(0x30, [definite]);
    let indefinite = new Uint8Array(3000 * 4);
    for (let i = 0; i < 3000; i++) {
      indefinite[2 * i] = 0x30;
      indefinite[2 * i + 1] = 0x80;
    }
    indefinite = indefinite.fill(0, 6000);
    for (const maxDepth of [Number.POSITIVE_INFINITY, 1e9]) {
      expect(code(() => walkTlv(definite, () => {}, { maxDepth })).code).toBe('TLV_TOO_DEEP');
      expect(code(() => decodeTlv(indefinite, { maxDepth })).code).toBe('TLV_TOO_DEEP');
      expect(code(() => findTlv(definite, Array(3001).fill(0x30) as number[], { maxDepth })).code).toBe('TLV_TOO_DEEP');
    }
    let thousand: Uint8Array = fromHex('80 00');
    for (let i = 0; i < 1000; i++) thousand = encodeTlv(0x30, [thousand]);
    expect(walkTlv(thousand, () => {}, { maxDepth: 1024 })).toBe(1001);
    let deep = new Uint8Array(1020 * 4);
    for (let i = 0; i < 1020; i++) deep.set([0x30, 0x80], 2 * i);
    deep = deep.fill(0, 2040);
    expect(walkTlv(deep, () => {}, { maxDepth: 1024 })).toBe(1020);
    expect(walkTlv(fromHex('30 02 80 00'), () => {}, { maxDepth: Number.NaN })).toBe(2);
    expect(code(() => walkTlv(fromHex('30 02 80 00'), () => {}, { maxDepth: 0 })).code).toBe('TLV_TOO_DEEP');
    expect(walkTlv(definite.subarray(0, 0), () => {}, { maxDepth: -5 })).toBe(0);
  });
});
