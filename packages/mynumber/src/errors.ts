/**
 * The one error class of the mynumber driver and its message catalogue.
 * Messages never contain PINs, verification numbers or card data.
 * @module
 */
import type { LocalizedMessage, MessageFactory } from '@onshikit/apdu';
import { brandError, hasErrorBrand } from '@onshikit/apdu';

/** Stable codes of {@link CardError}. */
export type CardErrorCode =
  | 'CARD_PIN_WRONG'
  | 'CARD_PIN_BLOCKED'
  | 'CARD_PIN_NOT_SET'
  | 'CARD_PIN_LAST_TRY'
  | 'CARD_PIN_FORMAT'
  | 'CARD_NOT_MYNUMBER'
  | 'CARD_UNSUPPORTED_TOKEN'
  | 'CARD_REMOVED'
  | 'CARD_CERT_MISSING'
  | 'CARD_CERT_INVALID'
  | 'CARD_FILE_NOT_FOUND'
  | 'CARD_DATA_INVALID'
  | 'CARD_SECURITY_STATUS'
  | 'CARD_UNEXPECTED_STATUS'
  | 'CARD_INPUT_INVALID';

const tries = (d: Readonly<Record<string, unknown>>): string => String(d.triesLeft ?? '?');

/**
 * The one catalogue of driver messages, Japanese and English. A parity test checks that every
 * code has both. Messages are written for the person at the reception desk. Details (for
 * example `triesLeft`) never hold a PIN or the individual number.
 */
export const cardErrorMessages: { readonly [C in CardErrorCode]: MessageFactory } = {
  CARD_PIN_WRONG: (d) => ({
    ja: `暗証番号が違います。残り ${tries(d)} 回間違えるとロックされます。`,
    en: `Wrong PIN. The PIN locks after ${tries(d)} more wrong tries.`,
  }),
  // `locked`: the card showed that a PIN exists and is locked (a VERIFY used its last try, or the
  // signing password has tries left). Without it the card only answered like a locked PIN, which
  // a card without any PIN may do too: the message then names both causes.
  CARD_PIN_BLOCKED: (d) =>
    d.locked === true
      ? {
          ja: '暗証番号がロックされています。お住まいの市区町村の窓口で初期化できます。本日は目視で本人確認してください。',
          en: 'The PIN is locked. The holder can have it reset at their municipal office; confirm identity visually today.',
        }
      : {
          ja: 'このカードでは暗証番号を使えません(暗証番号がロックされているか、暗証番号のないカードです)。目視で本人確認してください。暗証番号を設定したのにロックされている場合は、市区町村の窓口で初期化できます。',
          en: 'No PIN can be used with this card (the PIN is locked, or the card has none). Confirm identity visually. If the holder set a PIN and it is locked, the municipal office can reset it.',
        },
  CARD_PIN_NOT_SET: () => ({
    ja: 'このカードでは暗証番号を使えません(顔認証マイナンバーカードなど、暗証番号が設定されていないカード)。目視で本人確認してください。',
    en: 'No PIN can be used with this card (e.g. a face-authentication My Number Card, which has no PIN). Confirm identity visually.',
  }),
  CARD_PIN_LAST_TRY: () => ({
    ja: '暗証番号の残り回数が 1 回です。間違えるとロックされるため、確認のうえ再度操作してください。',
    en: 'Only one PIN try is left; a wrong PIN will lock the card. Confirm before trying again.',
  }),
  CARD_PIN_FORMAT: (d) => ({
    ja: `暗証番号の形式が違います(${String(d.expected ?? '')})。`,
    en: `The PIN has the wrong format (${String(d.expectedEn ?? d.expected ?? '')}).`,
  }),
  CARD_NOT_MYNUMBER: () => ({
    ja: 'マイナンバーカードではありません。カードを確認してください。',
    en: 'This is not a My Number Card. Check the card.',
  }),
  CARD_UNSUPPORTED_TOKEN: (d) => ({
    ja: `この操作はこの種類のカード(${String(d.kind ?? '不明')})では使えません。`,
    en: `This operation is not available on this kind of token (${String(d.kind ?? 'unknown')}).`,
  }),
  CARD_REMOVED: () => ({
    ja: 'カードが取り外されました。カードをもう一度置いてください。',
    en: 'The card was removed. Place the card on the reader again.',
  }),
  CARD_CERT_MISSING: (d) => ({
    ja: `カードに${String(d.certificateJa ?? '電子証明書')}が入っていません(失効・未発行など)。`,
    en: `The card holds no ${String(d.certificateEn ?? 'certificate')} (revoked or never issued).`,
  }),
  CARD_CERT_INVALID: (d) => ({
    ja: `電子証明書を読み取れませんでした(${String(d.reason ?? '形式が不正')})。`,
    en: `The certificate could not be read (${String(d.reasonEn ?? d.reason ?? 'malformed')}).`,
  }),
  CARD_FILE_NOT_FOUND: (d) => ({
    ja: `カード内のファイル ${String(d.file ?? '')} が見つかりません。`,
    en: `File ${String(d.file ?? '')} not found on the card.`,
  }),
  CARD_DATA_INVALID: (d) => ({
    ja: `カードのデータが想定と異なります(${String(d.reason ?? '')})。`,
    en: `The card data is not as expected (${String(d.reasonEn ?? d.reason ?? '')}).`,
  }),
  CARD_SECURITY_STATUS: () => ({
    ja: '暗証番号の照合が済んでいません。先に暗証番号を照合してください。',
    en: 'The PIN has not been verified. Verify the PIN first.',
  }),
  CARD_UNEXPECTED_STATUS: (d) => ({
    ja: `カードが予期しない応答を返しました(${String(d.sw ?? '')}、${String(d.step ?? '')})。`,
    en: `The card returned an unexpected status (${String(d.sw ?? '')} at ${String(d.step ?? '')}).`,
  }),
  CARD_INPUT_INVALID: (d) => ({
    ja: `引数が不正です(${String(d.reason ?? '')})。`,
    en: `Invalid argument (${String(d.reasonEn ?? d.reason ?? '')}).`,
  }),
};

