import { toHex } from '@onshikit/apdu';
import { CardError, MyNumberCard, parseCertificate, type CertificateSummary } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JPKI, makeFakeCard } from './support/fake-fixture.js';

/** Every summary field. */
function fields(cert: CertificateSummary): unknown {
  return {
    der: toHex(cert.der),
    version: cert.version,
    serialNumber: cert.serialNumber,
    serialNumberBytes: toHex(cert.serialNumberBytes),
    signatureAlgorithm: cert.signatureAlgorithm,
    issuer: cert.issuer.toString(),
    subject: cert.subject.toString(),
    subjectCommonName: cert.subjectCommonName,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyUsage: cert.keyUsage,
    publicKeyAlgorithm: cert.publicKeyAlgorithm,
    rsaPublicKey:
      cert.rsaPublicKey === undefined
        ? undefined
        : [toHex(cert.rsaPublicKey.modulus), toHex(cert.rsaPublicKey.exponent), cert.rsaPublicKey.bits],
    subjectPublicKeyInfo: toHex(cert.subjectPublicKeyInfo),
    tbsCertificate: toHex(cert.tbsCertificate),
    signature: toHex(cert.signature),
    extensionOids: cert.extensionOids,
  };
}

async function readWith(bytes: Uint8Array): Promise<CertificateSummary | CardError> {
  const { card } = makeFakeCard();
  card.apps.get(JPKI)!.files.set(0x000a, bytes);
  return new MyNumberCard(card).readAuthCertificate().catch((error: unknown) => {
    expect(error).toBeInstanceOf(CardError);
    return error as CardError;
  });
}

describe('readAuthCertificate: the summary is parsed completely by the read (no field access throws)', () => {
  it('gives the same fields as parseCertificate, keeps der a view, and JSON shows the fields', async () => {
    const { card, authCertificate } = makeFakeCard();
    const cert = await new MyNumberCard(card).readAuthCertificate();
    expect(fields(cert)).toEqual(fields(parseCertificate(authCertificate)));
    expect(cert.subjectPublicKeyInfo.buffer).toBe(cert.der.buffer);
    expect(cert.isValidAt(cert.notBefore)).toBe(true);
    expect(JSON.parse(JSON.stringify(cert)).serialNumber).toBe(cert.serialNumber);
  });

  it('structural damage (truncation, bad nested lengths) is rejected by the read itself', async () => {
    const { authCertificate } = makeFakeCard();
    // Shorten the TBSCertificate's length by one: the outer SEQUENCE still measures right.
    const damaged = authCertificate.slice();
    const tbsLengthAt = 4 + 2; // 30 82 LL LL | 30 82 LL LL
    damaged[tbsLengthAt + 1] = damaged[tbsLengthAt + 1]! - 1;
    const result = await readWith(damaged);
    expect(result).toBeInstanceOf(CardError);
    expect((result as CardError).code).toBe('CARD_CERT_INVALID');
    expect(() => parseCertificate(damaged)).toThrow(CardError);
  });

  it('a mutated certificate: the read agrees with parseCertificate (same fields, or CARD_CERT_INVALID from the read itself)', async () => {
    const { authCertificate } = makeFakeCard();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: authCertificate.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 3,
        }),
        async (edits) => {
          const copy = authCertificate.slice();
          for (const [at, value] of edits) copy[at] = value;
          let eager: unknown;
          try {
            eager = fields(parseCertificate(copy));
          } catch (error) {
            expect(error).toBeInstanceOf(CardError);
            eager = (error as CardError).code;
          }
          const read = await readWith(copy);
          if (read instanceof CardError) {
            // The read measures the outer element itself (CARD_CERT_MISSING for an FF/00 start).
            expect(['CARD_CERT_INVALID', 'CARD_CERT_MISSING']).toContain(read.code);
            if (read.code === 'CARD_CERT_INVALID' && eager !== 'CARD_CERT_INVALID') {
              // Only a changed outer length makes the read see a different element than `copy`.
              expect(toHex(copy.subarray(0, 4))).not.toBe(toHex(authCertificate.subarray(0, 4)));
            }
            return;
          }
          if (read.der.length !== copy.length) return; // a changed outer length: a different element was read
          expect(fields(read)).toEqual(eager); // every field readable: no getter left to throw
        },
      ),
      { numRuns: 300 },
    );
  });
});
