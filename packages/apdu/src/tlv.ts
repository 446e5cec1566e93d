/**
 * Zero-copy BER-TLV / DER reader (ISO 7816-4 §5.2, ITU-T X.690 §8 and §10).
 *
 * Every `value` and `raw` is a `subarray` view of the caller's input: nothing is copied.
 * Children are parsed lazily, on iteration. Hostile input gets `ApduError` (`TLV_*`) with
 * the byte offset, never a hang or an over-read: every length is checked against the bytes
 * that are really there and nesting is limited by `maxDepth`. The end of each indefinite-length
 * element is found once per top-level call and shared by the elements it returns (so
 * `tlvChildren` level by level reuses it): the work stays linear in the input at any
 * `maxDepth` (it was quadratic at high depth, issue 14). Do not change the input while
 * iterating over elements read from it.
 * @module
 */
import { ApduError } from './errors.js';
import { EocCache, INDEFINITE, endOfIndefinite, header, readHeader, truncatedHeader } from './tlv-header.js';
import { parseTagPath, tagToHex } from './tlv-tag.js';

/** How strictly to read. */
export interface TlvOptions {
  /**
   * `'ber'` (default) accepts indefinite lengths (constructed only, closed by `00 00`) and
   * non-minimal length forms; `'der'` rejects both, and tag `00`.
   */
  mode?: 'der' | 'ber';
  /**
   * Maximum nesting: top-level elements are at depth 0, and content at depth ≥ maxDepth throws
   * `TLV_TOO_DEEP`. Default 32; clamped to 1..{@link MAX_TLV_DEPTH}. For `tlvChildren` the
   * depth counts from the parent.
   */
  maxDepth?: number;
}

/** One decoded element. */
export interface Tlv {
  /** Tag bytes as a big-endian number, e.g. `0x30`, `0x5F51`, `0xDF22`, `0xFF20`, `0x7F21` (up to 4 tag bytes). */
  readonly tag: number;
  /** Bit 6 of the first tag byte: the value is itself a series of TLVs. */
  readonly constructed: boolean;
  /** Offset of the tag's first byte within the input given to the top-level call. */
  readonly offset: number;
  /** Tag + length bytes. */
  readonly headerLength: number;
  /**
   * Value length. For an indefinite-length element (BER only) the length of the content
   * without the closing `00 00`, which `raw` does include.
   */
  readonly length: number;
  /** The value: a `subarray` view of the input (never a copy). */
  readonly value: Uint8Array;
  /** The whole element (header + value [+ end-of-contents]): a `subarray` view of the input. */
  readonly raw: Uint8Array;
}

/** Default {@link TlvOptions.maxDepth}. */
export const DEFAULT_TLV_MAX_DEPTH = 32;

/**
 * The element class behind {@link Tlv}. `value` and `raw` are created on first use (then
 * cached), so walking a tree without reading every value allocates one object per element.
 */
class TlvElement implements Tlv {
  readonly tag: number;
  readonly constructed: boolean;
  readonly offset: number;
  readonly headerLength: number;
  readonly length: number;
  /** @internal The array indices below point into. */
  readonly src: Uint8Array;
  /** @internal Index of the tag in `src`. */
  readonly start: number;
  /** @internal Index just after the element (after the EOC for indefinite lengths). */
  readonly end: number;
  /** @internal Added to indices in `src` to give offsets in the top-level input. */
  readonly base: number;
  /** @internal Ends of indefinite-length elements of `src` already found (shared by one top-level call's elements). */
  readonly scan: EocCache;
  private cachedValue: Uint8Array | undefined = undefined;
  private cachedRaw: Uint8Array | undefined = undefined;

  constructor(
    src: Uint8Array,
    start: number,
    end: number,
    base: number,
    tag: number,
    constructed: boolean,
    headerLength: number,
    length: number,
    scan: EocCache,
  ) {
    this.src = src;
    this.scan = scan;
    this.start = start;
    this.end = end;
    this.base = base;
    this.tag = tag;
    this.constructed = constructed;
    this.offset = start + base;
    this.headerLength = headerLength;
    this.length = length;
  }

  get value(): Uint8Array {
    const valueStart = this.start + this.headerLength;
    return (this.cachedValue ??= this.src.subarray(valueStart, valueStart + this.length));
  }

  get raw(): Uint8Array {
    return (this.cachedRaw ??= this.src.subarray(this.start, this.end));
  }

  /** The tag in hex, for debugging output. */
  get tagHex(): string {
    return tagToHex(this.tag);
  }

