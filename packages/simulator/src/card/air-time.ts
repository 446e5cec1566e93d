/**
 * A model of what one APDU costs at a real contactless reader, so benchmarks over the in-process
 * card can print card time (it never sleeps). Every figure is a documented assumption:
 *
 * | figure | default | source / status |
 * |---|---|---|
 * | bit rate | 212 kbit/s | ISO/IEC 14443-2: 106 (fc/128), 212, 424, 848 kbit/s; fc = 13.56 MHz |
 * | bits per byte | 10 | ISO/IEC 14443-3 Type B character: start bit, 8 data bits, stop bit |
 * | block overhead | 3 bytes | ISO/IEC 14443-4 I-block: PCB (1) + CRC_B (2), no CID/NAD |
 * | largest frame | 256 bytes | the card's ATQB (FSCI 8): docs/reference/card-protocol.md#atr (our reading, low confidence) |
 * | SOF + EOF | 24 etu | ISO/IEC 14443-3 Type B: SOF 10–11 low + 2–3 high etu, EOF 10–11 etu |
 * | turnaround per frame | 100 µs | assumption (ISO/IEC 14443-3 TR0/TR1 minimums are tens of µs) |
 * | card processing per APDU | 2 ms | assumption: no public measurement of this card |
 * | RSA-2048 signature on the card | 250 ms | assumption: no public measurement; the measured ATR's frame waiting time of ≈ 0.3 s (docs/reference/card-protocol.md#atr) bounds one processing period without waiting-time extensions |
 * | USB round trip of the reader | 2 ms | assumption: CCID bulk OUT + bulk IN, each in ≥ 1 ms full-speed USB frames |
 *
 * A chained block (data longer than one frame) is acknowledged by an R(ACK) of 3 bytes from the
 * other side (ISO/IEC 14443-4 §7.5.2). The physical floor is the same command and response bytes
 * at the bit rate, 8 bits a byte, with no framing, turnaround, processing or USB.
 * @module
 */

/** Bit rates of ISO/IEC 14443-2. */
export type AirBitRate = 106 | 212 | 424 | 848;

/** The figures of the model (see the module documentation for each one's source). */
export interface AirTimeModel {
  readonly bitRateKbps: AirBitRate;
  readonly bitsPerByte: number;
  readonly blockOverheadBytes: number;
  readonly maxFrameBytes: number;
  readonly sofEofEtu: number;
  readonly turnaroundUs: number;
  readonly cardProcessingUs: number;
  readonly signatureProcessingUs: number;
  readonly readerUsbUs: number;
}

/** The defaults (212 kbit/s). */
export const DEFAULT_AIR_TIME_MODEL: AirTimeModel = {
  bitRateKbps: 212,
  bitsPerByte: 10,
  blockOverheadBytes: 3,
  maxFrameBytes: 256,
  sofEofEtu: 24,
  turnaroundUs: 100,
  cardProcessingUs: 2_000,
  signatureProcessingUs: 250_000,
  readerUsbUs: 2_000,
};

/** A model with some figures changed. */
export function airTimeModel(overrides: Partial<AirTimeModel> = {}): AirTimeModel {
  return { ...DEFAULT_AIR_TIME_MODEL, ...overrides };
}

/** What one exchange costs, in microseconds. */
export interface ApduTime {
  /** Bytes of the command and the response APDU (what the floor counts). */
  readonly bytes: number;
  /** Framing, bits on air, turnaround, card processing and the USB round trip. */
  readonly totalUs: number;
  /** The same bytes at the bit rate, 8 bits a byte, nothing else. */
  readonly floorUs: number;
}

/** Frames needed for `length` bytes of APDU in blocks of at most `maxFrameBytes` (≥ 1). */
function blocks(length: number, model: AirTimeModel): number {
  return Math.max(1, Math.ceil(length / (model.maxFrameBytes - model.blockOverheadBytes)));
}

/** The modelled time of one command/response pair. */
export function apduTime(
  command: Uint8Array,
  response: Uint8Array,
  model: AirTimeModel = DEFAULT_AIR_TIME_MODEL,
): ApduTime {
  const bitUs = 1_000 / model.bitRateKbps; // one etu
  const commandBlocks = blocks(command.length, model);
  const responseBlocks = blocks(response.length, model);
  // Every block but the last of a chain is acknowledged by the other side.
  const acks = commandBlocks - 1 + (responseBlocks - 1);
  const frames = commandBlocks + responseBlocks + acks;
  const bytesOnAir = command.length + response.length + frames * model.blockOverheadBytes;
  const airUs = bytesOnAir * model.bitsPerByte * bitUs + frames * (model.sofEofEtu * bitUs + model.turnaroundUs);
  const signing = command[0] === 0x80 && command[1] === 0x2a;
  const processingUs = signing ? model.signatureProcessingUs : model.cardProcessingUs;
  const bytes = command.length + response.length;
  return { bytes, totalUs: airUs + processingUs + model.readerUsbUs, floorUs: bytes * 8 * bitUs };
}

/** Sums {@link apduTime} over exchanges. */
export class AirTimeMeter {
  apdus = 0;
  bytes = 0;
  totalUs = 0;
  floorUs = 0;

  constructor(readonly model: AirTimeModel = DEFAULT_AIR_TIME_MODEL) {}

  /** Adds one exchange. */
  add(command: Uint8Array, response: Uint8Array): void {
    const time = apduTime(command, response, this.model);
    this.apdus += 1;
    this.bytes += time.bytes;
    this.totalUs += time.totalUs;
    this.floorUs += time.floorUs;
  }

  /** Starts again from zero. */
  reset(): void {
    this.apdus = 0;
    this.bytes = 0;
    this.totalUs = 0;
    this.floorUs = 0;
  }
}
