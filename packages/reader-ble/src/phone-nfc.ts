import { TransportError, throwIfAborted, type TransmitOptions, type Transport } from '@onshikit/apdu';
import { withDeadline } from './deadline.js';

// Transports for phones and tablets that read the card with their own NFC, through
// react-native-nfc-manager (or anything with the same shape). No dependency: the app passes
// the handler in.

/** react-native-nfc-manager's `NfcManager.isoDepHandler` (Android IsoDep; iOS too in v3.14+). */
export interface IsoDepHandlerLike {
  transceive(bytes: number[]): Promise<number[]>;
}

/** react-native-nfc-manager's `NfcManager.sendCommandAPDUIOS` (iOS ISO 7816 tag). */
export type SendCommandApduIos = (bytes: number[]) => Promise<{ response: number[]; sw1: number; sw2: number }>;

/** Options shared by the phone NFC transports. */
export interface PhoneNfcTransportOptions {
  /** Called by `close()`, e.g. `() => NfcManager.cancelTechnologyRequest()`. */
  release?: () => Promise<unknown>;
  /** Default per-command timeout in ms (checked on the JS side). Default 10 000. */
  timeoutMs?: number;
  /** Android `IsoDep.getMaxTransceiveLength()` (from `NfcManager.getMaxTransceiveLength()`); default 261. */
  maxTransceiveLength?: number;
  /** Android `IsoDep.isExtendedLengthApduSupported()`. Default false. */
  extendedLength?: boolean;
}

/** Maps a native NFC error (string or Error) to a `TransportError`. */
export function mapNativeNfcError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const text =
    typeof error === 'string'
      ? error
      : `${(error as { name?: string })?.name ?? ''} ${(error as { message?: string })?.message ?? ''}`;
  if (/tag.*(lost|not connected)|TagLost|out of date|connection lost/i.test(text))
    return new TransportError('CARD_REMOVED', { cause: error });
  if (/cancel/i.test(text)) return new TransportError('ABORTED', { cause: error });
  if (/time ?out|timed out/i.test(text)) return new TransportError('TIMEOUT', { cause: error });
  if (/not (supported|enabled)|disabled|unavailable/i.test(text))
    return new TransportError('NFC_UNAVAILABLE', { cause: error });
  return new TransportError('TRANSPORT_FAILED', { cause: error });
}

abstract class PhoneNfcTransport implements Transport {
  readonly maxCommandLength: number;
  readonly maxResponseLength: number;
  readonly supportsExtendedLength: boolean;
  readonly #options: PhoneNfcTransportOptions;
  #closed = false;
  #busy = false;

  constructor(options: PhoneNfcTransportOptions, extended: boolean) {
    this.#options = options;
    this.supportsExtendedLength = extended;
    this.maxCommandLength = options.maxTransceiveLength ?? (extended ? 65544 : 261);
    this.maxResponseLength = extended ? 65538 : 258;
  }

  protected abstract exchange(command: number[]): Promise<number[]>;

  async transmit(command: Uint8Array, options: TransmitOptions = {}): Promise<Uint8Array> {
    if (this.#closed) throw new TransportError('TRANSPORT_CLOSED');
    throwIfAborted(options.signal);
    if (this.#busy) throw new TransportError('TRANSPORT_BUSY');
    this.#busy = true;
    try {
      const reply = await withDeadline(
        this.exchange(Array.from(command)).catch((e: unknown) => Promise.reject(mapNativeNfcError(e))),
        {
          ...(options.signal ? { signal: options.signal } : {}),
          timeoutMs: options.timeoutMs ?? this.#options.timeoutMs ?? 10_000,
        },
      );
      if (!Array.isArray(reply) || reply.length < 2)
        throw new TransportError('PROTOCOL_ERROR', {
          detail: { responseLength: Array.isArray(reply) ? reply.length : -1 },
        });
      return Uint8Array.from(reply);
    } finally {
      this.#busy = false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // biome-ignore lint/plugin/no-swallowed-rejection: releasing the NFC session at close; the app cannot act on a failure
    await this.#options.release?.().catch(() => undefined);
  }

  /** Closes it (the same as `close()`), for `await using`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

class IsoDepTransport extends PhoneNfcTransport {
  readonly #handler: IsoDepHandlerLike;
  constructor(handler: IsoDepHandlerLike, options: PhoneNfcTransportOptions) {
    super(options, options.extendedLength ?? false);
    this.#handler = handler;
  }
  protected exchange(command: number[]): Promise<number[]> {
    return this.#handler.transceive(command);
  }
}

class Iso7816Transport extends PhoneNfcTransport {
  readonly #send: SendCommandApduIos;
  constructor(send: SendCommandApduIos, options: PhoneNfcTransportOptions) {
    super(options, options.extendedLength ?? false);
    this.#send = send;
  }
  protected async exchange(command: number[]): Promise<number[]> {
    const { response, sw1, sw2 } = await this.#send(command);
    return [...(response ?? []), sw1, sw2];
  }
}

/**
 * A {@link Transport} over react-native-nfc-manager's IsoDep handler (Android; iOS as well in
 * recent versions). Call after `NfcManager.requestTechnology(NfcTech.IsoDep)`; on Android raise
 * the timeout first (`NfcManager.setTimeout(5000)`, docs/reference/card-protocol.md#pitfalls item 11).
 */
export function isoDepTransport(handler: IsoDepHandlerLike, options: PhoneNfcTransportOptions = {}): Transport {
  return new IsoDepTransport(handler, options);
}

/**
 * A {@link Transport} over react-native-nfc-manager's iOS ISO 7816 API
 * (`NfcManager.sendCommandAPDUIOS`). The app's Info.plist must list every AID it selects
 * (see the README; docs/reference/card-protocol.md#applications iOS note, pitfall 15).
 */
export function iso7816Transport(send: SendCommandApduIos, options: PhoneNfcTransportOptions = {}): Transport {
  return new Iso7816Transport(send, options);
}

/** The AIDs a My Number Card app lists in `com.apple.developer.nfc.readersession.iso7816.select-identifiers` (docs/reference/card-protocol.md#applications). */
export const MY_NUMBER_CARD_IOS_AIDS: readonly string[] = [
  'D392F000260100000001',
  'D3921000310001010408',
  'D3921000310001010402',
  'D3921000310001010100',
  'D3921000310001010401',
];
