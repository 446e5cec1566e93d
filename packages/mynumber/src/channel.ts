/**
 * The driver's one path to the card: sends commands, maps link failures, remembers which
 * application is selected and sends the power-on throwaway command once. Kept thin (no extra
 * async layers, pre-encoded SELECTs): the driver's own time is benchmarked against raw APDUs.
 * @module
 */
import { CommandApdu, ResponseApdu, throwIfAborted, transmitApdu, TransportError, type Transport } from '@onshikit/apdu';
import { CardError } from './errors.js';
import { encodeSelectApplication, encodeSelectFile, selectMasterFile } from './commands.js';

/** Per-operation options every driver call accepts. */
export interface OperationOptions {
  /** Cancels the operation between or during APDUs (`TransportError('ABORTED')`). */
  signal?: AbortSignal;
  /** Timeout per APDU in milliseconds, passed to the transport. */
  timeoutMs?: number;
}

/** Maps a link failure: `CARD_REMOVED` becomes a `CardError`; other transport errors pass through. */
export function mapLinkError(error: unknown): unknown {
  if (error instanceof TransportError) {
    return error.code === 'CARD_REMOVED' ? new CardError('CARD_REMOVED', { cause: error }) : error;
  }
  return new TransportError('TRANSPORT_FAILED', { cause: error });
}

const MAX_GET_RESPONSE_ROUNDS = 64;

/** Internal: one card session over a transport. */
export class CardChannel {
  readonly transport: Transport;
  private readonly powerOnProbe: boolean;
  private probed = false;
  /** The AID (a constant of applications.ts) last selected successfully. */
  private currentAid: Uint8Array | undefined;

  constructor(transport: Transport, powerOnProbe: boolean) {
    this.transport = transport;
    this.powerOnProbe = powerOnProbe;
  }

  /** Forget what is selected and send the throwaway command again (after a power cycle). */
  invalidate(): void {
    this.currentAid = undefined;
    this.probed = false;
  }

  /** The AID the driver believes is selected (compare by identity with the constants). */
  get selectedAid(): Uint8Array | undefined {
    return this.currentAid;
  }

  /** Sends one command (after the power-on probe) and returns the card's response, any status. */
  send(command: CommandApdu | Uint8Array, options: OperationOptions, mayResend = true): Promise<ResponseApdu> {
    const bytes = command instanceof CommandApdu ? command.encode() : command;
    if (this.powerOnProbe && !this.probed) {
      // memo §1.4, §9 #4: one throwaway command first; its answer (6F00, 6A86, 9000) is ignored.
      this.probed = true;
      return this.exchange(selectMasterFile().encode(), options, true).then(() => this.exchange(bytes, options, mayResend));
    }
    return this.exchange(bytes, options, mayResend);
  }

  /**
   * Sends bytes the caller owns and will zero (VERIFY with a PIN): passed to the transport as
   * is, never copied, and never re-sent (a `6Cxx` answer is returned, not followed), so a PIN
   * goes to the card at most once per call.
   */
  sendRaw(encoded: Uint8Array, options: OperationOptions): Promise<ResponseApdu> {
    return this.send(encoded, options, false);
  }

  /**
   * Hot path (file reads): the transport's own promise for `bytes`, so the caller awaits it
   * directly with no extra promise per APDU. The caller hands a rejection to {@link linkFailure}
   * and the answer to {@link accept}. Sends the power-on throwaway first when it is due.
   */
  transmit(bytes: Uint8Array, options: OperationOptions): Promise<Uint8Array> {
    if (this.powerOnProbe && !this.probed) {
      this.probed = true;
      return this.exchange(selectMasterFile().encode(), options, true).then(() => this.transmit(bytes, options));
    }
    throwIfAborted(options.signal);
    return this.transport.transmit(bytes, options);
  }

  /** Maps a failed {@link transmit} (link errors; `CARD_REMOVED` becomes a `CardError`). */
  linkFailure(error: unknown): unknown {
    if (error instanceof CardError) return error; // already mapped (the throwaway command's failure)
    return this.fail(error);
  }

