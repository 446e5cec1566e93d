import { x509 } from './x509.js';

/** What tests and demos want to see of a certificate the simulator issued. */
export interface CertificateDescription {
  readonly subject: string;
  readonly issuer: string;
  /** Lower-case hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Key usage names in RFC 5280 order, e.g. `['digitalSignature', 'nonRepudiation']`. */
  readonly keyUsage: readonly string[];
  readonly keyUsageCritical: boolean;
  /** e.g. `'sha256WithRSAEncryption'`. */
  readonly signatureAlgorithm: string;
  /** Certificate policy OIDs. */
  readonly policies: readonly string[];
}

const USAGE_NAMES: ReadonlyArray<[number, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
];

/** Summarises a DER certificate (for tests of the simulator's JPKI profile). */
export function describeCertificate(der: Uint8Array): CertificateDescription {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const policies = cert.getExtension(x509.CertificatePolicyExtension);
  const algorithm = cert.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const signatureAlgorithm =
    algorithm.name === 'RSASSA-PKCS1-v1_5' && algorithm.hash?.name === 'SHA-256'
      ? 'sha256WithRSAEncryption'
      : `${algorithm.name ?? '?'}/${algorithm.hash?.name ?? '?'}`;
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyUsage: usage ? USAGE_NAMES.filter(([flag]) => (usage.usages & flag) !== 0).map(([, name]) => name) : [],
    keyUsageCritical: usage?.critical ?? false,
    signatureAlgorithm,
    policies: policies?.policies ?? [],
  };
}
