/**
 * The narrow card interface of the 新患登録 prefill. `@onshikit/mynumber`'s `MyNumberCard` fits
 * it as is (structurally). It reads the 券面事項入力補助AP's 基本4情報 only: nothing here can
 * ask for the individual number (the driver has no call for it).
 * @module
 */
import type { CardOperationOptions } from '../workflow/card-port.js';

/** The 基本4情報 as the driver parses them (`BasicInfo` of `@onshikit/mynumber` fits). */
export interface CardBasicInfo {
  /** Full name as on the card (family and given name separated by U+3000 when the card does). */
  readonly name: string;
  /** Address as on the card. */
  readonly address: string;
  /** Gregorian birth date. */
  readonly birthDate: { readonly year: number; readonly month: number; readonly day: number; readonly iso: string };
  /** Sex as the driver reads the card's code. */
  readonly sex: 'male' | 'female' | 'not-applicable' | 'unknown' | 'other';
  /** The card's sex code digit. */
  readonly sexCode: string;
}

/** State of the 券面事項入力補助用暗証番号 from the empty VERIFY (never uses a try). */
export interface InputSupportPinInfo {
  /** `blocked` is also what a card without the PIN (顔認証マイナンバーカード) answers. */
  readonly state: 'ok' | 'blocked' | 'not-set' | 'unusable';
  readonly triesLeft: number;
}

/** Options of one credential-presenting read. */
export interface RegistrationReadOptions extends CardOperationOptions {
  /** Send even though one try is left (only after the staff confirmed it). */
  allowLastTry?: boolean;
}

/**
 * A My Number Card as the registration prefill uses it. Failures reject with an error carrying a
 * string `code` (`CARD_PIN_WRONG` with `triesLeft`, `CARD_PIN_LAST_TRY`, `CARD_PIN_BLOCKED`,
 * `CARD_NOT_MYNUMBER`, `CARD_REMOVED`, …).
 */
export interface RegistrationCard {
  /** Empty VERIFY on the input-support PIN (its counter is separate from the auth PIN's). */
  inputSupportPinStatus(options?: CardOperationOptions): Promise<InputSupportPinInfo>;
  /** One VERIFY with the 4-digit input-support PIN, then the 基本4情報; zeroes `pin`. */
  readBasicInfo(pin: Uint8Array, options?: RegistrationReadOptions): Promise<CardBasicInfo>;
  /** One VERIFY with 照合番号B (14 digits), then the 基本4情報; zeroes `number`. */
  readBasicInfoWithVerificationNumber(number: Uint8Array, options?: RegistrationReadOptions): Promise<CardBasicInfo>;
}
