import { CardAid } from './aids.js';
import { concatBytes, offsetTable, tlv, utf8 } from './ber.js';
import { rsaModulus, type CardMaterial } from './card-material.js';
import { sha256, signSha256 } from './card-signature.js';
import { filesOf, pinKey, type ApplicationDf, type ElementaryFile } from './file-system.js';
import { blankPng, placeholderJp2 } from './images.js';
import { compactDate, eraYymmdd } from './japanese-era.js';
import type { CardProfile } from './profile.js';
import { TEST_INDIVIDUAL_NUMBER } from './test-individual-number.js';
import { TOKEN_LABELS, tokenInfo } from './token-info.js';

/** The card's files: MF-level EFs and the application DFs. */
export interface CardFileSystem {
  readonly mf: ReadonlyMap<number, ElementaryFile>;
  readonly applications: readonly ApplicationDf[];
}

/** Tries of 照合番号A/B and the 生年月日 key: no source gives them (docs/reference/card-protocol.md#conflicts item 8); 10 is a placeholder. */
export const VERIFICATION_NUMBER_TRIES = 10;

/** A verification number (照合番号 A, 照合番号 B or the birth date) held as a PIN object with its tries. */
function verificationNumberPin(fid: number, value: string): ElementaryFile {
  return {
    kind: 'pin',
    fid,
    pin: pinKey({ value, triesLeft: VERIFICATION_NUMBER_TRIES, maxTries: VERIFICATION_NUMBER_TRIES }),
  };
}

/** 16-byte key ID: 7 ASCII digits + `08 05` + 3 ASCII digits + 4 padding bytes (docs/reference/card-protocol.md#integrity). */
function keyId(issuer: string, version = '001'): Uint8Array {
  return concatBytes([utf8(issuer), Uint8Array.of(0x08, 0x05), utf8(version), new Uint8Array(4)]);
}

/** `90 03 01 00 01 91 82 01 00 <modulus>`: the card's RSA public-key encoding (docs/reference/card-protocol.md#integrity). */
function cardPublicKey(modulus: Uint8Array): Uint8Array {
  return concatBytes([tlv(0x90, Uint8Array.of(0x01, 0x00, 0x01)), tlv(0x91, modulus)]);
}

/** CV certificate `7F21` (docs/reference/card-protocol.md#integrity): body = issuer key ID + subject key ID + public key; signed. */
function cvCertificate(material: CardMaterial, subjectKeyId: Uint8Array): Uint8Array {
  const body = concatBytes([keyId('6000001'), subjectKeyId, cardPublicKey(rsaModulus(material.apIssuerKey.publicKey))]);
  return tlv(0x7f21, tlv(0x5f4e, body), tlv(0x5f37, signSha256(material.ca.auth.keys.privateKey, body)));
}

/** 照合番号B: era YYMMDD + expiry YYYY + security code (docs/reference/card-protocol.md#pins), or the 16-digit variant (§10.2). */
export function verificationNumberB(profile: CardProfile): string {
  const dob =
    profile.behaviour.verificationNumberB === 'era-yymmdd'
      ? eraYymmdd(profile.holder.birthDate)
      : compactDate(profile.holder.birthDate);
  return `${dob}${profile.card.expiryDate.slice(0, 4)}${profile.card.securityCode}`;
}

