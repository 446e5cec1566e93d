/**
 * The vsmartcard `vpcd` wire protocol (toolchain.md "PC/SC test stack"): every message is a
 * 2-byte big-endian length followed by that many payload bytes. A 1-byte payload is a control
 * message from the reader driver; anything longer is a command APDU, answered with response
 * data + SW1 SW2 in the same framing.
 */

/** Control bytes vpcd sends to the virtual card. */
export const VpcdControl = {
  /** The reader powers the card down (SCARD_UNPOWER_CARD, card leaving the field). */
  powerOff: 0x00,
  /** The reader powers the card up. */
  powerOn: 0x01,
  /** Warm reset (SCARD_RESET_CARD). */
  reset: 0x02,
  /** The reader asks for the ATR; answer with the ATR bytes. */
  atrRequest: 0x04,
} as const;

/** One decoded message from vpcd. */
export type VpcdMessage =
  | { readonly kind: 'control'; readonly control: number }
  | { readonly kind: 'apdu'; readonly apdu: Uint8Array };

/** Largest payload the 2-byte length can carry. */
export const VPCD_MAX_PAYLOAD = 0xffff;

/** Frames one payload for vpcd (length prefix + payload) in a single buffer, for one write. */
export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) {
    throw new RangeError(`vpcd payload of ${payload.length} bytes exceeds ${VPCD_MAX_PAYLOAD}`);
  }
  const frame = new Uint8Array(payload.length + 2);
  frame[0] = payload.length >> 8;
  frame[1] = payload.length & 0xff;
  frame.set(payload, 2);
  return frame;
}

/**
 * Incremental decoder: feed it whatever the socket delivers (frames may be split or
 * coalesced) and it yields complete messages. Payload views share memory with the fed chunk
 * when the frame lies inside one chunk.
 */
export class VpcdFrameDecoder {
  #pending: Uint8Array = new Uint8Array(0);

  /** Bytes received but not yet forming a whole frame. */
  get bufferedBytes(): number {
    return this.#pending.length;
  }

  /** Appends `chunk` and returns every message completed by it, in order. */
  push(chunk: Uint8Array): VpcdMessage[] {
    let data = chunk;
    if (this.#pending.length > 0) {
      data = new Uint8Array(this.#pending.length + chunk.length);
      data.set(this.#pending, 0);
      data.set(chunk, this.#pending.length);
    }
    const messages: VpcdMessage[] = [];
    let offset = 0;
    while (data.length - offset >= 2) {
      const length = (data[offset]! << 8) | data[offset + 1]!;
      if (data.length - offset - 2 < length) break;
      const payload = data.subarray(offset + 2, offset + 2 + length);
      offset += 2 + length;
      if (length === 1) messages.push({ kind: 'control', control: payload[0]! });
      else messages.push({ kind: 'apdu', apdu: payload });
    }
    this.#pending = offset === data.length ? new Uint8Array(0) : data.slice(offset);
    return messages;
  }
}
