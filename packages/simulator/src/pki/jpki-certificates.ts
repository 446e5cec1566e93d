import { randomInt } from 'node:crypto';
import { concat, derOid, derTlv, derUtf8 } from './der.js';
import { RSA_SHA256, type TestKeyPair } from './key-pool.js';
import { authoritySubjectName, randomSerial, type JpkiHierarchy, type TestCa } from './test-ca.js';
import { x509 } from './x509.js';

/** Certificate policy OIDs (docs/reference/card-protocol.md#certificates [single each]). */
export const JPKI_POLICY_OID = {
  auth: '1.2.392.200149.8.5.1.3.30',
  sign: '1.2.392.200149.8.5.1.1.20',
} as const;

/** JPKI otherName OIDs carried in the signing certificate's SAN (docs/reference/card-protocol.md#certificates). */
export const JPKI_SAN_OID = {
  name: '1.2.392.200149.8.5.5.1',
  nameSubstituteFlags: '1.2.392.200149.8.5.5.2',
  sex: '1.2.392.200149.8.5.5.3',
  dateOfBirth: '1.2.392.200149.8.5.5.4',
  address: '1.2.392.200149.8.5.5.5',
  addressSubstituteFlags: '1.2.392.200149.8.5.5.6',
} as const;

/** The 4 attributes the signing certificate carries (never the auth certificate). */
export interface SigningCertificateHolder {
  name: string;
  address: string;
  /** `EYYYYMMDD`: era digit (1 明治 … 5 令和) + Gregorian date (docs/reference/card-protocol.md#certificates). */
  dateOfBirth: string;
  /** SAN sex code: 1 男, 2 女, 3 不明 (docs/reference/card-protocol.md#certificates). */
  sex: '1' | '2' | '3';
  /** Latin locality names for the subject DN (e.g. `['Tokyo', 'Chiyoda-ku']`). */
  localities: readonly string[];
}

/** Parameters of one holder certificate. */
export interface HolderCertificateParams {
  ca: TestCa;
  hierarchy: JpkiHierarchy;
  holderKey: TestKeyPair;
  notBefore: Date;
  notAfter: Date;
  /** Hex serial; random when omitted. */
  serialNumber?: string;
  /** The opaque subject CN (docs/reference/card-protocol.md#certificates: `C=JP, CN=<opaque ID>`). */
  subjectCommonName: string;
  /** 5-digit municipality code used in the CRL distribution point (default `13101`). */
  municipalityCode?: string;
  /** Required for `hierarchy: 'sign'`. */
  holder?: SigningCertificateHolder;
}

