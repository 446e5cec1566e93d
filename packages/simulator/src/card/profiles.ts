import type {
  CardBehaviour,
  CardData,
  CardFaults,
  CardProfile,
  CertificateProfile,
  HolderData,
  PinProfile,
} from './profile.js';

/** ATRs of the field (docs/reference/card-protocol.md#atr). */
export const CARD_ATRS = {
  /** Contactless My Number Card via a PC/SC Part 3 reader (`3B 88 80 01 … B3 81 A1 …`). */
  myNumberCard: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f),
  /** Contactless old 住基カード ("JUKICARD"). */
  jukiCard: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x14, 0xe0, 0xb3, 0x81, 0x91, 0x00, 0x5e),
  /** Contact interface My Number Card (T=1). */
  myNumberCardContact: Uint8Array.of(0x3b, 0xc5, 0xff, 0x81, 0x31, 0xfb, 0x45, 0x80, 0x73, 0xc6, 0x01, 0x00, 0x00),
} as const;

/** Default PINs of the ready-made profiles (test values). */
export const TEST_PINS = {
  auth: '1234',
  /** 6–16 upper-case letters and digits (docs/reference/card-protocol.md#pins). */
  signing: 'ABC123',
  inputSupport: '1234',
  cardPin: '1234',
} as const;

/** What the `cardProfiles` factories accept: any section partly overridden, plus the reference date. */
export interface ProfileOptions {
  /** "Today" for certificate validity; default the current time. */
  now?: Date;
  description?: string;
  token?: CardProfile['token'];
  atr?: Uint8Array;
  holder?: Partial<HolderData>;
  pins?: Partial<CardProfile['pins']>;
  certificates?: Partial<CardProfile['certificates']>;
  card?: Partial<CardData>;
  behaviour?: Partial<CardBehaviour>;
  faults?: CardFaults;
  keySlots?: Partial<CardProfile['keySlots']>;
  ca?: CardProfile['ca'];
}

const DEFAULT_HOLDER: HolderData = {
  name: '試験　花子',
  nameKana: 'シケン　ハナコ',
  address: '東京都千代田区試験町１丁目２番３号',
  birthDate: '1980-02-17',
  sex: '2',
  localities: ['Tokyo', 'Chiyoda-ku'],
};

/** Behaviour defaults: the [confirmed] / measured side of every conflict (docs/reference/card-protocol.md#conflicts). */
export const DEFAULT_BEHAVIOUR: CardBehaviour = {
  securityStatusSurvivesWarmReset: true,
  aidPrefixSelection: true,
  endOfFileStatus: '9000',
  verificationNumberB: 'era-yymmdd',
  missingCertificate: 'file-not-found',
  emptyVerifyWhenVerified: 'tries',
};

