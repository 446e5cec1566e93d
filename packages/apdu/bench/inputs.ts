// Inputs for the TLV benchmark: a real-shaped RSA-2048 certificate, a 基本4情報 record and a deep tree.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { encodeTlv } from '../src/index.js';

/**
 * A self-signed RSA-2048 certificate shaped like a JPKI user-authentication certificate
 * (docs/reference/card-protocol.md#certificate-read: about 1.5 KB, X.509 v3 with the usual extensions), made at bench time.
 */
export async function makeCertificate(): Promise<Uint8Array> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a1b2c3d4e5f',
    name: 'C=JP, O=JPKI, OU=JPKI for user authentication, OU=Japan Agency for Local Authority Information Systems',
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2030-12-31T23:59:59Z'),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.2'], false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
      new x509.SubjectAlternativeNameExtension([{ type: 'url', value: 'http://example.invalid/onshikit' }]),
      new x509.CertificatePolicyExtension(['1.2.392.200149.8.5.1.3.10']),
    ],
  });
  return new Uint8Array(cert.rawData);
}

const utf8 = new TextEncoder();

/** A 基本4情報 record (docs/reference/card-protocol.md#basic-four) with made-up contents: FF20 { DF21 offsets, DF22-DF25 }. */
export function makeBasicFourRecord(): Uint8Array {
  const fields = [
    encodeTlv(0xdf22, utf8.encode('見本\u3000花子')),
    encodeTlv(0xdf23, utf8.encode('東京都千代田区千代田一丁目１番１号見本マンション１０１号室')),
    encodeTlv(0xdf24, utf8.encode('19900101')),
    encodeTlv(0xdf25, utf8.encode('2')),
  ];
  const bodyLength = fields.reduce((n, f) => n + f.length, 0);
  const header = 11 + bodyLength > 0xff + 3 ? 4 : 11 + bodyLength > 0x7f ? 3 : 2;
  // DF21: 2-byte offsets, from the start of the file, of DF22..DF25.
  const offsets = new Uint8Array(8);
  let at = header + 2 + 1 + 8;
  fields.forEach((f, i) => {
    offsets[2 * i] = at >> 8;
    offsets[2 * i + 1] = at & 0xff;
    at += f.length;
  });
  return encodeTlv(0xff20, [encodeTlv(0xdf21, offsets), ...fields]);
}

/** A synthetic tree `levels` deep: each level a SEQUENCE of an INTEGER, an OCTET STRING, a context tag and the next level. */
export function makeDeepTree(levels = 24): Uint8Array {
  let inner = encodeTlv(0x04, utf8.encode('leaf'));
  for (let i = 0; i < levels; i++) {
    inner = encodeTlv(0x30, [
      encodeTlv(0x02, Uint8Array.of(i + 1)),
      encodeTlv(0x04, new Uint8Array(16).fill(i)),
      encodeTlv(0xa0, [encodeTlv(0x80, Uint8Array.of(i))]),
      inner,
    ]);
  }
  return inner;
}
