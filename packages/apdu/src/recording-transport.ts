/**
 * A transport wrapper that records every exchange as a JSON trace, so a session with a real
 * card and reader can be captured once and replayed by anyone with `ReplayTransport`.
 * @module
 */
import { toHex } from './hex.js';
import { commandHasData, isSecretCommand } from './redaction.js';
import { TRACE_FORMAT, TRACE_VERSION, type ApduTrace, type TraceEntry } from './trace.js';
import type { TransmitOptions, Transport } from './transport.js';
import { TransportError, type TransportErrorCode } from './transport-error.js';

/** Options for {@link RecordingTransport}. */
export interface RecordingTransportOptions {
  /** Free text stored in the trace (reader model, card type). Never personal data. */
  label?: string;
  /**
   * Decides which commands with data are stored header-only. Default {@link isSecretCommand}
   * (VERIFY, CHANGE REFERENCE DATA, RESET RETRY COUNTER, CHANGE KEY with data). A custom
   * predicate is OR-ed with the default: PIN commands are always redacted.
   */
  redact?: (command: Uint8Array) => boolean;
  /** Clock in milliseconds (default `performance.now`). */
  now?: () => number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * Wraps any {@link Transport} and records command/response hex with timings.
 *
 * Note: response data is recorded as received. A trace of a session that read personal data
 * (e.g. 基本4情報) holds that data: record with test cards, or treat the file accordingly.
 *
 * @example
 * ```ts
 * const recorder = new RecordingTransport(pcscTransport, { label: 'ACR1251 + test card' });
 * await readAuthCertificate(recorder);
 * await writeFile('session.json', recorder.toJSONString());
 * ```
 */
export class RecordingTransport implements Transport {
  readonly #inner: Transport;
  readonly #entries: TraceEntry[] = [];
  readonly #redact: (command: Uint8Array) => boolean;
  readonly #now: () => number;
  readonly #start: number;
  readonly #recordedAt: string;
  readonly #label: string | undefined;
  /** Power-cycles the card through the wrapped transport (present when it supports reset). */
  readonly reset?: (options?: TransmitOptions) => Promise<void>;

  constructor(inner: Transport, options: RecordingTransportOptions = {}) {
    this.#inner = inner;
    const custom = options.redact;
    // Only a data field can be redacted: a command without one is recorded whole.
    this.#redact = custom
      ? (command) => isSecretCommand(command) || (commandHasData(command) && custom(command))
      : isSecretCommand;
    this.#now = options.now ?? (() => performance.now());
    this.#start = this.#now();
    this.#recordedAt = new Date().toISOString();
    this.#label = options.label;
    if (inner.reset) {
      const innerReset = inner.reset.bind(inner);
      this.reset = async (resetOptions?: TransmitOptions) => {
        const at = this.#now();
        try {
          await innerReset(resetOptions);
          this.#entries.push({ reset: true, atMs: round(at - this.#start), durationMs: round(this.#now() - at) });
        } catch (error) {
          this.#entries.push({
            reset: true,
            atMs: round(at - this.#start),
            durationMs: round(this.#now() - at),
            error: errorCode(error),
          });
          throw error;
        }
      };
    }
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

  /** Sends through the wrapped transport and records the exchange (or its link error). */
  async transmit(command: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    const redacted = this.#redact(command);
    // Header only for secrets: not even the length of the PIN is kept.
    const commandHex = redacted ? toHex(command.subarray(0, 4)) : toHex(command);
    const at = this.#now();
    try {
      const response = await this.#inner.transmit(command, options);
      this.#entries.push({
        command: commandHex,
        ...(redacted ? { redacted: true } : {}),
        response: toHex(response),
        atMs: round(at - this.#start),
        durationMs: round(this.#now() - at),
      });
      return response;
    } catch (error) {
      this.#entries.push({
        command: commandHex,
        ...(redacted ? { redacted: true } : {}),
        error: errorCode(error),
        atMs: round(at - this.#start),
        durationMs: round(this.#now() - at),
      });
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

  /** Number of entries recorded so far. */
  get size(): number {
    return this.#entries.length;
  }

  /** The trace so far (a snapshot). */
  toJSON(): ApduTrace {
    const transport: { maxCommandLength?: number; maxResponseLength?: number; supportsExtendedLength?: boolean } = {};
    if (this.#inner.maxCommandLength !== undefined) transport.maxCommandLength = this.#inner.maxCommandLength;
    if (this.#inner.maxResponseLength !== undefined) transport.maxResponseLength = this.#inner.maxResponseLength;
    if (this.#inner.supportsExtendedLength !== undefined)
      transport.supportsExtendedLength = this.#inner.supportsExtendedLength;
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      recordedAt: this.#recordedAt,
      ...(this.#label === undefined ? {} : { label: this.#label }),
      transport,
      entries: this.#entries.slice(),
    };
  }

  /** The trace as pretty-printed JSON, ready to be written to a file. */
  toJSONString(): string {
    return `${JSON.stringify(this.toJSON(), null, 2)}\n`;
  }
}

function errorCode(error: unknown): TransportErrorCode {
  return error instanceof TransportError ? error.code : 'TRANSPORT_FAILED';
}
