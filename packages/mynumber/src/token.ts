/**
 * Telling JPKI tokens apart by the label in EF `0006` (docs/reference/card-protocol.md#jpki-files, docs/reference/card-protocol.md#token-info [confirmed]): the ATR
 * is never consulted (docs/reference/card-protocol.md#pitfalls).
 * @module
 */

/** Kind of JPKI token found. */
export type TokenKind =
  /** マイナンバーカード (physical card), label `JPKIAPICCTOKEN2`. */
  | 'mynumber-card'
  /** 住民基本台帳カード (old 住基カード), label `JPKIAPICCTOKEN`. */
  | 'juki-card'
  /** Android スマホ用電子証明書, label `JPKIAPGPSETOKEN`. */
  | 'smartphone-android'
  /** iPhone スマホ用電子証明書, label `JPKIAPIOSTOKEN`. */
  | 'smartphone-ios'
  /** A JPKI AP with a label the driver does not know. */
  | 'unknown-jpki';

/** What {@link MyNumberCard.detect} found. */
export interface CardDetection {
  readonly kind: TokenKind;
  /** The label, trimmed of padding (spaces and NULs). */
  readonly label: string;
  /** True for the physical My Number Card: the only kind the eligibility flow accepts as is. */
  readonly isMyNumberCard: boolean;
  /** True when the user-auth certificate is readable without a PIN (physical cards; docs/reference/card-protocol.md#jpki-files). */
  readonly authCertificateNeedsPin: boolean;
}

const LABELS: ReadonlyMap<string, TokenKind> = new Map([
  ['JPKIAPICCTOKEN2', 'mynumber-card'],
  ['JPKIAPICCTOKEN', 'juki-card'],
  ['JPKIAPGPSETOKEN', 'smartphone-android'],
  ['JPKIAPIOSTOKEN', 'smartphone-ios'],
]);

/** Bytes of the label the driver reads (docs/reference/card-protocol.md#token-info: jpki/myna reads 32). */
export const TOKEN_LABEL_LENGTH = 32;

/** Decodes and classifies the token label bytes (ASCII, padded with spaces or NULs). */
export function classifyTokenLabel(bytes: Uint8Array): CardDetection {
  let end = Math.min(bytes.length, TOKEN_LABEL_LENGTH);
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00 || bytes[end - 1] === 0xff)) end--;
  let label = '';
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    label += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?';
  }
  const kind = LABELS.get(label) ?? 'unknown-jpki';
  return {
    kind,
    label,
    isMyNumberCard: kind === 'mynumber-card',
    // docs/reference/card-protocol.md#pitfalls: on the Android token the auth certificate needs the auth PIN.
    authCertificateNeedsPin: kind === 'smartphone-android',
  };
}