function jpki(profile: CardProfile, material: CardMaterial): ApplicationDf {
  const missing = profile.behaviour.missingCertificate;
  const files: ElementaryFile[] = [
    { kind: 'binary', fid: 0x0006, data: tokenInfo(TOKEN_LABELS[profile.token]), readKeys: [] },
    // `8F 8F 00` with both certificates; byte 0 is assumed to drop without a signing cert (docs/reference/card-protocol.md#jpki-files).
    {
      kind: 'binary',
      fid: 0x0008,
      data: Uint8Array.of(material.signingCertificate ? 0x8f : 0x00, material.authCertificate ? 0x8f : 0x00, 0x00),
      readKeys: [],
    },
    { kind: 'opaque', fid: 0x0009 },
    { kind: 'binary', fid: 0x000b, data: material.ca.auth.der, readKeys: [] },
    { kind: 'binary', fid: 0x0002, data: material.ca.sign.der, readKeys: [] },
    { kind: 'opaque', fid: 0x0016 },
    { kind: 'pin', fid: 0x0018, pin: pinKey(profile.pins.auth, 3) },
    { kind: 'pin', fid: 0x001b, pin: pinKey(profile.pins.signing, 5) },
  ];
  if (material.authCertificate) {
    // The Android smartphone token wants the auth PIN before the auth cert (docs/reference/card-protocol.md#jpki-files, docs/reference/card-protocol.md#pitfalls item 17).
    files.push({
      kind: 'binary',
      fid: 0x000a,
      data: material.authCertificate.der,
      readKeys: profile.token === 'android' ? [0x0018] : [],
    });
    files.push({ kind: 'private-key', fid: 0x0017, key: material.authKey.privateKey, useKeys: [0x0018] });
  } else if (missing === 'empty-file') {
    files.push({ kind: 'binary', fid: 0x000a, data: new Uint8Array(0), readKeys: [] });
  }
  if (material.signingCertificate) {
    files.push({ kind: 'binary', fid: 0x0001, data: material.signingCertificate.der, readKeys: [0x001b] });
    files.push({ kind: 'private-key', fid: 0x001a, key: material.signingKey.privateKey, useKeys: [0x001b] });
  } else if (missing === 'empty-file') {
    files.push({ kind: 'binary', fid: 0x0001, data: new Uint8Array(0), readKeys: [0x001b] });
  }
  return { aid: CardAid.JPKI, name: 'JPKI', files: filesOf(files) };
}

/** The 基本4情報 EF `FF20` (docs/reference/card-protocol.md#basic-four) and the position its digest starts from. */
export function basicInfoFile(profile: CardProfile): { file: Uint8Array; itemsStart: number } {
  const h = profile.holder;
  return offsetTable(0xff20, 0xdf21, [
    tlv(0xdf22, utf8(h.name)),
    tlv(0xdf23, utf8(h.address)),
    tlv(0xdf24, utf8(compactDate(h.birthDate))),
    tlv(0xdf25, utf8(h.sex)),
  ]);
}

