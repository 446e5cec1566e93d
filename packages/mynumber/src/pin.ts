/**
 * PIN handling shared by every application: status query with the empty VERIFY, the last-try
 * guard, one VERIFY (never retried) and zeroing of every buffer that held the PIN.
 * @module
 */
import { triesLeftFromStatus } from '@onshikit/apdu';
import { encodeVerify, verifyStatus } from './commands.js';
import { CardError } from './errors.js';
import type { CardChannel, OperationOptions } from './channel.js';

/** State of a PIN (or verification number) on the card. */
export type PinState = 'ok' | 'blocked' | 'not-set';

/** Result of a PIN status query. The query never uses a try (memo §4.1 empty VERIFY). */
export interface PinStatus {
  /** `ok`: usable; `blocked`: no tries left (`63C0`/`6984`); `not-set`: the card has no such PIN. */
  readonly state: PinState;
  /** Tries left before the PIN locks (0 when blocked or not set). */
  readonly triesLeft: number;
  /** True when the PIN is already verified in this power session (`9000` to the empty VERIFY). */
  readonly verified: boolean;
}

/** A PIN as the caller holds it. Prefer `Uint8Array`: the driver zeroes it after use. */
export type PinInput = Uint8Array | string;

/** Options of every PIN-presenting call. */
export interface VerifyOptions extends OperationOptions {
  /**
   * Send the PIN even though only one try is left. Without it the driver refuses with
   * `CARD_PIN_LAST_TRY` and sends nothing (a wrong PIN would lock the card).
   */
  allowLastTry?: boolean;
}

/** Which characters and lengths a credential accepts. */
export interface PinFormat {
  readonly lengths: readonly number[];
  readonly ja: string;
  readonly en: string;
}

/** 4 ASCII digits: the user-auth PIN and the input-support PIN (memo §3.5 [confirmed]). */
export const FOUR_DIGIT_PIN: PinFormat = { lengths: [4], ja: '数字 4 桁', en: '4 digits' };

/** Zeroes a buffer that held a secret. */
export function wipe(bytes: Uint8Array | undefined): void {
  bytes?.fill(0);
}

/**
 * Turns the caller's PIN into bytes the driver owns or borrows. Strings are encoded into a
 * fresh buffer (JavaScript strings cannot be wiped; pass a `Uint8Array` to avoid them).
 */
function pinBytes(pin: PinInput): Uint8Array {
  if (typeof pin === 'string') {
    const out = new Uint8Array(pin.length);
    for (let i = 0; i < pin.length; i++) {
      const c = pin.charCodeAt(i);
      out[i] = c > 0xff ? 0 : c; // non-Latin characters fail the digit check below
    }
    return out;
  }
  return pin;
}

function isDigits(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x30 || b > 0x39) return false;
  return true;
}

/** Checks the format; throws `CARD_PIN_FORMAT` (no APDU sent). Never echoes the PIN. */
function checkFormat(bytes: Uint8Array, format: PinFormat): void {
  if (!format.lengths.includes(bytes.length) || !isDigits(bytes)) {
    throw new CardError('CARD_PIN_FORMAT', { detail: { expected: format.ja, expectedEn: format.en } });
  }
}

/**
 * Validates a PIN before any APDU is sent and returns the bytes to present (the caller's
 * `Uint8Array` itself, or a fresh buffer for a string). On a bad format the bytes are zeroed and
 * `CARD_PIN_FORMAT` is thrown.
 */
export function takePin(pin: PinInput, format: PinFormat): Uint8Array {
  const bytes = pinBytes(pin);
  try {
    checkFormat(bytes, format);
  } catch (error) {
    wipe(bytes);
    throw error;
  }
  return bytes;
}

/**
 * SELECT the PIN EF (current application) and ask for the tries left with the empty VERIFY.
 * APDUs: 2.
 */
export async function queryPinStatus(channel: CardChannel, pinFid: number, maxTries: number, options: OperationOptions): Promise<PinStatus> {
  const selected = await channel.selectFile(pinFid, options);
  if (selected.sw === 0x6a82) return { state: 'not-set', triesLeft: 0, verified: false };
  if (!selected.ok) {
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: selected.swHex, detail: { sw: selected.swHex, step: 'SELECT PIN EF' } });
  }
  const response = await channel.send(verifyStatus(), options);
  if (response.ok) return { state: 'ok', triesLeft: maxTries, verified: true };
  const tries = triesLeftFromStatus(response.sw);
  if (tries !== undefined) {
    return tries === 0 ? { state: 'blocked', triesLeft: 0, verified: false } : { state: 'ok', triesLeft: tries, verified: false };
  }
  if (response.sw === 0x6984 || response.sw === 0x6983) return { state: 'blocked', triesLeft: 0, verified: false };
  if (response.sw === 0x6a88) return { state: 'not-set', triesLeft: 0, verified: false };
  throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'VERIFY (status)' } });
}

/**
 * Presents a PIN once: status query, last-try guard, one VERIFY. The caller's `Uint8Array`
 * and the encoded command are zeroed on every path. Never retries. APDUs: 3 (SELECT PIN EF,
 * empty VERIFY, VERIFY); 2 when the guard refuses; 0 when the format is wrong.
 */
export async function presentPin(
  channel: CardChannel,
  pinFid: number,
  maxTries: number,
  pin: PinInput,
  format: PinFormat,
  options: VerifyOptions,
  refineStatus?: (status: PinStatus) => Promise<PinStatus>,
): Promise<void> {
  const bytes = pinBytes(pin);
  let encoded: Uint8Array | undefined;
  try {
    checkFormat(bytes, format);
    let status = await queryPinStatus(channel, pinFid, maxTries, options);
    if (refineStatus) status = await refineStatus(status);
    if (status.state === 'not-set') throw new CardError('CARD_PIN_NOT_SET');
    if (status.state === 'blocked') throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0 });
    if (status.triesLeft === 1 && options.allowLastTry !== true) throw new CardError('CARD_PIN_LAST_TRY', { triesLeft: 1 });
    encoded = encodeVerify(bytes);
    wipe(bytes); // the command buffer is now the only copy
    const response = await channel.sendRaw(encoded, options);
    if (response.ok) return;
    const tries = triesLeftFromStatus(response.sw);
    if (tries === 0 || response.sw === 0x6984 || response.sw === 0x6983) {
      throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0, sw: response.swHex });
    }
    if (tries !== undefined) throw new CardError('CARD_PIN_WRONG', { triesLeft: tries, sw: response.swHex });
    if (response.sw === 0x6700) throw new CardError('CARD_PIN_FORMAT', { sw: response.swHex, detail: { expected: format.ja, expectedEn: format.en } });
    throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'VERIFY' } });
  } finally {
    wipe(bytes);
    wipe(encoded);
  }
}
