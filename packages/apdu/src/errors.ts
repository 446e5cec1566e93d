/**
 * Errors of the apdu family. Every error has a stable `code`, a Japanese and an English
 * message, and where it helps the byte `offset` of the fault in the input.
 * @module
 */

import { brandError, hasErrorBrand } from './error-brand.js';
import type { DetailOption, ErrorOptionsArg, NoDetail } from './error-detail.js';

/** A message in both languages the SDK speaks. */
export interface LocalizedMessage {
  readonly ja: string;
  readonly en: string;
}

/**
 * The values each {@link ApduErrorCode} carries in `detail`, one entry per code. A message reads
 * only the keys of its code, and a constructor call must supply the required ones.
 */
export interface ApduErrorDetails {
  APDU_TOO_SHORT: { readonly length: number; readonly minimum: number };
  /** `detail`: which length field disagrees, e.g. `'Lc=3, total 6'`. */
  APDU_LENGTH_MISMATCH: { readonly detail: string };
  APDU_LENGTH_OVERFLOW: { readonly length: number; readonly maximum: number };
  /** `field`: the header byte (`'CLA'`, `'P1'`…); `value`: what was given. */
  APDU_INVALID_BYTE: { readonly field: string; readonly value: number };
  /** `ins`: the INS byte in hex. */
  APDU_INVALID_INS: { readonly ins: string };
  APDU_INVALID_LE: { readonly value: number };
  /** `sw`: the status word in hex; `ja`/`en`: what it means, when known. */
  APDU_STATUS: { readonly sw: string; readonly ja?: string; readonly en?: string };
  APDU_CHAINING_NOT_ALLOWED: { readonly length: number };
  APDU_GET_RESPONSE_LOOP: { readonly count: number };
  TLV_TRUNCATED: { readonly need: number; readonly have: number };
  TLV_INVALID_TAG: { readonly detail: string };
  TLV_INVALID_LENGTH: { readonly detail: string };
  TLV_NON_MINIMAL_LENGTH: NoDetail;
  TLV_INDEFINITE_LENGTH: NoDetail;
  TLV_TOO_DEEP: { readonly maximum: number };
  TLV_TRAILING_BYTES: { readonly count: number };
  /** `path`: the tag path searched, e.g. `'FF20/DF22'`. */
  TLV_NOT_FOUND: { readonly path: string };
  TLV_NOT_CONSTRUCTED: { readonly tag: string };
  HEX_INVALID: { readonly detail: string };
  /** `expected`/`actual`: redacted descriptions of the recorded and the sent command. */
  REPLAY_MISMATCH: { readonly index: number; readonly expected: string; readonly actual: string };
  REPLAY_EXHAUSTED: { readonly count: number; readonly actual?: string };
  TRACE_INVALID: { readonly detail: string };
}

/** Codes raised while encoding or decoding APDUs, TLV and hex. */
export type ApduErrorCode = keyof ApduErrorDetails;

/**
 * Builds the two messages of one error code from its detail values. `D` is the code's detail
 * type (the default, any record, keeps the old meaning).
 */
export type MessageFactory<D = Readonly<Record<string, unknown>>> = (detail: D) => LocalizedMessage;

/** A catalogue typed per code: each factory receives exactly its code's detail. */
export type ErrorCatalogue<D> = { readonly [C in keyof D]: MessageFactory<D[C]> };

/**
 * The one catalogue of apdu error messages. A parity test checks that every code has both
 * languages. Messages never include command data (a VERIFY carries a PIN).
 */