function pin(value: string, maxTries: number, triesLeft = maxTries): PinProfile {
  return { value, maxTries, triesLeft };
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The holder's n-th birthday on or after `from` (JPKI certificates end on the 5th, docs/reference/card-protocol.md#certificates). */
export function nthBirthdayAfter(birthDate: string, from: Date, n: number): Date {
  const month = Number(birthDate.slice(5, 7)) - 1;
  const day = Number(birthDate.slice(8, 10));
  let year = from.getUTCFullYear();
  if (Date.UTC(year, month, day) <= from.getTime()) year += 1;
  return new Date(Date.UTC(year + n - 1, month, day));
}

/** Certificate validity for a card issued `yearsAgo` before `now`: until the 5th birthday after issuance. */
function certificate(birthDate: string, now: Date, yearsAgo: number, revoked = false): CertificateProfile {
  const notBefore = new Date(
    Date.UTC(now.getUTCFullYear() - yearsAgo, now.getUTCMonth(), now.getUTCDate()) - 30 * 24 * 3600 * 1000,
  );
  return { notBefore, notAfter: nthBirthdayAfter(birthDate, notBefore, 5), revoked };
}

function build(
  base: (now: Date, holder: HolderData) => Omit<CardProfile, 'holder' | 'behaviour' | 'faults' | 'keySlots'>,
  options: ProfileOptions,
): CardProfile {
  const now = options.now ?? new Date();
  const holder: HolderData = { ...DEFAULT_HOLDER, ...options.holder };
  const profile = base(now, holder);
  const result: CardProfile = {
    ...profile,
    holder,
    description: options.description ?? profile.description,
    token: options.token ?? profile.token,
    atr: options.atr ?? profile.atr,
    pins: { ...profile.pins, ...options.pins },
    certificates: { ...profile.certificates, ...options.certificates },
    card: { ...profile.card, ...options.card },
    behaviour: { ...DEFAULT_BEHAVIOUR, ...options.behaviour },
    faults: { ...options.faults },
    keySlots: { auth: 'holder-auth', signing: 'holder-sign', ...options.keySlots },
  };
  if (options.ca) result.ca = options.ca;
  return result;
}

function standardBase(
  now: Date,
  holder: HolderData,
  yearsAgo = 1,
): Omit<CardProfile, 'holder' | 'behaviour' | 'faults' | 'keySlots'> {
  const issued = new Date(Date.UTC(now.getUTCFullYear() - yearsAgo, now.getUTCMonth(), now.getUTCDate()));
  return {
    description: 'standard',
    token: 'card',
    atr: CARD_ATRS.myNumberCard,
    pins: {
      auth: pin(TEST_PINS.auth, 3),
      signing: pin(TEST_PINS.signing, 5),
      inputSupport: pin(TEST_PINS.inputSupport, 3),
      cardPin: pin(TEST_PINS.cardPin, 3),
    },
    certificates: {
      auth: certificate(holder.birthDate, now, yearsAgo),
      signing: certificate(holder.birthDate, now, yearsAgo),
    },
    card: {
      // Card: 10th birthday after issuance (docs/reference/card-protocol.md#certificate-validity).
      expiryDate: isoDay(nthBirthdayAfter(holder.birthDate, issued, 10)),
      securityCode: '2285',
      municipalityCode: '13101',
      serialNumber: '400000012345678',
    },
  };
}

/**
 * Ready-made card profiles for tests, demos and the other simulator parts. Each factory takes
 * {@link ProfileOptions} to override any part, e.g. `cardProfiles.standard({ pins: { auth: … } })`.
 * PINs are {@link TEST_PINS}; the individual-number EF always holds the fixed, check-digit-invalid
 * test value.
 */
export const cardProfiles = {
  /** A physical card issued a year ago with both certificates, every PIN set and full counters. */
  standard(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => standardBase(now, holder), options);
  },

  /**
   * 顔認証マイナンバーカード: no PIN is set and there is no signing certificate; the auth
   * certificate exists (face verification at the desk). An unset PIN answers like a key blocked
   * from issuance — empty VERIFY `63C0`, VERIFY `6984` (docs/reference/card-protocol.md#input-support-files EF `0012`, the only documented
   * "not usable from the start" key); the driver reports it as "not set / blocked".
   */
  faceAuthOnly(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder);
      return {
        ...base,
        description: 'faceAuthOnly',
        pins: { auth: null, signing: null, inputSupport: null, cardPin: null },
        certificates: { auth: base.certificates.auth, signing: null },
      };
    }, options);
  },

  /** Card issued six years ago: the auth (and signing) certificate expired at the 5th birthday. */
  expiredAuth(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => ({ ...standardBase(now, holder, 6), description: 'expiredAuth' }), options);
  },

  /**
   * The auth certificate ends 30 days after `now`: readers show a renewal alert from 3 months
   * before expiry (docs/reference/card-protocol.md#certificate-validity, MHLW).
   */
  expiringSoon(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder, 4);
      const notAfter = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
      return {
        ...base,
        description: 'expiringSoon',
        certificates: {
          auth: { ...base.certificates.auth!, notAfter },
          signing: { ...base.certificates.signing!, notAfter },
        },
      };
    }, options);
  },

  /**
   * The auth certificate expired 30 days before `now`: for 3 months after expiry the card still
   * works as an insurance card (docs/reference/card-protocol.md#certificate-validity, MHLW), so the eligibility flow must tell this apart.
   */
  expiredInGracePeriod(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder, 5);
      const notAfter = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
      return {
        ...base,
        description: 'expiredInGracePeriod',
        certificates: {
          auth: { ...base.certificates.auth!, notAfter },
          signing: { ...base.certificates.signing!, notAfter },
        },
      };
    }, options);
  },

  /** Valid dates, but the auth certificate's serial is on the test CA's revocation list. */
  revoked(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder);
      return {
        ...base,
        description: 'revoked',
        certificates: {
          auth: { ...base.certificates.auth!, revoked: true },
          signing: { ...base.certificates.signing!, revoked: true },
        },
      };
    }, options);
  },

  /**
   * Old 住基カード with JPKI: token label `JPKIAPICCTOKEN`, the JUKICARD ATR, JPKI AP only, and
   * certificates that expired years ago (issuance ended in 2015; 3-year validity).
   */
  jukiCard(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder);
      return {
        ...base,
        description: 'jukiCard',
        token: 'juki',
        atr: CARD_ATRS.jukiCard,
        certificates: {
          auth: { notBefore: utcDate('2015-06-01'), notAfter: utcDate('2018-05-31'), revoked: false },
          signing: { notBefore: utcDate('2015-06-01'), notAfter: utcDate('2018-05-31'), revoked: false },
        },
      };
    }, options);
  },

  /** One auth-PIN try left: the driver must not VERIFY without an explicit confirmation. */
  lastTry(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder);
      return { ...base, description: 'lastTry', pins: { ...base.pins, auth: pin(TEST_PINS.auth, 3, 1) } };
    }, options);
  },

  /** Auth PIN blocked (0 tries): empty VERIFY `63C0`, VERIFY `6984`. */
  blocked(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => {
      const base = standardBase(now, holder);
      return { ...base, description: 'blocked', pins: { ...base.pins, auth: pin(TEST_PINS.auth, 3, 0) } };
    }, options);
  },

  /** A holder under 15: PINs set, but no signing certificate (docs/reference/card-protocol.md#jpki-files EF `0008`). */
  noSigningCertificate(options: ProfileOptions = {}): CardProfile {
    return build(
      (now, holder) => {
        const base = standardBase(now, holder);
        return {
          ...base,
          description: 'noSigningCertificate',
          pins: { ...base.pins, signing: null },
          certificates: { ...base.certificates, signing: null },
        };
      },
      { holder: { birthDate: '2015-04-01' }, ...options },
    );
  },

  /** Android smartphone JPKI (`JPKIAPGPSETOKEN`): the auth certificate needs the auth PIN (docs/reference/card-protocol.md#pitfalls item 17). */
  androidToken(options: ProfileOptions = {}): CardProfile {
    return build(
      (now, holder) => ({ ...standardBase(now, holder), description: 'androidToken', token: 'android' }),
      options,
    );
  },

  /** iPhone smartphone JPKI (`JPKIAPIOSTOKEN`): accepts `80 FC 00 00` (docs/reference/card-protocol.md#pitfalls item 17). */
  iosToken(options: ProfileOptions = {}): CardProfile {
    return build((now, holder) => ({ ...standardBase(now, holder), description: 'iosToken', token: 'ios' }), options);
  },
} as const;
