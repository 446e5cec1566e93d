/**
 * Errors of the keypad-hid package. Every error has a stable `code` and a Japanese and an
 * English message from the one catalogue below. Messages never carry a digit of the PIN.
 * @module
 */

import {
  brandError,
  type DetailOption,
  type ErrorCatalogue,
  type ErrorOptionsArg,
  hasErrorBrand,
  type LocalizedMessage,
  type MessageFactory,
  type NoDetail,
} from '@onshikit/apdu';

/** The values each {@link KeypadErrorCode} carries in `detail`, one entry per code (never a PIN digit). */
export interface KeypadErrorDetails {
  KEYPAD_HID_UNAVAILABLE: NoDetail;
  /** `selector`: which keypad was looked for, described for the operator. */
  KEYPAD_NOT_FOUND: { readonly selector: string };
  /** `reason`: node-hid's message. */
  KEYPAD_OPEN_FAILED: { readonly reason: string };
  KEYPAD_DISCONNECTED: NoDetail;
  KEYPAD_TIMEOUT: { readonly seconds: number };
  KEYPAD_ABORTED: NoDetail;
  KEYPAD_BUSY: NoDetail;
  KEYPAD_INVALID_REQUEST: { readonly reason: string };
}

/** Codes raised while finding a keypad or reading a PIN from it. */
export type KeypadErrorCode = keyof KeypadErrorDetails;

/** The one catalogue of keypad-hid messages (a parity test checks both languages). */
export const keypadErrorMessages: ErrorCatalogue<KeypadErrorDetails> = {
  KEYPAD_HID_UNAVAILABLE: () => ({
    ja: 'node-hid を読み込めません(ネイティブモジュールがこの環境向けにビルドされていません)',
    en: 'node-hid could not be loaded (its native module is not built for this platform)',
  }),
  KEYPAD_NOT_FOUND: (d) => ({
    ja: `テンキーが見つかりません(${d.selector})`,
    en: `no numeric keypad found (${d.selector})`,
  }),
  KEYPAD_OPEN_FAILED: (d) => ({
    ja: `テンキーを開けません(${d.reason})。他のアプリが排他的に使用していないか、権限(udev ルール)を確認してください`,
    en: `could not open the keypad (${d.reason}); check that no other program holds it exclusively and the permissions (udev rule)`,
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
    ja: `暗証番号の要求が不正です(${d.reason})`,
    en: `invalid PIN request (${d.reason})`,
  }),
};

/** Options of {@link KeypadError} of code `C`: `detail` is required when the code's values are. */
export type KeypadErrorOptions<C extends KeypadErrorCode = KeypadErrorCode> = {
  /** The underlying error, e.g. from node-hid. */
  readonly cause?: unknown;
} & DetailOption<KeypadErrorDetails, C>;

/**
 * The error class of `@onshikit/keypad-hid`, with a stable `code` and `messages.ja` / `messages.en`.
 * `detail` is typed by `code`: narrow with {@link KeypadError.hasCode} to read it.
 */
export class KeypadError<C extends KeypadErrorCode = KeypadErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Values the message was built from (never a PIN digit). */
  readonly detail: KeypadErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<KeypadErrorDetails, C, KeypadErrorOptions<C>>) {
    const detail = (options?.detail ?? {}) as KeypadErrorDetails[C];
    const messages = (keypadErrorMessages[code] as MessageFactory<KeypadErrorDetails[C]>)(detail);
    super(messages.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KeypadError';
    brandError(this, 'KeypadError');
    this.code = code;
    this.messages = messages;
    this.detail = detail;
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends KeypadErrorCode>(code: K): this is KeypadError<K> {
    return (this.code as KeypadErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is KeypadError {
    return hasErrorBrand(value, 'KeypadError');
  }
}
