import type { LocalizedMessage } from './errors.js';
import { brandError, hasErrorBrand } from './error-brand.js';
import type { ErrorOptionsArg } from './error-detail.js';

/**
 * Codes every transport (PC/SC, BLE, phone NFC, simulator) uses for link failures, so the
 * driver and the workflow react the same way whatever the reader.
 */
export type TransportErrorCode = keyof TransportErrorDetails;

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

/**
 * Context any transport failure may carry: where and why it happened. Never command data or PINs.
 * Transport messages are fixed per code, so every key is optional.
 */
export type TransportErrorContext = {
  /** The PC/SC reader name. */
  readonly reader?: string | undefined;
  /** A short machine-readable reason, e.g. `'card is out of the field'` or `'power-saving'`. */
  readonly reason?: string | undefined;
  /** The step that failed, e.g. `'connect'`, `'transmit'`. */
  readonly step?: string | undefined;
  /** The BLE stage that failed, e.g. `'initialize'`, `'connect'`. */
  readonly stage?: string | undefined;
  /** The PC/SC result, formatted (`'SCARD_W_REMOVED_CARD (0x80100069)'`). */
  readonly pcsc?: string | undefined;
  /** The BLE library's numeric error code. */
  readonly errorCode?: number | undefined;
  /** The `DOMException` name a Web Bluetooth call rejected with. */
  readonly name?: string | undefined;
  /** The index of the exchange in a replayed trace. */
  readonly replayIndex?: number | undefined;
  /** The APDU index (simulator). */
  readonly apdu?: number | undefined;
  /** The reader's hardware error byte or message parameter (ACR1255U-J1). */
  readonly hardwareError?: number | undefined;
  readonly param?: number | undefined;
  /** The reader message type (ACR1255U-J1). */
  readonly type?: number | undefined;
};

/** A card the wait passed over (reported with `TIMEOUT`). */
export type TransportSkippedCard = { readonly reader: string; readonly reason: string };

/** What a wait for a card that ran out of time reports (`TIMEOUT`, `NO_READER`). */
export type TransportWaitContext = TransportErrorContext & {
  readonly timeoutMs?: number | undefined;
  /** Reader names seen while waiting for a card. */
  readonly readers?: readonly string[] | undefined;
  /** Cards passed over while waiting (reader-pcsc's `waitForCard`). */
  readonly skipped?: readonly TransportSkippedCard[] | undefined;
};

/** The values each {@link TransportErrorCode} carries in `detail` (all optional). */
export interface TransportErrorDetails {
  CARD_REMOVED: TransportErrorContext;
  CARD_MUTE: TransportErrorContext;
  READER_GONE: TransportErrorContext;
  NO_READER: TransportWaitContext;
  TIMEOUT: TransportWaitContext;
  ABORTED: TransportErrorContext;
  TRANSPORT_CLOSED: TransportErrorContext;
  TRANSPORT_BUSY: TransportErrorContext;
  TRANSPORT_FAILED: TransportErrorContext;
  PROTOCOL_ERROR: TransportErrorContext & {
    readonly responseLength?: number | undefined;
    readonly length?: number | undefined;
    readonly maximum?: number | undefined;
    /** The GATT characteristic that was not found. */
    readonly characteristic?: string | undefined;
    readonly kbps?: number | undefined;
    readonly seconds?: number | undefined;
    /** The values a setting accepts. */
    readonly allowed?: readonly string[] | undefined;
  };
  PCSC_UNAVAILABLE: TransportErrorContext & { readonly socket?: string | undefined };
  PCSC_ERROR: TransportErrorContext;
  BLE_UNAVAILABLE: TransportErrorContext & { readonly state?: string | undefined };
  BLE_AUTH_FAILED: TransportErrorContext & { readonly length?: number | undefined };
  BLE_FRAME_INVALID: TransportErrorContext & {
    /** Byte position in the stream or message. */
    readonly offset?: number | undefined;
    readonly value?: number | undefined;
    readonly length?: number | undefined;
    readonly declared?: number | undefined;
    readonly available?: number | undefined;
    readonly maximum?: number | undefined;
    readonly expected?: number | undefined;
    readonly received?: number | undefined;
    /** Which side detected the fault. */
    readonly side?: string | undefined;
  };
  NFC_UNAVAILABLE: TransportErrorContext;
}

/** Options for a {@link TransportError} of code `C`. */
export type TransportErrorOptions<C extends TransportErrorCode = TransportErrorCode> = {
  /** Extra context (reader name, APDU index…); never command data or PINs. */
  readonly detail?: TransportErrorDetails[C] | undefined;
  readonly cause?: unknown;
};

/**
 * A failure of the link to the card, as opposed to a card status word. `detail` is typed by
 * `code`: narrow with {@link TransportError.hasCode} to read it.
 */
export class TransportError<C extends TransportErrorCode = TransportErrorCode> extends Error {
  readonly code: C;
  readonly messages: LocalizedMessage;
  readonly detail: TransportErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<TransportErrorDetails, C, TransportErrorOptions<C>>) {
    const messages = transportErrorMessages[code];
    super(
      `[${code}] ${messages.en} / ${messages.ja}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'TransportError';
    brandError(this, 'TransportError');
    this.code = code;
    this.messages = messages;
    this.detail = options?.detail ?? {};
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends TransportErrorCode>(code: K): this is TransportError<K> {
    return (this.code as TransportErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is TransportError {
    return hasErrorBrand(value, 'TransportError');
  }
}

/** Throws `TransportError('ABORTED')` when the signal is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new TransportError('ABORTED', { cause: signal.reason });
}
