import { MAX_MESSAGE_DATA, MESSAGE_HEADER } from './constants.js';
import { frameError } from './frame.js';

/**
 * One CCID-style message of the ACR1255U-J1 "Data Frame Format" (manual §5.5.1):
 * `Type | Length (2, MSB first) | Slot | Seq | Param | Check | Data`, where Check is the
 * XOR of every other byte of the message. The manual's own examples confirm this rule:
 * `6B 00 05 00 00 00 CB E0 00 00 45 00` (§5.7.2) and `6B 00 05 00 00 00 CF E0 00 00 40 01`
 * (V1.07 §5.6.7.1).
 */
export interface AcrMessage {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  readonly param: number;
  readonly data: Uint8Array;
}

/**
 * Encodes a message. With `blockAlign`, pads with `FFh` to a multiple of 16 bytes for
 * AES-128-CBC. The Check is computed over the message before padding (ACS's Android SDK and
 * an independent client do this; the padding is not part of the message).
 */
export function encodeMessage(message: AcrMessage, blockAlign = false): Uint8Array {
  const { data } = message;
  if (data.length > MAX_MESSAGE_DATA) throw frameError('datablock-too-long', { length: data.length });
  const plain = MESSAGE_HEADER + data.length;
  const size = blockAlign ? Math.ceil(plain / 16) * 16 : plain;
  const out = new Uint8Array(size);
  out[0] = message.type;
  out[1] = data.length >>> 8;
  out[2] = data.length & 0xff;
  out[3] = message.slot;
  out[4] = message.seq;
  out[5] = message.param;
  out.set(data, MESSAGE_HEADER);
  let check = 0;
  for (let i = 0; i < plain; i++) if (i !== 6) check ^= out[i]!;
  out[6] = check;
  out.fill(0xff, plain);
  return out;
}

/**
 * Decodes one message from a (decrypted) datablock. Trailing bytes are allowed only when they
 * are block padding (`allowPadding`, fewer than 16 bytes); the Check covers the declared
 * message only, never the padding (as ACS's SDK checks it). Throws `BLE_FRAME_INVALID` with
 * the offending offset.
 */
export function decodeMessage(bytes: Uint8Array, allowPadding = false): AcrMessage {
  if (bytes.length < MESSAGE_HEADER) throw frameError('message-length', { offset: bytes.length, length: bytes.length });
  const length = (bytes[1]! << 8) | bytes[2]!;
  const end = MESSAGE_HEADER + length;
  if (end > bytes.length || (!allowPadding && end !== bytes.length) || (allowPadding && bytes.length - end >= 16)) {
    throw frameError('message-length', { offset: 1, declared: length, available: bytes.length - MESSAGE_HEADER });
  }
  let check = 0;
  for (let i = 0; i < end; i++) if (i !== 6) check ^= bytes[i]!;
  if (bytes[6] !== check) throw frameError('message-checksum', { offset: 6 });
  return {
    type: bytes[0]!,
    slot: bytes[3]!,
    seq: bytes[4]!,
    param: bytes[5]!,
    data: bytes.subarray(MESSAGE_HEADER, end),
  };
}
