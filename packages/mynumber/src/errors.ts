/**
 * The one error class of the mynumber driver and its message catalogue.
 * Messages never contain PINs, verification numbers or card data.
 * @module
 */
import type {
  DetailOption,
  ErrorCatalogue,
  ErrorOptionsArg,
  LocalizedMessage,
  MessageFactory,
  NoDetail,
} from '@onshikit/apdu';
import { brandError, hasErrorBrand } from '@onshikit/apdu';

/** The PIN codes: their `detail` carries `triesLeft` when the card told it. */
export type CardPinTriesCode = 'CARD_PIN_WRONG' | 'CARD_PIN_BLOCKED' | 'CARD_PIN_LAST_TRY';

/** A reason in both languages (`reason` Japanese, `reasonEn` English). */
export type CardErrorReason = { readonly reason: string; readonly reasonEn: string };

/**
 * The values each {@link CardErrorCode} carries in `detail`, one entry per code. Never a PIN,
 * a verification number or personal data.
 */
export interface CardErrorDetails {
  CARD_PIN_WRONG: { readonly triesLeft?: number };
  /** `locked`: the card showed that a PIN exists and is locked (see the message). */
  CARD_PIN_BLOCKED: { readonly triesLeft?: number; readonly locked?: boolean };
  CARD_PIN_NOT_SET: NoDetail;
  CARD_PIN_LAST_TRY: { readonly triesLeft?: number };
  /** The expected format, e.g. `4 桁の数字` / `4 digits`. */
  CARD_PIN_FORMAT: { readonly expected: string; readonly expectedEn: string };
  CARD_NOT_MYNUMBER: NoDetail;
  CARD_UNSUPPORTED_TOKEN: { readonly kind?: string };
  CARD_REMOVED: NoDetail;
  /** Which certificate, in both languages (defaults: 電子証明書 / certificate). */
  CARD_CERT_MISSING: { readonly certificateJa?: string; readonly certificateEn?: string };
  CARD_CERT_INVALID: CardErrorReason;
  /** `file`: the EF that was not found. */
  CARD_FILE_NOT_FOUND: { readonly file: string };
  CARD_DATA_INVALID: CardErrorReason;
  CARD_SECURITY_STATUS: NoDetail;
  /** `sw`: the status word (`'6A82'`, or `'-'`); `step`: the command that got it. */
  CARD_UNEXPECTED_STATUS: { readonly sw: string; readonly step: string };
  CARD_INPUT_INVALID: CardErrorReason;
}

/** Stable codes of {@link CardError}. */
export type CardErrorCode = keyof CardErrorDetails;

const tries = (d: { readonly triesLeft?: number }): string => String(d.triesLeft ?? '?');

/**
 * The one catalogue of driver messages, Japanese and English. A parity test checks that every
 * code has both. Messages are written for the person at the reception desk. Details (for
 * example `triesLeft`) never hold a PIN or the individual number.
 */
