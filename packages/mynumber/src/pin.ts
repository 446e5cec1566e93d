/**
 * PIN handling shared by every application: status query with the empty VERIFY, the last-try
 * guard, one VERIFY (never retried) and zeroing of every buffer that held the PIN.
 * @module
 */
import { triesLeftFromStatus } from '@onshikit/apdu';
import { encodeVerify, verifyStatus } from './commands.js';
import { CardError } from './errors.js';
import type { CardChannel, OperationOptions } from './channel.js';
import { refusesShortEfId } from './read-file.js';

/** State of a PIN (or verification number) on the card. */
export type PinState = 'ok' | 'blocked' | 'not-set' | 'unusable';

/** Result of a PIN status query. The query never uses a try (docs/reference/card-protocol.md#command-table empty VERIFY). */
export interface PinStatus {
  /**
   * `ok`: usable; `not-set`: the card has no such PIN; `blocked`: no tries left (`63C0`/`6984`);
   * `unusable`: no tries left or no PIN at all, the card does not say which (the user-auth PIN
   * of a 顔認証マイナンバーカード may answer like a locked one, see `MyNumberCard.authPinStatus`).
   * Advice for `unusable` names both causes and never sends the holder to the office.
   */
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

/** 4 ASCII digits: the user-auth PIN and the input-support PIN (docs/reference/card-protocol.md#pins [confirmed]). */
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

/** Where a PIN lives and how to address it. */
export interface PinRef {
  /** The application holding the PIN EF (a constant of applications.ts). */
  readonly aid: Uint8Array;
  readonly fid: number;
  /** Tries of a full counter (reported when the PIN is verified). */
  readonly maxTries: number;
  /**
   * Address the PIN by short EF id in VERIFY (P2 = `80|SFI`, docs/reference/card-protocol.md#command-table: `00 20 00 98` for
   * `0018`), so no SELECT EF is needed. A card that refuses it is asked with SELECT EF + P2 `80`.
   */
  readonly bySfi?: boolean;
  /** Raised when the application is missing. */
  readonly notFound?: () => CardError;
}

/** How the status query reached the PIN; VERIFY uses the same addressing. */
type Addressing = 'sfi' | 'current-ef';

const NOT_SET: PinStatus = { state: 'not-set', triesLeft: 0, verified: false };

/** A status answer to the empty VERIFY, or undefined for any other status word. */
function statusOf(sw: number, maxTries: number): PinStatus | undefined {
  if (sw === 0x9000) return { state: 'ok', triesLeft: maxTries, verified: true };
  const tries = triesLeftFromStatus(sw);
  if (tries !== undefined)
    return tries === 0
      ? { state: 'blocked', triesLeft: 0, verified: false }
      : { state: 'ok', triesLeft: tries, verified: false };
  if (sw === 0x6984 || sw === 0x6983) return { state: 'blocked', triesLeft: 0, verified: false };
  if (sw === 0x6a88) return NOT_SET;
  return undefined;
}

/**
 * Asks the tries left with the empty VERIFY (never uses a try). Selects the application unless
 * the driver believes it current; when that belief was wrong (the PIN is not found), selects it
 * and asks again. APDUs with `bySfi`: 1 (empty VERIFY by short EF id) plus SELECT AP unless
 * current; otherwise 2 (SELECT PIN EF unless current, empty VERIFY) plus SELECT AP unless current.
 */
export async function queryPinStatus(channel: CardChannel, ref: PinRef, options: OperationOptions): Promise<PinStatus> {
  return (await locatePin(channel, ref, options)).status;
}

async function locatePin(
  channel: CardChannel,
  ref: PinRef,
  options: OperationOptions,
): Promise<{ status: PinStatus; addressing: Addressing }> {
  const assumed = channel.selectedAid === ref.aid;
  await channel.ensureApplication(ref.aid, options, ref.notFound);
  if (ref.bySfi === true && !channel.refusesShortEfId) {
    let response = await channel.send(verifyStatus(0x80 | ref.fid), options);
    if ((response.sw === 0x6a88 || response.sw === 0x6a82) && assumed) {
      // Perhaps another application is current after all: select ours and ask again.
      await channel.selectApplication(ref.aid, options, ref.notFound);
      response = await channel.send(verifyStatus(0x80 | ref.fid), options);
    }
    const status = response.sw === 0x6a82 ? undefined : statusOf(response.sw, ref.maxTries);
    // "Not set" by short id is confirmed below by SELECT EF (a card may lack short ids only).
    if (status !== undefined && status.state !== 'not-set') return { status, addressing: 'sfi' };
    if (status === undefined && refusesShortEfId(response.sw)) channel.refusesShortEfId = true;
    else if (status === undefined && response.sw !== 0x6a82) {
      throw new CardError('CARD_UNEXPECTED_STATUS', {
        sw: response.swHex,
        detail: { sw: response.swHex, step: 'VERIFY (status)' },
      });
    }
  }
  if (channel.currentEf !== ref.fid) {
    let selected = await channel.selectFile(ref.fid, options);
    if (selected.sw === 0x6a82 && assumed && ref.bySfi !== true) {
      await channel.selectApplication(ref.aid, options, ref.notFound);
      selected = await channel.selectFile(ref.fid, options);
    }
    if (selected.sw === 0x6a82) return { status: NOT_SET, addressing: 'current-ef' };
    if (!selected.ok)
      throw new CardError('CARD_UNEXPECTED_STATUS', {
        sw: selected.swHex,
        detail: { sw: selected.swHex, step: 'SELECT PIN EF' },
      });
  }
  const response = await channel.send(verifyStatus(0x80), options);
  const status = statusOf(response.sw, ref.maxTries);
  if (status === undefined)
    throw new CardError('CARD_UNEXPECTED_STATUS', {
      sw: response.swHex,
      detail: { sw: response.swHex, step: 'VERIFY (status)' },
    });
  return { status, addressing: 'current-ef' };
}

/**
 * Presents a PIN once: status query, last-try guard, one VERIFY with the same addressing. The
 * guard always rests on the card's answer of this moment (an empty VERIFY right before), never
 * on a remembered count. The caller's `Uint8Array` and the encoded command are zeroed on every
 * path. Never retries. APDUs: as {@link queryPinStatus} + 1 VERIFY; no VERIFY when the guard
 * refuses; 0 when the format is wrong.
 */
export async function presentPin(
  channel: CardChannel,
  ref: PinRef,
  pin: PinInput,
  format: PinFormat,
  options: VerifyOptions,
  refineStatus?: (status: PinStatus) => Promise<PinStatus>,
): Promise<void> {
  const bytes = pinBytes(pin);
  let encoded: Uint8Array | undefined;
  try {
    checkFormat(bytes, format);
    const located = await locatePin(channel, ref, options);
    const status = refineStatus ? await refineStatus(located.status) : located.status;
    if (status.state === 'not-set') throw new CardError('CARD_PIN_NOT_SET');
    if (status.state === 'blocked') throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0, detail: { locked: true } });
    // A locked PIN or a card without one: the message names both.
    if (status.state === 'unusable')
      throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0, detail: { locked: false } });
    if (status.triesLeft === 1 && options.allowLastTry !== true)
      throw new CardError('CARD_PIN_LAST_TRY', { triesLeft: 1 });
    // P2 `80` addresses the current EF: it must still be the PIN EF.
    if (located.addressing === 'current-ef' && channel.currentEf !== ref.fid) {
      throw new CardError('CARD_UNEXPECTED_STATUS', { detail: { sw: '-', step: 'VERIFY (PIN EF not current)' } });
    }
    encoded = encodeVerify(bytes, located.addressing === 'sfi' ? 0x80 | ref.fid : 0x80);
    wipe(bytes); // the command buffer is now the only copy
    const response = await channel.sendSecret(encoded, options);
    if (response.ok) return;
    const tries = triesLeftFromStatus(response.sw);
    if (tries === 0 || response.sw === 0x6984 || response.sw === 0x6983) {
      // This VERIFY used the last try: the PIN is certainly locked.
      throw new CardError('CARD_PIN_BLOCKED', { triesLeft: 0, sw: response.swHex, detail: { locked: true } });
    }
    if (tries !== undefined) throw new CardError('CARD_PIN_WRONG', { triesLeft: tries, sw: response.swHex });
    if (response.sw === 0x6700)
      throw new CardError('CARD_PIN_FORMAT', {
        sw: response.swHex,
        detail: { expected: format.ja, expectedEn: format.en },
      });
    throw new CardError('CARD_UNEXPECTED_STATUS', {
      sw: response.swHex,
      detail: { sw: response.swHex, step: 'VERIFY' },
    });
  } finally {
    wipe(bytes);
    wipe(encoded);
  }
}
