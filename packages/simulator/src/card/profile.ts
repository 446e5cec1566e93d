import type { TestCa } from '../pki/test-ca.js';

/** Sex code of the basic-4 EF: 1 male, 2 female, 9 not applicable, 0 unknown (docs/reference/card-protocol.md#basic-four, docs/reference/card-protocol.md#conflicts item 5). */
export type CardSexCode = '0' | '1' | '2' | '9';

/** The holder data printed on (and stored in) the card. Test data only. */
export interface HolderData {
  /** Family and given name separated by U+3000 (docs/reference/card-protocol.md#basic-four), e.g. `'試験　花子'`. */
  name: string;
  /** Reading in katakana. Not stored on the card (the card has none); kept for tests and demos. */
  nameKana?: string;
  /** Address as printed, block numbers in full-width digits (docs/reference/card-protocol.md#basic-four). */
  address: string;
  /** Gregorian `YYYY-MM-DD`. */
  birthDate: string;
  sex: CardSexCode;
  /** Latin locality names for the signing-certificate subject (docs/reference/card-protocol.md#certificates), e.g. `['Tokyo', 'Chiyoda-ku']`. */
  localities: string[];
}

/** A PIN (or password) with its retry counter. `null` in a profile means "not set" (see `faceAuthOnly`). */
export interface PinProfile {
  /** ASCII value the card compares against (4 digits, or the upper-case signing password). */
  value: string;
  /** Tries left now; `0` means blocked. */
  triesLeft: number;
  /** Counter size (docs/reference/card-protocol.md#pins: auth 3, signing 5, input support 3). */
  maxTries: number;
}

/** One holder certificate of the profile. `null` means the card carries none. */
export interface CertificateProfile {
  notBefore: Date;
  notAfter: Date;
  /** Registers the serial as revoked with the test CA (the simulated service then rejects it). */
  revoked: boolean;
  /** Hex serial; random when omitted. */
  serialNumber?: string;
  /** Opaque subject CN; random (in the test-card shape) when omitted. */
  subjectCommonName?: string;
}

/** What the virtual card's token-info EF says, and what follows from it (docs/reference/card-protocol.md#jpki-files, docs/reference/card-protocol.md#pitfalls item 17). Not mynumber's `TokenKind`, which names what the driver detected. */
export type VirtualTokenKind = 'card' | 'juki' | 'android' | 'ios';

/** Card-face data that is neither holder data nor a credential. */
export interface CardData {
  /** Card expiry `YYYY-MM-DD` (the 10th birthday after issuance for adults). */
  expiryDate: string;
  /** The 4-digit security code printed on the card face (part of 照合番号B, docs/reference/card-protocol.md#pins). */
  securityCode: string;
  /** 5-digit 全国地方公共団体コード of the issuing municipality. */
  municipalityCode: string;
  /** 15-digit card serial of the common AP record (docs/reference/card-protocol.md#common-record). */
  serialNumber: string;
  /** JPEG 2000 face photo; a tiny placeholder JP2 when omitted. */
  facePhoto?: Uint8Array;
}

/**
 * Behaviours where sources disagree or say nothing; the defaults follow the [confirmed] or the
 * measured side of docs/reference/card-protocol.md#conflicts, the alternatives exist so tests can cover both.
 */
export interface CardBehaviour {
  /** Security status survives warm reset (docs/reference/card-protocol.md#reset-behaviour, measured by myna-card). Default `true`. */
  securityStatusSurvivesWarmReset: boolean;
  /** JICSAP allows SELECT by AID prefix (docs/reference/card-protocol.md#reset-behaviour). Default `true`. */
  aidPrefixSelection: boolean;
  /**
   * READ BINARY that starts inside the file but asks for more than is left: `'9000'` returns the
   * short data with `9000` (JICSAP, docs/reference/card-protocol.md#apdu-length), `'6282'` the ISO variant. Default `'9000'`.
   */
  endOfFileStatus: '9000' | '6282';
  /** 照合番号B form (docs/reference/card-protocol.md#conflicts item 2): 14 digits era YYMMDD (measured, default) or 16 digits YYYYMMDD. */
  verificationNumberB: 'era-yymmdd' | 'gregorian-yyyymmdd';
  /**
   * How a card without a signing certificate shows it (no source documents it): `'file-not-found'`
   * answers `6A82` to SELECT `0001`/`001A` (default); `'empty-file'` selects but READ gives `6B00`.
   */
  missingCertificate: 'file-not-found' | 'empty-file';
  /**
   * Empty VERIFY on a key that is already verified: `'tries'` answers `63Cx` as for any key
   * (docs/reference/card-protocol.md#command-table, default), `'9000'` answers success (ISO 7816-4 reading).
   */
  emptyVerifyWhenVerified: 'tries' | '9000';
}

/** Faults that can be injected at construction or later through `card.faults`. */
export interface CardFaults {
  /** The n-th APDU after insertion (1-based) fails with `TransportError('CARD_REMOVED')`; the card stays removed. */
  removeAtApdu?: number;
  /** Every response is delayed by this many milliseconds. */
  delayMs?: number;
  /**
   * Extra delay of COMPUTE DIGITAL SIGNATURE in milliseconds: the RSA operation is the slow
   * command on the real card (docs/reference/card-protocol.md#signature: c-3lab raises the NFC timeout to 5 s around it).
   */
  signDelayMs?: number;
  /** The first command after power-on answers `6F00` (docs/reference/card-protocol.md#reset-behaviour, docs/reference/card-protocol.md#pitfalls item 4). */
  sixF00AfterPowerOn?: boolean;
}

/** Everything a {@link VirtualMyNumberCard} is built from. Use `cardProfiles` for ready-made ones. */
export interface CardProfile {
  /** Short human description, e.g. `'standard'`. */
  description: string;
  token: VirtualTokenKind;
  /** ATR the reader reports (docs/reference/card-protocol.md#atr). */
  atr: Uint8Array;
  holder: HolderData;
  pins: {
    /** 利用者証明用暗証番号, JPKI `0018`. */
    auth: PinProfile | null;
    /** 署名用パスワード, JPKI `001B`. */
    signing: PinProfile | null;
    /** 券面事項入力補助用暗証番号, 入力補助AP `0011`. */
    inputSupport: PinProfile | null;
    /** 個人番号カード用暗証番号 of the common/住基 APs (`001C`). */
    cardPin: PinProfile | null;
  };
  certificates: {
    auth: CertificateProfile | null;
    signing: CertificateProfile | null;
  };
  card: CardData;
  behaviour: CardBehaviour;
  faults: CardFaults;
  /** Key-pool slots for the holder keys (same slot → same key in this process). */
  keySlots: { auth: string; signing: string };
  /** CA issuing the certificates; the process-wide shared test CA when omitted. */
  ca?: TestCa;
}
