import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CARD_ATRS,
  cardProfiles,
  createTestCa,
  nthBirthdayAfter,
  TEST_PINS,
  VirtualMyNumberCard,
  describeCertificate,
} from '@onshikit/simulator';
import { data, SELECT_INPUT_SUPPORT, SELECT_JPKI, selectEf, send, sw, swOf, verifyApdu } from './card-helpers.js';

async function label(card: VirtualMyNumberCard): Promise<string> {
  await send(card, SELECT_JPKI);
  return new TextDecoder().decode(data(await send(card, '00 B0 86 00 20'))).trimEnd();
}

describe('card profiles and field variants', () => {
  it('standard: JPKI certificate profile (docs/reference/card-protocol.md#certificates)', async () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ now }));
    const cert = new X509Certificate(card.authCertificateDer!);
    expect(cert.subject).toMatch(/^C=JP\nCN=[0-9A-Z]{23}$/);
    expect(cert.issuer).toBe(
      'C=JP\nO=JPKI\nOU=JPKI for user authentication\nOU=Japan Agency for Local Authority Information Systems',
    );
    expect(cert.publicKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(new Date(cert.validTo).getTime()).toBe(
      nthBirthdayAfter('1980-02-17', new Date(cert.validFrom), 5).getTime(),
    );
    expect(cert.verify(new X509Certificate(card.material.ca.auth.der).publicKey)).toBe(true);
    const summary = describeCertificate(card.authCertificateDer!);
    expect(summary.keyUsage).toEqual(['digitalSignature']);
    expect(summary.keyUsageCritical).toBe(true);
    expect(summary.policies).toEqual(['1.2.392.200149.8.5.1.3.30']);
    expect(summary.signatureAlgorithm).toBe('sha256WithRSAEncryption');
    expect(await label(card)).toBe('JPKIAPICCTOKEN2');
  });

  it('signing certificate: locality in the subject, 4 attributes in SAN, nonRepudiation', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const der = card.material.signingCertificate!.der;
    const cert = new X509Certificate(der);
    expect(cert.subject).toMatch(/^C=JP\nL=Tokyo\nL=Chiyoda-ku\nCN=/);
    expect(cert.issuer).toContain('OU=JPKI for digital signature');
    expect(describeCertificate(der).keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(Buffer.from(der).includes(Buffer.from('試験　花子'))).toBe(true);
    expect(Buffer.from(card.authCertificateDer!).includes(Buffer.from('試験　花子'))).toBe(false);
  });

  it('faceAuthOnly: auth certificate, no PINs (query 63C0, VERIFY 6984), no signing certificate (6A82)', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.faceAuthOnly());
    await send(card, SELECT_JPKI);
    expect(sw(await send(card, '00 B0 8A 00 04'))).toBe('90 00');
    await send(card, selectEf(0x0018));
    expect(await swOf(card, '00 20 00 80')).toBe('63 C0');
    expect(await swOf(card, verifyApdu(TEST_PINS.auth))).toBe('69 84');
    expect(await swOf(card, selectEf(0x0001))).toBe('6A 82');
    expect(await swOf(card, selectEf(0x001a))).toBe('6A 82');
    expect(await swOf(card, '00 B0 88 00 03')).toBe('90 00');
    expect(card.pinState('auth')).toMatchObject({ set: false, blocked: true });
    await send(card, SELECT_INPUT_SUPPORT);
    expect(await swOf(card, '00 20 00 91')).toBe('63 C0');
  });

  it('noSigningCertificate with missingCertificate=empty-file: EF 0001 selectable, empty, EF 0008 = 00 8F 00', async () => {
    const card = await VirtualMyNumberCard.create(
      cardProfiles.noSigningCertificate({ behaviour: { missingCertificate: 'empty-file' } }),
    );
    await send(card, SELECT_JPKI);
    expect(await swOf(card, selectEf(0x0001))).toBe('90 00');
    expect(await swOf(card, '00 B0 00 00 04')).toBe('69 82');
    const flags = await send(card, '00 B0 88 00 03');
    expect(Array.from(data(flags))).toEqual([0x00, 0x8f, 0x00]);
  });

  it('expiredAuth: the auth certificate ended before now', async () => {
    const now = new Date();
    const card = await VirtualMyNumberCard.create(cardProfiles.expiredAuth({ now }));
    const cert = new X509Certificate(card.authCertificateDer!);
    expect(new Date(cert.validTo).getTime()).toBeLessThan(now.getTime());
  });

  it('revoked: the serial is on the CA revocation list and in its CRL', async () => {
    const ca = await createTestCa({ keySlot: 'ca-revocation-test' });
    const card = await VirtualMyNumberCard.create(cardProfiles.revoked({ ca }));
    const serial = card.authCertificateSerial!;
    expect(ca.isRevoked('auth', serial)).toBe(true);
    expect(ca.isRevoked('auth', `00${serial.toUpperCase()}`)).toBe(true);
    const good = await VirtualMyNumberCard.create(cardProfiles.standard({ ca }));
    expect(ca.isRevoked('auth', good.authCertificateSerial!)).toBe(false);
    const crl = await ca.createCrl('auth');
    expect(crl[0]).toBe(0x30);
    expect(
      Buffer.from(crl).includes(Buffer.from(serial.padStart(serial.length + (serial.length % 2), '0'), 'hex')),
    ).toBe(true);
  });

  it('jukiCard: old label, JUKICARD ATR, JPKI AP only, certificate long expired', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.jukiCard());
    expect(card.atr).toEqual(CARD_ATRS.jukiCard);
    expect(await label(card)).toBe('JPKIAPICCTOKEN');
    expect(await swOf(card, SELECT_INPUT_SUPPORT)).toBe('6A 82');
    expect(new Date(new X509Certificate(card.authCertificateDer!).validTo).getUTCFullYear()).toBe(2018);
  });

  it('androidToken: JPKIAPGPSETOKEN, the auth certificate needs the auth PIN', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.androidToken());
    expect(await label(card)).toBe('JPKIAPGPSETOKEN');
    expect(await swOf(card, '00 B0 8A 00 04')).toBe('69 82');
    await send(card, verifyApdu(TEST_PINS.auth, '98'));
    expect(await swOf(card, '00 B0 8A 00 04')).toBe('90 00');
  });

  it('iosToken: JPKIAPIOSTOKEN and accepts 80 FC 00 00', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.iosToken());
    expect(await label(card)).toBe('JPKIAPIOSTOKEN');
    expect(await swOf(card, '80 FC 00 00')).toBe('90 00');
  });

  it('lastTry: 63C1; blocked: 63C0 and 6984', async () => {
    const last = await VirtualMyNumberCard.create(cardProfiles.lastTry());
    await send(last, SELECT_JPKI);
    expect(await swOf(last, '00 20 00 98')).toBe('63 C1');
    const blocked = await VirtualMyNumberCard.create(cardProfiles.blocked());
    await send(blocked, SELECT_JPKI);
    expect(await swOf(blocked, '00 20 00 98')).toBe('63 C0');
    expect(await swOf(blocked, verifyApdu(TEST_PINS.auth, '98'))).toBe('69 84');
  });

  it('profile overrides: holder, PIN and its counter', async () => {
    const card = await VirtualMyNumberCard.create(
      cardProfiles.standard({
        holder: { name: '見本　一郎', sex: '1' },
        pins: { auth: { value: '9876', triesLeft: 2, maxTries: 3 } },
      }),
    );
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 20 00 98')).toBe('63 C2');
    expect(await swOf(card, verifyApdu('9876', '98'))).toBe('90 00');
    expect(card.profile.holder.name).toBe('見本　一郎');
  });
});

