import { ApduError } from './errors.js';
import { toHex } from './hex.js';
import { describeStatusWord, type StatusWordInfo } from './status-words.js';

/**
 * A response APDU: data plus the two status bytes. `data` is a view into the bytes that were
 * received; nothing is copied.
 */
export class ResponseApdu {
  /** Response data (a `subarray` of {@link bytes}). */
  readonly data: Uint8Array;
  readonly sw1: number;
  readonly sw2: number;
  /** The whole response as received. */
  readonly bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.data = bytes.subarray(0, bytes.length - 2);
    this.sw1 = bytes[bytes.length - 2]!;
    this.sw2 = bytes[bytes.length - 1]!;
  }

  /** Wraps received bytes (at least SW1 SW2). Throws `ApduError` `APDU_TOO_SHORT`. */
  static decode(bytes: Uint8Array): ResponseApdu {
    if (bytes.length < 2)
      throw new ApduError('APDU_TOO_SHORT', { offset: bytes.length, detail: { length: bytes.length, minimum: 2 } });
    return new ResponseApdu(bytes);
  }

  /** Builds a response from data and a status word (for simulators and tests). */
  static of(data: Uint8Array, sw: number): ResponseApdu {
    const out = new Uint8Array(data.length + 2);
    out.set(data, 0);
    out[data.length] = (sw >> 8) & 0xff;
    out[data.length + 1] = sw & 0xff;
    return new ResponseApdu(out);
  }

  /** Status word as one number, e.g. `0x9000`. */
  get sw(): number {
    return (this.sw1 << 8) | this.sw2;
  }

  /** True for `9000`. */
  get ok(): boolean {
    return this.sw1 === 0x90 && this.sw2 === 0x00;
  }

  /** Status word as four hex digits, e.g. `'63C2'`. */
  get swHex(): string {
    return toHex(Uint8Array.of(this.sw1, this.sw2));
  }

  /** What the status word means, in Japanese and English. */
  get status(): StatusWordInfo {
    return describeStatusWord(this.sw);
  }

  /** Returns `this` when the status is `9000`; otherwise throws `ApduError` `APDU_STATUS`. */
  expectOk(): this {
    if (!this.ok) {
      const info = this.status;
      throw new ApduError('APDU_STATUS', { detail: { sw: this.swHex, ja: info.ja, en: info.en } });
    }
    return this;
  }
}
