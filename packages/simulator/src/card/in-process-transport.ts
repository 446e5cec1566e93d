import { throwIfAborted, TransportError, type TransmitOptions, type Transport } from '@onshikit/apdu';
import type { AirTimeMeter } from './air-time.js';
import type { SimulatedCard } from './simulated-card.js';

/** Options of {@link createInProcessTransport}. */
export interface InProcessTransportOptions {
  /**
   * Whether the "reader" carries extended-length APDUs (default `true`). When `false`, an
   * extended command or a command longer than `maxCommandLength` never reaches the card and
   * the reader answers `6700`, as PC/SC readers without extended support do.
   */
  supportsExtendedLength?: boolean;
  /** Largest command APDU (default 65544 with extended length, else 261). */
  maxCommandLength?: number;
  /** Largest response APDU incl. SW (default 65538 with extended length, else 258). */
  maxResponseLength?: number;
  /**
   * Adds every exchange to this meter: the modelled time the same APDUs would take at a real
   * contactless reader (see `AirTimeModel`). Nothing sleeps; benchmarks read the meter.
   */
  airTime?: AirTimeMeter;
}

/** Extended form: a fifth byte of `00` followed by more bytes (ISO 7816-3 §12.1.3). */
function isExtended(command: Uint8Array): boolean {
  return command.length > 5 && command[4] === 0x00;
}

/**
 * A {@link Transport} over a {@link SimulatedCard} in the same process: what driver tests, the
 * workflow and the README examples use. `reset()` power-cycles the card (clears PIN status);
 * `close()` powers it off and makes further `transmit` calls reject with `TRANSPORT_CLOSED`.
 */
export class VirtualCardTransport implements Transport {
  /** Whether extended-length APDUs pass (see {@link InProcessTransportOptions.supportsExtendedLength}). */
  readonly supportsExtendedLength: boolean;
  /** Largest command APDU the simulated reader carries. */
  readonly maxCommandLength: number;
  /** Largest response APDU (incl. SW) the simulated reader carries; longer is `PROTOCOL_ERROR`. */
  readonly maxResponseLength: number;
  /** Number of APDUs transmitted so far (for APDU-count assertions). */
  transmitCount = 0;
  /** The air-time meter given at construction, if any. */
  readonly airTime: AirTimeMeter | undefined;
  private closed = false;
  /** Exchanges run one at a time, as a reader serialises them. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The card in the simulated reader. */
    readonly card: SimulatedCard,
    options: InProcessTransportOptions = {},
  ) {
    this.supportsExtendedLength = options.supportsExtendedLength ?? true;
    this.maxCommandLength = options.maxCommandLength ?? (this.supportsExtendedLength ? 65544 : 261);
    this.maxResponseLength = options.maxResponseLength ?? (this.supportsExtendedLength ? 65538 : 258);
    this.airTime = options.airTime;
  }

  /** Sends one APDU to the card; rejects with {@link TransportError} for link failures only. */
  transmit(command: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    const result = this.queue.then(() => this.exchange(command, options));
    // biome-ignore lint/plugin/no-swallowed-rejection: the queue only orders exchanges; the caller gets the rejection through `result`
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async exchange(command: Uint8Array, options: TransmitOptions): Promise<Uint8Array> {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED');
    throwIfAborted(options.signal);
    this.transmitCount += 1;
    if (command.length > this.maxCommandLength || (!this.supportsExtendedLength && isExtended(command))) {
      return Uint8Array.of(0x67, 0x00);
    }
    const exchange = this.card.process(command.slice());
    const response = await this.race(exchange, options);
    if (response.length > this.maxResponseLength) {
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { responseLength: response.length, maximum: this.maxResponseLength },
      });
    }
    this.airTime?.add(command, response);
    return response;
  }

  private race(exchange: Promise<Uint8Array>, options: TransmitOptions): Promise<Uint8Array> {
    const { signal, timeoutMs } = options;
    if (!signal && timeoutMs === undefined) return exchange;
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => finish(() => reject(new TransportError('ABORTED', { cause: signal?.reason })));
      const finish = (action: () => void): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        action();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined)
        timer = setTimeout(
          () => finish(() => reject(new TransportError('TIMEOUT', { detail: { timeoutMs } }))),
          timeoutMs,
        );
      exchange.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** Power-cycles the card: the security status is cleared (docs/reference/card-protocol.md#reset-behaviour). */
  async reset(options: TransmitOptions = {}): Promise<void> {
    if (this.closed) throw new TransportError('TRANSPORT_CLOSED');
    throwIfAborted(options.signal);
    this.card.powerOff();
    this.card.powerOn();
  }

  /** Powers the card off and closes the transport. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.card.powerOff();
  }

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Creates a {@link VirtualCardTransport}: the card is powered on now. */
export function createInProcessTransport(
  card: SimulatedCard,
  options: InProcessTransportOptions = {},
): VirtualCardTransport {
  card.powerOn();
  return new VirtualCardTransport(card, options);
}