function inputSupport(profile: CardProfile, material: CardMaterial): ApplicationDf {
  // 17 physical bytes: FF 10 0C <12 digits> FF FF (docs/reference/card-protocol.md#number-ef). Fixed, check-digit-invalid test value.
  const numberFile = concatBytes([tlv(0xff10, utf8(TEST_INDIVIDUAL_NUMBER)), Uint8Array.of(0xff, 0xff)]);
  const basic = basicInfoFile(profile);
  const digests = concatBytes([
    tlv(0xdf31, sha256(numberFile)),
    tlv(0xdf32, sha256(basic.file.subarray(basic.itemsStart))),
  ]);
  const integrity = tlv(0xff30, digests, tlv(0xdf33, signSha256(material.apIssuerKey.privateKey, digests)));
  const apKeyId = keyId('6000033');
  const basicInfo = tlv(
    0xff40,
    tlv(0xdf41, Uint8Array.of(0x01, 0x03, 0x0e, 0x01)),
    tlv(0xdf42, keyId('6000034')),
    tlv(0xdf43, concatBytes([new Uint8Array(32).fill(0x11), new Uint8Array(96).fill(0xff)])),
  );
  const modulus = rsaModulus(material.apIssuerKey.publicKey);
  const PIN = 0x0011;
  const A = 0x0014;
  const B = 0x0015;
  const files: ElementaryFile[] = [
    { kind: 'binary', fid: 0x0001, data: numberFile, readKeys: [PIN, A] },
    { kind: 'binary', fid: 0x0002, data: basic.file, readKeys: [PIN, B] },
    { kind: 'binary', fid: 0x0003, data: integrity, readKeys: [PIN, A, B] },
    { kind: 'binary', fid: 0x0004, data: cvCertificate(material, apKeyId), readKeys: [] },
    { kind: 'binary', fid: 0x0005, data: basicInfo, readKeys: [] },
    { kind: 'binary', fid: 0x0006, data: tlv(0xa1, cardPublicKey(modulus)), readKeys: [PIN, A, B] },
    {
      kind: 'binary',
      fid: 0x0007,
      data: tlv(
        0xff50,
        tlv(0xdf51, cardPublicKey(modulus)),
        tlv(0xdf52, signSha256(material.apIssuerKey.privateKey, modulus)),
      ),
      readKeys: [PIN, A, B],
    },
    { kind: 'binary', fid: 0x0008, data: new Uint8Array(16).fill(0xff), readKeys: [] },
    { kind: 'pin', fid: PIN, pin: pinKey(profile.pins.inputSupport, 3) },
    // Blocked from issuance (docs/reference/card-protocol.md#input-support-files [single]): query 63C0, VERIFY 6984.
    { kind: 'pin', fid: 0x0012, pin: pinKey(null, 3) },
    { kind: 'private-key', fid: 0x0013, key: material.apIssuerKey.privateKey, useKeys: [PIN, A, B] },
    verificationNumberPin(A, TEST_INDIVIDUAL_NUMBER),
    verificationNumberPin(B, verificationNumberB(profile)),
  ];
  return { aid: CardAid.INPUT_SUPPORT, name: 'INPUT_SUPPORT', files: filesOf(files) };
}

/** The card-face EF `FF20` (docs/reference/card-protocol.md#card-face), signed over its three digest groups. */
export function cardFaceFile(profile: CardProfile, material: CardMaterial): Uint8Array {
  const h = profile.holder;
  const dob = tlv(0xdf22, utf8(compactDate(h.birthDate)));
  const sex = tlv(0xdf23, utf8(h.sex));
  const key = tlv(0xdf24, cardPublicKey(rsaModulus(material.apIssuerKey.publicKey)));
  const nameImage = tlv(0xdf25, blankPng(256, 32));
  const addressImage = tlv(0xdf26, blankPng(512, 64));
  const photo = tlv(0xdf27, profile.card.facePhoto ?? placeholderJp2());
  // Three groups hashed, the 96 digest bytes signed (docs/reference/card-protocol.md#card-face [single]).
  const digests = concatBytes([
    sha256(concatBytes([dob, sex, key])),
    sha256(concatBytes([nameImage, addressImage])),
    sha256(photo),
  ]);
  const signature = tlv(0xdf28, signSha256(material.apIssuerKey.privateKey, digests));
  const expiry = tlv(0xdf29, utf8(compactDate(profile.card.expiryDate)));
  const securityCode = tlv(0xdf2a, blankPng(24, 12));
  return offsetTable(0xff20, 0xdf21, [dob, sex, key, nameImage, addressImage, photo, signature, expiry, securityCode])
    .file;
}

