/**
 * Errors of the keypad-hid package. Every error has a stable `code` and a Japanese and an
 * English message from the one catalogue below. Messages never carry a digit of the PIN.
 * @module
 */

import { brandError, hasErrorBrand, type LocalizedMessage, type MessageFactory } from '@onshikit/apdu';

/** Codes raised while finding a keypad or reading a PIN from it. */
export type KeypadErrorCode =
  | 'KEYPAD_HID_UNAVAILABLE'
  | 'KEYPAD_NOT_FOUND'
  | 'KEYPAD_OPEN_FAILED'
  | 'KEYPAD_DISCONNECTED'
  | 'KEYPAD_TIMEOUT'
  | 'KEYPAD_ABORTED'
  | 'KEYPAD_BUSY'
  | 'KEYPAD_INVALID_REQUEST';

/** The one catalogue of keypad-hid messages (a parity test checks both languages). */
export const keypadErrorMessages: { readonly [C in KeypadErrorCode]: MessageFactory } = {
  KEYPAD_HID_UNAVAILABLE: () => ({
    ja: 'node-hid を読み込めません(ネイティブモジュールがこの環境向けにビルドされていません)',
    en: 'node-hid could not be loaded (its native module is not built for this platform)',
  }),
  KEYPAD_NOT_FOUND: (d) => ({
    ja: `テンキーが見つかりません(${String(d.selector ?? '')})`,
    en: `no numeric keypad found (${String(d.selector ?? '')})`,
  }),
  KEYPAD_OPEN_FAILED: (d) => ({
    ja: `テンキーを開けません(${String(d.reason ?? '')})。他のアプリが排他的に使用していないか、権限(udev ルール)を確認してください`,
    en: `could not open the keypad (${String(d.reason ?? '')}); check that no other program holds it exclusively and the permissions (udev rule)`,
  }),
  KEYPAD_DISCONNECTED: () => ({
    ja: '暗証番号の入力中にテンキーが切断されました',
    en: 'the keypad was disconnected during PIN entry',
  }),
  KEYPAD_TIMEOUT: (d) => ({
    ja: `暗証番号の入力が ${String(d.seconds)} 秒以内に完了しませんでした`,
    en: `PIN entry was not completed within ${String(d.seconds)} s`,
  }),
  KEYPAD_ABORTED: () => ({
    ja: '暗証番号の入力が取り消されました',
    en: 'PIN entry was cancelled',
  }),
  KEYPAD_BUSY: () => ({
    ja: 'このテンキーでは別の暗証番号入力が進行中です',
    en: 'another PIN entry is already in progress on this keypad',
  }),
  KEYPAD_INVALID_REQUEST: (d) => ({
    ja: `暗証番号の要求が不正です(${String(d.reason ?? '')})`,
    en: `invalid PIN request (${String(d.reason ?? '')})`,
  }),
};

/** Options of {@link KeypadError}. */
export interface KeypadErrorOptions {
  /** Values interpolated into the message (never a PIN digit). */
  readonly detail?: Readonly<Record<string, unknown>>;
  /** The underlying error, e.g. from node-hid. */
  readonly cause?: unknown;
}

/** The error class of `@onshikit/keypad-hid`, with a stable `code` and `messages.ja` / `messages.en`. */
export class KeypadError extends Error {
  /** Stable machine-readable code. */
  readonly code: KeypadErrorCode;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Values the message was built from (never a PIN digit). */
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: KeypadErrorCode, options: KeypadErrorOptions = {}) {
    const detail = options.detail ?? {};
    const messages = keypadErrorMessages[code](detail);
    super(messages.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KeypadError';
    brandError(this, 'KeypadError');
    this.code = code;
    this.messages = messages;
    this.detail = detail;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'KeypadError');
  }
}
