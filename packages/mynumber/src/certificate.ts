/**
 * A typed, zero-copy summary of an X.509 certificate (RFC 5280 §4.1), enough for the
 * eligibility flow: serial, issuer, subject, validity, key usage and the RSA public key
 * (docs/reference/card-protocol.md#certificates). Every byte field is a view into the DER the card returned.
 * @module
 */
import { ApduError, decodeTlv, tlvChildren, toHex, type Tlv } from '@onshikit/apdu';
import { CardError } from './errors.js';
import {
  Asn1,
  decodeBitString,
  decodeOid,
  decodeString,
  decodeTime,
  expectTag,
  invalid,
  unsignedIntegerView,
} from './der-values.js';

/** One attribute of a distinguished name. */
export interface DnAttribute {
  /** Dotted OID, e.g. `2.5.4.3`. */
  readonly oid: string;
  /** Short name (`C`, `O`, `OU`, `CN`, `L`, `ST`, …) or the OID when unknown. */
  readonly name: string;
  readonly value: string;
}

/** A distinguished name in certificate order (most significant first). */
export interface DistinguishedName {
  readonly attributes: readonly DnAttribute[];
  /** First value of an attribute by short name (`'CN'`). */
  get(name: string): string | undefined;
  /** Every value of an attribute (`'OU'` appears twice in the JPKI issuer). */
  getAll(name: string): string[];
  /** `C=JP, O=JPKI, OU=…` (RFC 4514 order reversed to certificate order, as openssl prints). */
  toString(): string;
}

/** Key usage bits (RFC 5280 §4.2.1.3). */
export interface KeyUsage {
  readonly critical: boolean;
  readonly digitalSignature: boolean;
  readonly nonRepudiation: boolean;
  readonly keyEncipherment: boolean;
  readonly dataEncipherment: boolean;
  readonly keyAgreement: boolean;
  readonly keyCertSign: boolean;
  readonly cRLSign: boolean;
  readonly encipherOnly: boolean;
  readonly decipherOnly: boolean;
}

/** An RSA public key as views into the certificate. */
export interface RsaPublicKey {
  /** Modulus n, big-endian, without the DER sign byte. */
  readonly modulus: Uint8Array;
  /** Public exponent e, big-endian (`01 00 01` for 65537). */
  readonly exponent: Uint8Array;
  /** Key size in bits (2048 on the My Number Card). */
  readonly bits: number;
}

/** What {@link parseCertificate} returns. */
export interface CertificateSummary {
  /** The whole certificate: a view of the input, not a copy. */
  readonly der: Uint8Array;
  /** X.509 version (3 for JPKI). */
  readonly version: number;
  /** Serial number as upper-case hex without a sign byte (relying parties key on it, docs/reference/card-protocol.md#certificates). */
  readonly serialNumber: string;
  /** The serial number's bytes (view). */
  readonly serialNumberBytes: Uint8Array;
  /** Signature algorithm OID (`1.2.840.113549.1.1.11` = sha256WithRSAEncryption). */
  readonly signatureAlgorithm: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  /** Subject CN: an opaque id on the user-auth certificate (docs/reference/card-protocol.md#certificates). */
  readonly subjectCommonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Key usage extension, or `undefined` when absent. */
  readonly keyUsage: KeyUsage | undefined;
  /** Public key algorithm OID (`1.2.840.113549.1.1.1` = rsaEncryption). */
  readonly publicKeyAlgorithm: string;
  /** RSA key views, or `undefined` for other algorithms. */
  readonly rsaPublicKey: RsaPublicKey | undefined;
  /** SubjectPublicKeyInfo DER (view): pass to `crypto.subtle.importKey('spki', …)`. */
  readonly subjectPublicKeyInfo: Uint8Array;
  /** The signed TBSCertificate bytes (view). */
  readonly tbsCertificate: Uint8Array;
  /** The issuer's signature (view). */
  readonly signature: Uint8Array;
  /** Dotted OIDs of the extensions present, in order. */
  readonly extensionOids: readonly string[];
  /** True when `date` is after notAfter. */
  isExpiredAt(date: Date): boolean;
  /** True when notBefore ≤ `date` ≤ notAfter. */
  isValidAt(date: Date): boolean;
}

const ATTRIBUTE_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.5', 'SERIALNUMBER'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'T'],
  ['1.2.840.113549.1.9.1', 'E'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
]);

const KEY_USAGE_OID = '2.5.29.15';
const RSA_OID = '1.2.840.113549.1.1.1';
const DER = { mode: 'der' } as const;

function children(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) invalid('expected a constructed element', '構造化要素でない', tlv.offset);
  const out: Tlv[] = [];
  for (const child of tlvChildren(tlv, DER)) out.push(child);
  return out;
}