function cardFace(profile: CardProfile, material: CardMaterial): ApplicationDf {
  const BIRTH = 0x0011;
  const B = 0x0012;
  const A = 0x0013;
  const modulus = rsaModulus(material.apIssuerKey.publicKey);
  const dob = tlv(0xdf11, utf8(compactDate(profile.holder.birthDate)));
  const ageKey = tlv(0xdf12, cardPublicKey(modulus));
  const age = tlv(
    0xff10,
    dob,
    ageKey,
    tlv(0xdf13, signSha256(material.apIssuerKey.privateKey, concatBytes([dob, ageKey]))),
  );
  const numberImage = tlv(
    0xff40,
    tlv(0xdf41, blankPng(72, 12)),
    tlv(0xdf42, cardPublicKey(modulus)),
    tlv(0xdf43, new Uint8Array(256)),
  );
  const municipality = utf8(profile.card.municipalityCode);
  const basicInfo = tlv(
    0xff30,
    tlv(0xdf31, Uint8Array.of(0x06, 0x03, 0x0e, 0x01)),
    tlv(0xdf32, keyId('6000023')),
    tlv(0xdf33, Uint8Array.of(0x01)),
    tlv(0xdf34, municipality),
    tlv(0xdf35, concatBytes([keyId('6000023'), new Uint8Array(256)])),
  );
  const files: ElementaryFile[] = [
    { kind: 'binary', fid: 0x0001, data: age, readKeys: [BIRTH] },
    { kind: 'binary', fid: 0x0002, data: cardFaceFile(profile, material), readKeys: [A, B] },
    { kind: 'binary', fid: 0x0003, data: basicInfo, readKeys: [] },
    { kind: 'binary', fid: 0x0004, data: cvCertificate(material, keyId('6000023')), readKeys: [] },
    { kind: 'binary', fid: 0x0005, data: numberImage, readKeys: [A] },
    { kind: 'binary', fid: 0x0006, data: new Uint8Array(16).fill(0xff), readKeys: [A, B] },
    verificationNumberPin(BIRTH, eraYymmdd(profile.holder.birthDate)),
    verificationNumberPin(B, verificationNumberB(profile)),
    verificationNumberPin(A, TEST_INDIVIDUAL_NUMBER),
  ];
  return { aid: CardAid.CARD_FACE, name: 'CARD_FACE', files: filesOf(files) };
}

function common(profile: CardProfile, material: CardMaterial): ApplicationDf {
  // Record 1: simple TLV 01 1C + serial(15) + municipality(5) + expiry YYYYMMDD (docs/reference/card-protocol.md#common-record).
  const record = concatBytes([
    Uint8Array.of(0x01, 0x1c),
    utf8(`${profile.card.serialNumber}${profile.card.municipalityCode}${compactDate(profile.card.expiryDate)}`),
  ]);
  const files: ElementaryFile[] = [
    { kind: 'record', fid: 0x0001, records: [record], readKeys: [] },
    { kind: 'opaque', fid: 0x0002 },
    // INTERNAL AUTHENTICATE without PIN (docs/reference/card-protocol.md#common-aps).
    { kind: 'private-key', fid: 0x0019, key: material.apIssuerKey.privateKey, useKeys: [] },
    { kind: 'pin', fid: 0x001c, pin: pinKey(profile.pins.cardPin, 3) },
  ];
  return { aid: CardAid.COMMON, name: 'COMMON', files: filesOf(files) };
}

function juki(profile: CardProfile): ApplicationDf {
  const files: ElementaryFile[] = [
    { kind: 'record', fid: 0x0001, records: [new Uint8Array(16).fill(0xff)], readKeys: [0x001c] },
    { kind: 'opaque', fid: 0x0002 },
    { kind: 'pin', fid: 0x001c, pin: pinKey(profile.pins.cardPin, 3) },
  ];
  return { aid: CardAid.JUKI, name: 'JUKI', files: filesOf(files) };
}

/**
 * Builds the card's file system from the profile (docs/reference/card-protocol.md#files). Smartphone tokens and the old
 * 住基カード carry the JPKI AP only.
 */
export function buildFileSystem(profile: CardProfile, material: CardMaterial): CardFileSystem {
  // Under MF: 001E selectable but READ → 6981 (docs/reference/card-protocol.md#reset-behaviour).
  const mf = filesOf([{ kind: 'opaque', fid: 0x001e }]);
  const applications: ApplicationDf[] = [jpki(profile, material)];
  if (profile.token === 'card') {
    applications.push(
      inputSupport(profile, material),
      cardFace(profile, material),
      common(profile, material),
      juki(profile),
    );
  }
  return { mf, applications };
}
