import { ApduError } from './errors.js';
import { fromHex, toHex } from './hex.js';

/** The ISO 7816-3 §12.1 case of a command APDU: whether it carries data and/or expects data. */
export type ApduCase = 1 | 2 | 3 | 4;

/** Fields of a command APDU. `data` and `le` are optional; `le` counts bytes (1..65536). */
export interface CommandApduFields {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  /** Command data field (Lc is its length). Kept as given: a view, not a copy. */
  data?: Uint8Array;
  /**
   * Expected response length Ne in bytes, 1..65536. `256` is encoded `00` in the short form,
   * `65536` is `00 00` in the extended form. Omit for cases 1 and 3.
   */
  le?: number;
  /** Force the extended length form even when the short form would fit. */
  extended?: boolean;
}

const EMPTY = new Uint8Array(0);
/** Largest Lc and Ne the short form can carry (ISO 7816-4 §5.1). */
export const SHORT_MAX_LC = 255;
export const SHORT_MAX_LE = 256;
/** Largest Lc and Ne the extended form can carry. */
export const EXTENDED_MAX_LC = 65535;
export const EXTENDED_MAX_LE = 65536;

function checkByte(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new ApduError('APDU_INVALID_BYTE', { detail: { field, value } });
  }
}

/**
 * An ISO/IEC 7816-4 command APDU, in all four cases and both length forms.
 *
 * @example
 * ```ts
 * const select = new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
 * transport.transmit(select.encode());
 * ```
 */
