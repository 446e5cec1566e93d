/** BER-TLV writers for the card's private-class tags (`FFxx`, `DFxx`, docs/reference/card-protocol.md#data-formats), on @onshikit/apdu's writer. */
import { concatBytes as joinBytes, encodeDerLength, encodeTlv } from '@onshikit/apdu';

const textEncoder = new TextEncoder();

/** BER length octets (short form below 128, then `81 xx`, `82 xx xx`). */
export function berLength(length: number): Uint8Array {
  return encodeDerLength(length);
}

/** One TLV; `tag` is 1 or 2 bytes given as a number (`0xdf22`, `0xff20`, `0x5f37`, `0x90`). */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  return encodeTlv(tag, content);
}

/** ASCII/UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/** Concatenates into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return joinBytes(...parts);
}

/**
 * Builds `<outer tag> <len> <offsetsTag> <2n> <offsets…> <items…>` where each 2-byte offset is
 * the position of an item from the start of the file (the 基本4情報 and 券面 layouts, docs/reference/card-protocol.md#basic-four, docs/reference/card-protocol.md#card-face).
 * Returns the file and the start of the first item (what the integrity digests cover from).
 */
export function offsetTable(
  outerTag: number,
  offsetsTag: number,
  items: readonly Uint8Array[],
): { file: Uint8Array; itemsStart: number } {
  const offsetsLength = items.length * 2;
  const offsetsTlvLength = 2 + berLength(offsetsLength).length + offsetsLength;
  const itemsLength = items.reduce((n, item) => n + item.length, 0);
  const valueLength = offsetsTlvLength + itemsLength;
  const outerHeader = 2 + berLength(valueLength).length;
  const offsets = new Uint8Array(offsetsLength);
  let at = outerHeader + offsetsTlvLength;
  items.forEach((item, i) => {
    offsets[i * 2] = at >> 8;
    offsets[i * 2 + 1] = at & 0xff;
    at += item.length;
  });
  const file = tlv(outerTag, tlv(offsetsTag, offsets), ...items);
  return { file, itemsStart: outerHeader + offsetsTlvLength };
}