/** Methods live on the prototype: parsing allocates no closures. */
class Name implements DistinguishedName {
  constructor(readonly attributes: readonly DnAttribute[]) {}
  get(name: string): string | undefined {
    for (const a of this.attributes) if (a.name === name) return a.value;
    return undefined;
  }
  getAll(name: string): string[] {
    const out: string[] = [];
    for (const a of this.attributes) if (a.name === name) out.push(a.value);
    return out;
  }
  toString(): string {
    return this.attributes.map((a) => `${a.name}=${a.value}`).join(', ');
  }
}

function parseName(tlv: Tlv): DistinguishedName {
  expectTag(tlv, Asn1.SEQUENCE, 'Name');
  const attributes: DnAttribute[] = [];
  for (const rdn of children(tlv)) {
    expectTag(rdn, Asn1.SET, 'RelativeDistinguishedName');
    for (const atv of children(rdn)) {
      expectTag(atv, Asn1.SEQUENCE, 'AttributeTypeAndValue');
      const [type, value] = children(atv);
      const oid = decodeOid(expectTag(type, Asn1.OID, 'attribute type'));
      if (value === undefined) invalid('attribute value missing', '属性値がない', atv.offset);
      attributes.push({ oid, name: ATTRIBUTE_NAMES.get(oid) ?? oid, value: decodeString(value) });
    }
  }
  return new Name(attributes);
}

function parseKeyUsage(critical: boolean, octets: Tlv): KeyUsage {
  const inner = decodeTlv(octets.value, { mode: 'der' });
  const { bytes } = decodeBitString(expectTag(inner, Asn1.BIT_STRING, 'KeyUsage'));
  const bit = (n: number): boolean => (((bytes[n >> 3] ?? 0) >> (7 - (n & 7))) & 1) === 1;
  return {
    critical,
    digitalSignature: bit(0),
    nonRepudiation: bit(1),
    keyEncipherment: bit(2),
    dataEncipherment: bit(3),
    keyAgreement: bit(4),
    keyCertSign: bit(5),
    cRLSign: bit(6),
    encipherOnly: bit(7),
    decipherOnly: bit(8),
  };
}

function parseRsaKey(bits: Uint8Array, at: number): RsaPublicKey {
  const key = decodeTlv(bits, { mode: 'der' });
  const [n, e] = children(expectTag(key, Asn1.SEQUENCE, 'RSAPublicKey'));
  const modulus = unsignedIntegerView(expectTag(n, Asn1.INTEGER, 'modulus'));
  const exponent = unsignedIntegerView(expectTag(e, Asn1.INTEGER, 'exponent'));
  const top = modulus[0] ?? 0;
  if (top === 0) invalid('RSA modulus is zero', 'RSA 公開鍵が不正', at);
  return { modulus, exponent, bits: (modulus.length - 1) * 8 + (32 - Math.clz32(top)) };
}

/**
 * Parses a DER X.509 certificate into a {@link CertificateSummary} with the apdu TLV reader.
 * No copies: every byte field is a view of `der`. Throws `CardError('CARD_CERT_INVALID')` with
 * the byte offset for anything malformed, never an untyped error.
 */
export function parseCertificate(der: Uint8Array): CertificateSummary {
  return parseChecked(der);
}

function parseChecked(der: Uint8Array): CertificateSummary {
  try {
    return parse(der);
  } catch (error) {
    if (error instanceof CardError) throw error;
    if (error instanceof ApduError) {
      throw new CardError('CARD_CERT_INVALID', {
        detail: { reason: 'DER 形式が不正', reasonEn: `malformed DER (${error.code})` },
        ...(error.offset === undefined ? {} : { offset: error.offset }),
        cause: error,
      });
    }
    throw new CardError('CARD_CERT_INVALID', {
      detail: { reason: '形式が不正', reasonEn: 'malformed certificate' },
      cause: error,
    });
  }
}

