import { randomBytes } from 'node:crypto';
import { RSA_SHA256, testKeyPair, type TestKeyPair } from './key-pool.js';
import { x509 } from './x509.js';

/** Which JPKI hierarchy: user authentication (利用者証明用) or digital signature (署名用). */
export type JpkiHierarchy = 'auth' | 'sign';

/** Options for {@link createTestCa}. */
export interface TestCaOptions {
  /**
   * `O=` of the issuer DN. Production cards say `JPKI`; JPKI test cards say `JPKI-TEST`
   * (docs/reference/card-protocol.md#certificates). Default `'JPKI'`, so certificates have the shape of field cards.
   */
  organization?: string;
  /**
   * Start of the CA validity. Default 2014-01-01: one test root covers every issuance date the
   * profiles simulate (the old 住基カード's 2015 certificates included), where the real JPKI
   * rolls 10-year generations (docs/reference/card-protocol.md#certificates: authca01 2015, authca02 2019, authca03 2023).
   */
  notBefore?: Date;
  /** End of the CA validity. Default: 30 years after `notBefore`. */
  notAfter?: Date;
  /** Pool slot prefix for the CA keys (default `'ca'`): distinct prefixes give distinct CAs. */
  keySlot?: string;
}

/** One self-signed test root of a JPKI hierarchy. */
export interface TestCaAuthority {
  readonly hierarchy: JpkiHierarchy;
  /** DER of the CA certificate (what EF `000B` / `0002` hold). */
  readonly der: Uint8Array;
  readonly keys: TestKeyPair;
  /** The issuer DN text, e.g. `C=JP, O=JPKI, OU=JPKI for user authentication, OU=…`. */
  readonly name: string;
}

/** Revocation entry kept by the test CA for the simulated eligibility service. */
export interface RevokedEntry {
  readonly hierarchy: JpkiHierarchy;
  /** Certificate serial, lower-case hex without leading zeros stripped (as @peculiar/x509 prints it). */
  readonly serialNumber: string;
  readonly revokedAt: Date;
}

/**
 * The test JPKI: an auth root and a signing root generated at run time, plus a revocation
 * list. A simulated eligibility service asks {@link TestCa.isRevoked} or fetches
 * {@link TestCa.createCrl}.
 */
export interface TestCa {
  readonly auth: TestCaAuthority;
  readonly sign: TestCaAuthority;
  /** Marks a certificate serial as revoked (the `revoked()` card profile does this). */
  revoke(hierarchy: JpkiHierarchy, serialNumber: string, revokedAt?: Date): void;
  /** True when the serial (hex, any case, leading zeros ignored) was revoked in that hierarchy. */
  isRevoked(hierarchy: JpkiHierarchy, serialNumber: string): boolean;
  /** Every revoked entry so far. */
  revokedEntries(): readonly RevokedEntry[];
  /** A signed X.509 CRL of the hierarchy with the revoked serials (DER). */
  createCrl(hierarchy: JpkiHierarchy, thisUpdate?: Date): Promise<Uint8Array>;
}

/** The issuer DN of a JPKI hierarchy (docs/reference/card-protocol.md#certificates [confirmed]). */
export function jpkiIssuerName(hierarchy: JpkiHierarchy, organization = 'JPKI'): string {
  const unit = hierarchy === 'auth' ? 'JPKI for user authentication' : 'JPKI for digital signature';
  return `C=JP, O=${organization}, OU=${unit}, OU=Japan Agency for Local Authority Information Systems`;
}

function normaliseSerial(serial: string): string {
  const hex = serial
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

async function createAuthority(hierarchy: JpkiHierarchy, options: TestCaOptions): Promise<TestCaAuthority> {
  const keys = await testKeyPair(`${options.keySlot ?? 'ca'}-${hierarchy}`);
  const name = jpkiIssuerName(hierarchy, options.organization);
  const notBefore = options.notBefore ?? new Date(Date.UTC(2014, 0, 1));
  const notAfter =
    options.notAfter ??
    new Date(Date.UTC(notBefore.getUTCFullYear() + 30, notBefore.getUTCMonth(), notBefore.getUTCDate() - 1));
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore,
    notAfter,
    keys: keys.cryptoKeys,
    signingAlgorithm: RSA_SHA256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.cryptoKeys.publicKey),
    ],
  });
  const authority: TestCaAuthority = { hierarchy, der: new Uint8Array(certificate.rawData), keys, name };
  subjectNames.set(authority, certificate.subjectName);
  return authority;
}

// The CA's subject as @peculiar/x509 encoded it, for issuing under it byte for byte. Kept out of
// the public type: @peculiar's declarations do not type-check for CommonJS consumers (node16).
const subjectNames = new WeakMap<TestCaAuthority, x509.Name>();

/** @internal The authority's subject name exactly as encoded in its certificate. */
export function authoritySubjectName(authority: TestCaAuthority): x509.Name {
  const name = subjectNames.get(authority);
  if (!name) throw new TypeError('not an authority made by createTestCa');
  return name;
}

/** A positive random serial as hex (JPKI serials are opaque to the SDK). */
export function randomSerial(bytes = 4): string {
  const raw = randomBytes(bytes);
  raw[0] = (raw[0]! & 0x7f) | 0x01;
  return raw.toString('hex');
}

/** Creates a new test CA (both hierarchies). Prefer {@link sharedTestCa} in tests. */
export async function createTestCa(options: TestCaOptions = {}): Promise<TestCa> {
  const [auth, sign] = await Promise.all([createAuthority('auth', options), createAuthority('sign', options)]);
  const revoked: RevokedEntry[] = [];
  const isRevoked = (hierarchy: JpkiHierarchy, serialNumber: string): boolean => {
    const wanted = normaliseSerial(serialNumber);
    return revoked.some((entry) => entry.hierarchy === hierarchy && entry.serialNumber === wanted);
  };
  return {
    auth,
    sign,
    revoke(hierarchy, serialNumber, revokedAt = new Date()) {
      if (!isRevoked(hierarchy, serialNumber))
        revoked.push({ hierarchy, serialNumber: normaliseSerial(serialNumber), revokedAt });
    },
    isRevoked,
    revokedEntries() {
      return [...revoked];
    },
    async createCrl(hierarchy, thisUpdate = new Date()) {
      const authority = hierarchy === 'auth' ? auth : sign;
      const crl = await x509.X509CrlGenerator.create({
        issuer: authoritySubjectName(authority),
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + 24 * 3600 * 1000),
        signingAlgorithm: RSA_SHA256,
        signingKey: authority.keys.cryptoKeys.privateKey,
        entries: revoked
          .filter((entry) => entry.hierarchy === hierarchy)
          .map((entry) => ({
            serialNumber: entry.serialNumber.length % 2 === 0 ? entry.serialNumber : `0${entry.serialNumber}`,
            revocationDate: entry.revokedAt,
          })),
      });
      return new Uint8Array(crl.rawData);
    },
  };
}

let shared: Promise<TestCa> | undefined;

/**
 * The process-wide test CA every ready-made card profile uses (created once, on first use).
 * Revocations made by one test are visible to the others in the same process.
 */
export function sharedTestCa(): Promise<TestCa> {
  if (!shared) {
    shared = createTestCa();
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}
