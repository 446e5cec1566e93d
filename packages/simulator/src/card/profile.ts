import type { TestCa } from '../pki/test-ca.js';

/** Sex code of the basic-4 EF: 1 male, 2 female, 9 not applicable, 0 unknown (memo §5.3, §10.5). */
export type CardSexCode = '0' | '1' | '2' | '9';

/** The holder data printed on (and stored in) the card. Test data only. */
export interface HolderData {
  /** Family and given name separated by U+3000 (memo §5.3), e.g. `'試験　花子'`. */
  name: string;
  /** Reading in katakana. Not stored on the card (the card has none); kept for tests and demos. */
  nameKana?: string;
  /** Address as printed, block numbers in full-width digits (memo §5.3). */
  address: string;
  /** Gregorian `YYYY-MM-DD`. */
  birthDate: string;
  sex: CardSexCode;
  /** Latin locality names for the signing-certificate subject (memo §5.8), e.g. `['Tokyo', 'Chiyoda-ku']`. */
  localities: string[];
}

/** A PIN (or password) with its retry counter. `null` in a profile means "not set" (see `faceAuthOnly`). */
export interface PinProfile {
  /** ASCII value the card compares against (4 digits, or the upper-case signing password). */
  value: string;
  /** Tries left now; `0` means blocked. */
  triesLeft: number;
  /** Counter size (memo §3.5: auth 3, signing 5, input support 3). */
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

/** What the virtual card's token-info EF says, and what follows from it (memo §3.1, §9.17). Not mynumber's `TokenKind`, which names what the driver detected. */
export type VirtualTokenKind = 'card' | 'juki' | 'android' | 'ios';

/** Card-face data that is neither holder data nor a credential. */
export interface CardData {
  /** Card expiry `YYYY-MM-DD` (the 10th birthday after issuance for adults). */
  expiryDate: string;
  /** The 4-digit security code printed on the card face (part of 照合番号B, memo §3.5). */
  securityCode: string;
  /** 5-digit 全国地方公共団体コード of the issuing municipality. */
  municipalityCode: string;
  /** 15-digit card serial of the common AP record (memo §5.7). */
  serialNumber: string;
  /** JPEG 2000 face photo; a tiny placeholder JP2 when omitted. */
  facePhoto?: Uint8Array;
}

/**
 * Behaviours where sources disagree or say nothing; the defaults follow the [confirmed] or the
 * measured side of the domain memo, the alternatives exist so tests can cover both.
 */
export interface CardBehaviour {
  /** Security status survives warm reset (memo §1.4, measured by myna-card). Default `true`. */
  securityStatusSurvivesWarmReset: boolean;
  /** JICSAP allows SELECT by AID prefix (memo §1.4). Default `true`. */
  aidPrefixSelection: boolean;
  /**
   * READ BINARY that starts inside the file but asks for more than is left: `'9000'` returns the
   * short data with `9000` (JICSAP, memo §1.3), `'6282'` the ISO variant. Default `'9000'`.
   */
  endOfFileStatus: '9000' | '6282';
  /** 照合番号B form (memo §10.2): 14 digits era YYMMDD (measured, default) or 16 digits YYYYMMDD. */
  verificationNumberB: 'era-yymmdd' | 'gregorian-yyyymmdd';
  /**
   * How a card without a signing certificate shows it (no source documents it): `'file-not-found'`
   * answers `6A82` to SELECT `0001`/`001A` (default); `'empty-file'` selects but READ gives `6B00`.
   */
  missingCertificate: 'file-not-found' | 'empty-file';
  /**
   * Empty VERIFY on a key that is already verified: `'tries'` answers `63Cx` as for any key
   * (memo §4.1, default), `'9000'` answers success (ISO 7816-4 reading).
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
   * command on the real card (memo §4.3: c-3lab raises the NFC timeout to 5 s around it).
   */
  signDelayMs?: number;
  /** The first command after power-on answers `6F00` (memo §1.4, §9.4). */
  sixF00AfterPowerOn?: boolean;
}

/** Everything a {@link VirtualMyNumberCard} is built from. Use `cardProfiles` for ready-made ones. */
export interface CardProfile {
  /** Short human description, e.g. `'standard'`. */
  description: string;
  token: VirtualTokenKind;
  /** ATR the reader reports (memo §1.2). */
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
