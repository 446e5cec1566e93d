/**
 * Reads a whole BER-TLV file (certificate, basic-four-items, card face) in the fewest READ
 * BINARY commands the link allows: the header in the first ≤ 256 bytes says how much follows
 * (docs/reference/card-protocol.md#certificate-read), and only the bytes of the element are read, each once.
 * - Short APDUs: ⌈N / 256⌉ READ BINARY (docs/reference/card-protocol.md#apdu-length [confirmed] default).
 * - Extended APDUs: 2 — the first 256 bytes, then the rest in one extended-Le READ (docs/reference/card-protocol.md#apdu-length:
 *   the card accepts extended Le; readers vary).
 * - Plus one SELECT EF, unless the EF is current or read by short EF id (docs/reference/card-protocol.md#command-table).
 * @module
 */
import { ApduError, derElementLength, TransportError, type ResponseApdu, type Transport } from '@onshikit/apdu';
import { readBinary, readBinaryBySfi } from './commands.js';
import { CardError } from './errors.js';
import type { CardChannel, OperationOptions } from './channel.js';

/** Progress of a long read: bytes read so far and the total the header announced. */
export type ReadProgress = (bytesRead: number, totalBytes: number) => void;

/**
 * A transport that learns whether extended-length APDUs pass end to end (for example one PC/SC
 * reader). When its `supportsExtendedLength` is still `undefined`, the driver tries one
 * extended READ BINARY, falls back to short reads if it does not pass, and reports the outcome.
 */
export interface ExtendedLengthLearner {
  learnExtendedLength(passes: boolean): void;
}

/** What to call the file in errors, and which errors to raise. */
export interface FileReadSpec {
  readonly fid: number;
  /**
   * Read the first chunk with READ BINARY by short EF id (P1 = `80|SFI`, the SFI being the FID,
   * docs/reference/card-protocol.md#command-table: `00 B0 8A 00 00` reads `000A`) instead of SELECT EF + READ.
   */
  readonly bySfi?: boolean;
  /** Raised when the EF does not exist or is empty (all `FF`/`00`). */
  readonly missing: () => CardError;
  /** Raised when the content is malformed or truncated. */
  readonly invalid: (reason: { ja: string; en: string }, offset?: number) => CardError;
  /** `der` for certificates; `ber` for the card's data files (docs/reference/card-protocol.md#data-formats: private high tags). */
  readonly mode: 'der' | 'ber';
}

/** Options for {@link readTlvFile}. */
export interface ReadTlvFileOptions extends OperationOptions {
  /** The application holding the file (selected unless current). */
  readonly application: Uint8Array;
  readonly file: FileReadSpec;
  /** Use extended Le when the transport carries it (see {@link extendedReadAllowed}). */
  readonly useExtendedLength: boolean;
  readonly onProgress?: ReadProgress | undefined;
}

/** Largest offset READ BINARY can address with P1 bit 8 clear (docs/reference/card-protocol.md#command-table). */
const MAX_OFFSET = 0x7fff;
/** Largest short Le. */
const SHORT = 256;
/** Link failures after which nothing more is sent in this read. */
const FATAL_LINK = new Set(['CARD_REMOVED', 'READER_GONE', 'ABORTED', 'TRANSPORT_CLOSED', 'TIMEOUT']);

/** Largest data of one short READ BINARY on this transport. */
function shortChunk(transport: Transport): number {
  return Math.max(1, Math.min(SHORT, (transport.maxResponseLength ?? SHORT + 2) - 2));
}

/** Largest data of one extended READ BINARY on this transport. */
function extendedChunk(transport: Transport): number {
  return Math.max(1, Math.min(65536, (transport.maxResponseLength ?? 65538) - 2));
}

function learner(transport: Transport): ExtendedLengthLearner | undefined {
  const candidate = transport as Partial<ExtendedLengthLearner>;
  return typeof candidate.learnExtendedLength === 'function' ? (candidate as ExtendedLengthLearner) : undefined;
}

/** Whether a read may use extended Le: the transport says so, or it learns by trying. */
function extendedReadAllowed(transport: Transport, useExtendedLength: boolean): 'yes' | 'try' | 'no' {
  if (!useExtendedLength || transport.supportsExtendedLength === false) return 'no';
  if (transport.supportsExtendedLength === true) return 'yes';
  return learner(transport) === undefined ? 'no' : 'try';
}

/**
 * Status words by which a card turns down addressing by short EF id itself (ISO 7816-4 §5.6):
 * wrong P1-P2, function or instruction not supported, command not allowed.
 */
export function refusesShortEfId(sw: number): boolean {
  return sw === 0x6a86 || sw === 0x6a81 || sw === 0x6d00 || sw === 0x6986 || sw === 0x6981 || sw === 0x6b00;
}

function unexpected(response: ResponseApdu, step: string): CardError {
  return new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step } });
}

const TRUNCATED = { ja: 'ファイルが途中で終わっている', en: 'file ends before the announced length' };

/**
 * Reads one complete BER-TLV element from offset 0 of an EF and returns exactly its bytes.
 * Selects the application when it is not current; when the driver only assumed it was current
 * (a reset behind its back) and the EF is not found, selects it once and reads again.
 *
 * APDUs for an element of N bytes: ⌈N / 256⌉ READ BINARY with short APDUs, 1 + (N > 256 ? 1 : 0)
 * with extended APDUs; plus 1 SELECT EF unless the EF is current or read by short EF id; plus
 * 1 SELECT AP unless the application is current. A card that does not make an EF read by short
 * id current costs one SELECT EF more; a reader that turns an extended READ down costs that READ.
 */
