import { encodeTlv } from '@onshikit/apdu';
import { FakeCard, type FakeApp } from './fake-card.js';
import { buildCertificate, CN, C, JPKI_AUTH_ISSUER, rsaKeyPair } from './test-certificate.js';

const te = new TextEncoder();
export const AUTH_PIN = '1234';
export const INPUT_PIN = '5678';
export const VERIFICATION_B = '55021720352285';
export const JPKI = 'D392F000260100000001';
export const INPUT = 'D3921000310001010408';
export const FACE = 'D3921000310001010402';

let keys: ReturnType<typeof rsaKeyPair> | undefined;
export function holderKeys(): ReturnType<typeof rsaKeyPair> {
  keys ??= rsaKeyPair();
  return keys;
}

export function basicInfoFile(
  options: { name?: string; address?: string; birth?: string; sex?: string } = {},
): Uint8Array {
  const name = encodeTlv(0xdf22, te.encode(options.name ?? '山田\u3000花子'));
  const address = encodeTlv(0xdf23, te.encode(options.address ?? '東京都千代田区霞が関１丁目２番３号'));
  const birth = encodeTlv(0xdf24, te.encode(options.birth ?? '19800217'));
  const sex = encodeTlv(0xdf25, te.encode(options.sex ?? '2'));
  // DF21 holds the offsets of DF22..DF25 from the start of the file (docs/reference/card-protocol.md#basic-four).
  const headerGuess = 3 + 11;
  const offsets: number[] = [];
  let at = headerGuess;
  for (const part of [name, address, birth, sex]) {
    offsets.push(at);
    at += part.length;
  }
  const table = encodeTlv(0xdf21, Uint8Array.from(offsets.flatMap((o) => [o >> 8, o & 0xff])));
  return encodeTlv(0xff20, [table, name, address, birth, sex]);
}

export const JP2_PHOTO = Uint8Array.from([
  0x00,
  0x00,
  0x00,
  0x0c,
  0x6a,
  0x50,
  0x20,
  0x20,
  0x0d,
  0x0a,
  0x87,
  0x0a,
  ...new Array(1500).fill(0x42),
]);

export function faceFile(): Uint8Array {
  return encodeTlv(0xff20, [
    encodeTlv(0xdf21, new Uint8Array(16)),
    encodeTlv(0xdf22, te.encode('19800217')),
    encodeTlv(0xdf23, te.encode('2')),
    encodeTlv(0xdf27, JP2_PHOTO),
  ]);
}

export interface FakeSetup {
  card: FakeCard;
  authCertificate: Uint8Array;
  caCertificate: Uint8Array;
}

export function makeFakeCard(
  options: { label?: string; authCertificate?: Uint8Array | null; authTries?: number; extended?: boolean } = {},
): FakeSetup {
  const { publicKey, privateKey } = holderKeys();
  const now = Date.UTC(2026, 0, 1);
  const caCertificate = buildCertificate({
    serial: Uint8Array.of(0x06, 0xd1, 0x80, 0x06),
    issuer: JPKI_AUTH_ISSUER,
    subject: JPKI_AUTH_ISSUER,
    notBefore: new Date(now - 365 * 86400e3),
    notAfter: new Date(now + 3650 * 86400e3),
    publicKey,
    signer: privateKey,
    keyUsage: Uint8Array.of(0x01, 0x06),
  });
  const authCertificate =
    options.authCertificate === null
      ? undefined
      : (options.authCertificate ??
        buildCertificate({
          serial: Uint8Array.of(0x00, 0x9a, 0x12, 0x34, 0x56),
          issuer: JPKI_AUTH_ISSUER,
          subject: [
            [C, 'JP', 0x13],
            [CN, '997794E9AGCIEG13221003A', 0x0c],
          ],
          notBefore: new Date(now - 86400e3),
          notAfter: new Date(now + 5 * 365 * 86400e3),
          publicKey,
          signer: privateKey,
          keyUsage: Uint8Array.of(0x07, 0x80),
        }));
  const card = new FakeCard();
  card.supportsExtendedLength = options.extended ?? false;
  const label = new Uint8Array(160).fill(0x20);
  label.set(te.encode(options.label ?? 'JPKIAPICCTOKEN2'));
  const jpki: FakeApp = {
    files: new Map([
      [0x0006, label],
      [0x000b, caCertificate],
      [0x0001, Uint8Array.of(0x30, 0x00)],
    ]),
    pins: new Map([[0x0018, { value: AUTH_PIN, tries: options.authTries ?? 3, max: 3 }]]),
    keys: new Map([[0x0017, { pin: 0x0018, key: privateKey }]]),
  };
  if (authCertificate) {
    // The EF is larger than the certificate: pad like the real card (docs/reference/card-protocol.md#certificate-read).
    const ef = new Uint8Array(authCertificate.length + 300).fill(0xff);
    ef.set(authCertificate);
    jpki.files.set(0x000a, ef);
  }
  card.apps.set(JPKI, jpki);
  card.apps.set(INPUT, {
    files: new Map([
      [0x0001, Uint8Array.from([0xff, 0x10, 0x0c, ...te.encode('000000000000'), 0xff, 0xff])],
      [0x0002, basicInfoFile()],
    ]),
    pins: new Map([[0x0011, { value: INPUT_PIN, tries: 3, max: 3 }]]),
  });
  card.apps.set(FACE, {
    files: new Map([[0x0002, faceFile()]]),
    pins: new Map([[0x0012, { value: VERIFICATION_B, tries: 10, max: 10 }]]),
  });
  card.protectedFiles.add(`${JPKI}/1`).add(`${INPUT}/1`).add(`${INPUT}/2`).add(`${FACE}/2`);
  return { card, authCertificate: authCertificate ?? new Uint8Array(0), caCertificate };
}
