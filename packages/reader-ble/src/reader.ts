import { TransportError, throwIfAborted, type TransmitOptions, type Transport } from '@onshikit/apdu';
import { waitOptions, withDeadline, type WaitOptions } from './deadline.js';
import { TypedEmitter } from '@onshikit/apdu/events';
import type { GattPipe } from './gatt-pipe.js';
import type { ReaderProfile, ReaderSession } from './profile.js';

/** Events a {@link BleReader} emits (also available as an async iterator). */
export type BleReaderEvent =
  | { readonly type: 'card-inserted' }
  | { readonly type: 'card-removed' }
  | { readonly type: 'battery'; readonly level: number }
  | { readonly type: 'frame-rejected'; readonly error: TransportError }
  | { readonly type: 'disconnected'; readonly reason: string };

/** Options for {@link connectBleReader}. */
export interface ConnectBleReaderOptions {
  /** A connected GATT pipe (noble, Web Bluetooth, React Native, or the simulator). */
  pipe: GattPipe;
  /** The reader model, e.g. `acr1255uj1Profile()`. */
  profile: ReaderProfile;
  /** Abort connecting/authenticating. */
  signal?: AbortSignal;
  /** Budget for authentication and setup. Default 15 000 ms. */
  timeoutMs?: number;
  /** Default timeout of each command exchange. Default 10 000 ms (a signature can take seconds, docs/reference/card-protocol.md#pitfalls item 11). */
  commandTimeoutMs?: number;
}

/** Options of {@link BleReader.waitForCard}. */
export interface BleWaitForCardOptions extends WaitOptions {}

/**
 * An authenticated BLE reader. Emits card and link events, and gives a {@link Transport} per
 * card with {@link BleReader.waitForCard}, like `@onshikit/reader-pcsc`.
 */
export class BleReader {
  /** The reader model's name. */
  readonly name: string;
  readonly #emitter: TypedEmitter<BleReaderEvent>;
  readonly #session: ReaderSession;
  readonly #state: ReaderState;
  #card: BleCardTransport | undefined;

  /** @internal Use {@link connectBleReader}. */
  constructor(name: string, session: ReaderSession, emitter: TypedEmitter<BleReaderEvent>, state: ReaderState) {
    this.name = name;
    this.#session = session;
    this.#emitter = emitter;
    this.#state = state;
    emitter.on('card-removed', () => {
      this.#card?.markRemoved();
      this.#card = undefined;
    });
    emitter.on('disconnected', () => {
      this.#card?.markGone();
      this.#card = undefined;
    });
  }

  /** True while a card is in the field (as last reported by the reader). */
  get cardPresent(): boolean {
    return this.#state.cardPresent;
  }

  /** The reader's firmware version string, when it reported one at connect. */
  get firmwareVersion(): string | undefined {
    return this.#session.firmwareVersion;
  }

  /** Last battery level in percent, when the reader reports one. */
  get batteryLevel(): number | undefined {
    return this.#state.battery;
  }

  /** False after the link dropped or {@link BleReader.close}. */
  get connected(): boolean {
    return !this.#state.gone;
  }

  /** Adds an event listener (`'*'` for all events); returns a function that removes it. */
  on<T extends BleReaderEvent['type'] | '*'>(
    type: T,
    listener: (event: T extends '*' ? BleReaderEvent : Extract<BleReaderEvent, { type: T }>) => void,
  ): () => void {
    return this.#emitter.on(type, listener);
  }

  /**
   * Future events as an async iterator; ends after `disconnected`, and rejects with
   * `TransportError('ABORTED')` when `signal` aborts (at once if it already has).
   */
  events(signal?: AbortSignal): AsyncIterableIterator<BleReaderEvent> {
    return this.#emitter.iterate(signal);
  }

