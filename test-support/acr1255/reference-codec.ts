/**
 * A reference ACR1255U-J1 codec written from the ACS manual (§5.4 frame, §5.5.1 message, FFh
 * padding after the Check, AES-128-CBC with a zero IV), independent of both the simulated reader's
 * codec (simulator, node:crypto) and the host profile's codec (reader-ble, @noble/ciphers).
 *
 * Two tests hold a codec each to this reference, byte for byte, and both check the same
 * known-answer vector: simulator's `ble-acr1255-codec.test.ts` and reader-ble's
 * `acr1255-codec-reference.test.ts`. So what the simulated reader sends, the host opens, and what
 * the host sends, the simulated reader reads (equal bytes on both sides, split anywhere).
 */
import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';

/** One §5.5.1 message (the Check is computed, not carried). */
export interface Message {
  type: number;
  seq: number;
  param: number;
  data: Uint8Array;
}

/** Any message: every type, sequence and parameter byte, up to 600 data bytes. */
export const message: fc.Arbitrary<Message> = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  seq: fc.integer({ min: 0, max: 255 }),
  param: fc.integer({ min: 0, max: 255 }),
  data: fc.uint8Array({ maxLength: 600 }),
});

/** Any AES-128 session key. */
export const key: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 16, maxLength: 16 });

const xor = (bytes: Uint8Array): number => bytes.reduce((a, b) => a ^ b, 0);

/** Reference §5.4 frame: 05 | Len (2) | datablock | XOR of Len and datablock | 0A. */
export const referenceFrame = (datablock: Uint8Array): Uint8Array => {
  const len = Uint8Array.from([datablock.length >> 8, datablock.length & 0xff]);
  return Uint8Array.from([0x05, ...len, ...datablock, xor(len) ^ xor(datablock), 0x0a]);
};

/** Reference §5.5.1 message, Check over the message only; with `key`, FFh-padded to 16 bytes and AES-128-CBC (zero IV). */
export const referenceMessage = (m: Message, key?: Uint8Array): Uint8Array => {
  const bytes = Uint8Array.from([m.type, m.data.length >> 8, m.data.length & 0xff, 0, m.seq, m.param, 0, ...m.data]);
  bytes[6] = xor(bytes);
  if (!key) return bytes;
  const padded = new Uint8Array(Math.ceil(bytes.length / 16) * 16).fill(0xff);
  padded.set(bytes);
  const cipher = createCipheriv('aes-128-cbc', key, new Uint8Array(16));
  cipher.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([cipher.update(padded), cipher.final()]));
};

/** The known-answer vector both codec tests check (the default master key as session key). */
export const VECTOR = {
  key: new TextEncoder().encode('ACR1255U-J1 Auth'),
  message: { type: 0x6f, seq: 0x05, param: 0x00, data: Uint8Array.from([0x00, 0xa4, 0x04, 0x0c]) },
  frame: '050010C9AEDED5F993EDCB2C262D570E7A174F6C0A',
} as const;

/** `bytes` cut into chunks of 1–512 bytes, the sizes taken in turn from `sizes`. */
export function split(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = 1 + ((sizes[i % sizes.length] ?? 19) % 512);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}
