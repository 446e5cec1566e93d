import { crc32, deflateSync } from 'node:zlib';
import { concatBytes } from './ber.js';

function chunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  const view = new DataView(head.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) head[4 + i] = type.charCodeAt(i);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concatBytes([head.subarray(4), data])));
  return concatBytes([head, data, crc]);
}

/**
 * A blank white 1-bit greyscale PNG: the card's printed-text images are 1-bit PNGs (docs/reference/card-protocol.md#card-face,
 * e.g. the security code at 24×12). Valid PNG, so viewers open it.
 */
export function blankPng(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, filter 0, no interlace
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) raw.fill(0xff, y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
  return concatBytes([
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** JP2 signature box (docs/reference/card-protocol.md#card-face: photo detection by `00 00 00 0C 6A 50 20 20 0D 0A 87 0A`). */
export const JP2_SIGNATURE = Uint8Array.of(0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a);

/**
 * A placeholder face photo: the JP2 signature and file-type boxes followed by an empty
 * `jp2c` box. It is recognised as JPEG 2000 by its signature but holds no picture; give the
 * profile a real `facePhoto` to show one.
 */
export function placeholderJp2(): Uint8Array {
  const ftyp = Uint8Array.of(
    0x00,
    0x00,
    0x00,
    0x14,
    0x66,
    0x74,
    0x79,
    0x70,
    0x6a,
    0x70,
    0x32,
    0x20,
    0x00,
    0x00,
    0x00,
    0x00,
    0x6a,
    0x70,
    0x32,
    0x20,
  );
  const jp2c = Uint8Array.of(0x00, 0x00, 0x00, 0x08, 0x6a, 0x70, 0x32, 0x63);
  return concatBytes([JP2_SIGNATURE, ftyp, jp2c]);
}