  /**
   * Waits until a card is in the field, powers it on and returns a {@link Transport} for it.
   * Rejects with `TIMEOUT`/`ABORTED` per `options`, `READER_GONE` when the link drops.
   */
  async waitForCard(options: BleWaitForCardOptions = {}): Promise<BleCardTransport> {
    this.#throwIfGone();
    throwIfAborted(options.signal);
    const started = Date.now();
    if (!this.#state.cardPresent) {
      let stop: (() => void)[] = [];
      const arrived = new Promise<void>((resolve, reject) => {
        stop = [
          this.#emitter.on('card-inserted', () => resolve()),
          this.#emitter.on('disconnected', (e) =>
            reject(new TransportError('READER_GONE', { detail: { reason: e.reason } })),
          ),
        ];
      });
      try {
        await withDeadline(arrived, options);
      } finally {
        for (const s of stop) s();
      }
    }
    const remaining =
      options.timeoutMs === undefined ? undefined : Math.max(0, options.timeoutMs - (Date.now() - started));
    const atr = await this.#session.powerOn({
      ...(options.signal ? { signal: options.signal } : {}),
      ...(remaining === undefined ? {} : { timeoutMs: remaining }),
    });
    this.#card?.markRemoved();
    this.#card = new BleCardTransport(this.#session, atr);
    return this.#card;
  }

  /** Sends a reader escape command (model specific), when the profile supports it. */
  async escape(command: Uint8Array, options?: WaitOptions): Promise<Uint8Array> {
    this.#throwIfGone();
    if (!this.#session.escape) throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'escape-unsupported' } });
    return this.#session.escape(command, options);
  }

  /** Sets the idle time before the reader sleeps (ACR1255U-J1: 60, 90, 120 or 180 s; 0 = never). Sleep ends the link. */
  async setSleepTimeout(seconds: number, options?: WaitOptions): Promise<void> {
    this.#throwIfGone();
    if (!this.#session.setSleepTimeout)
      throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'sleep-unsupported' } });
    await this.#session.setSleepTimeout(seconds, options);
  }

  /** Reads the battery level now (percent), when the reader exposes it. */
  async readBattery(options?: WaitOptions): Promise<number | undefined> {
    this.#throwIfGone();
    const level = await this.#session.readBattery?.(options);
    if (level !== undefined) this.#state.battery = level;
    return level;
  }

  /** Powers the card off (best effort) and ends the link. Idempotent. */
  async close(): Promise<void> {
    if (this.#state.gone) return;
    // biome-ignore lint/plugin/no-swallowed-rejection: powering the card off is best effort; the session closes next in any case
    if (this.#card) await this.#card.close().catch(() => undefined);
    await this.#session.close();
  }

  #throwIfGone(): void {
    if (this.#state.gone)
      throw new TransportError(this.#state.goneReason === 'closed' ? 'TRANSPORT_CLOSED' : 'READER_GONE', {
        detail: { reason: this.#state.goneReason },
      });
  }
}

interface ReaderState {
  cardPresent: boolean;
  battery: number | undefined;
  gone: boolean;
  goneReason: string | undefined;
}

/** The {@link Transport} for one card on a BLE reader. */
export class BleCardTransport implements Transport {
  /** ATR the reader reported when powering the card. */
  readonly atr: Uint8Array;
  readonly maxCommandLength: number;
  readonly maxResponseLength: number;
  readonly supportsExtendedLength: boolean;
  readonly #session: ReaderSession;
  #state: 'open' | 'removed' | 'gone' | 'closed' = 'open';

  /** @internal Created by {@link BleReader.waitForCard}. */
  constructor(session: ReaderSession, atr: Uint8Array) {
    this.#session = session;
    this.atr = atr;
    this.maxCommandLength = session.maxCommandLength;
    this.maxResponseLength = session.maxResponseLength;
    this.supportsExtendedLength = session.supportsExtendedLength;
  }

  /** @internal */
  markRemoved(): void {
    if (this.#state === 'open') this.#state = 'removed';
  }

  /** @internal */
  markGone(): void {
    if (this.#state === 'open' || this.#state === 'removed') this.#state = 'gone';
  }

  async transmit(command: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    this.#check();
    throwIfAborted(options.signal);
    return this.#session.transmit(command, waitOptions(options, undefined));
  }

  /** Power-cycles the card so that PIN security status is cleared (docs/reference/card-protocol.md#reset-behaviour). */
  async reset(options: TransmitOptions = {}): Promise<void> {
    this.#check();
    await this.#session.powerOff(waitOptions(options, undefined));
    await this.#session.powerOn(waitOptions(options, undefined));
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    const wasOpen = this.#state === 'open';
    this.#state = 'closed';
    // biome-ignore lint/plugin/no-swallowed-rejection: power-off at close is best effort; the card state is reset by the next power-on
    if (wasOpen) await this.#session.powerOff().catch(() => undefined);
  }

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #check(): void {
    if (this.#state === 'closed') throw new TransportError('TRANSPORT_CLOSED');
    if (this.#state === 'removed') throw new TransportError('CARD_REMOVED');
    if (this.#state === 'gone') throw new TransportError('READER_GONE');
  }
}

/**
 * Authenticates with a BLE reader over `pipe` using `profile` and returns a {@link BleReader}.
 * Wrong master key → `BLE_AUTH_FAILED`; link loss → `READER_GONE`; `signal`/`timeoutMs` bound
 * the whole setup.
 */
export async function connectBleReader(options: ConnectBleReaderOptions): Promise<BleReader> {
  throwIfAborted(options.signal);
  const emitter = new TypedEmitter<BleReaderEvent>();
  const state: ReaderState = { cardPresent: false, battery: undefined, gone: false, goneReason: undefined };
  const hooks = {
    cardPresence(present: boolean): void {
      if (present === state.cardPresent) return;
      state.cardPresent = present;
      emitter.emit({ type: present ? 'card-inserted' : 'card-removed' });
    },
    battery(level: number): void {
      state.battery = level;
      emitter.emit({ type: 'battery', level });
    },
    frameRejected(error: TransportError): void {
      emitter.emit({ type: 'frame-rejected', error });
    },
    linkLost(reason: string): void {
      if (state.gone) return;
      state.gone = true;
      state.goneReason = reason;
      if (state.cardPresent) {
        state.cardPresent = false;
      }
      emitter.emit({ type: 'disconnected', reason });
      emitter.end();
    },
  };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
  const opening = options.profile.open(options.pipe, hooks, {
    ...(options.signal ? { signal: options.signal } : {}),
    timeoutMs,
    commandTimeoutMs,
  });
  const session = await withDeadline(
    opening,
    { ...(options.signal ? { signal: options.signal } : {}), timeoutMs },
    () => {
      // biome-ignore lint/plugin/no-swallowed-rejection: a session that opens after the caller gave up is closed; its failure to open was already reported
      opening.then(
        (s) => s.close(),
        () => undefined,
      );
    },
  );
  return new BleReader(options.profile.name, session, emitter, state);
}
