import type { KeyObject } from 'node:crypto';
import { issueHolderCertificate, randomSubjectCommonName, type HolderCertificate } from '../pki/jpki-certificates.js';
import { testKeyPair, type TestKeyPair } from '../pki/key-pool.js';
import { sharedTestCa, type TestCa } from '../pki/test-ca.js';
import { japaneseEra, compactDate } from './japanese-era.js';
import type { CardProfile } from './profile.js';

/** The keys and certificates of one card, generated (or taken from the pool) for its profile. */
export interface CardMaterial {
  readonly ca: TestCa;
  readonly authKey: TestKeyPair;
  readonly signingKey: TestKeyPair;
  readonly authCertificate: HolderCertificate | null;
  readonly signingCertificate: HolderCertificate | null;
  /** Key of the card issuer that signs the 入力補助AP integrity record and the 券面 data (docs/reference/card-protocol.md#integrity, docs/reference/card-protocol.md#card-face). */
  readonly apIssuerKey: TestKeyPair;
}

/** The public modulus of a key as the 256 bytes the card files carry (`91 82 01 00 <n>`). */
export function rsaModulus(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.n ?? '', 'base64url'));
}

/** SAN sex code of the signing certificate: 1/2/3 (docs/reference/card-protocol.md#certificates, docs/reference/card-protocol.md#conflicts item 5). */
function sanSex(sex: string): '1' | '2' | '3' {
  return sex === '1' || sex === '2' ? sex : '3';
}

/**
 * Prepares the keys and certificates of a profile: keys from the process-wide pool, holder
 * certificates issued by the (shared) test CA with the JPKI profile, and a revoked profile's
 * serial registered with that CA.
 */
export async function prepareCardMaterial(profile: CardProfile): Promise<CardMaterial> {
  const [ca, authKey, signingKey, apIssuerKey] = await Promise.all([
    profile.ca ? Promise.resolve(profile.ca) : sharedTestCa(),
    testKeyPair(profile.keySlots.auth),
    testKeyPair(profile.keySlots.signing),
    testKeyPair('ap-issuer'),
  ]);
  const municipality = profile.card.municipalityCode;
  const authSetting = profile.certificates.auth;
  const signSetting = profile.certificates.signing;
  const authCertificate = authSetting
    ? await issueHolderCertificate({
        ca,
        hierarchy: 'auth',
        holderKey: authKey,
        notBefore: authSetting.notBefore,
        notAfter: authSetting.notAfter,
        ...(authSetting.serialNumber === undefined ? {} : { serialNumber: authSetting.serialNumber }),
        subjectCommonName: authSetting.subjectCommonName ?? randomSubjectCommonName(municipality),
        municipalityCode: municipality,
      })
    : null;
  const era = japaneseEra(profile.holder.birthDate);
  const signingCertificate = signSetting
    ? await issueHolderCertificate({
        ca,
        hierarchy: 'sign',
        holderKey: signingKey,
        notBefore: signSetting.notBefore,
        notAfter: signSetting.notAfter,
        ...(signSetting.serialNumber === undefined ? {} : { serialNumber: signSetting.serialNumber }),
        subjectCommonName: signSetting.subjectCommonName ?? randomSubjectCommonName(municipality),
        municipalityCode: municipality,
        holder: {
          name: profile.holder.name,
          address: profile.holder.address,
          dateOfBirth: `${era.code}${compactDate(profile.holder.birthDate)}`,
          sex: sanSex(profile.holder.sex),
          localities: profile.holder.localities,
        },
      })
    : null;
  if (authSetting?.revoked && authCertificate) ca.revoke('auth', authCertificate.serialNumber);
  if (signSetting?.revoked && signingCertificate) ca.revoke('sign', signingCertificate.serialNumber);
  return { ca, authKey, signingKey, authCertificate, signingCertificate, apIssuerKey };
}