export const cardErrorMessages: ErrorCatalogue<CardErrorDetails> = {
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
    ja: `暗証番号の形式が違います(${d.expected})。`,
    en: `The PIN has the wrong format (${d.expectedEn}).`,
  }),
  CARD_NOT_MYNUMBER: () => ({
    ja: 'マイナンバーカードではありません。カードを確認してください。',
    en: 'This is not a My Number Card. Check the card.',
  }),
  CARD_UNSUPPORTED_TOKEN: (d) => ({
    ja: `この操作はこの種類のカード(${d.kind ?? '不明'})では使えません。`,
    en: `This operation is not available on this kind of token (${d.kind ?? 'unknown'}).`,
  }),
  CARD_REMOVED: () => ({
    ja: 'カードが取り外されました。カードをもう一度置いてください。',
    en: 'The card was removed. Place the card on the reader again.',
  }),
  CARD_CERT_MISSING: (d) => ({
    ja: `カードに${d.certificateJa ?? '電子証明書'}が入っていません(失効・未発行など)。`,
    en: `The card holds no ${d.certificateEn ?? 'certificate'} (revoked or never issued).`,
  }),
  CARD_CERT_INVALID: (d) => ({
    ja: `電子証明書を読み取れませんでした(${d.reason})。`,
    en: `The certificate could not be read (${d.reasonEn}).`,
  }),
  CARD_FILE_NOT_FOUND: (d) => ({
    ja: `カード内のファイル ${d.file} が見つかりません。`,
    en: `File ${d.file} not found on the card.`,
  }),
  CARD_DATA_INVALID: (d) => ({
    ja: `カードのデータが想定と異なります(${d.reason})。`,
    en: `The card data is not as expected (${d.reasonEn}).`,
  }),
  CARD_SECURITY_STATUS: () => ({
    ja: '暗証番号の照合が済んでいません。先に暗証番号を照合してください。',
    en: 'The PIN has not been verified. Verify the PIN first.',
  }),
  CARD_UNEXPECTED_STATUS: (d) => ({
    ja: `カードが予期しない応答を返しました(${d.sw}、${d.step})。`,
    en: `The card returned an unexpected status (${d.sw} at ${d.step}).`,
  }),
  CARD_INPUT_INVALID: (d) => ({
    ja: `引数が不正です(${d.reason})。`,
    en: `Invalid argument (${d.reasonEn}).`,
  }),
};

/** Options for a {@link CardError} of code `C`: `detail` is required when the code's values are. */
export type CardErrorOptions<C extends CardErrorCode = CardErrorCode> = {
  /** For PIN errors: tries left on the card (goes into `detail.triesLeft` too). */
  readonly triesLeft?: (C extends CardPinTriesCode ? number : never) | undefined;
  /** The card's status word when one caused the error, e.g. `'63C2'`. */
  readonly sw?: string | undefined;
  /** Byte offset in the card data where a parse failed. */
  readonly offset?: number | undefined;
  readonly cause?: unknown;
} & DetailOption<CardErrorDetails, C>;

/**
 * Every failure of the driver that is not a link failure. Link failures stay
 * `TransportError` from `@onshikit/apdu`, except `CARD_REMOVED`, which the driver reports as
 * `CardError('CARD_REMOVED')` so a workflow handles one code for "card gone". `detail` is typed
 * by `code`: narrow with {@link CardError.hasCode} to read it.
 *
 * @example
 * ```ts
 * try { await card.verifyAuthPin(pin); }
 * catch (e) { if (e instanceof CardError && e.hasCode('CARD_PIN_WRONG')) show(e.messages.ja, e.detail.triesLeft); }
 * ```
 */
export class CardError<C extends CardErrorCode = CardErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Tries left for PIN errors, otherwise `undefined`. */
  readonly triesLeft: number | undefined;
  /** The status word that caused the error, if any (`'6982'`). */
  readonly sw: string | undefined;
  /** Byte offset of a parse failure in the card data, if any. */
  readonly offset: number | undefined;
  /** Values the message was built from (never secrets). */
  readonly detail: CardErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<CardErrorDetails, C, CardErrorOptions<C>>) {
    const triesLeft = options?.triesLeft;
    const detail = {
      ...options?.detail,
      ...(triesLeft === undefined ? {} : { triesLeft }),
    } as CardErrorDetails[C];
    const messages = (cardErrorMessages[code] as MessageFactory<CardErrorDetails[C]>)(detail);
    super(
      `[${code}] ${messages.en} / ${messages.ja}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'CardError';
    brandError(this, 'CardError');
    this.code = code;
    this.messages = messages;
    this.triesLeft = triesLeft;
    this.sw = options?.sw;
    this.offset = options?.offset;
    this.detail = detail;
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends CardErrorCode>(code: K): this is CardError<K> {
    return (this.code as CardErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is CardError {
    return hasErrorBrand(value, 'CardError');
  }
}
