import { constants, createHash, createVerify, publicDecrypt, verify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardProfiles, SHA256_DIGEST_INFO_PREFIX, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import { data, hex, SELECT_JPKI, selectEf, send, sw, swOf, verifyApdu } from './card-helpers.js';

const message = new TextEncoder().encode('online eligibility nonce');
const hash = new Uint8Array(createHash('sha256').update(message).digest());
const digestInfo = new Uint8Array([...SHA256_DIGEST_INFO_PREFIX, ...hash]);

function lc(bytes: Uint8Array): string {
  return `${bytes.length.toString(16).padStart(2, '0')} ${hex(bytes)}`;
}

async function unlockedCard(): Promise<VirtualMyNumberCard> {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  await send(card, SELECT_JPKI);
  await send(card, selectEf(0x0018));
  await send(card, verifyApdu(TEST_PINS.auth));
  await send(card, selectEf(0x0017));
  return card;
}

function authPublicKey(card: VirtualMyNumberCard) {
  return new X509Certificate(card.authCertificateDer!).publicKey;
}

describe('COMPUTE DIGITAL SIGNATURE (docs/reference/card-protocol.md#signature)', () => {
  it('needs the auth PIN: 6982 before VERIFY', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0017));
    expect(await swOf(card, `80 2A 00 80 ${lc(digestInfo)} 00`)).toBe('69 82');
  });

  it('P1 00: PKCS#1 v1.5 over the DigestInfo as given', async () => {
    const card = await unlockedCard();
    const response = await send(card, `80 2A 00 80 ${lc(digestInfo)} 00`);
    expect(sw(response)).toBe('90 00');
    expect(data(response).length).toBe(256);
    expect(createVerify('sha256').update(message).verify(authPublicKey(card), data(response))).toBe(true);
  });

  it('signs with the key addressed by SFI (80 2A 00 97)', async () => {
    const card = await unlockedCard();
    await send(card, selectEf(0x000a));
    const response = await send(card, `80 2A 00 97 ${lc(digestInfo)} 00`);
    expect(createVerify('sha256').update(message).verify(authPublicKey(card), data(response))).toBe(true);
  });

  it('P1 01: PKCS#1 over the bare SHA-256; P1 02/03: DigestInfo built by the card', async () => {
    const card = await unlockedCard();
    const key = authPublicKey(card);
    const bare = await send(card, `80 2A 01 80 ${lc(message)} 00`);
    expect(new Uint8Array(publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data(bare)))).toEqual(hash);
    const fromHash = await send(card, `80 2A 02 80 ${lc(hash)} 00`);
    expect(createVerify('sha256').update(message).verify(key, data(fromHash))).toBe(true);
    const fromMessage = await send(card, `80 2A 03 80 ${lc(message)} 00`);
    expect(createVerify('sha256').update(message).verify(key, data(fromMessage))).toBe(true);
  });

  it('P1 04/05: RSASSA-PSS', async () => {
    const card = await unlockedCard();
    const key = authPublicKey(card);
    const options = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    const overHash = await send(card, `80 2A 04 80 ${lc(hash)} 00`);
    expect(verify('sha256', message, options, data(overHash))).toBe(true);
    const overMessage = await send(card, `80 2A 05 80 ${lc(message)} 00`);
    expect(verify('sha256', message, options, data(overMessage))).toBe(true);
  });

  it('answers 6A86 for P1 ∉ 00–05 and 6985 for a wrong input length', async () => {
    const card = await unlockedCard();
    expect(await swOf(card, `80 2A 06 80 ${lc(digestInfo)} 00`)).toBe('6A 86');
    expect(await swOf(card, `80 2A 02 80 ${lc(digestInfo)} 00`)).toBe('69 85');
    expect(await swOf(card, `80 2A 00 80 F6 ${hex(new Uint8Array(246))} 00`)).toBe('69 85');
  });

  it('the auth PIN does not unlock the signing key 001A (6982); the signing password does', async () => {
    const card = await unlockedCard();
    await send(card, selectEf(0x001a));
    expect(await swOf(card, `80 2A 00 80 ${lc(digestInfo)} 00`)).toBe('69 82');
    await send(card, verifyApdu(TEST_PINS.signing, '9B'));
    const response = await send(card, `80 2A 00 9A ${lc(digestInfo)} 00`);
    expect(sw(response)).toBe('90 00');
    const key = new X509Certificate(card.material.signingCertificate!.der).publicKey;
    expect(createVerify('sha256').update(message).verify(key, data(response))).toBe(true);
  });

  it('rejects signing with a non-key EF (6981) and with CLA 00 (6D00)', async () => {
    const card = await unlockedCard();
    await send(card, selectEf(0x000a));
    expect(await swOf(card, `80 2A 00 80 ${lc(digestInfo)} 00`)).toBe('69 81');
    expect(await swOf(card, `00 2A 00 97 ${lc(digestInfo)} 00`)).toBe('6D 00');
  });
});
