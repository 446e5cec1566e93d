/**
 * A minimal DER writer for the few structures @peculiar/x509 has no builder for (the JPKI
 * otherName SAN entries, docs/reference/card-protocol.md#certificates). Definite lengths only.
 */

import { concatBytes, encodeDerLength, encodeTlv } from '@onshikit/apdu';

const textEncoder = new TextEncoder();

/** DER length octets. */
export function derLength(length: number): Uint8Array {
  return encodeDerLength(length);
}

/** One TLV with a single-byte tag. */
export function derTlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  return encodeTlv(tag, content);
}

/** An OBJECT IDENTIFIER from dotted text. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => Number.parseInt(s, 10));
  const [a = 0, b = 0, ...rest] = arcs;
  const out: number[] = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    out.push(...chunk);
  }
  return derTlv(0x06, Uint8Array.from(out));
}

/** UTF8String. */
export function derUtf8(text: string): Uint8Array {
  return derTlv(0x0c, textEncoder.encode(text));
}

/** Concatenates byte arrays into one new array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return concatBytes(...parts);
}
