/**
 * Application identifiers and file ids of the My Number Card (docs/reference/card-protocol.md#applications, docs/reference/card-protocol.md#files).
 * Only the files the driver uses are named here; the individual-number files are listed in
 * {@link FORBIDDEN_FILES} so tests can prove no flow ever selects them.
 * @module
 */

/** 公的個人認証AP (JPKI AP), docs/reference/card-protocol.md#applications [confirmed]. */
export const JPKI_AID: Uint8Array = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);
/** 券面事項入力補助AP (input-support AP), docs/reference/card-protocol.md#applications [confirmed]. */
export const INPUT_SUPPORT_AID: Uint8Array = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
/** 券面事項確認AP (card-face AP), docs/reference/card-protocol.md#applications [confirmed]. */
export const CARD_FACE_AID: Uint8Array = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02);

/** Files of the JPKI AP the driver uses (docs/reference/card-protocol.md#jpki-files). */
export const JpkiFile = {
  /**
   * 署名用電子証明書. The driver only SELECTs it (never reads it: it holds name, address, birth
   * date and sex, and needs the signing password) to tell a 顔認証マイナンバーカード, which has none.
   */
  SIGNING_CERT: 0x0001,
  /** Token info; the first 32 bytes are the space-padded label. */
  TOKEN_INFO: 0x0006,
  /** 利用者証明用電子証明書 (user-authentication certificate), readable without PIN. */
  AUTH_CERT: 0x000a,
  /** 利用者証明用CA証明書. */
  AUTH_CA_CERT: 0x000b,
  /** User-authentication private key (RSA-2048). */
  AUTH_KEY: 0x0017,
  /** 利用者証明用暗証番号 (4 digits, 3 tries). */
  AUTH_PIN: 0x0018,
  /**
   * 署名用パスワード. The driver only asks its tries with the empty VERIFY (never presents it), to
   * tell a locked 利用者証明用暗証番号 from a 顔認証マイナンバーカード, which has no PIN at all.
   */
  SIGNING_PIN: 0x001b,
} as const;

/** Files of the input-support AP the driver uses (docs/reference/card-protocol.md#input-support-files). */
export const InputSupportFile = {
  /** 基本4情報 (name, address, birth date, sex), TLV `FF20`. */
  BASIC_INFO: 0x0002,
  /** 券面事項入力補助用暗証番号 (4 digits, 3 tries). */
  PIN: 0x0011,
  /** 照合番号B: opens `0002` like the PIN (docs/reference/card-protocol.md#input-support-files). (照合番号A, `0014`, is never presented.) */
  VERIFICATION_NUMBER_B: 0x0015,
} as const;

/** Files of the card-face AP the driver uses (docs/reference/card-protocol.md#card-face-files). */
export const CardFaceFile = {
  /** Card face `FF20` with the face photo (JPEG 2000). */
  FACE: 0x0002,
  /** 照合番号B. (照合番号A, `0013`, is the individual number and is never presented.) */
  VERIFICATION_NUMBER_B: 0x0012,
} as const;

/** Tries of the user-authentication PIN when the counter is full (docs/reference/card-protocol.md#pins [confirmed]). */
export const AUTH_PIN_MAX_TRIES = 3;

/**
 * Files the driver never selects: they hold or unlock the individual number (docs/reference/card-protocol.md#legal).
 * `aid` in hex, `fid` as a number.
 */
export const FORBIDDEN_FILES: readonly { readonly aid: string; readonly fid: number; readonly what: string }[] = [
  { aid: 'D3921000310001010408', fid: 0x0001, what: '入力補助AP 個人番号' },
  { aid: 'D3921000310001010408', fid: 0x0003, what: '入力補助AP 個人番号のハッシュを含む署名' },
  { aid: 'D3921000310001010408', fid: 0x0014, what: '入力補助AP 照合番号A' },
  { aid: 'D3921000310001010402', fid: 0x0005, what: '券面AP 個人番号画像' },
  { aid: 'D3921000310001010402', fid: 0x0013, what: '券面AP 照合番号A' },
];
