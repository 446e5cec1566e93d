import { TransportError } from '@onshikit/apdu';
import type { TransportErrorDetails } from '@onshikit/apdu';
import { FRAME_START, FRAME_STOP, MAX_DATABLOCK } from './constants.js';

/**
 * The "Communication Profile" of the ACR1255U-J1 manual §5.4:
 * `05 | Len (2, MSB first) | Datablock (Len bytes) | Check | 0A`,
 * where Check is the XOR of the two Len bytes and the Datablock.
 */
export function encodeFrame(datablock: Uint8Array): Uint8Array {
  if (datablock.length > MAX_DATABLOCK) {
    throw new TransportError('BLE_FRAME_INVALID', {
      detail: { reason: 'datablock-too-long', length: datablock.length },
    });
  }
  const out = new Uint8Array(datablock.length + 5);
  out[0] = FRAME_START;
  out[1] = datablock.length >>> 8;
  out[2] = datablock.length & 0xff;
  out.set(datablock, 3);
  let check = out[1]! ^ out[2]!;
  for (let i = 0; i < datablock.length; i++) check ^= datablock[i]!;
  out[3 + datablock.length] = check;
  out[4 + datablock.length] = FRAME_STOP;
  return out;
}

/** Why a frame was rejected (the `detail.reason` of `TransportError('BLE_FRAME_INVALID')`). */
export type FrameFault =
  | 'start-byte'
  | 'stop-byte'
  | 'frame-checksum'
  | 'message-checksum'
  | 'message-length'
  | 'block-alignment'
  | 'datablock-too-long'
  | 'sequence'
  | 'unexpected-message';

/** Builds the typed error for a rejected frame; `offset` is the byte position in the stream or message. */
export function frameError(
  reason: FrameFault,
  detail: Omit<TransportErrorDetails['BLE_FRAME_INVALID'], 'reason'> = {},
): TransportError {
  return new TransportError('BLE_FRAME_INVALID', { detail: { reason, ...detail } });
}

/**
 * Reassembles frames from notifications split or merged at arbitrary points. `push` returns the
 * datablocks (views into an internal buffer, valid until the next `push`) of every frame the
 * chunk completed, and throws `BLE_FRAME_INVALID` for a broken frame; after an error the
 * buffer is cleared so the next frame starts clean.
 */
export class FrameAssembler {
  readonly #maxDatablock: number;
  #buffer = new Uint8Array(256);
  #length = 0;
  /** Bytes consumed since creation (for error offsets). */
  #streamOffset = 0;

  /**
   * @param maxDatablock - Largest datablock the receiver can expect; a longer declared Len is a
   * corrupted length field and fails at once instead of waiting for bytes that never come.
   */
  constructor(maxDatablock: number = MAX_DATABLOCK) {
    this.#maxDatablock = maxDatablock;
  }

  /** Bytes waiting for the rest of their frame. */
  get pending(): number {
    return this.#length;
  }

  /** Drops any partial frame (after a link reset). */
  reset(): void {
    this.#length = 0;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    this.#append(chunk);
    const frames: Uint8Array[] = [];
    let at = 0;
    try {
      while (this.#length - at >= 1) {
        if (this.#buffer[at] !== FRAME_START)
          throw frameError('start-byte', { offset: this.#streamOffset + at, value: this.#buffer[at] });
        if (this.#length - at < 3) break;
        const len = (this.#buffer[at + 1]! << 8) | this.#buffer[at + 2]!;
        if (len > this.#maxDatablock)
          throw frameError('datablock-too-long', {
            offset: this.#streamOffset + at + 1,
            declared: len,
            maximum: this.#maxDatablock,
          });
        const total = len + 5;
        if (this.#length - at < total) break;
        let check = this.#buffer[at + 1]! ^ this.#buffer[at + 2]!;
        for (let i = 0; i < len; i++) check ^= this.#buffer[at + 3 + i]!;
        if (this.#buffer[at + 3 + len] !== check)
          throw frameError('frame-checksum', { offset: this.#streamOffset + at + 3 + len });
        if (this.#buffer[at + 4 + len] !== FRAME_STOP)
          throw frameError('stop-byte', { offset: this.#streamOffset + at + 4 + len });
        frames.push(this.#buffer.slice(at + 3, at + 3 + len));
        at += total;
      }
    } catch (error) {
      this.#streamOffset += this.#length;
      this.#length = 0;
      throw error;
    }
    if (at > 0) {
      this.#buffer.copyWithin(0, at, this.#length);
      this.#length -= at;
      this.#streamOffset += at;
    }
    return frames;
  }

  #append(chunk: Uint8Array): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.#buffer.length * 2));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }
}