/** An issued holder certificate. */
export interface HolderCertificate {
  readonly der: Uint8Array;
  /** Serial as lower-case hex. */
  readonly serialNumber: string;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';

function pick(alphabet: string, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * A random opaque subject CN shaped like the published test card's (`997794E9AGCIEG13221003A`,
 * docs/reference/card-protocol.md#certificates): 8 hex, 6 letters, 5-digit municipality code, 3 digits, 1 letter/digit.
 */
export function randomSubjectCommonName(municipalityCode = '13101'): string {
  return `${pick(HEX, 8)}${pick(UPPER, 6)}${municipalityCode}${pick('0123456789', 3)}${pick(ALNUM, 1)}`;
}

function otherName(oid: string, value: string): Uint8Array {
  // otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT UTF8String }
  return derTlv(0xa0, derOid(oid), derTlv(0xa0, derUtf8(value)));
}

/** User notices; the auth one is longer so the certificate has a field certificate's size (~1.5 KB). */
const NOTICE: Record<JpkiHierarchy, string> = {
  auth: '本証明書は試験用の模擬利用者証明用電子証明書です。公的個人認証サービスが発行した証明書ではなく、資格確認その他の本番の用途には使用できません。',
  sign: '本証明書は試験用の模擬証明書です。公的個人認証サービスの証明書ではありません。',
};

function ia5(text: string): Uint8Array {
  return derTlv(0x16, new TextEncoder().encode(text));
}

/**
 * Certificate policies with a CPS pointer and a user notice, as production JPKI certificates
 * carry (docs/reference/card-protocol.md#certificates policy OIDs); URLs point to example.invalid.
 */
function policies(hierarchy: JpkiHierarchy): x509.Extension {
  const cps = derTlv(0x30, derOid('1.3.6.1.5.5.7.2.1'), ia5('http://www.example.invalid/jpki/cps.html'));
  const notice = derTlv(0x30, derOid('1.3.6.1.5.5.7.2.2'), derTlv(0x30, derUtf8(NOTICE[hierarchy])));
  const info = derTlv(0x30, derOid(JPKI_POLICY_OID[hierarchy]), derTlv(0x30, cps, notice));
  return new x509.Extension('2.5.29.32', false, new Uint8Array(derTlv(0x30, info)));
}

/**
 * CRL distribution points: a directory-name point partitioned by municipality plus an HTTP
 * one. [derived] shape — it brings the certificate to the size of a field certificate
 * (docs/reference/card-protocol.md#certificate-read: 1571 bytes for the auth certificate), which matters for APDU counts.
 */
function crlDistributionPoints(
  hierarchy: JpkiHierarchy,
  organization: string,
  municipalityCode: string,
): x509.Extension {
  const unit = hierarchy === 'auth' ? 'JPKI for user authentication' : 'JPKI for digital signature';
  const dirName = new Uint8Array(
    new x509.Name(
      `C=JP, O=${organization}, OU=${unit}, OU=CRL Distribution Points, OU=${municipalityCode}, CN=${municipalityCode} CRLDP`,
    ).toArrayBuffer(),
  );
  const byName = derTlv(0x30, derTlv(0xa0, derTlv(0xa0, derTlv(0xa4, dirName))));
  const byUrl = derTlv(
    0x30,
    derTlv(
      0xa0,
      derTlv(
        0xa0,
        derTlv(0x86, new TextEncoder().encode(`http://crl.example.invalid/jpki/${hierarchy}/${municipalityCode}.crl`)),
      ),
    ),
  );
  return new x509.Extension('2.5.29.31', false, new Uint8Array(derTlv(0x30, byName, byUrl)));
}

function signingSan(holder: SigningCertificateHolder): x509.Extension {
  const names = derTlv(
    0x30,
    concat([
      otherName(JPKI_SAN_OID.name, holder.name),
      otherName(JPKI_SAN_OID.nameSubstituteFlags, '0'),
      otherName(JPKI_SAN_OID.sex, holder.sex),
      otherName(JPKI_SAN_OID.dateOfBirth, holder.dateOfBirth),
      otherName(JPKI_SAN_OID.address, holder.address),
      otherName(JPKI_SAN_OID.addressSubstituteFlags, '0'),
    ]),
  );
  return new x509.Extension('2.5.29.17', false, new Uint8Array(names));
}

/**
 * Issues a holder certificate with the JPKI profile (docs/reference/card-protocol.md#certificates): subject `C=JP, CN=<opaque>`
 * for auth (locality added for signing), JPKI issuer DN, critical keyUsage digitalSignature
 * (+ nonRepudiation for signing), issuer alt name `C=JP, O=公的個人認証サービス`, the policy OID,
 * RSA-2048 / sha256WithRSAEncryption.
 */
export async function issueHolderCertificate(params: HolderCertificateParams): Promise<HolderCertificate> {
  const authority = params.hierarchy === 'auth' ? params.ca.auth : params.ca.sign;
  const serialNumber = params.serialNumber ?? randomSerial(4);
  const subject =
    params.hierarchy === 'auth'
      ? `C=JP, CN=${params.subjectCommonName}`
      : `C=JP, ${(params.holder?.localities ?? []).map((l) => `L=${l}`).join(', ')}${params.holder?.localities.length ? ', ' : ''}CN=${params.subjectCommonName}`;
  const usage =
    params.hierarchy === 'auth'
      ? x509.KeyUsageFlags.digitalSignature
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  const extensions: x509.Extension[] = [
    new x509.KeyUsagesExtension(usage, true),
    policies(params.hierarchy),
    new x509.IssuerAlternativeNameExtension([{ type: 'dn', value: 'C=JP, O=公的個人認証サービス' }], false),
    await x509.AuthorityKeyIdentifierExtension.create(authority.keys.cryptoKeys.publicKey),
    await x509.SubjectKeyIdentifierExtension.create(params.holderKey.cryptoKeys.publicKey),
    crlDistributionPoints(
      params.hierarchy,
      authoritySubjectName(authority).getField('O')[0] ?? 'JPKI',
      params.municipalityCode ?? '13101',
    ),
    new x509.AuthorityInfoAccessExtension({ ocsp: `http://ocsp.example.invalid/jpki/${params.hierarchy}` }, false),
  ];
  if (params.hierarchy === 'sign') {
    if (!params.holder) throw new TypeError('a signing certificate needs the holder attributes');
    extensions.push(signingSan(params.holder));
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject,
    issuer: authoritySubjectName(authority),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.holderKey.cryptoKeys.publicKey,
    signingKey: authority.keys.cryptoKeys.privateKey,
    signingAlgorithm: RSA_SHA256,
    extensions,
  });
  return { der: new Uint8Array(certificate.rawData), serialNumber: certificate.serialNumber.toLowerCase() };
}
