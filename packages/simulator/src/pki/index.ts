export { testKeyPair, freshTestKeyPair, keyCacheDirectory, RSA_SHA256 } from './key-pool.js';
export type { TestKeyPair } from './key-pool.js';
export { createTestCa, sharedTestCa, jpkiIssuerName, randomSerial } from './test-ca.js';
export type { TestCa, TestCaAuthority, TestCaOptions, JpkiHierarchy, RevokedEntry } from './test-ca.js';
export { issueHolderCertificate, randomSubjectCommonName, JPKI_POLICY_OID, JPKI_SAN_OID } from './jpki-certificates.js';
export type { HolderCertificate, HolderCertificateParams, SigningCertificateHolder } from './jpki-certificates.js';
export { describeCertificate } from './describe-certificate.js';
export type { CertificateDescription } from './describe-certificate.js';
