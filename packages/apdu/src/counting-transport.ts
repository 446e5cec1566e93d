/**
 * A transport wrapper that counts commands by INS, so tests can assert how many APDUs a
 * flow costs (e.g. "the certificate is read in 8 READ BINARY").
 * @module
 */
import type { TransmitOptions, Transport } from './transport.js';

/** Common INS names for readable counts (ISO 7816-4 §11 and the My Number Card, docs/reference/card-protocol.md#command-table). */
export const INS_NAMES: Readonly<Record<number, string>> = {
  0x20: 'VERIFY',
  0x24: 'CHANGE_REFERENCE_DATA',
  0x2a: 'PERFORM_SECURITY_OPERATION',
  0x2c: 'RESET_RETRY_COUNTER',
  0x32: 'CHANGE_KEY',
  0x82: 'EXTERNAL_AUTHENTICATE',
  0x84: 'GET_CHALLENGE',
  0x88: 'INTERNAL_AUTHENTICATE',
  0xa4: 'SELECT',
  0xb0: 'READ_BINARY',
  0xb2: 'READ_RECORD',
  0xc0: 'GET_RESPONSE',
  0xca: 'GET_DATA',
  0xd6: 'UPDATE_BINARY',
};

/** One command as the counter saw it: header and status only, never data. */
export interface CountedCommand {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Status word of the answer, or `undefined` when the link failed. */
  readonly sw: number | undefined;
}

/**
 * Wraps a transport and counts every command by INS byte. Keeps headers and status words
 * only (no data, so no PIN).
 *
 * @example
 * ```ts
 * const counter = new CountingTransport(card);
 * await readCertificate(counter);
 * expect(counter.count(0xb0)).toBe(7);
 * ```
 */
export class CountingTransport implements Transport {
  readonly #inner: Transport;
  readonly #counts = new Map<number, number>();
  readonly #history: CountedCommand[] = [];
  /** Resets the card through the wrapped transport (present when it supports reset). */
  readonly reset?: (options?: TransmitOptions) => Promise<void>;

  constructor(inner: Transport) {
    this.#inner = inner;
    if (inner.reset) this.reset = inner.reset.bind(inner);
  }

  /** The wrapped transport's {@link Transport.maxCommandLength}. */
  get maxCommandLength(): number | undefined {
    return this.#inner.maxCommandLength;
  }

  /** The wrapped transport's {@link Transport.maxResponseLength}. */
  get maxResponseLength(): number | undefined {
    return this.#inner.maxResponseLength;
  }

  /** The wrapped transport's {@link Transport.supportsExtendedLength}. */
  get supportsExtendedLength(): boolean | undefined {
    return this.#inner.supportsExtendedLength;
  }

  /** Counts the command, then sends it through the wrapped transport. */
  async transmit(command: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    const ins = command[1] ?? -1;
    this.#counts.set(ins, (this.#counts.get(ins) ?? 0) + 1);
    const head = { cla: command[0] ?? -1, ins, p1: command[2] ?? -1, p2: command[3] ?? -1 };
    try {
      const response = await this.#inner.transmit(command, options);
      const n = response.length;
      this.#history.push({ ...head, sw: n >= 2 ? (response[n - 2]! << 8) | response[n - 1]! : undefined });
      return response;
    } catch (error) {
      this.#history.push({ ...head, sw: undefined });
      throw error;
    }
  }

  /** Closes the wrapped transport. */
  close(): Promise<void> {
    return this.#inner.close();
  }

  /** Closes it (the same as `close()`), for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Commands sent with this INS, or all commands when `ins` is omitted. */
  count(ins?: number): number {
    if (ins === undefined) return this.total;
    return this.#counts.get(ins) ?? 0;
  }

  /** Total commands sent. */
  get total(): number {
    let sum = 0;
    for (const n of this.#counts.values()) sum += n;
    return sum;
  }

  /** Counts keyed by INS name (`READ_BINARY`) or `INS_xx` for unnamed codes. */
  summary(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [ins, n] of [...this.#counts].sort((a, b) => a[0] - b[0])) {
      out[INS_NAMES[ins] ?? `INS_${ins.toString(16).toUpperCase().padStart(2, '0')}`] = n;
    }
    return out;
  }

  /** Every command so far, in order (headers and status words only). */
  get history(): readonly CountedCommand[] {
    return this.#history;
  }

  /** Sets all counters and the history back to zero. */
  clearCounts(): void {
    this.#counts.clear();
    this.#history.length = 0;
  }
}
