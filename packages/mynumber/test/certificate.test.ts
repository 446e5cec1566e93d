import { ApduError, encodeTlv, toHex } from '@onshikit/apdu';
import { CardError, parseCertificate } from '@onshikit/mynumber';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCertificate, C, CN, JPKI_AUTH_ISSUER, rsaKeyPair } from './support/test-certificate.js';

const keys = rsaKeyPair();
const base = {
  serial: Uint8Array.of(0x01, 0x33, 0xc3, 0x49),
  issuer: JPKI_AUTH_ISSUER,
  subject: [
    [C, 'JP', 0x13],
    [CN, '997794E9AGCIEG13221003A', 0x0c],
  ] as const,
  notBefore: new Date(Date.UTC(2025, 9, 27, 1, 2, 3)),
  notAfter: new Date(Date.UTC(2030, 1, 17, 14, 59, 59)),
  publicKey: keys.publicKey,
  signer: keys.privateKey,
  keyUsage: Uint8Array.of(0x07, 0x80),
};

function expectCardError(fn: () => unknown): CardError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CardError);
    return error as CardError;
  }
  throw new Error('expected a CardError');
}

describe('parseCertificate', () => {
  it('summarises a JPKI-shaped user-auth certificate (UTCTime)', () => {
    const der = buildCertificate(base);
    const cert = parseCertificate(der);
    expect(cert.version).toBe(3);
    expect(cert.serialNumber).toBe('0133C349');
    expect(cert.signatureAlgorithm).toBe('1.2.840.113549.1.1.11');
    expect(cert.issuer.get('O')).toBe('JPKI');
    expect(cert.issuer.getAll('OU')).toEqual([
      'JPKI for user authentication',
      'Japan Agency for Local Authority Information Systems',
    ]);
    expect(cert.subject.toString()).toBe('C=JP, CN=997794E9AGCIEG13221003A');
    expect(cert.subjectCommonName).toBe('997794E9AGCIEG13221003A');
    expect(cert.notBefore.toISOString()).toBe('2025-10-27T01:02:03.000Z');
    expect(cert.notAfter.toISOString()).toBe('2030-02-17T14:59:59.000Z');
    expect(cert.keyUsage).toMatchObject({
      critical: true,
      digitalSignature: true,
      nonRepudiation: false,
      keyCertSign: false,
    });
    expect(cert.rsaPublicKey?.bits).toBe(2048);
    expect(toHex(cert.rsaPublicKey!.exponent)).toBe('010001');
    expect(cert.extensionOids).toEqual(['2.5.29.15']);
    expect(cert.isExpiredAt(new Date(Date.UTC(2030, 1, 17, 15)))).toBe(true);
    expect(cert.isExpiredAt(new Date(Date.UTC(2030, 1, 17, 14)))).toBe(false);
    expect(cert.isValidAt(new Date(Date.UTC(2025, 9, 27)))).toBe(false);
    expect(cert.isValidAt(new Date(Date.UTC(2026, 0, 1)))).toBe(true);
  });

  it('returns views into the input, not copies', () => {
    const der = buildCertificate(base);
    const cert = parseCertificate(der);
    expect(cert.der.buffer).toBe(der.buffer);
    expect(cert.rsaPublicKey!.modulus.buffer).toBe(der.buffer);
    expect(cert.subjectPublicKeyInfo.buffer).toBe(der.buffer);
    expect(cert.serialNumberBytes.buffer).toBe(der.buffer);
  });

  it('reads GeneralizedTime (dates from 2050)', () => {
    const cert = parseCertificate(
      buildCertificate({ ...base, notAfter: new Date(Date.UTC(2051, 0, 2, 3, 4, 5)), generalizedTime: true }),
    );
    expect(cert.notAfter.toISOString()).toBe('2051-01-02T03:04:05.000Z');
  });

  it('the SPKI view imports into WebCrypto', async () => {
    const cert = parseCertificate(buildCertificate(base));
    const key = await crypto.subtle.importKey(
      'spki',
      cert.subjectPublicKeyInfo as Uint8Array<ArrayBuffer>,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    expect(key.type).toBe('public');
  });

  it('rejects trailing bytes and truncation with CARD_CERT_INVALID and an offset', () => {
    const der = buildCertificate(base);
    const truncated = expectCardError(() => parseCertificate(der.subarray(0, der.length - 10)));
    expect(truncated.code).toBe('CARD_CERT_INVALID');
    expect(truncated.cause).toBeInstanceOf(ApduError);
    const extra = new Uint8Array(der.length + 1);
    extra.set(der);
    expect(expectCardError(() => parseCertificate(extra)).code).toBe('CARD_CERT_INVALID');
    expect(expectCardError(() => parseCertificate(encodeTlv(0x30, encodeTlv(0x02, Uint8Array.of(1))))).code).toBe(
      'CARD_CERT_INVALID',
    );
  });

  it('arbitrary bytes never throw anything but CardError CARD_CERT_INVALID', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseCertificate(bytes);
        } catch (error) {
          return error instanceof CardError && error.code === 'CARD_CERT_INVALID';
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated real certificates parse or fail with CARD_CERT_INVALID only', () => {
    const der = buildCertificate(base);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: der.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const copy = der.slice();
          for (const [at, value] of edits) copy[at] = value;
          try {
            const cert = parseCertificate(copy);
            expect(cert.der.length).toBe(copy.length);
          } catch (error) {
            return error instanceof CardError && error.code === 'CARD_CERT_INVALID';
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('round-trips arbitrary validity dates, serials and CNs', () => {
    const date = fc
      .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2049, 11, 31)), noInvalidDate: true })
      .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
    fc.assert(
      fc.property(
        date,
        date,
        fc.uint8Array({ minLength: 1, maxLength: 20 }).map((s) => Uint8Array.from([0x01, ...s])),
        fc.string({ minLength: 1, maxLength: 40 }),
        (notBefore, notAfter, serial, cn) => {
          const cert = parseCertificate(
            buildCertificate({
              ...base,
              notBefore,
              notAfter,
              serial,
              subject: [
                [C, 'JP', 0x13],
                [CN, cn, 0x0c],
              ],
            }),
          );
          expect(cert.notBefore.getTime()).toBe(notBefore.getTime());
          expect(cert.notAfter.getTime()).toBe(notAfter.getTime());
          expect(cert.serialNumber).toBe(toHex(serial));
          expect(cert.subjectCommonName).toBe(cn);
        },
      ),
      { numRuns: 100 },
    );
  });
});
