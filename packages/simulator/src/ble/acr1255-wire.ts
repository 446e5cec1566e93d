import { createCipheriv, createDecipheriv } from 'node:crypto';
import { SPEC } from './acr1255-spec.js';

/** One message of the reader's protocol (manual §5.5.1), the simulator's own representation. */
export interface WireMessage {
  type: number;
  seq: number;
  param: number;
  data: Uint8Array;
}

const ZERO_IV = new Uint8Array(16);

/** AES-128-CBC, zero IV, no padding (node:crypto, independent of the host profile's cipher). */
export function aes128Cbc(direction: 'encrypt' | 'decrypt', key: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher =
    direction === 'encrypt'
      ? createCipheriv('aes-128-cbc', key, ZERO_IV)
      : createDecipheriv('aes-128-cbc', key, ZERO_IV);
  cipher.setAutoPadding(false);
  const head = cipher.update(data);
  const tail = cipher.final();
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** §5.4: wraps a datablock in 05 | Len | … | Check | 0A. */
export function wrapFrame(datablock: Uint8Array): Uint8Array {
  const out = new Uint8Array(datablock.length + 5);
  out[0] = SPEC.frameStart;
  out[1] = (datablock.length >> 8) & 0xff;
  out[2] = datablock.length & 0xff;
  out.set(datablock, 3);
  let x = out[1]! ^ out[2]!;
  for (const b of datablock) x ^= b;
  out[datablock.length + 3] = x;
  out[datablock.length + 4] = SPEC.frameStop;
  return out;
}

/**
 * §5.5.1 message bytes. With `pad`, FFh bytes fill up to a multiple of 16 AFTER the Check
 * was computed over the message alone (SDK, fidok).
 */
export function messageBytes(message: WireMessage, pad: boolean): Uint8Array {
  const length = SPEC.header + message.data.length;
  const out = new Uint8Array(pad ? Math.ceil(length / 16) * 16 : length).fill(0xff);
  out.set([
    message.type,
    (message.data.length >> 8) & 0xff,
    message.data.length & 0xff,
    0x00,
    message.seq,
    message.param,
    0x00,
  ]);
  out.set(message.data, SPEC.header);
  let x = 0;
  for (let i = 0; i < length; i++) x ^= out[i]!;
  out[6] = x;
  return out;
}

/** Reads a message; the Check covers the declared Length only, padding is ignored. `undefined` when broken. */
export function readMessage(bytes: Uint8Array): WireMessage | undefined {
  if (bytes.length < SPEC.header) return undefined;
  const length = SPEC.header + ((bytes[1]! << 8) | bytes[2]!);
  if (length > bytes.length) return undefined;
  let x = 0;
  for (let i = 0; i < length; i++) x ^= bytes[i]!;
  if (x !== 0) return undefined;
  return { type: bytes[0]!, seq: bytes[4]!, param: bytes[5]!, data: bytes.slice(SPEC.header, length) };
}

/** Collects written chunks into frames (writes may split a frame anywhere). */
export class FrameCollector {
  #bytes: number[] = [];

  /** Adds a chunk; returns complete datablocks, or `'bad-frame'` (the buffer is then cleared). */
  add(chunk: Uint8Array): Uint8Array[] | 'bad-frame' {
    for (const b of chunk) this.#bytes.push(b);
    const out: Uint8Array[] = [];
    while (this.#bytes.length > 0) {
      if (this.#bytes[0] !== SPEC.frameStart) return this.#fail();
      if (this.#bytes.length < 3) break;
      const length = (this.#bytes[1]! << 8) | this.#bytes[2]!;
      if (this.#bytes.length < length + 5) break;
      let x = this.#bytes[1]! ^ this.#bytes[2]!;
      for (let i = 0; i < length; i++) x ^= this.#bytes[3 + i]!;
      if (this.#bytes[3 + length] !== x || this.#bytes[4 + length] !== SPEC.frameStop) return this.#fail();
      out.push(Uint8Array.from(this.#bytes.slice(3, 3 + length)));
      this.#bytes = this.#bytes.slice(length + 5);
    }
    return out;
  }

  #fail(): 'bad-frame' {
    this.#bytes = [];
    return 'bad-frame';
  }
}
