/** Options for one exchange with the card. */
export interface TransmitOptions {
  /** Abort the exchange; the transport rejects with `TransportError('ABORTED')`. */
  signal?: AbortSignal | undefined;
  /** Give up after this many milliseconds with `TransportError('TIMEOUT')`. */
  timeoutMs?: number | undefined;
}

/**
 * What every reader gives the driver: raw command bytes in, raw response bytes (data + SW1 SW2)
 * out. PC/SC, BLE, phone NFC and the simulator all implement it, so the driver and workflow
 * cannot tell them apart.
 *
 * Implementations reject with {@link TransportError} for link failures (card removed, reader
 * gone, timeout, abort) and resolve with the card's bytes for every status word, good or bad.
 *
 * A transport is `AsyncDisposable`: `await using transport = await waitForCard()` closes it when
 * the block ends, thrown or not. (Node 20+ and current browsers define `Symbol.asyncDispose`;
 * on a runtime without it, such as React Native's Hermes, install a polyfill first or call `close()`.)
 */
export interface Transport extends AsyncDisposable {
  /** Sends one command APDU and resolves with the response APDU bytes. */
  transmit(command: Uint8Array, options?: TransmitOptions): Promise<Uint8Array>;
  /** Releases the reader/card. Idempotent. */
  close(): Promise<void>;
  /** The same as {@link Transport.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
  /** Largest command APDU the link carries, in bytes (default: 261, a short APDU). */
  readonly maxCommandLength?: number | undefined;
  /** Largest response APDU the link carries, including SW (default: 258). */
  readonly maxResponseLength?: number | undefined;
  /** True when extended-length APDUs pass end to end (reader and card). */
  readonly supportsExtendedLength?: boolean | undefined;
  /**
   * Power-cycles or resets the card so that PIN security status is cleared
   * (docs/reference/card-protocol.md#reset-behaviour: only a real power-down clears it). Optional.
   */
  reset?(options?: TransmitOptions): Promise<void>;
}
