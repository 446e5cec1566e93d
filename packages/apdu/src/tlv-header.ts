/**
 * The one place that reads a BER-TLV header (tag + length). Shared by the reader, the DER
 * helpers and the walker. Results go to module-level scratch fields instead of a fresh object
 * per element, which keeps walking a certificate allocation-free apart from the elements
 * themselves (see bench/run.ts).
 * @internal
 * @module
 */
import { ApduError } from './errors.js';

/** Maximum tag bytes we accept (ISO 7816-4 §5.2.2.1 uses up to 3; we allow 4). */
export const MAX_TAG_BYTES = 4;
/** Maximum bytes after the 0x8N length prefix (0x84 → up to 2^32 − 1). */
export const MAX_LENGTH_BYTES = 4;
/** Marker in {@link header}.length for an indefinite length (BER only). */
export const INDEFINITE = -1;

/** Scratch output of {@link readHeader}; valid until the next call. */
export const header = {
  tag: 0,
  constructed: false,
  /** Index just after the length bytes. */
  valueStart: 0,
  /** Value length, or {@link INDEFINITE}. */
  length: 0,
};

/**
 * Reads the tag and length at `pos` (no further than `end`).
 *
 * Returns 0 on success (results in {@link header}), or the minimum number of bytes still
 * missing when the header is cut short, so that callers reading a certificate by chunks can
 * ask for more (DER helpers) and the others can throw `TLV_TRUNCATED`. Malformed headers
 * throw `ApduError`; `base` turns indices into offsets of the caller's top-level input.
 */
export function readHeader(src: Uint8Array, pos: number, end: number, der: boolean, base: number): number {
  if (pos >= end) return 2;
  const first = src[pos]!;
  let p = pos + 1;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // Multi-byte tag: subsequent bytes carry bit 8 = "more follows" (X.690 §8.1.2.4).
    let count = 1;
    for (;;) {
      if (p >= end) return p - end + 2;
      const b = src[p]!;
      if (count === 1 && der && (b & 0x7f) === 0) {
        throw new ApduError('TLV_INVALID_TAG', {
          offset: p + base,
          detail: { detail: 'leading zero in tag number / タグ番号の先頭が 0' },
        });
      }
      tag = ((tag << 8) | b) >>> 0;
      p++;
      count++;
      if ((b & 0x80) === 0) break;
      if (count >= MAX_TAG_BYTES) {
        throw new ApduError('TLV_INVALID_TAG', {
          offset: pos + base,
          detail: { detail: `more than ${MAX_TAG_BYTES} tag bytes / タグが ${MAX_TAG_BYTES} バイト超` },
        });
      }
    }
    if (der && count === 2 && (tag & 0x7f) < 0x1f) {
      throw new ApduError('TLV_INVALID_TAG', {
        offset: pos + base,
        detail: { detail: 'low tag number in long form / 短い形で表せるタグ番号' },
      });
    }
  } else if (first === 0 && der) {
    throw new ApduError('TLV_INVALID_TAG', {
      offset: pos + base,
      detail: { detail: 'tag 00 (end-of-contents) in DER / DER でのタグ 00' },
    });
  }
  if (p >= end) return p - end + 1;
  const lb = src[p++]!;
  let length: number;
  if (lb < 0x80) {
    length = lb;
  } else if (lb === 0x80) {
    if (der) throw new ApduError('TLV_INDEFINITE_LENGTH', { offset: p - 1 + base });
    if ((first & 0x20) === 0) {
      throw new ApduError('TLV_INVALID_LENGTH', {
        offset: p - 1 + base,
        detail: { detail: 'indefinite length on a primitive / 単一型の不定長' },
      });
    }
    length = INDEFINITE;
  } else {
    const n = lb & 0x7f;
    if (n > MAX_LENGTH_BYTES) {
      throw new ApduError('TLV_INVALID_LENGTH', {
        offset: p - 1 + base,
        detail: { detail: `${n} length bytes (max ${MAX_LENGTH_BYTES}) / 長さバイトが ${n} 個` },
      });
    }
    if (p + n > end) return p + n - end;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + src[p + i]!;
    if (der && (length < 0x80 || src[p] === 0)) throw new ApduError('TLV_NON_MINIMAL_LENGTH', { offset: p - 1 + base });
    p += n;
  }
  header.tag = tag;
  header.constructed = (first & 0x20) !== 0;
  header.valueStart = p;
  header.length = length;
  return 0;
}

