/**
 * The 受領委任承諾通知書 attachment: a scan or photo, at most 100 MB (seed guide ②;
 * docs/reference/portal-rules.md#usage-application), recognised by its first bytes, never by its name or declared type.
 *
 * | type | signature |
 * |---|---|
 * | PDF | `%PDF-` at offset 0 (ISO 32000-1 §7.5.2) |
 * | JPEG | `FF D8 FF` (JFIF/Exif SOI + marker) |
 * | PNG | `89 50 4E 47 0D 0A 1A 0A` (PNG spec §5.2) |
 * | HEIC | ISO BMFF `ftyp` box at offset 4 whose major or a compatible brand is heic, heix, heim, heis, hevc, hevx, hevm, hevs (ISO/IEC 23008-12); `mif1`/`msf1` alone count only with one of these |
 *
 * The size limit is read as 100 × 1024 × 1024 bytes. ⚠️ The guide writes "100MB"; the portal
 * runs on ServiceNow (docs/reference/portal-rules.md#portal, inference) whose attachment limit is set in MiB. A file between
 * 100,000,001 and 104,857,600 bytes is the only case this choice decides.
 * @module
 */

/** Detected attachment types. */
export type AttachmentType = 'pdf' | 'jpeg' | 'png' | 'heic';

/** 100 MiB: the upper limit for the 受領委任承諾通知書 file. */
export const RECEIPT_NOTICE_MAX_BYTES = 100 * 1024 * 1024;

/** How many leading bytes {@link detectAttachmentType} needs. */
export const ATTACHMENT_SNIFF_BYTES = 64;

/**
 * What a browser `File`/`Blob`, Node's `fs.openAsBlob()` result or a lazy stand-in offers:
 * a size and a way to read a slice without reading the rest.
 */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
  readonly name?: string;
  readonly type?: string;
}

/** What the file field accepts: bytes (viewed, never copied) or a Blob-like. */
export type AttachmentInput = Uint8Array | ArrayBuffer | BlobLike;

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/**
 * The type of a file from its first bytes, or undefined when it is none of PDF, JPEG, PNG, HEIC.
 * Reads only `bytes[0..]` up to {@link ATTACHMENT_SNIFF_BYTES} or the ftyp box size.
 */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (boxSize < 16 && boxSize !== 0) return undefined;
    if (HEIC_BRANDS.has(ascii(bytes, 8, 12))) return 'heic';
    const end = Math.min(bytes.length, boxSize === 0 ? bytes.length : boxSize);
    for (let at = 16; at + 4 <= end; at += 4) if (HEIC_BRANDS.has(ascii(bytes, at, at + 4))) return 'heic';
  }
  return undefined;
}

/** Whether a value can be read as an attachment: bytes or a Blob-like. */
export function isAttachmentInput(value: unknown): value is AttachmentInput {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  return isBlobLike(value);
}

/** Whether a value looks like a Blob (size + slice). */
export function isBlobLike(value: unknown): value is BlobLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { size?: unknown; slice?: unknown };
  return typeof v.size === 'number' && Number.isSafeInteger(v.size) && v.size >= 0 && typeof v.slice === 'function';
}

/** Size in bytes of an attachment input. */
export function attachmentSize(value: AttachmentInput): number {
  return value instanceof Uint8Array || value instanceof ArrayBuffer ? value.byteLength : value.size;
}

/** The leading bytes of an in-memory attachment, as a view (no copy). */
export function attachmentHead(value: Uint8Array | ArrayBuffer): Uint8Array {
  const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
  return bytes.subarray(0, ATTACHMENT_SNIFF_BYTES);
}

/** Reads the first {@link ATTACHMENT_SNIFF_BYTES} of a Blob-like (and nothing more). */
export async function readBlobHead(blob: BlobLike): Promise<Uint8Array> {
  const buffer = await blob.slice(0, ATTACHMENT_SNIFF_BYTES).arrayBuffer();
  return new Uint8Array(buffer, 0, Math.min(buffer.byteLength, ATTACHMENT_SNIFF_BYTES));
}
