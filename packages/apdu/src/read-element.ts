/**
 * Reads one TLV element from a file in the fewest reads: the header first, then exactly the
 * rest (docs/reference/card-protocol.md#certificate-read: the certificate EF is larger than the certificate it holds).
 * @module
 */
import { derElementLength } from './der.js';
import { ApduError } from './errors.js';

/** Options for {@link readTlvElement}. */
export interface ReadTlvElementOptions {
  /** Bytes asked for in the first read. Default 4 (`30 82 LL LL`); grown when the header is longer. */
  firstRead?: number;
  /** Largest single read, e.g. 256 for short READ BINARY, more with extended length. Default 256. */
  maxChunk?: number;
  /** Refuse elements longer than this (a corrupt header must not allocate gigabytes). Default 65536. */
  maxLength?: number;
  /** `'der'` (default) or `'ber'` for non-minimal lengths; indefinite lengths are refused either way. */
  mode?: 'der' | 'ber';
}

/**
 * Reads a whole element through `read(offset, length)` (typically READ BINARY on the current
 * EF): one read for the header (more only when the header is longer than `firstRead`), then
 * the rest in `maxChunk` pieces. Returns exactly the element's bytes.
 *
 * Throws `TLV_TRUNCATED` when the file ends early (a read returns fewer bytes than asked),
 * `APDU_LENGTH_OVERFLOW` for an element above `maxLength`, and the header errors of
 * {@link derElementLength}.
 *
 * @example
 * ```ts
 * const cert = await readTlvElement(async (offset, length) =>
 *   (await transmitApdu(card, new CommandApdu({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: length }))).expectOk().data);
 * ```
 */
export async function readTlvElement(
  read: (offset: number, length: number) => Promise<Uint8Array>,
  options: ReadTlvElementOptions = {},
): Promise<Uint8Array> {
  const maxChunk = Math.max(1, options.maxChunk ?? 256);
  const maxLength = options.maxLength ?? 65536;
  const mode = { mode: options.mode ?? 'der' } as const;
  let head = new Uint8Array(0);
  let want = Math.min(maxChunk, Math.max(2, options.firstRead ?? 4));
  let size: { headerLength: number; totalLength: number } | undefined;
  for (;;) {
    const more = await read(head.length, want - head.length);
    const joined = new Uint8Array(head.length + Math.min(more.length, want - head.length));
    joined.set(head);
    joined.set(more.subarray(0, joined.length - head.length), head.length);
    head = joined;
    size = derElementLength(head, mode);
    if (size) break;
    if (head.length < want)
      throw new ApduError('TLV_TRUNCATED', { offset: 0, detail: { need: want, have: head.length } });
    // Longest header: 4 tag bytes + 5 length bytes.
    if (head.length >= 9)
      throw new ApduError('TLV_INVALID_LENGTH', {
        offset: 0,
        detail: { detail: 'header longer than 9 bytes / ヘッダーが 9 バイト超' },
      });
    want = Math.min(9, head.length + Math.min(maxChunk, 5));
  }
  const total = size.totalLength;
  if (total > maxLength)
    throw new ApduError('APDU_LENGTH_OVERFLOW', { offset: 0, detail: { length: total, maximum: maxLength } });
  const out = new Uint8Array(total);
  out.set(head.subarray(0, Math.min(head.length, total)));
  let at = Math.min(head.length, total);
  while (at < total) {
    const length = Math.min(maxChunk, total - at);
    const chunk = await read(at, length);
    if (chunk.length < length)
      throw new ApduError('TLV_TRUNCATED', {
        offset: at + chunk.length,
        detail: { need: total, have: at + chunk.length },
      });
    out.set(chunk.subarray(0, length), at);
    at += length;
  }
  return out;
}
