import { Socket } from 'node:net';
import { TransportError } from '@onshikit/apdu';
import type { SimulatedCard } from '../card/simulated-card.js';
import { VpcdControl, VpcdFrameDecoder, encodeVpcdFrame } from './vpcd-protocol.js';

/** Default TCP port of the first vpcd slot (toolchain.md: reader "Virtual PCD", 0x8C7B). */
export const VPCD_DEFAULT_PORT = 35963;

/** Options for {@link VpcdBridge}. */
export interface VpcdBridgeOptions {
  /** The card to put into the virtual reader. */
  card: SimulatedCard;
  /** vpcd host. Default `127.0.0.1`. */
  host?: string;
  /** vpcd port (one per slot). Default {@link VPCD_DEFAULT_PORT}. */
  port?: number;
  /** Delay between connection attempts while vpcd is not listening. Default 50 ms. */
  reconnectDelayMs?: number;
  /** ATR to report instead of `card.atr` (e.g. a contact ATR an independent client expects). */
  atr?: Uint8Array;
}

/** Where the bridge is: no card in the reader, waiting for vpcd, or card in the reader. */
export type VpcdBridgeState = 'removed' | 'connecting' | 'inserted' | 'stopped';

/** What the bridge has seen; handy for APDU counts in benchmarks and tests. */
export interface VpcdBridgeStats {
  /** Command APDUs answered (or dropped by a pulled card) since the bridge was created. */
  apdus: number;
  /** Control messages by byte value (power off/on, reset, ATR request). */
  controls: Record<number, number>;
  /** Times the card was inserted (a TCP session with vpcd was established). */
  insertions: number;
}

/**
 * Plugs a {@link SimulatedCard} into the `vsmartcard-vpcd` reader driver of a running pcscd,
 * so every PC/SC program on the machine (nfc-pcsc, OpenSC, pcsc_scan) sees a reader with
 * that card in it. Inserting the card = a TCP session with vpcd; removing it = closing the
 * session (vpcd then reports the slot empty). While inserted and vpcd goes away (pcscd
 * restarts), the bridge reconnects by itself.
 *
 * ```ts
 * const bridge = new VpcdBridge({ card, port: 35963 });
 * await bridge.insertCard();     // pcscd now reports a card in "Virtual PCD 00 00"
 * await bridge.removeCard();     // the card leaves the field
 * await bridge.stop();
 * ```
 */
export class VpcdBridge {
  readonly #host: string;
  readonly #port: number;
  readonly #reconnectDelayMs: number;
  #card: SimulatedCard;
  #atr: Uint8Array | undefined;
  #socket: Socket | undefined;
  #state: VpcdBridgeState = 'removed';
  #want: 'inserted' | 'removed' | 'stopped' = 'removed';
  #retryTimer: NodeJS.Timeout | undefined;
  #pullAtApdu: number | undefined;
  #insertedWaiters: Array<() => void> = [];
  #atrWaiters: Array<() => void> = [];
  #sessionAtrRequests = 0;
  #chain: Promise<void> = Promise.resolve();
  readonly #stats: VpcdBridgeStats = { apdus: 0, controls: {}, insertions: 0 };

  constructor(options: VpcdBridgeOptions) {
    this.#card = options.card;
    this.#atr = options.atr;
    this.#host = options.host ?? '127.0.0.1';
    this.#port = options.port ?? VPCD_DEFAULT_PORT;
    this.#reconnectDelayMs = options.reconnectDelayMs ?? 50;
  }

  /** Current state. */
  get state(): VpcdBridgeState {
    return this.#state;
  }

  /** The card currently in (or waiting to go into) the reader. */
  get card(): SimulatedCard {
    return this.#card;
  }

  /** TCP port of the vpcd slot this bridge serves. */
  get port(): number {
    return this.#port;
  }

