import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApduError, derElementLength, encodeTlv, fromHex, readTlvElement, toHex } from '@onshikit/apdu';
import { encodeTree, tree } from './properties/arbitraries.js';

/** An EF larger than its content, padded with FF, read like READ BINARY (short reads at the end). */
function file(
  content: Uint8Array,
  size = content.length + 100,
): { read: (offset: number, length: number) => Promise<Uint8Array>; reads: [number, number][] } {
  const bytes = new Uint8Array(size).fill(0xff);
  bytes.set(content);
  const reads: [number, number][] = [];
  return {
    reads,
    read: async (offset, length) => {
      reads.push([offset, length]);
      return bytes.slice(offset, Math.min(size, offset + length));
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApduError);
    return (error as ApduError).code;
  }
  throw new Error('expected an ApduError');
}

describe('readTlvElement', () => {
  it('reads a 1571-byte certificate in 1 + 7 reads, like the JPKI auth certificate (docs/reference/card-protocol.md#certificate-read)', async () => {
    const cert = encodeTlv(0x30, new Uint8Array(1567).fill(7));
    expect(toHex(cert.subarray(0, 4))).toBe('3082061F');
    const ef = file(cert, 2048);
    const out = await readTlvElement(ef.read);
    expect(toHex(out)).toBe(toHex(cert));
    expect(ef.reads).toEqual([
      [0, 4],
      [4, 256],
      [260, 256],
      [516, 256],
      [772, 256],
      [1028, 256],
      [1284, 256],
      [1540, 31],
    ]);
  });

  it('reads more header when the first read is too short, and small elements in one read', async () => {
    const cv = encodeTlv(0x7f21, [encodeTlv(0x5f4e, new Uint8Array(297)), encodeTlv(0x5f37, new Uint8Array(256))]);
    const ef = file(cv);
    expect((await readTlvElement(ef.read, { firstRead: 2 })).length).toBe(cv.length);
    expect(ef.reads[0]).toEqual([0, 2]);
    expect(ef.reads[1]).toEqual([2, 5]);
    const small = file(fromHex('80 01 AA'));
    expect(toHex(await readTlvElement(small.read, { firstRead: 16 }))).toBe('8001AA');
    expect(small.reads).toEqual([[0, 16]]);
  });

  it('uses larger chunks with extended length', async () => {
    const cert = encodeTlv(0x30, new Uint8Array(1567));
    const ef = file(cert);
    await readTlvElement(ef.read, { maxChunk: 4096 });
    expect(ef.reads).toEqual([
      [0, 4],
      [4, 1567],
    ]);
  });

  it('fails on files that end early, corrupt headers and oversized elements', async () => {
    expect(await codeOf(readTlvElement(file(fromHex('30 82 01 00 00'), 5).read))).toBe('TLV_TRUNCATED');
    expect(await codeOf(readTlvElement(file(fromHex('30'), 1).read))).toBe('TLV_TRUNCATED');
    expect(await codeOf(readTlvElement(file(fromHex('30 80 00 00')).read))).toBe('TLV_INDEFINITE_LENGTH');
    expect(await codeOf(readTlvElement(file(fromHex('30 81 05 00 00 00 00 00')).read))).toBe('TLV_NON_MINIMAL_LENGTH');
    expect((await readTlvElement(file(fromHex('30 81 05 00 00 00 00 00')).read, { mode: 'ber' })).length).toBe(8);
    expect(await codeOf(readTlvElement(file(fromHex('30 84 7F FF FF FF')).read))).toBe('APDU_LENGTH_OVERFLOW');
    expect(await codeOf(readTlvElement(file(fromHex('30 82 01 00')).read, { maxLength: 100 }))).toBe(
      'APDU_LENGTH_OVERFLOW',
    );
  });

  it('property: returns exactly the element, in 1 header read + ceil(rest / chunk) reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        tree,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 40 }),
        async (node, maxChunk, padding) => {
          const element = encodeTree(node);
          const ef = file(element, element.length + padding);
          const out = await readTlvElement(ef.read, { maxChunk, firstRead: 9 });
          expect(toHex(out)).toBe(toHex(element));
          const { headerLength } = derElementLength(element)!;
          const first = Math.min(maxChunk, 9);
          if (headerLength <= first) {
            const rest = Math.max(0, element.length - Math.min(first, element.length));
            expect(ef.reads.length).toBe(1 + Math.ceil(rest / maxChunk));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
