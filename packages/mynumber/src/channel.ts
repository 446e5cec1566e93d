/**
 * The driver's one path to the card: sends commands through apdu's `transmitApdu` (which follows
 * `61xx` and `6Cxx`), maps link failures, retries the first command of a power session once when
 * the card answers `6F00`, and remembers which application and EF are current so no SELECT is
 * sent twice.
 * @module
 */
import {
  ApduError,
  ResponseApdu,
  throwIfAborted,
  transmitApdu,
  TransportError,
  type CommandApdu,
  type Transport,
} from '@onshikit/apdu';
import { selectApplication, selectFile } from './commands.js';
import { CardError } from './errors.js';

/** Per-operation options every driver call accepts. */
export interface OperationOptions {
  /** Cancels the operation between or during APDUs (`TransportError('ABORTED')`). */
  signal?: AbortSignal;
  /** Timeout per APDU in milliseconds, passed to the transport. */
  timeoutMs?: number;
}

/** What is selected on the card when a channel starts (after {@link probeCard}). */
export interface ChannelStart {
  /** The application the probe left selected (a constant of applications.ts). */
  readonly aid: Uint8Array;
  /** The EF the probe left current, if any. */
  readonly ef?: number;
}

/** Maps a link failure: `CARD_REMOVED` becomes a `CardError`; other transport errors pass through. */
export function mapLinkError(error: unknown): unknown {
  if (error instanceof CardError) return error;
  if (error instanceof TransportError) {
    return error.code === 'CARD_REMOVED' ? new CardError('CARD_REMOVED', { cause: error }) : error;
  }
  if (error instanceof ApduError && error.code === 'APDU_GET_RESPONSE_LOOP') {
    return new CardError('CARD_UNEXPECTED_STATUS', { cause: error, detail: { sw: '61xx', step: 'GET RESPONSE' } });
  }
  return new TransportError('TRANSPORT_FAILED', { cause: error });
}

/** Internal: one card session over a transport. */
export class CardChannel {
  readonly transport: Transport;
  /** True once the card answered anything but `6F00` in this power session. */
  private answered: boolean;
  private aid: Uint8Array | undefined;
  private ef: number | undefined;
  /** The card refused a command by short EF id: EFs are selected by FID from now on. */
  refusesShortEfId = false;

  constructor(transport: Transport, start?: ChannelStart) {
    this.transport = transport;
    this.answered = start !== undefined;
    this.aid = start?.aid;
    this.ef = start?.ef;
  }

  /** Forget what is selected and expect a fresh power session (after a reset). */
  invalidate(): void {
    this.aid = undefined;
    this.ef = undefined;
    this.answered = false;
  }

  /** Forget what is selected (APDUs were sent behind the driver's back); the power session goes on. */
  forgetSelection(): void {
    this.aid = undefined;
    this.ef = undefined;
  }

  /** The AID the driver believes is selected (compare by identity with the constants). */
  get selectedAid(): Uint8Array | undefined {
    return this.aid;
  }

  /** The EF the driver believes is current in {@link selectedAid}. */
  get currentEf(): number | undefined {
    return this.aid === undefined ? undefined : this.ef;
  }

  /** Records that `fid` is current (after a READ BINARY by short EF id, ISO 7816-4 §7.2.2). */
  fileSelected(fid: number | undefined): void {
    this.ef = fid;
  }

  /**
   * Sends one command and returns the card's final answer, any status. The first command of a
   * power session is sent again once when the card answers `6F00` (docs/reference/card-protocol.md#reset-behaviour: a measured card
   * answers so straight after power-on), so no throwaway command is needed.
   */
  async send(command: CommandApdu, options: OperationOptions): Promise<ResponseApdu> {
    let response = await this.exchange(command, options);
    if (response.sw === 0x6f00 && !this.answered) {
      this.answered = true;
      response = await this.exchange(command, options);
    }
    this.answered = true;
    return response;
  }

  /**
   * Sends bytes the caller owns and will zero (VERIFY with a PIN): passed to the transport as
   * is, never copied, never re-sent (a `6Cxx` or `6F00` answer is returned, not followed), so a
   * PIN reaches the card at most once per call.
   */
  async sendSecret(encoded: Uint8Array, options: OperationOptions): Promise<ResponseApdu> {
    let raw: Uint8Array;
    try {
      throwIfAborted(options.signal);
      raw = await this.transport.transmit(encoded, link(options));
    } catch (error) {
      throw this.fail(error);
    }
    if (raw.length < 2)
      throw this.fail(new TransportError('PROTOCOL_ERROR', { detail: { responseLength: raw.length } }));
    this.answered = true;
    return ResponseApdu.decode(raw);
  }

  /**
   * SELECT the application unless it is current already. Throws `CARD_NOT_MYNUMBER` (or
   * `notFound`) when the card does not have it. APDUs: 0 or 1.
   */
  async ensureApplication(aid: Uint8Array, options: OperationOptions, notFound?: () => CardError): Promise<void> {
    if (this.aid !== aid) await this.selectApplication(aid, options, notFound);
  }

  /** SELECT the application (always sent). APDUs: 1. */
  async selectApplication(
    aid: Uint8Array,
    options: OperationOptions,
    notFound: () => CardError = () => new CardError('CARD_NOT_MYNUMBER'),
  ): Promise<void> {
    const response = await this.send(selectApplication(aid), options);
    this.ef = undefined;
    if (response.ok) {
      this.aid = aid;
      return;
    }
    this.aid = undefined;
    if (response.sw === 0x6a82 || response.sw === 0x6a86 || response.sw === 0x6d00 || response.sw === 0x6e00)
      throw notFound();
    throw new CardError('CARD_UNEXPECTED_STATUS', {
      sw: response.swHex,
      detail: { sw: response.swHex, step: 'SELECT AP' },
    });
  }

  /** SELECT an EF in the current application; returns the status so callers can map `6A82`. */
  async selectFile(fid: number, options: OperationOptions): Promise<ResponseApdu> {
    const response = await this.send(selectFile(fid), options);
    this.ef = response.ok ? fid : undefined;
    return response;
  }

  private async exchange(command: CommandApdu, options: OperationOptions): Promise<ResponseApdu> {
    try {
      return await transmitApdu(this.transport, command, link(options));
    } catch (error) {
      throw this.fail(error);
    }
  }

  private fail(error: unknown): unknown {
    this.aid = undefined;
    this.ef = undefined;
    return mapLinkError(error);
  }
}

/** Only the link options (never spread caller objects into the transport call). */
function link(options: OperationOptions): OperationOptions {
  const out: OperationOptions = {};
  if (options.signal !== undefined) out.signal = options.signal;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}
