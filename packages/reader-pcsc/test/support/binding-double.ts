import type { PcscReaderMonitor } from '../../src/reader-monitor.js';
import type { PcscLiteReader } from '../../src/pcsclite-types.js';

type Callback = (error: Error | null, value?: unknown) => void;

/** A native transmit the double has received and not answered yet. */
export interface PendingNativeCall {
  readonly command: Uint8Array;
  readonly callback: Callback;
}

/**
 * A stand-in for one `@pokusew/pcsclite` reader whose answers the test controls; it records
 * every transmit so tests can check ordering and that the binding never sees two at once.
 * Given an `answer` function it answers every transmit on the next event-loop turn and keeps
 * no record (benchmarks).
 */
export class ReaderDouble {
  readonly name = 'Double Reader 00 00';
  connected = false;
  state = 0;
  readonly SCARD_SHARE_SHARED = 2;
  readonly SCARD_SHARE_EXCLUSIVE = 1;
  readonly SCARD_PROTOCOL_T0 = 1;
  readonly SCARD_PROTOCOL_T1 = 2;
  readonly SCARD_STATE_EMPTY = 0x10;
  readonly SCARD_STATE_PRESENT = 0x20;
  readonly SCARD_STATE_MUTE = 0x200;
  readonly SCARD_STATE_EXCLUSIVE = 0x80;
  readonly SCARD_STATE_UNAVAILABLE = 0x8;
  readonly SCARD_LEAVE_CARD = 0;
  readonly SCARD_RESET_CARD = 1;
  readonly SCARD_UNPOWER_CARD = 2;
  /** Commands in the order the binding received them. */
  readonly transmitted: Uint8Array[] = [];
  /** Transmits received and not answered, oldest first. */
  readonly inFlight: PendingNativeCall[] = [];
  /** Most transmits ever in flight at once. */
  maxInFlight = 0;
  disconnects: number[] = [];
  /** The next transmit call throws synchronously, as the binding does when it refuses its arguments. */
  refuseNext = false;

  constructor(private readonly answer?: (command: Uint8Array) => Uint8Array) {}

  on(): this {
    return this;
  }
  removeAllListeners(): this {
    return this;
  }
  close(): void {}

  connect(_options: unknown, callback: Callback): void {
    this.connected = true;
    setImmediate(() => callback(null, this.SCARD_PROTOCOL_T1));
  }

  disconnect(disposition: number, callback: Callback): void {
    this.connected = false;
    this.disconnects.push(disposition);
    setImmediate(() => callback(null));
  }

  transmit(data: Buffer, _max: number, _protocol: number, callback: Callback): void {
    if (this.refuseNext) {
      this.refuseNext = false;
      throw new Error('Third argument must be an integer'); // the binding's own argument check
    }
    if (this.answer) {
      // Instant mode (benchmarks): answer on the next turn, keep no log.
      const response = Buffer.from(this.answer(data));
      setImmediate(() => callback(null, response));
      return;
    }
    const command = Uint8Array.from(data); // the binding copies too
    this.transmitted.push(command);
    this.inFlight.push({ command, callback });
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.length);
  }

  /** Answers the oldest transmit with `response` bytes, or fails it with `error`. */
  answerOldest(outcome: Uint8Array | Error): boolean {
    const call = this.inFlight.shift();
    if (!call) return false;
    if (outcome instanceof Error) call.callback(outcome);
    else call.callback(null, Buffer.from(outcome));
    return true;
  }
}

type Listener = (event: { type: string; reader: string }) => void;

/** The slice of PcscReaderMonitor a PcscTransport uses, with events the test fires. */
export class MonitorDouble {
  cardPresent = true;
  insertion = 1;
  readonly #listeners = new Map<string, Set<Listener>>();

  constructor(readonly handle: ReaderDouble) {}

  /** What a driver learned about extended length on this reader (the monitor keeps it per reader). */
  readonly extendedLength = new Map<string, boolean>();
  extendedLengthSupport(name: string): boolean | undefined {
    return this.extendedLength.get(name);
  }
  noteExtendedLengthSupport(name: string, passes: boolean): void {
    this.extendedLength.set(name, passes);
  }

  handleOf(name: string): ReaderDouble | undefined {
    return name === this.handle.name ? this.handle : undefined;
  }

  reader(name: string): { name: string; cardPresent: boolean; insertion: number; atr: Uint8Array } | undefined {
    return name === this.handle.name
      ? { name, cardPresent: this.cardPresent, insertion: this.insertion, atr: new Uint8Array(0) }
      : undefined;
  }

  on(event: string, listener: Listener): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The card leaves the reader: state first, then the event (as the real monitor does). */
  removeCard(): void {
    this.cardPresent = false;
    for (const l of [...(this.#listeners.get('card-removed') ?? [])])
      l({ type: 'card-removed', reader: this.handle.name });
  }

  async close(): Promise<void> {}

  /** Typed as the real monitor for `PcscTransport.connect`. */
  asMonitor(): PcscReaderMonitor {
    return this as unknown as PcscReaderMonitor;
  }

  /** Typed as the binding's reader. */
  static reader(handle: ReaderDouble): PcscLiteReader {
    return handle as unknown as PcscLiteReader;
  }
}
