/**
 * BER-TLV tags as numbers: `0x5F51` is the two tag bytes `5F 51` (ISO 7816-4 §5.2.2.1).
 * @module
 */
import { ApduError } from './errors.js';

/** Number of bytes the tag occupies (1-4); tag `0` is one byte. */
export function tagByteLength(tag: number): number {
  return tag > 0xffffff ? 4 : tag > 0xffff ? 3 : tag > 0xff ? 2 : 1;
}

/**
 * Checks that `tag` is a well-formed tag number: a one-byte tag whose low five bits are not
 * all set, or a `xF/x1F`-led multi-byte tag whose subsequent bytes all have bit 8 set except
 * the last. Throws `TLV_INVALID_TAG` otherwise.
 */
export function assertValidTag(tag: number): void {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffffff) {
    throw new ApduError('TLV_INVALID_TAG', {
      detail: { detail: `not a tag number: ${String(tag)} / タグ番号ではありません` },
    });
  }
  const n = tagByteLength(tag);
  const first = Math.floor(tag / 2 ** (8 * (n - 1))) & 0xff;
  const multi = (first & 0x1f) === 0x1f;
  let ok = multi === n > 1;
  for (let i = n - 2; ok && i >= 0; i--) {
    const b = Math.floor(tag / 2 ** (8 * i)) & 0xff;
    ok = i === 0 ? (b & 0x80) === 0 : (b & 0x80) !== 0;
  }
  if (!ok)
    throw new ApduError('TLV_INVALID_TAG', { detail: { detail: `malformed tag ${tagToHex(tag)} / 不正なタグ` } });
}

/** Formats a tag as its bytes in upper-case hex: `tagToHex(0x5F51)` → `'5F51'`, `tagToHex(0x30)` → `'30'`. */
export function tagToHex(tag: number): string {
  const digits = tagByteLength(tag) * 2;
  return (tag >>> 0).toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * Parses a tag path such as `'FF20/DF22'` (`/`, `.` or spaces between tags; an optional `0x`
 * per tag) into tag numbers. Throws `TLV_INVALID_TAG` for anything else.
 */
export function parseTagPath(path: string): number[] {
  const tags: number[] = [];
  for (const raw of path.split(/[/.\s]+/)) {
    if (raw === '') continue;
    const part = raw.replace(/^0x/i, '');
    if (!/^(?:[0-9a-fA-F]{2}){1,4}$/.test(part)) {
      throw new ApduError('TLV_INVALID_TAG', { detail: { detail: `bad tag in path: '${raw}' / パス中の不正なタグ` } });
    }
    const tag = Number.parseInt(part, 16);
    assertValidTag(tag);
    tags.push(tag);
  }
  return tags;
}
