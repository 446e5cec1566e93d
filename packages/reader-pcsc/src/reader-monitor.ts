import { TransportError } from '@onshikit/apdu';
import { EventQueue } from '@onshikit/apdu/events';
import { joinNativeHub, leaveNativeHub, type HubSubscriber, type NativeHub } from './native-hub.js';
import { assertPcscAvailable } from './pcsc-service.js';
import type { PcscLiteReader } from './pcsclite-types.js';
import type { ReaderEvent, ReaderEventMap, ReaderEventType } from './reader-events.js';

/** What the monitor knows about one reader. */
export interface ReaderInfo {
  /** PC/SC reader name, e.g. `SONY FeliCa Port/PaSoRi 4.0 0` (docs/reference/card-protocol.md#pitfalls item 13). */
  readonly name: string;
  /** True while a card is in the reader. */
  readonly cardPresent: boolean;
  /** ATR of the present card. */
  readonly atr: Uint8Array | undefined;
  /** Some connection (this process or another application) holds the card exclusively. */
  readonly heldExclusively: boolean;
  /** The card does not answer to reset (SCARD_STATE_MUTE). */
  readonly mute: boolean;
  /** Increments on every card insertion (tells one insertion from the next). */
  readonly insertion: number;
}

interface ReaderEntry {
  handle: PcscLiteReader;
  info: ReaderInfo;
  /** Whether extended-length APDUs passed this reader, once a driver found out (see `PcscTransport`). */
  extendedLength?: boolean;
}

/** A listener of one reader event type. */
export type ReaderEventListener<K extends ReaderEventType> = (event: ReaderEventMap[K]) => void;
/** A listener of the monitor's errors (PC/SC gone, reader failures). */
export type ReaderErrorListener = (error: TransportError) => void;

/** Options for {@link PcscReaderMonitor.open}. */
export interface ReaderMonitorOptions {
  /** Stop waiting for the PC/SC service check. */
  signal?: AbortSignal;
}

/**
 * Watches every PC/SC reader: hot-plug (`reader-attached`, `reader-detached`) and cards
 * (`card-present`, `card-removed`), as typed listeners (`on`) and as an async iterator
 * (`for await (const event of monitor)`). All monitors of a process share one PC/SC context; close each one (or
 * `await using`) when done.
 *
 * ```ts
 * await using monitor = await PcscReaderMonitor.open();
 * monitor.on('card-present', (e) => console.log(e.reader));
 * ```
 */