/** Throws `TLV_TRUNCATED` for a header cut short (`missing` from {@link readHeader}). */
export function truncatedHeader(pos: number, end: number, missing: number, base: number): ApduError {
  return new ApduError('TLV_TRUNCATED', { offset: pos + base, detail: { need: end - pos + missing, have: end - pos } });
}

/**
 * Ends of the indefinite-length elements already scanned in one input (issue 14): index of the
 * value → index of its end-of-contents, and the height of the indefinite nesting inside (1 when
 * the content holds only definite elements, 0 when it is empty). Shared by all the elements
 * read from one top-level call, so each indefinite element is scanned once: without it, every
 * level of a deep indefinite nesting rescanned the whole subtree (quadratic).
 * @internal
 */
export class EocCache {
  /** Created on the first indefinite length (DER input never allocates them). */
  ends: Map<number, number> | undefined = undefined;
  heights: Map<number, number> | undefined = undefined;
}

/** Height of the last element resolved by {@link findEndOfContents} / {@link endOfIndefinite}. */
let lastHeight = 0;

/**
 * The end-of-contents of the indefinite-length value starting at `pos` (content at `depth`),
 * from `cache` when it was scanned before within `end` and its nesting fits under `maxDepth`
 * (depth + height ≤ maxDepth); scanned otherwise (which throws the exact error if it does not).
 */
export function endOfIndefinite(
  src: Uint8Array,
  pos: number,
  end: number,
  depth: number,
  maxDepth: number,
  base: number,
  cache: EocCache | undefined,
): number {
  const eoc = cache?.ends?.get(pos);
  if (eoc !== undefined && eoc + 2 <= end) {
    const height = cache!.heights!.get(pos)!;
    if (depth + height <= maxDepth) {
      lastHeight = height;
      return eoc;
    }
  }
  return findEndOfContents(src, pos, end, depth, maxDepth, base, cache);
}

/**
 * Finds the end-of-contents (`00 00`) that closes an indefinite-length value starting at
 * `pos`, stepping over nested elements (X.690 §8.1.3.6). Returns the index of the EOC.
 * Depth-limited, and every step advances at least two bytes, so hostile input cannot hang;
 * with a `cache`, nested indefinite elements found on the way are recorded and never rescanned.
 */
export function findEndOfContents(
  src: Uint8Array,
  pos: number,
  end: number,
  depth: number,
  maxDepth: number,
  base: number,
  cache?: EocCache,
): number {
  const start = pos;
  let height = 0;
  for (;;) {
    if (pos + 2 <= end && src[pos] === 0 && src[pos + 1] === 0) {
      if (cache !== undefined) {
        (cache.ends ??= new Map()).set(start, pos);
        (cache.heights ??= new Map()).set(start, height);
      }
      lastHeight = height;
      return pos;
    }
    // Content at this depth exists: the same limit as for definite lengths applies.
    if (depth >= maxDepth) throw new ApduError('TLV_TOO_DEEP', { offset: pos + base, detail: { maximum: maxDepth } });
    if (height === 0) height = 1;
    const missing = readHeader(src, pos, end, false, base);
    if (missing !== 0) {
      if (pos >= end) throw new ApduError('TLV_TRUNCATED', { offset: end + base, detail: { need: 2, have: 0 } });
      throw truncatedHeader(pos, end, missing, base);
    }
    const valueStart = header.valueStart;
    const length = header.length;
    if (length === INDEFINITE) {
      pos = endOfIndefinite(src, valueStart, end, depth + 1, maxDepth, base, cache) + 2;
      if (lastHeight + 1 > height) height = lastHeight + 1;
    } else {
      if (valueStart + length > end) {
        throw new ApduError('TLV_TRUNCATED', {
          offset: pos + base,
          detail: { need: valueStart - pos + length, have: end - pos },
        });
      }
      pos = valueStart + length;
    }
  }
}
