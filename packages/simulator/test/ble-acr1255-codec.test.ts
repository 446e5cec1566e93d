import { createCipheriv } from 'node:crypto';
import { toHex } from '@onshikit/apdu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameCollector, aes128Cbc, messageBytes, readMessage, wrapFrame } from '../src/ble/acr1255-wire.js';

// The simulated reader's own codec (node:crypto AES, written from the sources) against a reference
// written in this file from the manual (§5.4 frame, §5.5.1 message, FFh padding after the Check,
// AES-128-CBC with a zero IV). reader-ble's `acr1255-codec-reference.test.ts` holds the host
// profile's codec to the same reference, byte for byte, and both files check the same known-answer
// vector: so what the simulated reader sends, the host opens, and what the host sends, the
// simulated reader reads (equal bytes on both sides, split anywhere).

const message = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  seq: fc.integer({ min: 0, max: 255 }),
  param: fc.integer({ min: 0, max: 255 }),
  data: fc.uint8Array({ maxLength: 600 }),
});
const key = fc.uint8Array({ minLength: 16, maxLength: 16 });

interface Message {
  type: number;
  seq: number;
  param: number;
  data: Uint8Array;
}

const xor = (bytes: Uint8Array): number => bytes.reduce((a, b) => a ^ b, 0);
/** Reference §5.4 frame: 05 | Len (2) | datablock | XOR of Len and datablock | 0A. */
const referenceFrame = (datablock: Uint8Array): Uint8Array => {
  const len = Uint8Array.from([datablock.length >> 8, datablock.length & 0xff]);
  return Uint8Array.from([0x05, ...len, ...datablock, xor(len) ^ xor(datablock), 0x0a]);
};
/** Reference §5.5.1 message, Check over the message only; with `key`, FFh-padded to 16 bytes and AES-128-CBC (zero IV). */
const referenceMessage = (m: Message, key?: Uint8Array): Uint8Array => {
  const bytes = Uint8Array.from([m.type, m.data.length >> 8, m.data.length & 0xff, 0, m.seq, m.param, 0, ...m.data]);
  bytes[6] = xor(bytes);
  if (!key) return bytes;
  const padded = new Uint8Array(Math.ceil(bytes.length / 16) * 16).fill(0xff);
  padded.set(bytes);
  const cipher = createCipheriv('aes-128-cbc', key, new Uint8Array(16));
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(padded), cipher.final()]));
};

/** The known-answer vector reader-ble's reference test checks too (default master key as session key). */
const VECTOR = {
  key: new TextEncoder().encode('ACR1255U-J1 Auth'),
  message: { type: 0x6f, seq: 0x05, param: 0x00, data: Uint8Array.from([0x00, 0xa4, 0x04, 0x0c]) },
  frame: '050010C9AEDED5F993EDCB2C262D570E7A174F6C0A',
};

function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = 1 + ((sizes[i % sizes.length] ?? 19) % 512);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

const fields = (m: Message): unknown[] => [m.type, m.seq, m.param, toHex(m.data)];

describe('simulator codec × reference codec from the manual', () => {
  it('the known-answer vector: the reference and the simulator frame it to the same bytes', () => {
    expect(toHex(referenceFrame(referenceMessage(VECTOR.message, VECTOR.key)))).toBe(VECTOR.frame);
    expect(toHex(wrapFrame(aes128Cbc('encrypt', VECTOR.key, messageBytes(VECTOR.message, true))))).toBe(VECTOR.frame);
  });

  it('property: what the simulated reader sends (encrypted, padded, framed) is the reference bytes; in clear too', () => {
    fc.assert(
      fc.property(key, message, (k, m) => {
        expect(toHex(wrapFrame(aes128Cbc('encrypt', k, messageBytes(m, true))))).toBe(
          toHex(referenceFrame(referenceMessage(m, k))),
        );
        expect(toHex(wrapFrame(messageBytes(m, false)))).toBe(toHex(referenceFrame(referenceMessage(m))));
      }),
      { numRuns: 200 },
    );
  });

  it('property: the reference bytes (what the host sends), split anywhere, the simulated reader collects and reads to the same message', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, messages, sizes) => {
          const stream = Uint8Array.from(messages.flatMap((m) => [...referenceFrame(referenceMessage(m, k))]));
          const collector = new FrameCollector();
          const datablocks = split(stream, sizes).flatMap((chunk) => {
            const r = collector.add(chunk);
            expect(r).not.toBe('bad-frame');
            return r === 'bad-frame' ? [] : r;
          });
          expect(datablocks).toHaveLength(messages.length);
          const read = datablocks.map((d) => readMessage(aes128Cbc('decrypt', k, d)));
          expect(read.map((m) => m && fields(m))).toEqual(messages.map(fields));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: the simulator never reads a corrupted clear message, and a broken frame resets its collector', () => {
    fc.assert(
      fc.property(message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, at, flip) => {
        const bytes = messageBytes(m, false);
        const i = at % bytes.length;
        const broken = bytes.slice();
        broken[i] = broken[i]! ^ flip;
        const read = readMessage(broken);
        // Flipping a Length byte may still leave a message whose Check holds only by chance when the
        // declared length shrinks; otherwise nothing is read.
        if (i !== 1 && i !== 2) expect(read).toBeUndefined();
        const collector = new FrameCollector();
        const frame = wrapFrame(bytes);
        frame[frame.length - 1] = 0x0b;
        expect(collector.add(frame)).toBe('bad-frame');
        expect(collector.add(wrapFrame(bytes))).toHaveLength(1);
      }),
    );
  });
});