describe('certificate-expiry profiles', () => {
  it('expiringSoon ends within 3 months, expiredInGracePeriod ended less than 3 months ago', async () => {
    const now = new Date();
    const soon = new X509Certificate(
      (await VirtualMyNumberCard.create(cardProfiles.expiringSoon({ now }))).authCertificateDer!,
    );
    const grace = new X509Certificate(
      (await VirtualMyNumberCard.create(cardProfiles.expiredInGracePeriod({ now }))).authCertificateDer!,
    );
    const day = 24 * 3600 * 1000;
    const soonEnd = new Date(soon.validTo).getTime();
    const graceEnd = new Date(grace.validTo).getTime();
    expect(soonEnd).toBeGreaterThan(now.getTime());
    expect(soonEnd).toBeLessThan(now.getTime() + 90 * day);
    expect(graceEnd).toBeLessThan(now.getTime());
    expect(graceEnd).toBeGreaterThan(now.getTime() - 90 * day);
  });
});

describe('test CA', () => {
  it('is a self-signed CA root valid over every simulated issuance date, signing every holder certificate', async () => {
    const cards = await Promise.all(
      [cardProfiles.standard(), cardProfiles.expiredAuth(), cardProfiles.jukiCard()].map((p) =>
        VirtualMyNumberCard.create(p),
      ),
    );
    for (const card of cards) {
      const root = new X509Certificate(card.material.ca.auth.der);
      const holder = new X509Certificate(card.authCertificateDer!);
      expect(root.ca).toBe(true);
      expect(root.verify(root.publicKey)).toBe(true);
      expect(holder.checkIssued(root)).toBe(true);
      expect(holder.verify(root.publicKey)).toBe(true);
      expect(new Date(root.validFrom).getTime()).toBeLessThanOrEqual(new Date(holder.validFrom).getTime());
      expect(new Date(root.validTo).getTime()).toBeGreaterThanOrEqual(new Date(holder.validTo).getTime());
      expect(describeCertificate(card.material.ca.auth.der).keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    }
  });
});