  /** A snapshot of the counters. */
  get stats(): VpcdBridgeStats {
    return { ...this.#stats, controls: { ...this.#stats.controls } };
  }

  /**
   * Puts the card (or `card`, replacing the current one) into the reader and resolves once
   * vpcd holds the session. Retries while vpcd is not yet listening; `signal` stops waiting.
   */
  insertCard(card?: SimulatedCard, options: { signal?: AbortSignal; atr?: Uint8Array } = {}): Promise<void> {
    if (this.#want === 'stopped') return Promise.reject(new Error('VpcdBridge is stopped'));
    if (card && card !== this.#card) {
      this.#dropSession();
      this.#card = card;
    }
    if (options.atr) this.#atr = options.atr;
    this.#want = 'inserted';
    if (this.#state === 'removed') this.#connect();
    if (this.#state === 'inserted') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#insertedWaiters = this.#insertedWaiters.filter((w) => w !== done);
        reject(options.signal?.reason ?? new Error('aborted'));
      };
      const done = (): void => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#insertedWaiters.push(done);
    });
  }

  /**
   * Resolves once the reader driver has asked the inserted card for its ATR, i.e. pcscd
   * has noticed the card and PC/SC clients now see it present.
   */
  whenCardSeen(signal?: AbortSignal): Promise<void> {
    if (this.#state === 'inserted' && this.#sessionAtrRequests > 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#atrWaiters = this.#atrWaiters.filter((w) => w !== done);
        reject(signal?.reason ?? new Error('aborted'));
      };
      const done = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#atrWaiters.push(done);
    });
  }

  /** Takes the card out of the reader (the card loses power). Resolves when the session is closed. */
  async removeCard(): Promise<void> {
    if (this.#want !== 'stopped') this.#want = 'removed';
    this.#dropSession();
  }

  /**
   * Fault injection: the card leaves the field while the `index`-th command APDU from now
   * (0 = the next one) is being processed; vpcd sees the session drop instead of an answer.
   * The bridge then stays removed until {@link insertCard} is called.
   */
  pullCardAtApdu(index: number): void {
    if (!Number.isInteger(index) || index < 0) throw new RangeError('index must be a non-negative integer');
    this.#pullAtApdu = index;
  }

  /** Cancels a pending {@link pullCardAtApdu}. */
  cancelPull(): void {
    this.#pullAtApdu = undefined;
  }

  /** Removes the card and stops for good. Idempotent. */
  async stop(): Promise<void> {
    this.#want = 'stopped';
    this.#dropSession();
    this.#state = 'stopped';
    // Let a command in progress finish writing into the (closed) session, but do not wait
    // for a card that never answers.
    await Promise.race([this.#chain, new Promise((resolve) => setTimeout(resolve, 100).unref())]);
  }

  /** `await using bridge = new VpcdBridge(…)` stops it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #connect(): void {
    this.#state = 'connecting';
    const socket = new Socket();
    this.#socket = socket;
    socket.setNoDelay(true);
    const decoder = new VpcdFrameDecoder();
    // One chain per session: a card that never answers must not block the next session.
    let chain: Promise<void> = Promise.resolve();
    let established = false;
    socket.on('connect', () => {
      if (this.#socket !== socket) return;
      established = true;
      this.#sessionAtrRequests = 0;
      this.#state = 'inserted';
      this.#stats.insertions++;
      const waiters = this.#insertedWaiters;
      this.#insertedWaiters = [];
      for (const w of waiters) w();
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.#socket !== socket) return;
      const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const message of decoder.push(view)) {
        // vpcd is strictly request/response; keep the order even when the card is async.
        chain = chain.then(() => this.#handle(socket, message));
        this.#chain = chain;
      }
    });
    socket.on('error', () => {
      /* handled by 'close' */
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = undefined;
      if (established) this.#card.powerOff();
      if (this.#want === 'inserted') {
        // vpcd went away (pcscd stopped or not yet started): keep trying.
        this.#state = 'connecting';
        this.#retryTimer = setTimeout(
          () => {
            this.#retryTimer = undefined;
            if (this.#want === 'inserted' && !this.#socket) this.#connect();
          },
          established ? 0 : this.#reconnectDelayMs,
        );
        this.#retryTimer.unref?.();
      } else {
        this.#state = this.#want === 'stopped' ? 'stopped' : 'removed';
      }
    });
    socket.connect(this.#port, this.#host);
  }

  #dropSession(): void {
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = undefined;
    }
    const socket = this.#socket;
    if (socket) {
      this.#socket = undefined;
      const wasInserted = this.#state === 'inserted';
      socket.destroy();
      if (wasInserted) this.#card.powerOff();
    }
    this.#state = this.#want === 'stopped' ? 'stopped' : 'removed';
  }

  async #handle(socket: Socket, message: ReturnType<VpcdFrameDecoder['push']>[number]): Promise<void> {
    if (this.#socket !== socket) return;
    if (message.kind === 'control') {
      const c = message.control;
      this.#stats.controls[c] = (this.#stats.controls[c] ?? 0) + 1;
      if (c === VpcdControl.powerOff) this.#card.powerOff();
      else if (c === VpcdControl.powerOn || c === VpcdControl.reset) this.#card.powerOn();
      else if (c === VpcdControl.atrRequest) {
        socket.write(encodeVpcdFrame(this.#atr ?? this.#card.atr));
        this.#sessionAtrRequests++;
        const waiters = this.#atrWaiters;
        this.#atrWaiters = [];
        for (const w of waiters) w();
      }
      return;
    }
    this.#stats.apdus++;
    if (this.#pullAtApdu !== undefined) {
      if (this.#pullAtApdu === 0) {
        this.#pullAtApdu = undefined;
        this.#want = 'removed';
        this.#dropSession();
        return;
      }
      this.#pullAtApdu--;
    }
    let response: Uint8Array;
    try {
      response = await this.#card.process(message.apdu);
    } catch (error) {
      if (error instanceof TransportError && error.code === 'CARD_REMOVED') {
        // The card itself simulated leaving the field mid-command.
        if (this.#socket === socket) {
          this.#want = 'removed';
          this.#dropSession();
        }
        return;
      }
      response = Uint8Array.of(0x6f, 0x00); // the card's "no precise diagnosis"
    }
    if (this.#socket === socket) socket.write(encodeVpcdFrame(response));
  }
}
