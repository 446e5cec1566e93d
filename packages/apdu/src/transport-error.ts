import type { LocalizedMessage } from './errors.js';
import { brandError, hasErrorBrand } from './error-brand.js';

/**
 * Codes every transport (PC/SC, BLE, phone NFC, simulator) uses for link failures, so the
 * driver and the workflow react the same way whatever the reader.
 */
export type TransportErrorCode =
  | 'CARD_REMOVED'
  | 'CARD_MUTE'
  | 'READER_GONE'
  | 'NO_READER'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'TRANSPORT_CLOSED'
  | 'TRANSPORT_BUSY'
  | 'TRANSPORT_FAILED'
  | 'PROTOCOL_ERROR'
  | 'PCSC_UNAVAILABLE'
  | 'PCSC_ERROR'
  | 'BLE_UNAVAILABLE'
  | 'BLE_AUTH_FAILED'
  | 'BLE_FRAME_INVALID'
  | 'NFC_UNAVAILABLE';

/** The one catalogue of transport messages (a parity test checks both languages). */
export const transportErrorMessages: { readonly [C in TransportErrorCode]: LocalizedMessage } = {
  CARD_REMOVED: {
    ja: 'カードが取り外されました。カードをもう一度置いてください。',
    en: 'The card was removed. Place the card on the reader again.',
  },
  CARD_MUTE: {
    ja: 'カードが応答しません。カードを置き直してください。',
    en: 'The card does not answer. Place the card on the reader again.',
  },
  READER_GONE: {
    ja: 'カードリーダーとの接続が切れました。接続を確認してください。',
    en: 'The card reader was disconnected. Check its connection.',
  },
  NO_READER: {
    ja: 'カードリーダーが見つかりません。接続と電源を確認してください。',
    en: 'No card reader found. Check that it is connected and powered.',
  },
  TIMEOUT: {
    ja: 'カードまたはリーダーの応答が時間内にありませんでした。',
    en: 'The card or reader did not answer in time.',
  },
  ABORTED: { ja: '操作は中止されました。', en: 'The operation was cancelled.' },
  TRANSPORT_CLOSED: { ja: 'この接続は既に閉じられています。', en: 'This connection is already closed.' },
  TRANSPORT_BUSY: { ja: 'カードは別の処理で使用中です。', en: 'The card is in use by another operation.' },
  TRANSPORT_FAILED: { ja: 'カードとの通信に失敗しました。', en: 'Communication with the card failed.' },
  PROTOCOL_ERROR: { ja: 'リーダーから不正な応答を受け取りました。', en: 'The reader sent a malformed response.' },
  PCSC_UNAVAILABLE: {
    ja: 'PC/SC サービスを利用できません。Linux では pcscd(apt install pcscd)、Windows では「Smart Card」サービスを起動してください。',
    en: 'PC/SC is not available. On Linux install and start pcscd (apt install pcscd); on Windows start the "Smart Card" service.',
  },
  PCSC_ERROR: { ja: 'PC/SC でエラーが発生しました。', en: 'A PC/SC error occurred.' },
  BLE_UNAVAILABLE: {
    ja: 'Bluetooth を利用できません。Bluetooth が有効か確認してください。',
    en: 'Bluetooth is not available. Check that Bluetooth is turned on.',
  },
  BLE_AUTH_FAILED: {
    ja: 'BLE リーダーとの認証に失敗しました(鍵が違います)。',
    en: 'Authentication with the BLE reader failed (wrong key).',
  },
  BLE_FRAME_INVALID: {
    ja: 'BLE リーダーから壊れたデータを受け取りました。',
    en: 'Received a corrupted frame from the BLE reader.',
  },
  NFC_UNAVAILABLE: {
    ja: 'この端末の NFC を利用できません。設定で NFC を有効にしてください。',
    en: 'NFC is not available on this device. Turn NFC on in the settings.',
  },
};

/** Options for a {@link TransportError}. */
export interface TransportErrorOptions {
  /** Extra context (reader name, APDU index…); never command data or PINs. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

/** A failure of the link to the card, as opposed to a card status word. */
export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly messages: LocalizedMessage;
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: TransportErrorCode, options: TransportErrorOptions = {}) {
    const messages = transportErrorMessages[code];
    super(
      `[${code}] ${messages.en} / ${messages.ja}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'TransportError';
    brandError(this, 'TransportError');
    this.code = code;
    this.messages = messages;
    this.detail = options.detail ?? {};
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'TransportError');
  }
}

/** Throws `TransportError('ABORTED')` when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransportError('ABORTED', { cause: signal.reason });
}
