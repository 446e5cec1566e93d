/**
 * The face photo from 券面AP EF `0002` (docs/reference/card-protocol.md#card-face [confirmed]): `FF20 { … DF27 JPEG 2000 … }`.
 * @module
 */
import { ApduError, decodeTlv, tlvChildren } from '@onshikit/apdu';
import { CardError } from './errors.js';

/** The face photo as stored on the card. */
export interface FaceImage {
  /** The image bytes (a view of the file read from the card). */
  readonly image: Uint8Array;
  /** `image/jp2` when the JP2 signature is present (docs/reference/card-protocol.md#card-face), else `application/octet-stream`. */
  readonly mimeType: 'image/jp2' | 'application/octet-stream';
}

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a];

function isJp2(bytes: Uint8Array): boolean {
  return JP2_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Picks the `DF27` photo out of the card-face file. Throws `CARD_DATA_INVALID` when absent or malformed. */
export function parseFaceImage(file: Uint8Array): FaceImage {
  try {
    const outer = decodeTlv(file, { mode: 'ber', allowTrailing: true });
    if (outer.tag !== 0xff20)
      throw new CardError('CARD_DATA_INVALID', {
        offset: 0,
        detail: { reason: '外側のタグが FF20 でない', reasonEn: 'outer tag is not FF20' },
      });
    for (const child of tlvChildren(outer, { mode: 'ber' })) {
      if (child.tag === 0xdf27) {
        return { image: child.value, mimeType: isJp2(child.value) ? 'image/jp2' : 'application/octet-stream' };
      }
    }
    throw new CardError('CARD_DATA_INVALID', {
      detail: { reason: '顔写真(DF27)がない', reasonEn: 'face photo (DF27) missing' },
    });
  } catch (error) {
    if (error instanceof ApduError) {
      throw new CardError('CARD_DATA_INVALID', {
        detail: { reason: 'TLV が不正', reasonEn: `malformed TLV (${error.code})` },
        ...(error.offset === undefined ? {} : { offset: error.offset }),
        cause: error,
      });
    }
    throw error;
  }
}
