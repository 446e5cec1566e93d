import { TransportError, throwIfAborted } from '@onshikit/apdu';
import type { Transport, TransmitOptions, TransportErrorCode, TransportErrorContext } from '@onshikit/apdu';
import { classifyPcscResult, formatPcscResult, pcscResultOf } from './pcsc-status.js';
import type { PcscLiteReader } from './pcsclite-types.js';
import type { PcscReaderMonitor } from './reader-monitor.js';
import { beginNativeCall, endNativeCall, readerBusy, trackNativeCall, whenReaderIdle } from './native-calls.js';

/** How the card is shared with other applications while the transport is open. */
export type ShareMode = 'exclusive' | 'shared';

/** Options for {@link PcscTransport.connect}. */
export interface PcscTransportOptions {
  /**
   * `exclusive` (default): no other application can talk to the card while it is open, so
   * nobody can use a PIN-unlocked key behind the workflow's back (docs/reference/card-protocol.md#pitfalls item 3).
   */
  shareMode?: ShareMode;
  /** Default per-command timeout in ms (default 15 000). `transmit` may override it. */
  commandTimeoutMs?: number;
  /** Close the monitor together with the transport (set by `waitForCard`). */
  ownsMonitor?: boolean;
  /** Extended-length support already known for this reader (else learned, see `learnExtendedLength`). */
  supportsExtendedLength?: boolean;
  /** Abort the connect. */
  signal?: AbortSignal;
}

/** How long to wait for the reader to report the card gone after a failed exchange. */
const REMOVAL_SETTLE_MS = 1500;
/** Short APDU response limit: 256 data bytes + SW1 SW2. */
const SHORT_RESPONSE_MAX = 258;
/** Extended APDU response limit: 65 536 data bytes + SW1 SW2. */
const EXTENDED_RESPONSE_MAX = 65538;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function isExtendedCommand(command: Uint8Array): boolean {
  // Short APDUs have no zero byte at offset 4 followed by more bytes (ISO 7816-4 §5.1).
  return command.length >= 7 && command[4] === 0;
}

/**
 * A {@link Transport} over one PC/SC reader holding one card. Commands are serialised; each
 * has a timeout and honours an AbortSignal; the card leaving the reader rejects the pending
 * and all later commands with `CARD_REMOVED` (never a hang), the reader or service going
 * away with `READER_GONE`. `close()` powers the card down (SCARD_UNPOWER_CARD) so PIN
 * security status cannot outlive the workflow (docs/reference/card-protocol.md#reset-behaviour, pitfall 3).
 */
export class PcscTransport implements Transport, AsyncDisposable {
  /** PC/SC name of the reader. */
  readonly readerName: string;
  /** ATR reported when the card was connected. */
  readonly atr: Uint8Array;
  readonly #monitor: PcscReaderMonitor;
  readonly #handle: PcscLiteReader;
  readonly #shareMode: ShareMode;
  readonly #commandTimeoutMs: number;
  readonly #ownsMonitor: boolean;
  readonly #insertion: number;
  #protocol: number;
  #supportsExtendedLength: boolean | undefined;
  #busy = false;
  #waiting: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];
  #pending: PendingCommand | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  #watchdogAt = 0;
  #lost: TransportError | undefined;
  #closed = false;
  #lostWaiters = new Set<(error: TransportError) => void>();
  readonly #unsubscribe: Array<() => void> = [];