export async function readTlvFile(channel: CardChannel, read: ReadTlvFileOptions): Promise<Uint8Array> {
  const { file } = read;
  const assumed = channel.selectedAid === read.application;
  await channel.ensureApplication(read.application, read);
  let first = await readFirst(channel, read);
  if (first === 'not-found' && assumed) {
    await channel.selectApplication(read.application, read);
    first = await readFirst(channel, read);
  }
  if (first === 'not-found') throw file.missing();
  const head = first.data;
  // An unwritten EF reads as FF… or 00… (a card without this certificate).
  if (head.length === 0 || head[0] === 0x00 || (head[0] === 0xff && (head.length === 1 || head[1] === 0xff)))
    throw file.missing();
  let measured: ReturnType<typeof derElementLength>;
  try {
    measured = derElementLength(head, { mode: file.mode });
  } catch (error) {
    throw file.invalid(
      { ja: 'TLV ヘッダーが不正', en: 'malformed TLV header' },
      error instanceof ApduError ? error.offset : 0,
    );
  }
  if (measured === undefined) throw file.invalid({ ja: 'ヘッダーが途切れている', en: 'truncated header' }, head.length);
  const total = measured.totalLength;
  if (total - 1 > MAX_OFFSET + extendedChunk(channel.transport))
    throw file.invalid({ ja: 'ファイルが大きすぎる', en: 'file too large' }, 0);
  read.onProgress?.(Math.min(head.length, total), total);
  if (head.length >= total) return head.subarray(0, total);

  const out = new Uint8Array(total);
  out.set(head, 0);
  let offset = head.length;
  let mode = extendedReadAllowed(channel.transport, read.useExtendedLength);
  while (offset < total) {
    if (offset > MAX_OFFSET) throw file.invalid({ ja: 'ファイルが大きすぎる', en: 'file too large' }, offset);
    const wanted = total - offset;
    const le =
      mode === 'no'
        ? Math.min(shortChunk(channel.transport), wanted)
        : Math.min(extendedChunk(channel.transport), wanted);
    let response: ResponseApdu;
    try {
      response = await readAt(channel, read, offset, le);
    } catch (error) {
      // A reader that cannot carry the extended READ fails the link, not the card: learn it,
      // put the card back where it was, and go on in short READs.
      if (mode !== 'try' || le <= SHORT || !(error instanceof TransportError) || FATAL_LINK.has(error.code))
        throw error;
      learner(channel.transport)?.learnExtendedLength(false);
      mode = 'no';
      await channel.ensureApplication(read.application, read);
      await selectEf(channel, read);
      continue;
    }
    if (le > SHORT && mode !== 'no' && (response.sw === 0x6700 || (response.ok && response.data.length < le))) {
      // Turned down (6700) or cut short by the reader: short READs from here on.
      if (mode === 'try') learner(channel.transport)?.learnExtendedLength(false);
      mode = 'no';
      if (response.sw === 0x6700) continue;
    } else if (le > SHORT && mode === 'try' && response.ok) {
      learner(channel.transport)?.learnExtendedLength(true);
      mode = 'yes';
    }
    if (!response.ok && response.sw !== 0x6282) {
      if (response.sw === 0x6b00) throw file.invalid(TRUNCATED, offset);
      throw unexpected(response, 'READ BINARY');
    }
    if (response.data.length === 0) throw file.invalid(TRUNCATED, offset);
    const n = Math.min(response.data.length, total - offset);
    out.set(response.data.subarray(0, n), offset);
    offset += n;
    read.onProgress?.(offset, total);
  }
  return out;
}

/** The first ≤ 256 bytes of the EF (they carry the header, and often the whole file). */
async function readFirst(channel: CardChannel, read: ReadTlvFileOptions): Promise<ResponseApdu | 'not-found'> {
  const { file } = read;
  const le = shortChunk(channel.transport);
  let response: ResponseApdu;
  if (channel.currentEf === file.fid) {
    response = await channel.send(readBinary(0, le), read);
  } else if (file.bySfi === true && !channel.refusesShortEfId) {
    response = await channel.send(readBinaryBySfi(file.fid, 0, le), read);
    if (response.sw === 0x6a82) return 'not-found';
    if (refusesShortEfId(response.sw)) {
      // A card without short EF ids: select by FID from now on.
      channel.refusesShortEfId = true;
      channel.fileSelected(undefined);
      return readFirst(channel, read);
    }
    channel.fileSelected(file.fid);
  } else {
    if ((await selectEf(channel, read)) === 'not-found') return 'not-found';
    response = await channel.send(readBinary(0, le), read);
  }
  if (response.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: response.swHex });
  if (response.sw === 0x6b00 || response.sw === 0x6282) {
    if (response.data.length === 0) throw file.missing();
  } else if (!response.ok) {
    throw unexpected(response, 'READ BINARY');
  }
  return response;
}

/** READ BINARY at `offset`; when the EF was read by short id and is not current after all, SELECT it and read again. */
async function readAt(
  channel: CardChannel,
  read: ReadTlvFileOptions,
  offset: number,
  le: number,
): Promise<ResponseApdu> {
  const response = await channel.send(readBinary(offset, le), read);
  if (read.file.bySfi === true && (response.sw === 0x6986 || response.sw === 0x6a82 || response.sw === 0x6981)) {
    if ((await selectEf(channel, read)) === 'not-found') throw read.file.missing();
    return channel.send(readBinary(offset, le), read);
  }
  return response;
}

async function selectEf(channel: CardChannel, read: ReadTlvFileOptions): Promise<'ok' | 'not-found'> {
  const selected = await channel.selectFile(read.file.fid, read);
  if (selected.sw === 0x6a82) return 'not-found';
  if (selected.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: selected.swHex });
  if (!selected.ok) throw unexpected(selected, 'SELECT EF');
  return 'ok';
}