export class CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** The data field: a view into whatever the caller or the decoder passed in. */
  readonly data: Uint8Array;
  /** Ne, 1..65536, or `undefined` when no response data is expected. */
  readonly le: number | undefined;
  /** True when the encoding uses the extended length form. */
  readonly extended: boolean;

  constructor(fields: CommandApduFields) {
    checkByte('CLA', fields.cla);
    checkByte('INS', fields.ins);
    checkByte('P1', fields.p1);
    checkByte('P2', fields.p2);
    // ISO 7816-3 §10.3.2: INS values 6X and 9X are invalid (they would be read as procedure bytes).
    if ((fields.ins & 0xf0) === 0x60 || (fields.ins & 0xf0) === 0x90) {
      throw new ApduError('APDU_INVALID_INS', { detail: { ins: toHex(Uint8Array.of(fields.ins)) } });
    }
    const data = fields.data ?? EMPTY;
    if (data.length > EXTENDED_MAX_LC) {
      throw new ApduError('APDU_LENGTH_OVERFLOW', { detail: { length: data.length, maximum: EXTENDED_MAX_LC } });
    }
    const le = fields.le;
    if (le !== undefined && (!Number.isInteger(le) || le < 1 || le > EXTENDED_MAX_LE)) {
      throw new ApduError('APDU_INVALID_LE', { detail: { value: le } });
    }
    this.cla = fields.cla;
    this.ins = fields.ins;
    this.p1 = fields.p1;
    this.p2 = fields.p2;
    this.data = data;
    this.le = le;
    const needsExtended = data.length > SHORT_MAX_LC || (le !== undefined && le > SHORT_MAX_LE);
    // Case 1 has no length fields, so it has no extended form.
    this.extended = (needsExtended || fields.extended === true) && (data.length > 0 || le !== undefined);
  }

  /** The ISO 7816-3 case: 1 no data/no Le, 2 Le only, 3 data only, 4 both. */
  get case(): ApduCase {
    if (this.data.length === 0) return this.le === undefined ? 1 : 2;
    return this.le === undefined ? 3 : 4;
  }

  /** Number of bytes {@link encode} produces. */
  get encodedLength(): number {
    const lc = this.data.length;
    const hasLe = this.le !== undefined;
    if (!this.extended) return 4 + (lc > 0 ? 1 + lc : 0) + (hasLe ? 1 : 0);
    return 4 + 1 + (lc > 0 ? 2 + lc : 0) + (hasLe ? 2 : 0);
  }

  /** Encodes into one new `Uint8Array` (or into `target` at `offset`). */
  encode(target?: Uint8Array, offset = 0): Uint8Array {
    const length = this.encodedLength;
    const out = target ? target.subarray(offset, offset + length) : new Uint8Array(length);
    if (out.length < length) throw new ApduError('APDU_LENGTH_OVERFLOW', { detail: { length, maximum: out.length } });
    out[0] = this.cla;
    out[1] = this.ins;
    out[2] = this.p1;
    out[3] = this.p2;
    let at = 4;
    const lc = this.data.length;
    if (this.extended) {
      out[at++] = 0x00;
      if (lc > 0) {
        out[at++] = lc >> 8;
        out[at++] = lc & 0xff;
        out.set(this.data, at);
        at += lc;
      }
      if (this.le !== undefined) {
        const le = this.le === EXTENDED_MAX_LE ? 0 : this.le;
        out[at++] = le >> 8;
        out[at++] = le & 0xff;
      }
    } else {
      if (lc > 0) {
        out[at++] = lc;
        out.set(this.data, at);
        at += lc;
      }
      if (this.le !== undefined) out[at++] = this.le === SHORT_MAX_LE ? 0 : this.le;
    }
    return out;
  }

  /** A copy with some fields changed (e.g. `withLe(0x1f)` after a `6C1F`). */
  with(fields: Partial<CommandApduFields>): CommandApdu {
    return new CommandApdu({
      cla: this.cla,
      ins: this.ins,
      p1: this.p1,
      p2: this.p2,
      data: this.data,
      ...(this.le === undefined ? {} : { le: this.le }),
      extended: this.extended,
      ...fields,
    });
  }

  /**
   * Hex of the command. With `redactData` the data field is replaced by `**` per byte:
   * use it for anything that may be a VERIFY (the data is a PIN).
   */
  toHex(options: { redactData?: boolean; separator?: string } = {}): string {
    const bytes = this.encode();
    if (!options.redactData || this.data.length === 0)
      return toHex(bytes, options.separator === undefined ? {} : { separator: options.separator });
    const start = this.extended ? 7 : 5;
    const head = toHex(
      bytes.subarray(0, start),
      options.separator === undefined ? {} : { separator: options.separator },
    );
    const tail = toHex(
      bytes.subarray(start + this.data.length),
      options.separator === undefined ? {} : { separator: options.separator },
    );
    const sep = options.separator ?? '';
    const stars = Array.from({ length: this.data.length }, () => '**').join(sep);
    return [head, stars, tail].filter((s) => s.length > 0).join(sep);
  }

  /**
   * Decodes a command APDU with exact case detection (ISO 7816-3 §12.1.3). `data` is a view
   * into `bytes`. Throws `ApduError` for anything that is not exactly one APDU.
   */
  static decode(bytes: Uint8Array): CommandApdu {
    const n = bytes.length;
    if (n < 4) throw new ApduError('APDU_TOO_SHORT', { offset: n, detail: { length: n, minimum: 4 } });
    const header = { cla: bytes[0]!, ins: bytes[1]!, p1: bytes[2]!, p2: bytes[3]! };
    if (n === 4) return new CommandApdu(header);
    const b1 = bytes[4]!;
    if (n === 5) return new CommandApdu({ ...header, le: b1 === 0 ? SHORT_MAX_LE : b1 });
    if (b1 !== 0) {
      // Short form: Lc = b1.
      if (n === 5 + b1) return new CommandApdu({ ...header, data: bytes.subarray(5, 5 + b1) });
      if (n === 6 + b1) {
        const le = bytes[n - 1]!;
        return new CommandApdu({ ...header, data: bytes.subarray(5, 5 + b1), le: le === 0 ? SHORT_MAX_LE : le });
      }
      throw new ApduError('APDU_LENGTH_MISMATCH', { offset: 4, detail: { detail: `Lc=${b1}, total ${n}` } });
    }
    // Extended form: b1 = 00.
    if (n < 7)
      throw new ApduError('APDU_LENGTH_MISMATCH', { offset: 4, detail: { detail: `extended marker with ${n} bytes` } });
    const b23 = (bytes[5]! << 8) | bytes[6]!;
    if (n === 7) return new CommandApdu({ ...header, le: b23 === 0 ? EXTENDED_MAX_LE : b23, extended: true });
    if (b23 === 0) throw new ApduError('APDU_LENGTH_MISMATCH', { offset: 5, detail: { detail: 'extended Lc of 0' } });
    if (n === 7 + b23) return new CommandApdu({ ...header, data: bytes.subarray(7, 7 + b23), extended: true });
    if (n === 9 + b23) {
      const le = (bytes[n - 2]! << 8) | bytes[n - 1]!;
      return new CommandApdu({
        ...header,
        data: bytes.subarray(7, 7 + b23),
        le: le === 0 ? EXTENDED_MAX_LE : le,
        extended: true,
      });
    }
    throw new ApduError('APDU_LENGTH_MISMATCH', { offset: 5, detail: { detail: `extended Lc=${b23}, total ${n}` } });
  }

  /** Decodes hex such as `'00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'`. */
  static fromHex(text: string): CommandApdu {
    return CommandApdu.decode(fromHex(text));
  }
}
