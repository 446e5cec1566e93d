import { CommandApdu, SHORT_MAX_LC } from './command.js';
import { ApduError } from './errors.js';
import { ResponseApdu } from './response.js';
import type { TransmitOptions, Transport } from './transport.js';
import { TransportError, throwIfAborted } from './transport-error.js';

/** Options for {@link transmitApdu}. */
export interface TransmitApduOptions extends TransmitOptions {
  /** Follow `61xx` with GET RESPONSE and concatenate the data. Default `true`. */
  followGetResponse?: boolean;
  /** Re-send once with Le = xx on `6Cxx`. Default `true`. */
  resendOnWrongLe?: boolean;
  /**
   * Split data that does not fit one command into a command chain (CLA bit `0x10`,
   * ISO 7816-4 §5.1.1.1). Default `false`: such data throws `APDU_CHAINING_NOT_ALLOWED`.
   */
  allowChaining?: boolean;
  /** Upper bound on GET RESPONSE rounds (a broken card must not loop forever). Default 64. */
  maxGetResponseRounds?: number;
}

function asCommand(command: CommandApdu | Uint8Array): CommandApdu {
  return command instanceof CommandApdu ? command : CommandApdu.decode(command);
}

async function exchange(transport: Transport, command: CommandApdu, options: TransmitOptions): Promise<ResponseApdu> {
  throwIfAborted(options.signal);
  let raw: Uint8Array;
  try {
    raw = await transport.transmit(command.encode(), options);
  } catch (error) {
    // ApduError from a transport is a test double failing loudly (ReplayTransport): keep it.
    if (error instanceof TransportError || error instanceof ApduError) throw error;
    throw new TransportError('TRANSPORT_FAILED', { cause: error });
  }
  if (raw.length < 2) throw new TransportError('PROTOCOL_ERROR', { detail: { responseLength: raw.length } });
  return ResponseApdu.decode(raw);
}

function maxDataPerCommand(transport: Transport): number {
  if (!transport.supportsExtendedLength) return SHORT_MAX_LC;
  // Header (4) + extended Lc (3) + extended Le (2) must fit maxCommandLength.
  const limit = (transport.maxCommandLength ?? 65544) - 9;
  return Math.max(1, Math.min(65535, limit));
}

/**
 * Sends a command over any transport and handles the ISO 7816-4 transmission details that no
 * caller should repeat: `61xx` (GET RESPONSE until done), `6Cxx` (re-send with the exact Le),
 * and command chaining when allowed.
 *
 * Resolves with the card's final {@link ResponseApdu} whatever its status (check `.ok` or call
 * `.expectOk()`); rejects with {@link TransportError} when the link fails and with
 * {@link ApduError} for commands that cannot be sent.
 */
export async function transmitApdu(
  transport: Transport,
  command: CommandApdu | Uint8Array,
  options: TransmitApduOptions = {},
): Promise<ResponseApdu> {
  const apdu = asCommand(command);
  const linkOptions: TransmitOptions = {};
  if (options.signal) linkOptions.signal = options.signal;
  if (options.timeoutMs !== undefined) linkOptions.timeoutMs = options.timeoutMs;

  const perCommand = maxDataPerCommand(transport);
  let response: ResponseApdu;
  let sent = apdu;
  if (apdu.data.length > perCommand) {
    if (!options.allowChaining)
      throw new ApduError('APDU_CHAINING_NOT_ALLOWED', { detail: { length: apdu.data.length } });
    // All but the last link carry CLA | 0x10 and no Le (ISO 7816-4 §5.1.1.1).
    let offset = 0;
    for (;;) {
      const end = Math.min(offset + perCommand, apdu.data.length);
      const last = end === apdu.data.length;
      const link = new CommandApdu({
        cla: last ? apdu.cla : apdu.cla | 0x10,
        ins: apdu.ins,
        p1: apdu.p1,
        p2: apdu.p2,
        data: apdu.data.subarray(offset, end),
        ...(last && apdu.le !== undefined ? { le: apdu.le } : {}),
      });
      response = await exchange(transport, link, linkOptions);
      sent = link;
      if (last || !response.ok) break;
      offset = end;
    }
  } else {
    response = await exchange(transport, apdu, linkOptions);
  }

  if (options.resendOnWrongLe !== false && response.sw1 === 0x6c) {
    sent = sent.with({ le: response.sw2 === 0 ? 256 : response.sw2, extended: false });
    response = await exchange(transport, sent, linkOptions);
  }

  if (options.followGetResponse !== false && response.sw1 === 0x61) {
    const parts: Uint8Array[] = [response.data];
    const maxRounds = options.maxGetResponseRounds ?? 64;
    let rounds = 0;
    while (response.sw1 === 0x61) {
      if (++rounds > maxRounds) throw new ApduError('APDU_GET_RESPONSE_LOOP', { detail: { count: maxRounds } });
      const getResponse = new CommandApdu({
        cla: apdu.cla & 0x03,
        ins: 0xc0,
        p1: 0,
        p2: 0,
        le: response.sw2 === 0 ? 256 : response.sw2,
      });
      response = await exchange(transport, getResponse, linkOptions);
      parts.push(response.data);
    }
    let total = 0;
    for (const p of parts) total += p.length;
    const joined = new Uint8Array(total + 2);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    joined[at] = response.sw1;
    joined[at + 1] = response.sw2;
    response = ResponseApdu.decode(joined);
  }
  return response!;
}
