/**
 * Replays a trace recorded by `RecordingTransport`: a card session anyone can run as a test.
 * @module
 */
import { ApduError } from './errors.js';
import { fromHex, toHex } from './hex.js';
import { commandHasData, isSecretCommand } from './redaction.js';
import { isTraceReset, parseTrace, type ApduTrace, type TraceEntry } from './trace.js';
import type { TransmitOptions, Transport } from './transport.js';
import { TransportError, throwIfAborted } from './transport-error.js';

function shown(command: Uint8Array): string {
  return isSecretCommand(command) ? `${toHex(command.subarray(0, 4))}+data` : toHex(command);
}

/**
 * A {@link Transport} that answers from a recorded trace, in order, and fails loudly on the
 * first command that differs (`ApduError` `REPLAY_MISMATCH`) or comes after the end
 * (`REPLAY_EXHAUSTED`). Redacted (PIN) commands match on the header and on having data.
 * Recorded link errors are thrown again as the same `TransportError`.
 *
 * Once a mismatch happened every later call throws it again, so a caller that swallows the
 * first error still fails; check {@link remaining} at the end of a test to be sure the whole
 * trace was used.
 */
export class ReplayTransport implements Transport {
  readonly #entries: readonly TraceEntry[];
  #next = 0;
  #closed = false;
  #failure: ApduError | undefined;
  /** As recorded. */
  readonly maxCommandLength?: number;
  /** As recorded. */
  readonly maxResponseLength?: number;
  /** As recorded. */
  readonly supportsExtendedLength?: boolean;

  /** `trace` is the JSON text or the parsed object; it is validated (`TRACE_INVALID`). */
  constructor(trace: ApduTrace | string) {
    const parsed = parseTrace(trace);
    this.#entries = parsed.entries;
    if (parsed.transport.maxCommandLength !== undefined) this.maxCommandLength = parsed.transport.maxCommandLength;
    if (parsed.transport.maxResponseLength !== undefined) this.maxResponseLength = parsed.transport.maxResponseLength;
    if (parsed.transport.supportsExtendedLength !== undefined)
      this.supportsExtendedLength = parsed.transport.supportsExtendedLength;
  }

  /** Entries not yet replayed. */
  get remaining(): number {
    return this.#entries.length - this.#next;
  }

  #take(describe: () => string): TraceEntry {
    if (this.#failure) throw this.#failure;
    if (this.#closed) throw new TransportError('TRANSPORT_CLOSED');
    const index = this.#next;
    const entry = this.#entries[index];
    if (!entry) {
      this.#failure = new ApduError('REPLAY_EXHAUSTED', {
        detail: { count: this.#entries.length, actual: describe() },
      });
      throw this.#failure;
    }
    return entry;
  }

  #mismatch(index: number, expected: string, actual: string): ApduError {
    this.#failure = new ApduError('REPLAY_MISMATCH', { detail: { index, expected, actual } });
    return this.#failure;
  }

  /** Answers with the next recorded response, or throws (see the class description). */
  async transmit(command: Uint8Array, options?: TransmitOptions): Promise<Uint8Array> {
    throwIfAborted(options?.signal);
    const index = this.#next;
    const entry = this.#take(() => shown(command));
    if (isTraceReset(entry)) throw this.#mismatch(index, 'reset', shown(command));
    const matches = entry.redacted
      ? commandHasData(command) && toHex(command.subarray(0, 4)) === entry.command.toUpperCase()
      : toHex(command) === entry.command.toUpperCase();
    if (!matches) throw this.#mismatch(index, entry.redacted ? `${entry.command}+data` : entry.command, shown(command));
    this.#next++;
    if (entry.error) throw new TransportError(entry.error, { detail: { replayIndex: index } });
    // A fresh array per answer: callers may keep views into it.
    return fromHex(entry.response!);
  }

  /** Replays a recorded reset; any other next entry is a mismatch. */
  async reset(options?: TransmitOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const index = this.#next;
    const entry = this.#take(() => 'reset');
    if (!isTraceReset(entry))
      throw this.#mismatch(index, entry.redacted ? `${entry.command}+data` : entry.command, 'reset');
    this.#next++;
    if (entry.error) throw new TransportError(entry.error, { detail: { replayIndex: index } });
  }

  /** Later calls reject with `TransportError('TRANSPORT_CLOSED')`. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  /** Closes it (the same as `close()`), for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