/** Options for a {@link CardError}. */
export interface CardErrorOptions {
  /** Values for the message. Never PINs, verification numbers or personal data. */
  detail?: Record<string, unknown>;
  /** For PIN errors: tries left on the card. */
  triesLeft?: number;
  /** The card's status word when one caused the error, e.g. `'63C2'`. */
  sw?: string;
  /** Byte offset in the card data where a parse failed. */
  offset?: number;
  cause?: unknown;
}

/**
 * Every failure of the driver that is not a link failure. Link failures stay
 * `TransportError` from `@onshikit/apdu`, except `CARD_REMOVED`, which the driver reports as
 * `CardError('CARD_REMOVED')` so a workflow handles one code for "card gone".
 *
 * @example
 * ```ts
 * try { await card.verifyAuthPin(pin); }
 * catch (e) { if (e instanceof CardError && e.code === 'CARD_PIN_WRONG') show(e.messages.ja, e.triesLeft); }
 * ```
 */
export class CardError extends Error {
  /** Stable machine-readable code. */
  readonly code: CardErrorCode;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Tries left for PIN errors, otherwise `undefined`. */
  readonly triesLeft: number | undefined;
  /** The status word that caused the error, if any (`'6982'`). */
  readonly sw: string | undefined;
  /** Byte offset of a parse failure in the card data, if any. */
  readonly offset: number | undefined;
  /** Values the message was built from (never secrets). */
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: CardErrorCode, options: CardErrorOptions = {}) {
    const detail = {
      ...(options.detail ?? {}),
      ...(options.triesLeft === undefined ? {} : { triesLeft: options.triesLeft }),
    };
    const messages = cardErrorMessages[code](detail);
    super(
      `[${code}] ${messages.en} / ${messages.ja}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'CardError';
    brandError(this, 'CardError');
    this.code = code;
    this.messages = messages;
    this.triesLeft = options.triesLeft;
    this.sw = options.sw;
    this.offset = options.offset;
    this.detail = detail;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'CardError');
  }
}