export const apduErrorMessages: ErrorCatalogue<ApduErrorDetails> = {
  APDU_TOO_SHORT: (d) => ({
    ja: `APDU が短すぎます(${String(d.length)} バイト、最低 ${String(d.minimum)} バイト必要)`,
    en: `APDU too short (${String(d.length)} bytes, at least ${String(d.minimum)} needed)`,
  }),
  APDU_LENGTH_MISMATCH: (d) => ({
    ja: `APDU の長さが Lc/Le の指定と一致しません(${d.detail})`,
    en: `APDU length does not match its Lc/Le fields (${d.detail})`,
  }),
  APDU_LENGTH_OVERFLOW: (d) => ({
    ja: `長さが上限を超えています(${String(d.length)} > ${String(d.maximum)})`,
    en: `length exceeds the maximum (${String(d.length)} > ${String(d.maximum)})`,
  }),
  APDU_INVALID_BYTE: (d) => ({
    ja: `${d.field} は 0x00〜0xFF の整数でなければなりません(値: ${String(d.value)})`,
    en: `${d.field} must be an integer 0x00-0xFF (got ${String(d.value)})`,
  }),
  APDU_INVALID_INS: (d) => ({
    ja: `INS 0x${d.ins} は使えません(6x/9x は ISO 7816-3 で予約)`,
    en: `INS 0x${d.ins} is invalid (6x and 9x are reserved by ISO 7816-3)`,
  }),
  APDU_INVALID_LE: (d) => ({
    ja: `Le は 1〜65536 の整数でなければなりません(値: ${String(d.value)})`,
    en: `Le must be an integer 1-65536 (got ${String(d.value)})`,
  }),
  APDU_STATUS: (d) => ({
    ja: `カードがエラーを返しました: ${d.sw} ${d.ja ?? ''}`.trim(),
    en: `card returned an error status: ${d.sw} ${d.en ?? ''}`.trim(),
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
    ja: `TLV のタグが不正です(${d.detail})`,
    en: `invalid TLV tag (${d.detail})`,
  }),
  TLV_INVALID_LENGTH: (d) => ({
    ja: `TLV の長さ表現が不正です(${d.detail})`,
    en: `invalid TLV length (${d.detail})`,
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
    ja: `タグ ${d.path} が見つかりません`,
    en: `tag ${d.path} not found`,
  }),
  TLV_NOT_CONSTRUCTED: (d) => ({
    ja: `タグ ${d.tag} は構造化 TLV ではありません`,
    en: `tag ${d.tag} is not constructed`,
  }),
  HEX_INVALID: (d) => ({
    ja: `16 進文字列が不正です(${d.detail})`,
    en: `invalid hex string (${d.detail})`,
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
    ja: `トレースの形式が不正です(${d.detail})`,
    en: `invalid trace (${d.detail})`,
  }),
};

/** Options for an {@link ApduError} of code `C`: `detail` is required when the code's values are. */
export type ApduErrorOptions<C extends ApduErrorCode = ApduErrorCode> = {
  /** Byte offset of the fault in the input, where it helps. */
  readonly offset?: number | undefined;
  readonly cause?: unknown;
} & DetailOption<ApduErrorDetails, C>;

/**
 * The error every apdu function throws for bad input: never a `RangeError` or a crash.
 * `detail` is typed by `code`: narrow with {@link ApduError.hasCode} to read it.
 *
 * @example
 * ```ts
 * try { CommandApdu.decode(bytes); }
 * catch (e) { if (e instanceof ApduError && e.hasCode('TLV_TRUNCATED')) console.log(e.detail.need, e.offset); }
 * ```
 */
export class ApduError<C extends ApduErrorCode = ApduErrorCode> extends Error {
  /** Stable machine-readable code. */
  readonly code: C;
  /** Byte offset of the fault in the input, if known. */
  readonly offset: number | undefined;
  /** The message in Japanese and English. */
  readonly messages: LocalizedMessage;
  /** Values the message was built from (never secrets). */
  readonly detail: ApduErrorDetails[C];

  constructor(code: C, ...[options]: ErrorOptionsArg<ApduErrorDetails, C, ApduErrorOptions<C>>) {
    const detail = (options?.detail ?? {}) as ApduErrorDetails[C];
    const messages = (apduErrorMessages[code] as MessageFactory<ApduErrorDetails[C]>)(detail);
    const offset = options?.offset;
    const at = offset === undefined ? '' : ` @${offset}`;
    super(
      `[${code}]${at} ${messages.en} / ${messages.ja}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ApduError';
    brandError(this, 'ApduError');
    this.code = code;
    this.offset = offset;
    this.messages = messages;
    this.detail = detail;
  }

  /** True when this error has `code`; narrows `detail` to that code's values. */
  hasCode<K extends ApduErrorCode>(code: K): this is ApduError<K> {
    return (this.code as ApduErrorCode) === code;
  }

  /** `instanceof` holds for errors from any copy of this package (ESM and CJS builds). */
  static override [Symbol.hasInstance](value: unknown): value is ApduError {
    return hasErrorBrand(value, 'ApduError');
  }
}