  /** A readable summary (tag in hex, position, lengths), without the whole input. */
  toJSON(): { tag: string; constructed: boolean; offset: number; headerLength: number; length: number } {
    return {
      tag: this.tagHex,
      constructed: this.constructed,
      offset: this.offset,
      headerLength: this.headerLength,
      length: this.length,
    };
  }

  /** Node's `console.log` shows the summary instead of the internal fields. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Tlv ${this.tagHex} @${this.offset} (${this.length} bytes${this.constructed ? ', constructed' : ''})`;
  }
}

/**
 * Reads one element at `pos` in `src[..end]`. Indefinite lengths are resolved by scanning
 * for the end-of-contents (depth-limited from `depth`), once per element thanks to `scan`
 * (so reading a deep indefinite nesting level by level stays linear in the input).
 * @internal
 */
function readElement(
  src: Uint8Array,
  pos: number,
  end: number,
  der: boolean,
  base: number,
  depth: number,
  maxDepth: number,
  scan: EocCache,
): TlvElement {
  const missing = readHeader(src, pos, end, der, base);
  if (missing !== 0) throw truncatedHeader(pos, end, missing, base);
  const valueStart = header.valueStart;
  const tag = header.tag;
  const constructed = header.constructed;
  let length = header.length;
  let elementEnd: number;
  if (length === INDEFINITE) {
    const eoc = endOfIndefinite(src, valueStart, end, depth + 1, maxDepth, base, scan);
    length = eoc - valueStart;
    elementEnd = eoc + 2;
  } else {
    elementEnd = valueStart + length;
    if (elementEnd > end) {
      throw new ApduError('TLV_TRUNCATED', {
        offset: pos + base,
        detail: { need: valueStart - pos + length, have: end - pos },
      });
    }
  }
  return new TlvElement(src, pos, elementEnd, base, tag, constructed, valueStart - pos, length, scan);
}

/** Upper bound for {@link TlvOptions.maxDepth}: the reader recurses once per level. */
export const MAX_TLV_DEPTH = 1024;

function resolve(options: TlvOptions | undefined): { der: boolean; maxDepth: number } {
  const wanted = options?.maxDepth ?? DEFAULT_TLV_MAX_DEPTH;
  const maxDepth = Number.isNaN(wanted)
    ? DEFAULT_TLV_MAX_DEPTH
    : Math.min(MAX_TLV_DEPTH, Math.max(1, Math.floor(wanted)));
  return { der: options?.mode === 'der', maxDepth };
}

/**
 * Decodes exactly one element from `bytes`. Bytes after it throw `TLV_TRAILING_BYTES` unless
 * `allowTrailing` (then `raw.length` tells how much was used).
 *
 * @example
 * ```ts
 * const fci = decodeTlv(fromHex('6F 07 84 05 D3 92 F0 00 26'));
 * fci.tag; // 0x6F
 * ```
 */
export function decodeTlv(bytes: Uint8Array, options?: TlvOptions & { allowTrailing?: boolean }): Tlv {
  const { der, maxDepth } = resolve(options);
  const element = readElement(bytes, 0, bytes.length, der, 0, 0, maxDepth, new EocCache());
  if (element.end !== bytes.length && !options?.allowTrailing) {
    throw new ApduError('TLV_TRAILING_BYTES', { offset: element.end, detail: { count: bytes.length - element.end } });
  }
  return element;
}

function* siblings(
  src: Uint8Array,
  start: number,
  end: number,
  base: number,
  der: boolean,
  depth: number,
  maxDepth: number,
  scan: EocCache,
): Generator<Tlv> {
  if (depth >= maxDepth && start < end)
    throw new ApduError('TLV_TOO_DEEP', { offset: start + base, detail: { maximum: maxDepth } });
  let pos = start;
  while (pos < end) {
    const element = readElement(src, pos, end, der, base, depth, maxDepth, scan);
    pos = element.end;
    yield element;
  }
}

/**
 * Iterates elements stored back to back (a record of several TLVs, or a constructed value).
 * Lazy: an error in the n-th element is thrown when iteration reaches it.
 */
export function tlvSequence(bytes: Uint8Array, options?: TlvOptions): Generator<Tlv> {
  const { der, maxDepth } = resolve(options);
  return siblings(bytes, 0, bytes.length, 0, der, 0, maxDepth, new EocCache());
}

/**
 * Iterates the children of a constructed element. Throws `TLV_NOT_CONSTRUCTED` for a
 * primitive one. Offsets stay relative to the input of the call that produced `parent`.
 */
export function tlvChildren(parent: Tlv, options?: TlvOptions): Generator<Tlv> {
  if (!parent.constructed) {
    throw new ApduError('TLV_NOT_CONSTRUCTED', { offset: parent.offset, detail: { tag: tagToHex(parent.tag) } });
  }
  const { der, maxDepth } = resolve(options);
  if (parent instanceof TlvElement) {
    const valueStart = parent.start + parent.headerLength;
    return siblings(parent.src, valueStart, valueStart + parent.length, parent.base, der, 1, maxDepth, parent.scan);
  }
  // A Tlv built elsewhere: read its value view; offsets still relative to the parent's input.
  return siblings(
    parent.value,
    0,
    parent.value.length,
    parent.offset + parent.headerLength,
    der,
    1,
    maxDepth,
    new EocCache(),
  );
}

/** The first child of `parent` (which must be constructed) with this tag, or `undefined`. */
export function findChild(parent: Tlv, tag: number, options?: TlvOptions): Tlv | undefined {
  for (const child of tlvChildren(parent, options)) if (child.tag === tag) return child;
  return undefined;
}

function findIn(
  src: Uint8Array,
  start: number,
  end: number,
  base: number,
  tags: readonly number[],
  level: number,
  der: boolean,
  maxDepth: number,
  scan: EocCache,
): Tlv | undefined {
  if (level >= maxDepth) throw new ApduError('TLV_TOO_DEEP', { offset: start + base, detail: { maximum: maxDepth } });
  const want = tags[level]!;
  let pos = start;
  while (pos < end) {
    const element = readElement(src, pos, end, der, base, level, maxDepth, scan);
    pos = element.end;
    if (element.tag !== want) continue;
    if (level === tags.length - 1) return element;
    if (!element.constructed) continue;
    const valueStart = element.start + element.headerLength;
    const found = findIn(src, valueStart, valueStart + element.length, base, tags, level + 1, der, maxDepth, scan);
    if (found) return found;
  }
  return undefined;
}

/**
 * Finds an element by a path of tags from the top level of `bytes`: `'FF20/DF22'` or
 * `[0xFF20, 0xDF22]`. Returns the first match (trying later siblings with the same tag when
 * an earlier one does not contain the rest of the path), or `undefined`. Only the elements
 * on the way are parsed.
 */
export function findTlv(bytes: Uint8Array, path: string | readonly number[], options?: TlvOptions): Tlv | undefined {
  const tags = typeof path === 'string' ? parseTagPath(path) : path;
  if (tags.length === 0) return undefined;
  const { der, maxDepth } = resolve(options);
  return findIn(bytes, 0, bytes.length, 0, tags, 0, der, maxDepth, new EocCache());
}

/** Like {@link findTlv} but throws `TLV_NOT_FOUND` when the path is missing. */
export function requireTlv(bytes: Uint8Array, path: string | readonly number[], options?: TlvOptions): Tlv {
  const found = findTlv(bytes, path, options);
  if (!found) {
    const text = typeof path === 'string' ? path : path.map(tagToHex).join('/');
    throw new ApduError('TLV_NOT_FOUND', { detail: { path: text } });
  }
  return found;
}

function walkIn(
  src: Uint8Array,
  start: number,
  end: number,
  der: boolean,
  depth: number,
  maxDepth: number,
  visit: (tlv: Tlv, depth: number) => void,
  scan: EocCache,
): number {
  if (depth >= maxDepth) throw new ApduError('TLV_TOO_DEEP', { offset: start, detail: { maximum: maxDepth } });
  let count = 0;
  let pos = start;
  while (pos < end) {
    const element = readElement(src, pos, end, der, 0, depth, maxDepth, scan);
    pos = element.end;
    visit(element, depth);
    count++;
    if (element.constructed && element.length > 0) {
      const valueStart = element.start + element.headerLength;
      count += walkIn(src, valueStart, valueStart + element.length, der, depth + 1, maxDepth, visit, scan);
    }
  }
  return count;
}

/**
 * Visits every element of `bytes` depth first (parent before children, top-level elements
 * at depth 0) and returns how many there were. Validates the whole tree on the way.
 */
export function walkTlv(bytes: Uint8Array, visit: (tlv: Tlv, depth: number) => void, options?: TlvOptions): number {
  const { der, maxDepth } = resolve(options);
  return walkIn(bytes, 0, bytes.length, der, 0, maxDepth, visit, new EocCache());
}
