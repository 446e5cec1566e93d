/**
 * The driver's one path to the card: sends commands, maps link failures, remembers which
 * application is selected and sends the power-on throwaway command once.
 * @module
 */
import { ResponseApdu, transmitApdu, TransportError, toHex, type CommandApdu, type TransmitOptions, type Transport } from '@onshikit/apdu';
import { CardError } from './errors.js';
import { selectApplication, selectFile, selectMasterFile } from './commands.js';

/** Per-operation options every driver call accepts. */
export interface OperationOptions {
  /** Cancels the operation between or during APDUs (`TransportError('ABORTED')`). */
  signal?: AbortSignal;
  /** Timeout per APDU in milliseconds, passed to the transport. */
  timeoutMs?: number;
}

function linkOptions(options: OperationOptions): TransmitOptions {
  const out: TransmitOptions = {};
  if (options.signal) out.signal = options.signal;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}

/** Maps a link failure: `CARD_REMOVED` becomes a `CardError`; other transport errors pass through. */
export function mapLinkError(error: unknown): unknown {
  if (error instanceof TransportError && error.code === 'CARD_REMOVED') {
    return new CardError('CARD_REMOVED', { cause: error });
  }
  return error;
}

/** Internal: one card session over a transport. */
export class CardChannel {
  readonly transport: Transport;
  private readonly powerOnProbe: boolean;
  private probed = false;
  /** Hex of the AID last selected successfully, or undefined when unknown. */
  private currentAid: string | undefined;

  constructor(transport: Transport, powerOnProbe: boolean) {
    this.transport = transport;
    this.powerOnProbe = powerOnProbe;
  }

  /** Forget what is selected and send the throwaway command again (after a power cycle). */
  invalidate(): void {
    this.currentAid = undefined;
    this.probed = false;
  }

  /** The AID (hex) the driver believes is selected. */
  get selectedAid(): string | undefined {
    return this.currentAid;
  }

  /** Sends the power-on throwaway command if not yet sent (memo §1.4, §9 #4); its answer is ignored. */
  private async probe(options: OperationOptions): Promise<void> {
    if (!this.powerOnProbe || this.probed) return;
    this.probed = true;
    await this.exchange(selectMasterFile(), options);
  }

  /** Sends one command (after the probe) and returns the card's response, any status. */
  async send(command: CommandApdu, options: OperationOptions): Promise<ResponseApdu> {
    await this.probe(options);
    return this.exchange(command, options);
  }

  /**
   * Sends already-encoded bytes (used for VERIFY so the driver controls and zeroes the only
   * buffer that holds the PIN). 61xx/6Cxx never follow a VERIFY on this card (memo §6).
   */
  async sendRaw(encoded: Uint8Array, options: OperationOptions): Promise<ResponseApdu> {
    await this.probe(options);
    try {
      const raw = await this.transport.transmit(encoded, linkOptions(options));
      if (raw.length < 2) throw new TransportError('PROTOCOL_ERROR', { detail: { responseLength: raw.length } });
      return ResponseApdu.decode(raw);
    } catch (error) {
      this.currentAid = undefined;
      throw mapLinkError(error);
    }
  }

  private async exchange(command: CommandApdu, options: OperationOptions): Promise<ResponseApdu> {
    try {
      return await transmitApdu(this.transport, command, linkOptions(options));
    } catch (error) {
      this.currentAid = undefined;
      throw mapLinkError(error);
    }
  }

  /**
   * SELECT the application. Throws `CARD_NOT_MYNUMBER` (or `notFound`) when the card does
   * not have it.
   */
  async selectApplication(aid: Uint8Array, options: OperationOptions, notFound: () => CardError = () => new CardError('CARD_NOT_MYNUMBER')): Promise<void> {
    const response = await this.send(selectApplication(aid), options);
    if (response.ok) {
      this.currentAid = toHex(aid);
      return;
    }
    this.currentAid = undefined;
    if (response.sw === 0x6a82 || response.sw === 0x6a86 || response.sw === 0x6d00 || response.sw === 0x6e00) {
      throw notFound();
    }
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'SELECT AP' } });
  }

  /** SELECT an EF in the current application; returns the status so callers can map `6A82`. */
  async selectFile(fid: number, options: OperationOptions): Promise<ResponseApdu> {
    return this.send(selectFile(fid), options);
  }
}

