/** Application identifiers of the card (docs/reference/card-protocol.md#applications). Hex, upper case. */
export const CardAid = {
  /** 公的個人認証AP (JPKI AP) [confirmed]. */
  JPKI: 'D392F000260100000001',
  /** 券面事項入力補助AP [confirmed]. */
  INPUT_SUPPORT: 'D3921000310001010408',
  /** 券面事項確認AP (券面AP) [confirmed]. */
  CARD_FACE: 'D3921000310001010402',
  /** 共通カードAP per myna-card; "unknown" per jpki/myna (docs/reference/card-protocol.md#applications, docs/reference/card-protocol.md#conflicts item 1 [conflict]). */
  COMMON: 'D3921000310001010100',
  /** 住基AP per myna-card [single]. */
  JUKI: 'D3921000310001010401',
  /** GlobalPlatform ISD, selected at power-up [single]. */
  ISD: 'A0000001510000',
} as const;

/** Name of one application of the virtual card. */
export type CardApplicationName = keyof typeof CardAid;

/** AID bytes from hex. */
export function aidBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