export class PcscReaderMonitor implements AsyncIterable<ReaderEvent> {
  #hub: NativeHub | undefined;
  readonly #subscriber: HubSubscriber = {
    attach: (handle) => this.#attach(handle),
    status: (handle, state, atr) => {
      const entry = this.#readers.get(handle.name);
      if (entry && entry.handle === handle) this.#status(entry, state, atr);
    },
    detach: (name) => this.#detach(name),
    fail: (error) => this.#fail(error),
  };
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #listeners = new Map<string, Set<(event: never) => void>>();
  readonly #errorListeners = new Set<ReaderErrorListener>();
  readonly #queues = new Set<EventQueue<ReaderEvent>>();
  #closed = false;
  #closing: Promise<void> | undefined;
  #failure: TransportError | undefined;

  private constructor() {}

  /**
   * Opens a monitor. Rejects with `PCSC_UNAVAILABLE` (its messages say what to install or
   * start) when pcscd / the Smart Card service is missing: checked before the binding is
   * touched, because the binding would otherwise spin forever. All monitors of a process
   * share one PC/SC context.
   */
  static async open(options: ReaderMonitorOptions = {}): Promise<PcscReaderMonitor> {
    await assertPcscAvailable();
    if (options.signal?.aborted) throw new TransportError('ABORTED', { cause: options.signal.reason });
    const monitor = new PcscReaderMonitor();
    monitor.#hub = await joinNativeHub(monitor.#subscriber);
    return monitor;
  }

  /** Readers currently attached. */
  get readers(): ReaderInfo[] {
    return [...this.#readers.values()].map((entry) => entry.info);
  }

  /** The error that ended this monitor (PC/SC service gone), if any. */
  get failure(): TransportError | undefined {
    return this.#failure;
  }

  /** True once closed or failed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Info about one reader, or undefined when it is not attached. */
  reader(name: string): ReaderInfo | undefined {
    return this.#readers.get(name)?.info;
  }

  /**
   * Whether extended-length APDUs pass through reader `name`, as learned on this monitor (a
   * driver's first extended READ through it, see `PcscTransport.learnExtendedLength`);
   * `undefined` until then. Forgotten when the reader is detached or the monitor closed.
   */
  extendedLengthSupport(name: string): boolean | undefined {
    return this.#readers.get(name)?.extendedLength;
  }

  /** @internal Records what a transport on reader `name` learned. */
  noteExtendedLengthSupport(name: string, passes: boolean): void {
    const entry = this.#readers.get(name);
    if (entry) entry.extendedLength = passes;
  }

  /** @internal The binding's reader, for {@link PcscTransport}. */
  handleOf(name: string): PcscLiteReader | undefined {
    return this.#readers.get(name)?.handle;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends ReaderEventType>(type: K, listener: ReaderEventListener<K>): () => void;
  /** Adds a listener for the monitor's end (PC/SC service stopped). */
  on(type: 'error', listener: ReaderErrorListener): () => void;
  on(type: string, listener: (event: never) => void): () => void {
    if (type === 'error') {
      this.#errorListeners.add(listener as ReaderErrorListener);
      return () => this.#errorListeners.delete(listener as ReaderErrorListener);
    }
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * The events from now on as an async iterator. Ends when the monitor closes, rejects with
   * the monitor's failure (`READER_GONE` when the PC/SC service stops) or with `ABORTED`.
   * With `replay: true` it first yields `reader-attached`/`card-present` for the current state.
   */
  events(options: { signal?: AbortSignal; replay?: boolean } = {}): AsyncIterableIterator<ReaderEvent> {
    const queue: EventQueue<ReaderEvent> = new EventQueue(() => this.#queues.delete(queue), options.signal);
    if (options.replay) {
      for (const { info } of this.#readers.values()) {
        queue.push({ type: 'reader-attached', reader: info.name });
        if (info.cardPresent && info.atr) queue.push({ type: 'card-present', reader: info.name, atr: info.atr });
      }
    }
    if (this.#failure) queue.fail(this.#failure);
    else if (this.#closed) queue.end();
    else if (!queue.ended) this.#queues.add(queue);
    return queue;
  }

  /** `for await (const event of monitor)`: the same as `events({ replay: true })`. */
  [Symbol.asyncIterator](): AsyncIterator<ReaderEvent> {
    return this.events({ replay: true });
  }

  /**
   * Releases the PC/SC context; iterators end. Waits (up to 10 s per reader) for native calls
   * still running on a reader before closing it, because the binding's close would block the
   * event loop otherwise. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    for (const queue of [...this.#queues]) queue.end();
    this.#closing = this.#release();
    return this.#closing;
  }

  async #release(): Promise<void> {
    if (this.#hub) await leaveNativeHub(this.#hub, this.#subscriber);
  }

  /** `await using monitor = await PcscReaderMonitor.open()`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #emit(event: ReaderEvent): void {
    for (const listener of this.#listeners.get(event.type) ?? []) {
      try {
        (listener as (e: ReaderEvent) => void)(event);
      } catch {
        /* a listener's bug must not stop the monitor */
      }
    }
    for (const queue of this.#queues) queue.push(event);
  }

  #fail(error: Error): void {
    if (this.#closed) return;
    const failure = new TransportError('READER_GONE', { cause: error, detail: { reason: 'PC/SC service stopped' } });
    this.#failure = failure;
    for (const name of [...this.#readers.keys()]) this.#detach(name);
    this.#closed = true;
    this.#closing = this.#release();
    for (const listener of this.#errorListeners) listener(failure);
    for (const queue of [...this.#queues]) queue.fail(failure);
  }

  #attach(handle: PcscLiteReader): void {
    if (this.#closed) return;
    const name = handle.name;
    this.#readers.set(name, {
      handle,
      info: { name, cardPresent: false, atr: undefined, heldExclusively: false, mute: false, insertion: 0 },
    });
    this.#emit({ type: 'reader-attached', reader: name });
  }

  #detach(name: string): void {
    const entry = this.#readers.get(name);
    if (!entry) return;
    this.#readers.delete(name);
    // Reader first: a transport on it then reports READER_GONE rather than CARD_REMOVED.
    this.#emit({ type: 'reader-detached', reader: name });
    if (entry.info.cardPresent) this.#emit({ type: 'card-removed', reader: name });
  }

  #status(entry: ReaderEntry, state: number, atr: Buffer | undefined): void {
    const h = entry.handle;
    const present = (state & h.SCARD_STATE_PRESENT) !== 0 && (state & h.SCARD_STATE_EMPTY) === 0;
    const before = entry.info;
    const atrBytes = atr && atr.length > 0 ? new Uint8Array(atr.buffer, atr.byteOffset, atr.byteLength) : undefined;
    const next: ReaderInfo = {
      name: before.name,
      cardPresent: present,
      atr: present ? (atrBytes ?? before.atr) : undefined,
      heldExclusively: present && (state & h.SCARD_STATE_EXCLUSIVE) !== 0,
      mute: present && (state & h.SCARD_STATE_MUTE) !== 0,
      insertion: present && !before.cardPresent ? before.insertion + 1 : before.insertion,
    };
    entry.info = next;
    if (present && !before.cardPresent)
      this.#emit({ type: 'card-present', reader: next.name, atr: next.atr ?? new Uint8Array(0) });
    else if (!present && before.cardPresent) this.#emit({ type: 'card-removed', reader: next.name });
  }
}