  /**
   * The complete response (data + SW) to `bytes` from a {@link transmit}: the bytes as received
   * at once, or a promise in the rare `6Cxx` / `61xx` cases that need more commands.
   */
  accept(bytes: Uint8Array, raw: Uint8Array, options: OperationOptions): Uint8Array | Promise<Uint8Array> {
    if (raw.length < 2) throw this.fail(new TransportError('PROTOCOL_ERROR', { detail: { responseLength: raw.length } }));
    const sw1 = raw[raw.length - 2];
    if (sw1 !== 0x6c && sw1 !== 0x61) return raw; // no ResponseApdu (and no data view) per APDU
    return Promise.resolve(this.received(bytes, raw, options, true)).then((response) => response.bytes);
  }

  private exchange(bytes: Uint8Array, options: OperationOptions, mayResend: boolean): Promise<ResponseApdu> {
    let pending: Promise<Uint8Array>;
    try {
      throwIfAborted(options.signal);
      pending = this.transport.transmit(bytes, options);
    } catch (error) {
      return Promise.reject(this.fail(error));
    }
    return pending.then(
      (raw) => this.received(bytes, raw, options, mayResend),
      (error: unknown) => {
        throw this.fail(error);
      },
    );
  }

  private fail(error: unknown): unknown {
    this.currentAid = undefined;
    return mapLinkError(error);
  }

  private received(bytes: Uint8Array, raw: Uint8Array, options: OperationOptions, mayResend: boolean): ResponseApdu | Promise<ResponseApdu> {
    if (raw.length < 2) throw this.fail(new TransportError('PROTOCOL_ERROR', { detail: { responseLength: raw.length } }));
    const sw1 = raw[raw.length - 2];
    if (sw1 === 0x6c && mayResend) {
      // Not seen from this card (memo §6), handled generically: re-send with the exact Le.
      const sw2 = raw[raw.length - 1]!;
      return transmitApdu(this.transport, CommandApdu.decode(bytes).with({ le: sw2 === 0 ? 256 : sw2, extended: false }), options).catch((error: unknown) => {
        throw this.fail(error);
      });
    }
    if (sw1 === 0x61) return this.getResponse(bytes, ResponseApdu.decode(raw), options);
    return ResponseApdu.decode(raw);
  }

  /** `61xx`: GET RESPONSE until done (ISO 7816-4 §5.3.4); not seen from this card (memo §6). */
  private async getResponse(command: Uint8Array, first: ResponseApdu, options: OperationOptions): Promise<ResponseApdu> {
    const parts: Uint8Array[] = [first.data];
    let response = first;
    for (let round = 0; response.sw1 === 0x61; round++) {
      if (round >= MAX_GET_RESPONSE_ROUNDS) throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'GET RESPONSE' } });
      const le = response.sw2 === 0 ? 256 : response.sw2;
      const raw = await this.exchange(new CommandApdu({ cla: (command[0] ?? 0) & 0x03, ins: 0xc0, p1: 0, p2: 0, le }).encode(), options, false);
      response = raw;
      parts.push(response.data);
    }
    let total = 2;
    for (const p of parts) total += p.length;
    const joined = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    joined[at] = response.sw1;
    joined[at + 1] = response.sw2;
    return ResponseApdu.decode(joined);
  }

  /**
   * SELECT the application. Throws `CARD_NOT_MYNUMBER` (or `notFound`) when the card does
   * not have it.
   */
  async selectApplication(aid: Uint8Array, options: OperationOptions, notFound: () => CardError = () => new CardError('CARD_NOT_MYNUMBER')): Promise<void> {
    this.applicationSelected(aid, await this.send(encodeSelectApplication(aid), options), notFound);
  }

  /** Records the answer to a SELECT of `aid` (sent by the caller); throws as {@link selectApplication}. */
  applicationSelected(aid: Uint8Array, response: ResponseApdu, notFound: () => CardError = () => new CardError('CARD_NOT_MYNUMBER')): void {
    if (response.ok) {
      this.currentAid = aid;
      return;
    }
    this.currentAid = undefined;
    if (response.sw === 0x6a82 || response.sw === 0x6a86 || response.sw === 0x6d00 || response.sw === 0x6e00) {
      throw notFound();
    }
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'SELECT AP' } });
  }

  /** SELECT an EF in the current application; returns the status so callers can map `6A82`. */
  selectFile(fid: number, options: OperationOptions): Promise<ResponseApdu> {
    return this.send(encodeSelectFile(fid), options);
  }
}
