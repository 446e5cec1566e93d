/**
 * Errors of the apdu family. Every error has a stable `code`, a Japanese and an English
 * message, and where it helps the byte `offset` of the fault in the input.
 * @module
 */

import { brandError, hasErrorBrand } from './error-brand.js';

/** A message in both languages the SDK speaks. */
export interface LocalizedMessage {
  readonly ja: string;
  readonly en: string;
}

/** Codes raised while encoding or decoding APDUs, TLV and hex. */
export type ApduErrorCode =
  | 'APDU_TOO_SHORT'
  | 'APDU_LENGTH_MISMATCH'
  | 'APDU_LENGTH_OVERFLOW'
  | 'APDU_INVALID_BYTE'
  | 'APDU_INVALID_INS'
  | 'APDU_INVALID_LE'
  | 'APDU_STATUS'
  | 'APDU_CHAINING_NOT_ALLOWED'
  | 'APDU_GET_RESPONSE_LOOP'
  | 'TLV_TRUNCATED'
  | 'TLV_INVALID_TAG'
  | 'TLV_INVALID_LENGTH'
  | 'TLV_NON_MINIMAL_LENGTH'
  | 'TLV_INDEFINITE_LENGTH'
  | 'TLV_TOO_DEEP'
  | 'TLV_TRAILING_BYTES'
  | 'TLV_NOT_FOUND'
  | 'TLV_NOT_CONSTRUCTED'
  | 'HEX_INVALID'
  | 'REPLAY_MISMATCH'
  | 'REPLAY_EXHAUSTED'
  | 'TRACE_INVALID';

/** Builds the two messages of one error code from its detail values. */
export type MessageFactory = (detail: Readonly<Record<string, unknown>>) => LocalizedMessage;

/**
 * The one catalogue of apdu error messages. A parity test checks that every code has both
 * languages. Messages never include command data (a VERIFY carries a PIN).
 */
