/**
 * Reads a whole BER-TLV file (certificate, basic-four-items, card face) in the fewest READ
 * BINARY commands the transport allows: the header's length says how much to read (memo §4.2).
 * Short APDUs: 256-byte chunks (memo §1.3 [confirmed] default), the first carrying the header.
 * Extended APDUs: the first 256 bytes, then the whole element in one extended-Le read from 0.
 * @module
 */
import { ApduError, derElementLength, type Transport } from '@onshikit/apdu';
import { readBinary } from './commands.js';
import { CardError } from './errors.js';
import type { CardChannel, OperationOptions } from './channel.js';

/** Progress of a long read: bytes read so far and the total the header announced. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/** How large one READ BINARY may be on this transport. */
export function readChunkSize(transport: Transport, useExtendedLength: boolean): number {
  if (useExtendedLength && transport.supportsExtendedLength === true) {
    return Math.max(1, Math.min(65536, (transport.maxResponseLength ?? 65538) - 2));
  }
  return Math.max(1, Math.min(256, (transport.maxResponseLength ?? 258) - 2));
}

/** Largest offset READ BINARY can address with P1 bit 8 clear (memo §4.1). */
const MAX_OFFSET = 0x7fff;

/** What to call the file in errors, and which errors to raise. */
export interface FileReadSpec {
  fid: number;
  /** Raised when the EF does not exist or is empty (all `FF`/`00`). */
  missing: () => CardError;
  /** Raised when the content is malformed or truncated. */
  invalid: (reason: { ja: string; en: string }, offset?: number) => CardError;
  /** `der` for certificates; `ber` for the card's data files (memo §5: private high tags). */
  mode: 'der' | 'ber';
}

/** Options for {@link readTlvFile}. */
export interface ReadTlvFileOptions extends OperationOptions {
  onProgress?: ReadProgress;
  useExtendedLength: boolean;
}

/**
 * SELECT the EF (current DF) and read one complete BER-TLV element from offset 0. Returns a view
 * of exactly the element's bytes. APDUs: 1 SELECT + ceil(total / 256) READ BINARY with short
 * APDUs; 1 SELECT + 2 READ BINARY with extended APDUs (1 when the element is ≤ 256 bytes).
 */
export async function readTlvFile(channel: CardChannel, spec: FileReadSpec, options: ReadTlvFileOptions): Promise<Uint8Array> {
  const selected = await channel.selectFile(spec.fid, options);
  if (selected.sw === 0x6a82) throw spec.missing();
  if (selected.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: selected.swHex });
  if (!selected.ok) {
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: selected.swHex, detail: { sw: selected.swHex, step: 'SELECT EF' } });
  }
  const chunk = readChunkSize(channel.transport, options.useExtendedLength);
  // The first ≤ 256 bytes carry the header (and often the whole file). Extended: then the whole
  // element from offset 0 in one READ, returned as a view of that response (no copy), as
  // jpki/myna's Go reader re-reads from 0 (memo §4.2).
  const firstLe = Math.min(chunk, 256);
  const first = await channel.send(readBinary(0, firstLe), options);
  if (first.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: first.swHex });
  if (first.sw === 0x6b00 || first.sw === 0x6282) {
    if (first.data.length === 0) throw spec.missing();
  } else if (!first.ok) {
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: first.swHex, detail: { sw: first.swHex, step: 'READ BINARY' } });
  }
  let head = first.data;
  // An unwritten EF reads as FF… or 00… (a card without this certificate).
  if (head.length === 0 || head[0] === 0x00 || (head[0] === 0xff && (head[1] === undefined || head[1] === 0xff))) throw spec.missing();
  let measured: ReturnType<typeof derElementLength>;
  try {
    measured = derElementLength(head, { mode: spec.mode });
  } catch (error) {
    throw spec.invalid({ ja: 'TLV ヘッダーが不正', en: 'malformed TLV header' }, error instanceof ApduError ? error.offset : 0);
  }
  if (measured === undefined) throw spec.invalid({ ja: 'ヘッダーが途切れている', en: 'truncated header' }, head.length);
  const total = measured.totalLength;
  if (total - 1 > MAX_OFFSET + chunk) throw spec.invalid({ ja: 'ファイルが大きすぎる', en: 'file too large' }, 0);
  options.onProgress?.(Math.min(head.length, total), total);
  if (head.length >= total) return head.subarray(0, total);
  if (chunk > 256) {
    const whole = await channel.send(readBinary(0, Math.min(total, chunk)), options);
    if (!whole.ok && whole.sw !== 0x6282) {
      throw new CardError('CARD_UNEXPECTED_STATUS', { sw: whole.swHex, detail: { sw: whole.swHex, step: 'READ BINARY' } });
    }
    head = whole.data;
    options.onProgress?.(Math.min(head.length, total), total);
    if (head.length >= total) return head.subarray(0, total);
  }

  const out = new Uint8Array(total);
  out.set(head, 0);
  let offset = head.length;
  while (offset < total) {
    if (offset > MAX_OFFSET) throw spec.invalid({ ja: 'ファイルが大きすぎる', en: 'file too large' }, offset);
    const le = Math.min(chunk, total - offset);
    const part = await channel.send(readBinary(offset, le), options);
    if (!part.ok && part.sw !== 0x6282) {
      if (part.sw === 0x6b00) throw spec.invalid({ ja: 'ファイルが途中で終わっている', en: 'file ends before the announced length' }, offset);
      throw new CardError('CARD_UNEXPECTED_STATUS', { sw: part.swHex, detail: { sw: part.swHex, step: 'READ BINARY' } });
    }
    if (part.data.length === 0) throw spec.invalid({ ja: 'ファイルが途中で終わっている', en: 'file ends before the announced length' }, offset);
    const n = Math.min(part.data.length, total - offset);
    out.set(part.data.subarray(0, n), offset);
    offset += n;
    options.onProgress?.(offset, total);
  }
  return out;
}