function parse(der: Uint8Array): Certificate {
  const cert = expectTag(decodeTlv(der, { mode: 'der' }), Asn1.SEQUENCE, 'Certificate');
  const [tbs, sigAlg, sigValue] = children(cert);
  expectTag(tbs, Asn1.SEQUENCE, 'TBSCertificate');
  const signatureAlgorithm = decodeOid(
    expectTag(children(expectTag(sigAlg, Asn1.SEQUENCE, 'signatureAlgorithm'))[0], Asn1.OID, 'algorithm'),
  );
  const signature = decodeBitString(expectTag(sigValue, Asn1.BIT_STRING, 'signatureValue')).bytes;

  const fields = children(tbs!);
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const v = expectTag(children(fields[0])[0], Asn1.INTEGER, 'version');
    version = (v.value[0] ?? 0) + 1;
    i = 1;
  }
  const serial = expectTag(fields[i++], Asn1.INTEGER, 'serialNumber');
  const serialNumberBytes = unsignedIntegerView(serial);
  expectTag(fields[i++], Asn1.SEQUENCE, 'signature');
  const issuer = parseName(fields[i++]!);
  const validity = children(expectTag(fields[i++], Asn1.SEQUENCE, 'Validity'));
  if (validity[0] === undefined || validity[1] === undefined)
    invalid('validity incomplete', '有効期間が不完全', fields[i - 1]!.offset);
  const notBefore = decodeTime(validity[0]);
  const notAfter = decodeTime(validity[1]);
  const subject = parseName(expectTag(fields[i++], Asn1.SEQUENCE, 'subject'));
  const spki = expectTag(fields[i++], Asn1.SEQUENCE, 'SubjectPublicKeyInfo');
  const [keyAlg, keyBits] = children(spki);
  const publicKeyAlgorithm = decodeOid(
    expectTag(children(expectTag(keyAlg, Asn1.SEQUENCE, 'algorithm'))[0], Asn1.OID, 'algorithm'),
  );
  const keyBitString = decodeBitString(expectTag(keyBits, Asn1.BIT_STRING, 'subjectPublicKey'));
  const rsaPublicKey = publicKeyAlgorithm === RSA_OID ? parseRsaKey(keyBitString.bytes, keyBits!.offset) : undefined;

  let keyUsage: KeyUsage | undefined;
  const extensionOids: string[] = [];
  for (; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.tag !== 0xa3) continue; // issuer/subject unique ids are skipped
    const list = expectTag(children(field)[0], Asn1.SEQUENCE, 'Extensions');
    for (const ext of children(list)) {
      const parts = children(expectTag(ext, Asn1.SEQUENCE, 'Extension'));
      const oid = decodeOid(expectTag(parts[0], Asn1.OID, 'extnID'));
      extensionOids.push(oid);
      const critical = parts[1]?.tag === Asn1.BOOLEAN ? parts[1].value[0] === 0xff : false;
      const octets = expectTag(parts[parts.length - 1], Asn1.OCTET_STRING, 'extnValue');
      if (oid === KEY_USAGE_OID) keyUsage = parseKeyUsage(critical, octets);
    }
  }

  return new Certificate(cert.raw, {
    version,
    serialNumber: toHex(serialNumberBytes),
    serialNumberBytes,
    signatureAlgorithm,
    issuer,
    subject,
    subjectCommonName: subject.get('CN'),
    notBefore,
    notAfter,
    keyUsage,
    publicKeyAlgorithm,
    rsaPublicKey,
    subjectPublicKeyInfo: spki.raw,
    tbsCertificate: tbs!.raw,
    signature,
    extensionOids,
  });
}

type CertificateFields = Omit<CertificateSummary, 'isExpiredAt' | 'isValidAt' | 'der'>;

/**
 * The summary: every field decoded once, when it is built (≈ 9 µs for a JPKI certificate, mynumber
 * bench), so no field access can throw. Plain properties (spreading and `JSON.stringify` see
 * them); the date checks live on the prototype.
 */
class Certificate implements CertificateSummary {
  readonly der: Uint8Array;
  readonly version: number;
  readonly serialNumber: string;
  readonly serialNumberBytes: Uint8Array;
  readonly signatureAlgorithm: string;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly subjectCommonName: string | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyUsage: KeyUsage | undefined;
  readonly publicKeyAlgorithm: string;
  readonly rsaPublicKey: RsaPublicKey | undefined;
  readonly subjectPublicKeyInfo: Uint8Array;
  readonly tbsCertificate: Uint8Array;
  readonly signature: Uint8Array;
  readonly extensionOids: readonly string[];

  constructor(der: Uint8Array, fields: CertificateFields) {
    this.der = der;
    this.version = fields.version;
    this.serialNumber = fields.serialNumber;
    this.serialNumberBytes = fields.serialNumberBytes;
    this.signatureAlgorithm = fields.signatureAlgorithm;
    this.issuer = fields.issuer;
    this.subject = fields.subject;
    this.subjectCommonName = fields.subjectCommonName;
    this.notBefore = fields.notBefore;
    this.notAfter = fields.notAfter;
    this.keyUsage = fields.keyUsage;
    this.publicKeyAlgorithm = fields.publicKeyAlgorithm;
    this.rsaPublicKey = fields.rsaPublicKey;
    this.subjectPublicKeyInfo = fields.subjectPublicKeyInfo;
    this.tbsCertificate = fields.tbsCertificate;
    this.signature = fields.signature;
    this.extensionOids = fields.extensionOids;
  }

  isExpiredAt(date: Date): boolean {
    return date.getTime() > this.notAfter.getTime();
  }

  isValidAt(date: Date): boolean {
    return date.getTime() >= this.notBefore.getTime() && date.getTime() <= this.notAfter.getTime();
  }
}
