import { createVerify, publicDecrypt, createHash, X509Certificate } from 'node:crypto';
import { fromHex, toHex } from '@onshikit/apdu';
import { describe, expect, it } from 'vitest';
import { cardProfiles, describeCertificate, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';

const hex = (bytes: Uint8Array): string => toHex(bytes, { separator: ' ' });

async function send(card: VirtualMyNumberCard, command: string): Promise<Uint8Array> {
  return card.process(fromHex(command));
}

function sw(response: Uint8Array): string {
  return hex(response.subarray(response.length - 2));
}

describe('VirtualMyNumberCard — docs/reference/card-protocol.md#trace shapes', () => {
  it('reads the user-auth certificate: 4-byte header then extended Le of the rest', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    expect(sw(await send(card, '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'))).toBe('90 00');
    expect(sw(await send(card, '00 A4 02 0C 02 00 0A'))).toBe('90 00');
    const header = await send(card, '00 B0 00 00 04');
    expect(header.length).toBe(6);
    expect(header[0]).toBe(0x30);
    expect(header[1]).toBe(0x82);
    const bodyLength = (header[2]! << 8) | header[3]!;
    const le = bodyLength.toString(16).padStart(4, '0');
    const rest = await send(card, `00 B0 00 04 00 ${le.slice(0, 2)} ${le.slice(2)}`);
    expect(sw(rest)).toBe('90 00');
    expect(rest.length - 2).toBe(bodyLength);
    const der = new Uint8Array([...header.subarray(0, 4), ...rest.subarray(0, rest.length - 2)]);
    expect(der).toEqual(card.authCertificateDer);
    const cert = describeCertificate(der);
    expect(cert.subject).toMatch(/^C=JP, CN=[0-9A-Z]{23}$/);
    expect(cert.issuer).toBe(
      'C=JP, O=JPKI, OU=JPKI for user authentication, OU=Japan Agency for Local Authority Information Systems',
    );
  });

  it('signs a DigestInfo with the auth key after VERIFY (PKCS#1 v1.5, RSA-2048)', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    expect(sw(await send(card, '00 A4 02 0C 02 00 18'))).toBe('90 00');
    expect(sw(await send(card, '00 20 00 80'))).toBe('63 C3');
    expect(sw(await send(card, `00 20 00 80 04 ${hex(new TextEncoder().encode(TEST_PINS.auth))}`))).toBe('90 00');
    expect(sw(await send(card, '00 A4 02 0C 02 00 17'))).toBe('90 00');
    const message = new TextEncoder().encode('nonce');
    const digest = createHash('sha256').update(message).digest();
    const digestInfo = `30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 ${hex(new Uint8Array(digest))}`;
    const response = await send(card, `80 2A 00 80 33 ${digestInfo} 00`);
    expect(sw(response)).toBe('90 00');
    expect(response.length).toBe(258);
    const publicKey = new X509Certificate(card.authCertificateDer!).publicKey;
    expect(createVerify('sha256').update(message).verify(publicKey, response.subarray(0, 256))).toBe(true);
    expect(publicDecrypt(publicKey, response.subarray(0, 256)).toString('hex')).toBe(
      digestInfo.replaceAll(' ', '').toLowerCase(),
    );
  });
});