  private constructor(
    monitor: PcscReaderMonitor,
    handle: PcscLiteReader,
    protocol: number,
    options: PcscTransportOptions,
  ) {
    this.#monitor = monitor;
    this.#handle = handle;
    this.#protocol = protocol;
    this.readerName = handle.name;
    const info = monitor.reader(handle.name);
    this.atr = info?.atr ?? new Uint8Array(0);
    this.#insertion = info?.insertion ?? 0;
    this.#shareMode = options.shareMode ?? 'exclusive';
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 15_000;
    this.#ownsMonitor = options.ownsMonitor ?? false;
    this.#supportsExtendedLength = options.supportsExtendedLength;
    this.#unsubscribe.push(
      monitor.on('card-removed', (e) => {
        if (e.reader === this.readerName) this.#loseLink('CARD_REMOVED');
      }),
      monitor.on('card-present', (e) => {
        // A new insertion means the card we talked to left in between.
        if (e.reader === this.readerName) this.#loseLink('CARD_REMOVED');
      }),
      monitor.on('reader-detached', (e) => {
        if (e.reader === this.readerName) this.#loseLink('READER_GONE');
      }),
      monitor.on('error', (error) => this.#loseLink('READER_GONE', error)),
    );
    const now = monitor.reader(handle.name);
    if (!now) this.#loseLink('READER_GONE');
    else if (!now.cardPresent || now.insertion !== this.#insertion) this.#loseLink('CARD_REMOVED');
  }

  /**
   * Connects to the card in `readerName`. Rejects with `CARD_REMOVED` when no card is there,
   * `TRANSPORT_BUSY` when another application holds it, `READER_GONE` when the reader is gone.
   */
  static async connect(
    monitor: PcscReaderMonitor,
    readerName: string,
    options: PcscTransportOptions = {},
  ): Promise<PcscTransport> {
    throwIfAborted(options.signal);
    const handle = monitor.handleOf(readerName);
    if (!handle) throw new TransportError('READER_GONE', { detail: { reader: readerName } });
    const info = monitor.reader(readerName);
    if (!info?.cardPresent) throw new TransportError('CARD_REMOVED', { detail: { reader: readerName } });
    if (handle.connected)
      throw new TransportError('TRANSPORT_BUSY', {
        detail: { reader: readerName, reason: 'already connected in this process' },
      });
    const shareMode = options.shareMode ?? 'exclusive';
    const protocol = await trackNativeCall(
      handle,
      new Promise<number>((resolve, reject) => {
        handle.connect(
          {
            share_mode: shareMode === 'exclusive' ? handle.SCARD_SHARE_EXCLUSIVE : handle.SCARD_SHARE_SHARED,
            protocol: handle.SCARD_PROTOCOL_T0 | handle.SCARD_PROTOCOL_T1,
          },
          (error, proto) => {
            if (error) reject(linkError(error, { reader: readerName, step: 'connect' }));
            else resolve(proto);
          },
        );
      }),
    );
    return new PcscTransport(monitor, handle, protocol, options);
  }

  /**
   * True when extended-length APDUs pass through this reader, false when they do not,
   * `undefined` while unknown: given at connect, or learned on this reader's monitor (a driver
   * tries one extended READ and reports through {@link learnExtendedLength}).
   */
  get supportsExtendedLength(): boolean | undefined {
    return this.#supportsExtendedLength ?? this.#monitor.extendedLengthSupport(this.readerName);
  }

  /**
   * Records whether an extended-length APDU passed this reader end to end (called by a driver,
   * e.g. `@onshikit/mynumber`, after its first extended READ). Kept per reader by the monitor,
   * so later transports on the same reader know it; forgotten when the reader is detached.
   */
  learnExtendedLength(passes: boolean): void {
    this.#supportsExtendedLength = passes;
    this.#monitor.noteExtendedLengthSupport(this.readerName, passes);
  }

  /** Largest command APDU this link carries (extended while unknown: the driver finds out). */
  get maxCommandLength(): number {
    return this.supportsExtendedLength === false ? 261 : 65544;
  }

  /** Largest response APDU (data + SW) this link carries (extended while unknown). */
  get maxResponseLength(): number {
    return this.supportsExtendedLength === false ? SHORT_RESPONSE_MAX : EXTENDED_RESPONSE_MAX;
  }

  /** The share mode the card was connected with. */
  get shareMode(): ShareMode {
    return this.#shareMode;
  }

  /** True once closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one command APDU; resolves with response data + SW1 SW2 (any status word). */
  transmit(command: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    return this.#serialise(() => this.#exchange(command, options));
  }

  /**
   * Powers the card down and up again (SCARD_UNPOWER_CARD + reconnect): clears PIN security
   * status, which survives a warm reset (docs/reference/card-protocol.md#reset-behaviour).
   */
  reset(options: TransmitOptions = {}): Promise<void> {
    return this.#serialise(async () => {
      this.#assertUsable(options.signal);
      await this.#disconnect(this.#handle.SCARD_UNPOWER_CARD);
      this.#protocol = await trackNativeCall(
        this.#handle,
        new Promise<number>((resolve, reject) => {
          this.#handle.connect(
            {
              share_mode:
                this.#shareMode === 'exclusive' ? this.#handle.SCARD_SHARE_EXCLUSIVE : this.#handle.SCARD_SHARE_SHARED,
              protocol: this.#handle.SCARD_PROTOCOL_T0 | this.#handle.SCARD_PROTOCOL_T1,
            },
            (error, proto) =>
              error ? reject(linkError(error, { reader: this.readerName, step: 'reconnect' })) : resolve(proto),
          );
        }),
      );
    });
  }

  /**
   * Ends the session: waits for a running command, powers the card down (clearing any
   * verified PIN) and releases the reader. Idempotent; never throws.
   */
  async close(): Promise<void> {
    await this.#shutdown(this.#handle.SCARD_UNPOWER_CARD, this.#ownsMonitor);
  }

  /**
   * @internal Lets go of a card that was only looked at (SCARD_LEAVE_CARD, no power-down) and
   * keeps the monitor open; used for cards `waitForCard` passes over.
   */
  async release(): Promise<void> {
    await this.#shutdown(this.#handle.SCARD_LEAVE_CARD, false);
  }

  async #shutdown(disposition: number, closeMonitor: boolean): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // A command the reader never finishes must not block close for ever.
    await Promise.race([this.#whenIdle(), sleep(2000)]);
    for (const off of this.#unsubscribe) off();
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    try {
      // After a removal the handle still holds the reader (exclusive lock in pcscd) until
      // it is disconnected; there is no security status left to clear, so leave the card.
      const how = this.#lost ? this.#handle.SCARD_LEAVE_CARD : disposition;
      await Promise.race([this.#disconnect(how), sleep(10_000)]);
    } catch {
      /* the card or reader is gone already */
    }
    const error = new TransportError('TRANSPORT_CLOSED', { detail: { reader: this.readerName } });
    for (const waiter of this.#lostWaiters) waiter(error);
    this.#lostWaiters.clear();
    if (closeMonitor) await this.#monitor.close();
  }

  /** `await using transport = await waitForCard()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Runs `task` after the tasks queued before it; an idle transport starts it at once. */
  #serialise<T>(task: () => Promise<T>): Promise<T> {
    if (this.#busy) return new Promise<void>((resolve) => this.#waiting.push(resolve)).then(() => this.#run(task));
    this.#busy = true;
    return this.#run(task);
  }

  #run<T>(task: () => Promise<T>): Promise<T> {
    let run: Promise<T>;
    try {
      run = task();
    } catch (error) {
      run = Promise.reject(error);
    }
    run.then(this.#next, this.#next);
    return run;
  }

  readonly #next = (): void => {
    const next = this.#waiting.shift();
    if (next) {
      next();
      return;
    }
    this.#busy = false;
    const idle = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of idle) w();
  };

  #whenIdle(): Promise<void> {
    if (!this.#busy) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #assertUsable(signal: AbortSignal | undefined): void {
    if (this.#closed) throw new TransportError('TRANSPORT_CLOSED', { detail: { reader: this.readerName } });
    if (this.#lost) throw new TransportError(this.#lost.code, { detail: this.#lost.detail, cause: this.#lost.cause });
    throwIfAborted(signal);
  }

  #loseLink(code: TransportErrorCode, cause?: unknown): void {
    if (this.#lost || this.#closed) return;
    this.#lost = new TransportError(code, { detail: { reader: this.readerName }, ...(cause ? { cause } : {}) });
    if (this.#pending)
      this.#fail(this.#pending, new TransportError(code, { detail: this.#lost.detail, cause: this.#lost.cause }));
    for (const waiter of this.#lostWaiters) waiter(this.#lost);
    this.#lostWaiters.clear();
  }

  #exchange(command: Uint8Array, options: TransmitOptions): Promise<Uint8Array> {
    this.#assertUsable(options.signal);
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    // A previous command abandoned by timeout/abort may still occupy the reader.
    if (readerBusy(this.#handle)) return this.#exchangeWhenIdle(command, options, deadline, timeoutMs);
    return new Promise<Uint8Array>((resolve, reject) => {
      const signal = options.signal;
      const pending: PendingCommand = { deadline, timeoutMs, settled: false, reject, signal, onAbort: undefined };
      if (signal) {
        pending.onAbort = () => this.#fail(pending, new TransportError('ABORTED', { cause: signal.reason }));
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.#pending = pending;
      this.#armWatchdog(deadline);
      const responseMax = isExtendedCommand(command) ? EXTENDED_RESPONSE_MAX : this.maxResponseLength;
      beginNativeCall(this.#handle);
      try {
        this.#handle.transmit(toBuffer(command), responseMax, this.#protocol, (error, response) => {
          endNativeCall(this.#handle);
          if (pending.settled) return; // timed out, aborted or lost meanwhile
          this.#settle(pending);
          if (!error && response.byteLength >= 2) {
            resolve(new Uint8Array(response.buffer, response.byteOffset, response.byteLength));
            return;
          }
          // Every card answer carries SW1 SW2; an empty one means the card left mid-command
          // (vpcd reports a dropped session this way).
          void this.#explain(error ?? new Error('empty response from the reader (0x80100016)')).then(reject);
        });
      } catch (error) {
        // The binding refused its arguments synchronously: nothing runs natively (PCSC_ERROR).
        endNativeCall(this.#handle);
        this.#settle(pending);
        reject(linkError(error, { reader: this.readerName, step: 'transmit' }));
      }
    });
  }

  /** Slow path: waits (within the command's deadline) for an abandoned native call to end. */
  async #exchangeWhenIdle(
    command: Uint8Array,
    options: TransmitOptions,
    deadline: number,
    timeoutMs: number,
  ): Promise<Uint8Array> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const lostWaiter = (): void => stop.abort();
    this.#lostWaiters.add(lostWaiter);
    try {
      const idle = await whenReaderIdle(this.#handle, Math.max(0, deadline - Date.now()), stop.signal);
      this.#assertUsable(options.signal);
      if (!idle) throw new TransportError('TIMEOUT', { detail: { reader: this.readerName, timeoutMs } });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      this.#lostWaiters.delete(lostWaiter);
    }
    return this.#exchange(command, { ...options, timeoutMs: Math.max(1, deadline - Date.now()) });
  }

  /** Marks `pending` done and detaches it from the abort signal. */
  #settle(pending: PendingCommand): void {
    pending.settled = true;
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    if (this.#pending === pending) this.#pending = undefined;
  }

  #fail(pending: PendingCommand, error: TransportError): void {
    if (pending.settled) return;
    this.#settle(pending);
    pending.reject(error);
  }

  /**
   * One lazily re-armed timer per transport instead of one per command: creating and
   * clearing a timer per APDU cost ≈10 µs (measured against the raw binding), more than
   * everything else the transport does. The timer fires at the earliest deadline it was
   * armed for and re-arms for the command running then.
   */
  #armWatchdog(deadline: number): void {
    if (this.#watchdog && this.#watchdogAt <= deadline) return;
    if (this.#watchdog) clearTimeout(this.#watchdog);
    this.#watchdogAt = deadline;
    this.#watchdog = setTimeout(
      () => {
        this.#watchdog = undefined;
        const pending = this.#pending;
        if (!pending || pending.settled) return;
        if (Date.now() >= pending.deadline) {
          this.#fail(
            pending,
            new TransportError('TIMEOUT', { detail: { reader: this.readerName, timeoutMs: pending.timeoutMs } }),
          );
        } else {
          this.#armWatchdog(pending.deadline);
        }
      },
      Math.max(0, deadline - Date.now()),
    );
    // A native call in flight keeps the process alive on its own.
    this.#watchdog.unref?.();
  }

  /** Turns a binding error into the right TransportError, asking the reader when ambiguous. */
  async #explain(error: unknown): Promise<TransportError> {
    const result = pcscResultOf(error);
    const kind = classifyPcscResult(result);
    const detail = { reader: this.readerName, pcsc: formatPcscResult(result) };
    if (kind !== 'ambiguous') {
      if (kind === 'CARD_REMOVED' || kind === 'READER_GONE') this.#loseLink(kind, error);
      return new TransportError(kind, { detail, cause: error });
    }
    // "Transaction failed" also means "the card left mid-command": wait for the reader to say so.
    const code = await this.#settleLoss(REMOVAL_SETTLE_MS);
    return new TransportError(code ?? 'CARD_MUTE', { detail, cause: error });
  }

  async #settleLoss(ms: number): Promise<TransportErrorCode | undefined> {
    if (this.#lost) return this.#lost.code;
    // Ask the monitor, never the binding: the binding's get_status() starts a second status
    // thread that overwrites the reader's status context, and two threads then wait on one
    // libpcsclite context while holding the library's global lock (every later PC/SC call
    // in the process hangs; seen under gdb with libpcsclite 1.9.9).
    const now = this.#monitor.reader(this.readerName);
    if (!now) {
      this.#loseLink('READER_GONE');
      return 'READER_GONE';
    }
    if (!now.cardPresent || now.insertion !== this.#insertion) {
      this.#loseLink('CARD_REMOVED');
      return 'CARD_REMOVED';
    }
    return new Promise((resolve) => {
      const waiter = (e: TransportError): void => {
        clearTimeout(timer);
        resolve(e.code === 'TRANSPORT_CLOSED' ? undefined : e.code);
      };
      const timer = setTimeout(() => {
        this.#lostWaiters.delete(waiter);
        resolve(undefined);
      }, ms);
      this.#lostWaiters.add(waiter);
    });
  }

  #disconnect(disposition: number): Promise<void> {
    return trackNativeCall(
      this.#handle,
      new Promise((resolve, reject) => {
        if (!this.#handle.connected) return resolve();
        this.#handle.disconnect(disposition, (error) =>
          error ? reject(linkError(error, { reader: this.readerName, step: 'disconnect' })) : resolve(),
        );
      }),
    );
  }
}

/** The command whose answer the transport is waiting for. */
interface PendingCommand {
  readonly deadline: number;
  readonly timeoutMs: number;
  settled: boolean;
  readonly reject: (error: TransportError) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

/** Maps a binding error to a TransportError without consulting the reader. */
export function linkError(error: unknown, detail: TransportErrorContext): TransportError {
  const result = pcscResultOf(error);
  const kind = classifyPcscResult(result);
  return new TransportError(kind === 'ambiguous' ? 'CARD_MUTE' : kind, {
    detail: { ...detail, pcsc: formatPcscResult(result) },
    cause: error,
  });
}