export const apduErrorMessages: { readonly [C in ApduErrorCode]: MessageFactory } = {
  APDU_TOO_SHORT: (d) => ({
    ja: `APDU が短すぎます(${String(d.length)} バイト、最低 ${String(d.minimum)} バイト必要)`,
    en: `APDU too short (${String(d.length)} bytes, at least ${String(d.minimum)} needed)`,
  }),
  APDU_LENGTH_MISMATCH: (d) => ({
    ja: `APDU の長さが Lc/Le の指定と一致しません(${String(d.detail ?? '')})`,
    en: `APDU length does not match its Lc/Le fields (${String(d.detail ?? '')})`,
  }),
  APDU_LENGTH_OVERFLOW: (d) => ({
    ja: `長さが上限を超えています(${String(d.length)} > ${String(d.maximum)})`,
    en: `length exceeds the maximum (${String(d.length)} > ${String(d.maximum)})`,
  }),
  APDU_INVALID_BYTE: (d) => ({
    ja: `${String(d.field)} は 0x00〜0xFF の整数でなければなりません(値: ${String(d.value)})`,
    en: `${String(d.field)} must be an integer 0x00-0xFF (got ${String(d.value)})`,
  }),
  APDU_INVALID_INS: (d) => ({
    ja: `INS 0x${String(d.ins)} は使えません(6x/9x は ISO 7816-3 で予約)`,
    en: `INS 0x${String(d.ins)} is invalid (6x and 9x are reserved by ISO 7816-3)`,
  }),
  APDU_INVALID_LE: (d) => ({
    ja: `Le は 1〜65536 の整数でなければなりません(値: ${String(d.value)})`,
    en: `Le must be an integer 1-65536 (got ${String(d.value)})`,
  }),
  APDU_STATUS: (d) => ({
    ja: `カードがエラーを返しました: ${String(d.sw)} ${String(d.ja ?? '')}`.trim(),
    en: `card returned an error status: ${String(d.sw)} ${String(d.en ?? '')}`.trim(),
  }),
  APDU_CHAINING_NOT_ALLOWED: (d) => ({
    ja: `データ(${String(d.length)} バイト)が 1 コマンドに収まらず、コマンドチェーンが許可されていません`,
    en: `data (${String(d.length)} bytes) does not fit one command and command chaining is not allowed`,
  }),
  APDU_GET_RESPONSE_LOOP: (d) => ({
    ja: `GET RESPONSE が ${String(d.count)} 回を超えて続きました`,
    en: `GET RESPONSE went on for more than ${String(d.count)} rounds`,
  }),
  TLV_TRUNCATED: (d) => ({
    ja: `TLV がデータの終端で途切れています(${String(d.need)} バイト必要、残り ${String(d.have)})`,
    en: `TLV truncated (${String(d.need)} bytes needed, ${String(d.have)} left)`,
  }),
  TLV_INVALID_TAG: (d) => ({
    ja: `TLV のタグが不正です(${String(d.detail ?? '')})`,
    en: `invalid TLV tag (${String(d.detail ?? '')})`,
  }),
  TLV_INVALID_LENGTH: (d) => ({
    ja: `TLV の長さ表現が不正です(${String(d.detail ?? '')})`,
    en: `invalid TLV length (${String(d.detail ?? '')})`,
  }),
  TLV_NON_MINIMAL_LENGTH: () => ({
    ja: 'DER では長さを最短の形で表さなければなりません',
    en: 'DER requires the minimal length encoding',
  }),
  TLV_INDEFINITE_LENGTH: () => ({
    ja: 'DER では不定長は使えません',
    en: 'indefinite lengths are not allowed in DER',
  }),
  TLV_TOO_DEEP: (d) => ({
    ja: `TLV の入れ子が深すぎます(上限 ${String(d.maximum)})`,
    en: `TLV nesting too deep (limit ${String(d.maximum)})`,
  }),
  TLV_TRAILING_BYTES: (d) => ({
    ja: `TLV の後に余分なバイトがあります(${String(d.count)} バイト)`,
    en: `unexpected bytes after the TLV (${String(d.count)} bytes)`,
  }),
  TLV_NOT_FOUND: (d) => ({
    ja: `タグ ${String(d.path)} が見つかりません`,
    en: `tag ${String(d.path)} not found`,
  }),
  TLV_NOT_CONSTRUCTED: (d) => ({
    ja: `タグ ${String(d.tag)} は構造化 TLV ではありません`,
    en: `tag ${String(d.tag)} is not constructed`,
  }),
  HEX_INVALID: (d) => ({
    ja: `16 進文字列が不正です(${String(d.detail ?? '')})`,
    en: `invalid hex string (${String(d.detail ?? '')})`,
  }),
  REPLAY_MISMATCH: (d) => ({
    ja: `記録と異なるコマンドが送られました(${String(d.index)} 番目)`,
    en: `command differs from the recorded trace (at index ${String(d.index)})`,
  }),
  REPLAY_EXHAUSTED: (d) => ({
    ja: `記録にないコマンドが送られました(記録は ${String(d.count)} 件)`,
    en: `command sent after the end of the recorded trace (${String(d.count)} exchanges)`,
  }),
  TRACE_INVALID: (d) => ({
    ja: `トレースの形式が不正です(${String(d.detail ?? '')})`,
    en: `invalid trace (${String(d.detail ?? '')})`,
  }),
};

/** Options for an {@link ApduError}. */
export interface ApduErrorOptions {
  /** Byte offset of the fault in the input, where it helps. */
  offset?: number;
  /** Values for the message; never secrets. */
  detail?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The error every apdu function throws for bad input: never a `RangeError` or a crash.
 *
 * @example
 * ```ts
 * try { CommandApdu.decode(bytes); } catch (e) { if (e instanceof ApduError) console.log(e.code, e.offset); }
 * ```
 */
export class ApduError extends Error {
  /** Stable machine-readable code. */
  readonly code: ApduErrorCode;
  /** Byte offset of the fault in the input, if known. */
  readonly offset: number | undefined;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Values the message was built from (never secrets). */
  readonly detail: Readonly<Record<string, unknown>>;

  constructor(code: ApduErrorCode, options: ApduErrorOptions = {}) {
    const detail = options.detail ?? {};
    const messages = apduErrorMessages[code](detail);
    const at = options.offset === undefined ? '' : ` @${options.offset}`;
    super(
      `[${code}]${at} ${messages.en} / ${messages.ja}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ApduError';
    brandError(this, 'ApduError');
    this.code = code;
    this.offset = options.offset;
    this.messages = messages;
    this.detail = detail;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, 'ApduError');
  }
}
