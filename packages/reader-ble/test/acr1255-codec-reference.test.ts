import { createCipheriv } from 'node:crypto';
import { toHex } from '@onshikit/apdu';
import { FrameAssembler, SecureChannel, encodeFrame } from '@onshikit/reader-ble/acr1255';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The host profile's codec (@noble/ciphers) against a reference written in this file from the
// manual (§5.4 frame, §5.5.1 message, FFh padding after the Check, AES-128-CBC with a zero IV).
// The simulator's `ble-acr1255-codec.test.ts` holds the simulated reader's own codec (node:crypto,
// written separately) to the same reference, byte for byte, and both files check the same
// known-answer vector: so what the simulated reader sends, the host opens, and what the host
// sends, the simulated reader reads (equal bytes on both sides, split anywhere).

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

/** The known-answer vector the simulator's codec test checks too (default master key as session key). */
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

function channel(k: Uint8Array): SecureChannel {
  const host = new SecureChannel();
  host.setSessionKey(k);
  return host;
}

describe('host codec × reference codec from the manual (the bytes the simulated reader speaks)', () => {
  it('the known-answer vector: the reference and the host frame it to the same bytes', () => {
    expect(toHex(referenceFrame(referenceMessage(VECTOR.message, VECTOR.key)))).toBe(VECTOR.frame);
    expect(toHex(encodeFrame(channel(VECTOR.key).seal({ ...VECTOR.message, slot: 0 })))).toBe(VECTOR.frame);
  });

  it('property: the reference bytes (what the simulated reader sends), split anywhere, the host opens to the same message', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(message, { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 20 }),
        (k, messages, sizes) => {
          const host = channel(k);
          const stream = Uint8Array.from(messages.flatMap((m) => [...referenceFrame(referenceMessage(m, k))]));
          const assembler = new FrameAssembler();
          const got = split(stream, sizes).flatMap((chunk) => assembler.push(chunk).map((d) => host.open(d)));
          expect(got.map(fields)).toEqual(messages.map(fields));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: what the host sends (encrypted, padded, framed) is the reference bytes; in clear too', () => {
    fc.assert(
      fc.property(key, message, (k, m) => {
        expect(toHex(encodeFrame(channel(k).seal({ ...m, slot: 0 })))).toBe(
          toHex(referenceFrame(referenceMessage(m, k))),
        );
        expect(toHex(encodeFrame(new SecureChannel().seal({ ...m, slot: 0 })))).toBe(
          toHex(referenceFrame(referenceMessage(m))),
        );
      }),
      { numRuns: 200 },
    );
  });
});
