import { createPublicKey, verify as rsaVerify } from 'node:crypto';
import { toHex, TransportError } from '@onshikit/apdu';
import { CardError, FORBIDDEN_FILES, MyNumberCard } from '@onshikit/mynumber';
import { CardAid, cardProfiles, TEST_PINS } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';
import { virtualSetup } from './support/virtual.js';

const te = new TextEncoder();

async function cardError(promise: Promise<unknown>): Promise<CardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardError);
  return error as CardError;
}

describe('MyNumberCard over the virtual card: APDU counts (README table)', () => {
  it.each([
    ['short APDUs', false],
    ['extended APDUs', true],
  ])('%s', async (_label, supportsExtendedLength) => {
    const { card, counter, driver } = await virtualSetup(cardProfiles.standard(), { supportsExtendedLength });
    const certLength = card.authCertificateDer!.length;
    const count = async (op: () => Promise<unknown>): Promise<number> => {
      counter.clearCounts();
      await op();
      return counter.total;
    };
    expect(await count(() => driver.detect())).toBe(2); // SELECT AP, READ 0006 by short EF id
    expect(await count(() => driver.detect())).toBe(1); // the JPKI AP is current
    const certReads = supportsExtendedLength ? 2 : Math.ceil(certLength / 256);
    expect(await count(() => driver.readAuthCertificate())).toBe(certReads); // first READ by short EF id
    expect(await count(() => driver.authPinStatus())).toBe(1); // empty VERIFY by short EF id
    expect(await count(() => driver.verifyAuthPin(TEST_PINS.auth))).toBe(2); // empty VERIFY (the guard), VERIFY
    expect(await count(() => driver.signWithAuthKey({ data: te.encode('x'), hash: 'SHA-256' }))).toBe(2);
    expect(await count(() => driver.readBasicInfo(TEST_PINS.inputSupport))).toBe(6);
    expect(await count(() => driver.signWithAuthKey({ data: te.encode('x'), hash: 'SHA-256' }))).toBe(3);
    const face = await count(() => driver.readFaceImage(card.verificationNumberB));
    if (supportsExtendedLength) expect(face).toBe(7);
    else expect(face).toBeGreaterThanOrEqual(6);
  });
});

describe('MyNumberCard over the virtual card: flows', () => {
  it('reads the auth certificate exactly, and it matches the card serial', async () => {
    const { card, driver } = await virtualSetup();
    const cert = await driver.readAuthCertificate();
    expect(toHex(cert.der)).toBe(toHex(card.authCertificateDer!));
    expect(cert.serialNumber.toLowerCase()).toBe(
      card.authCertificateSerial!.replace(/^0+/, '').padStart(cert.serialNumber.length, '0'),
    );
    expect(cert.issuer.get('O')).toBe('JPKI');
    expect(cert.subject.get('C')).toBe('JP');
    expect(cert.subjectCommonName).toBeTruthy();
    expect(cert.keyUsage?.digitalSignature).toBe(true);
    expect(cert.isExpiredAt(new Date())).toBe(false);
    const ca = await driver.readAuthCaCertificate();
    expect(ca.keyUsage?.keyCertSign).toBe(true);
    expect(cert.issuer.toString()).toBe(ca.subject.toString());
  });

  it('signs so that the certificate key verifies it', async () => {
    const { driver } = await virtualSetup();
    await driver.verifyAuthPin(te.encode(TEST_PINS.auth));
    const data = te.encode('eligibility nonce');
    const signature = await driver.signWithAuthKey({ data, hash: 'SHA-256' });
    const cert = await driver.readAuthCertificate();
    const key = createPublicKey({ key: Buffer.from(cert.subjectPublicKeyInfo), format: 'der', type: 'spki' });
    expect(rsaVerify('sha256', data, key, signature)).toBe(true);
  });

  it('reads the basic four items of the profile holder', async () => {
    const { driver } = await virtualSetup(
      cardProfiles.standard({ holder: { name: '試験　太郎', sex: '1', birthDate: '1975-12-31' } }),
    );
    const info = await driver.readBasicInfo(TEST_PINS.inputSupport);
    expect(info).toMatchObject({
      name: '試験　太郎',
      familyName: '試験',
      givenName: '太郎',
      sex: 'male',
      birthDate: { iso: '1975-12-31' },
    });
    expect(info.address).toBe('東京都千代田区試験町１丁目２番３号');
  });

  it('reads the face photo (JPEG 2000) with 照合番号B', async () => {
    const { card, driver } = await virtualSetup();
    const face = await driver.readFaceImage(card.verificationNumberB);
    expect(face.mimeType).toBe('image/jp2');
  });

  it('16-digit 照合番号B works when configured (docs/reference/card-protocol.md#conflicts item 2)', async () => {
    const { card, driver } = await virtualSetup(
      cardProfiles.standard({ behaviour: { verificationNumberB: 'gregorian-yyyymmdd' } }),
      {},
      { verificationNumberBLengths: [14, 16] },
    );
    expect(card.verificationNumberB).toHaveLength(16);
    expect((await driver.readFaceImage(card.verificationNumberB)).mimeType).toBe('image/jp2');
  });

  it('wrong PIN decrements; the last try is refused without consent and sends no VERIFY', async () => {
    const { card, driver } = await virtualSetup();
    expect((await cardError(driver.verifyAuthPin('0000'))).triesLeft).toBe(2);
    expect((await cardError(driver.verifyAuthPin('0000'))).triesLeft).toBe(1);
    card.clearApduLog();
    expect((await cardError(driver.verifyAuthPin(TEST_PINS.auth))).code).toBe('CARD_PIN_LAST_TRY');
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(0);
    expect(card.pinState('auth')?.triesLeft).toBe(1);
    await driver.verifyAuthPin(TEST_PINS.auth, { allowLastTry: true });
    expect(card.pinState('auth')).toMatchObject({ triesLeft: 3, verified: true });
  });
});

describe('the PIN rules hold for the input-support PIN and 照合番号B too', () => {
  it('readBasicInfo refuses the last try and zeroes the PIN buffer', async () => {
    const { card, driver } = await virtualSetup(
      cardProfiles.standard({ pins: { inputSupport: { value: TEST_PINS.inputSupport, maxTries: 3, triesLeft: 1 } } }),
    );
    const pin = te.encode(TEST_PINS.inputSupport);
    expect((await cardError(driver.readBasicInfo(pin))).code).toBe('CARD_PIN_LAST_TRY');
    expect([...pin]).toEqual([0, 0, 0, 0]);
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(0);
    const info = await driver.readBasicInfo(TEST_PINS.inputSupport, { allowLastTry: true });
    expect(info.name).toBe('試験　花子');
  });

  it('readBasicInfo with a wrong PIN: CARD_PIN_WRONG, nothing read', async () => {
    const { card, driver } = await virtualSetup();
    expect((await cardError(driver.readBasicInfo('0000'))).triesLeft).toBe(2);
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0002, ['read'])).toBe(false);
  });

  it('readFaceImage zeroes the verification number buffer and rejects a malformed one unsent', async () => {
    const { card, driver } = await virtualSetup();
    const number = te.encode(card.verificationNumberB);
    await driver.readFaceImage(number);
    expect(number.every((b) => b === 0)).toBe(true);
    card.clearApduLog();
    expect((await cardError(driver.readFaceImage('1234'))).code).toBe('CARD_PIN_FORMAT');
    expect(card.apduLog).toHaveLength(0);
  });
});

describe('MyNumberCard over every card variant', () => {
  it('faceAuthOnly: certificate readable, PIN reported not-set, no VERIFY sent, signing cert never read', async () => {
    const { card, counter, driver } = await virtualSetup(cardProfiles.faceAuthOnly());
    expect((await driver.detect()).kind).toBe('mynumber-card');
    expect((await driver.readAuthCertificate()).der.length).toBeGreaterThan(0);
    counter.clearCounts();
    expect(await driver.authPinStatus()).toEqual({ state: 'not-set', triesLeft: 0, verified: false });
    expect(counter.total).toBe(2); // empty VERIFY (63C0), SELECT 0001 (6A82)
    expect((await cardError(driver.verifyAuthPin(TEST_PINS.auth, { allowLastTry: true }))).code).toBe(
      'CARD_PIN_NOT_SET',
    );
    expect(card.touched(CardAid.JPKI, 0x0001, ['read'])).toBe(false);
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(0);
  });

  it('faceAuthOnly keeping an empty EF 0001: PIN unusable (never "locked"), no VERIFY sent, nothing of 0001 read', async () => {
    const { card, driver } = await virtualSetup(
      cardProfiles.faceAuthOnly({ behaviour: { missingCertificate: 'empty-file' } }),
    );
    expect(await driver.authPinStatus()).toEqual({ state: 'unusable', triesLeft: 0, verified: false });
    const error = await cardError(driver.verifyAuthPin(TEST_PINS.auth, { allowLastTry: true }));
    expect(error.code).toBe('CARD_PIN_BLOCKED');
    expect(error.hasCode('CARD_PIN_BLOCKED') && error.detail.locked).toBe(false);
    expect(error.messages.ja).toContain('暗証番号のないカード');
    expect(error.messages.ja).not.toContain('窓口で初期化してください');
    expect(card.touched(CardAid.JPKI, 0x0001, ['read'])).toBe(false);
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(0);
  });

  it('expiredAuth: the summary says expired', async () => {
    const { driver } = await virtualSetup(cardProfiles.expiredAuth());
    const cert = await driver.readAuthCertificate();
    expect(cert.isExpiredAt(new Date())).toBe(true);
  });

  it('revoked: reads normally (revocation is the service’s answer)', async () => {
    const { card, driver } = await virtualSetup(cardProfiles.revoked());
    expect(toHex((await driver.readAuthCertificate()).der)).toBe(toHex(card.authCertificateDer!));
  });

  it('jukiCard: detected as 住基カード with an expired certificate', async () => {
    const { driver } = await virtualSetup(cardProfiles.jukiCard());
    const found = await driver.detect();
    expect(found).toMatchObject({ kind: 'juki-card', isMyNumberCard: false });
    expect((await driver.readAuthCertificate()).isExpiredAt(new Date())).toBe(true);
  });

  it('lastTry: status shows 1 and VERIFY is refused', async () => {
    const { driver } = await virtualSetup(cardProfiles.lastTry());
    expect(await driver.authPinStatus()).toMatchObject({ state: 'ok', triesLeft: 1 });
    expect((await cardError(driver.verifyAuthPin(TEST_PINS.auth))).code).toBe('CARD_PIN_LAST_TRY');
  });

  it('blocked: CARD_PIN_BLOCKED, certainly locked (the signing password has tries), no VERIFY with data', async () => {
    const { card, driver } = await virtualSetup(cardProfiles.blocked());
    expect(await driver.authPinStatus()).toEqual({ state: 'blocked', triesLeft: 0, verified: false });
    const error = await cardError(driver.verifyAuthPin(TEST_PINS.auth, { allowLastTry: true }));
    expect(error.code).toBe('CARD_PIN_BLOCKED');
    expect(error.hasCode('CARD_PIN_BLOCKED') && error.detail.locked).toBe(true);
    expect(card.touched(CardAid.JPKI, 0x0001, ['read'])).toBe(false);
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(0);
  });

  it('noSigningCertificate: the auth flows work', async () => {
    const { driver } = await virtualSetup(cardProfiles.noSigningCertificate());
    await driver.verifyAuthPin(TEST_PINS.auth);
    expect(await driver.signWithAuthKey({ data: te.encode('x'), hash: 'SHA-256' })).toHaveLength(256);
  });

  it('androidToken: detected; the auth certificate needs the PIN first', async () => {
    const { driver } = await virtualSetup(cardProfiles.androidToken());
    const found = await driver.detect();
    expect(found).toMatchObject({ kind: 'smartphone-android', authCertificateNeedsPin: true });
    await driver.verifyAuthPin(TEST_PINS.auth);
    expect((await driver.readAuthCertificate()).der.length).toBeGreaterThan(0);
  });

  it('iosToken: detected', async () => {
    const { driver } = await virtualSetup(cardProfiles.iosToken());
    expect((await driver.detect()).kind).toBe('smartphone-ios');
  });
});

describe('MyNumberCard under injected faults', () => {
  it('6F00 on the first command after power-on: that command is sent once more, nothing else', async () => {
    const { card, counter, driver } = await virtualSetup(
      cardProfiles.standard({ faults: { sixF00AfterPowerOn: true } }),
    );
    expect((await driver.detect()).kind).toBe('mynumber-card');
    expect(card.apduLog.map((e) => toHex(e.command))).toEqual([
      '00A4040C0AD392F000260100000001',
      '00A4040C0AD392F000260100000001',
      '00B0860020',
    ]);
    await driver.reset();
    counter.clearCounts();
    expect((await driver.readAuthCertificate()).der.length).toBeGreaterThan(0);
    expect(counter.count(0xa4)).toBe(2); // SELECT AP answered 6F00, sent again
  });

  it('6F00 later in a session is not retried: it surfaces as CARD_UNEXPECTED_STATUS', async () => {
    const { card, driver } = await virtualSetup();
    await driver.detect();
    card.faults.sixF00AfterPowerOn = true;
    card.warmReset();
    await driver.forgetSelection();
    // The driver does not know about the warm reset: its first command gets 6F00 and is not resent.
    expect((await cardError(driver.authPinStatus())).sw).toBe('6F00');
  });

  it.each([1, 2, 3, 5, 8])('card removed at APDU %i of a certificate read → CARD_REMOVED', async (n) => {
    const { driver } = await virtualSetup(cardProfiles.standard({ faults: { removeAtApdu: n } }), {
      supportsExtendedLength: false,
    });
    const error = await cardError(driver.readAuthCertificate());
    expect(error.code).toBe('CARD_REMOVED');
    expect(error.cause).toBeInstanceOf(TransportError);
  });

  it('card removed during VERIFY → CARD_REMOVED, the PIN buffer is still zeroed, no retry', async () => {
    // APDU 3 is the VERIFY: SELECT AP, empty VERIFY, VERIFY.
    const { card, driver } = await virtualSetup(cardProfiles.standard({ faults: { removeAtApdu: 3 } }));
    const pin = te.encode(TEST_PINS.auth);
    expect((await cardError(driver.verifyAuthPin(pin))).code).toBe('CARD_REMOVED');
    expect([...pin]).toEqual([0, 0, 0, 0]);
    expect(card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4)).toHaveLength(1);
  });

  it('slow card with a timeout → TransportError TIMEOUT (not a CardError)', async () => {
    const { driver } = await virtualSetup(cardProfiles.standard({ faults: { delayMs: 50 } }));
    await expect(driver.detect({ timeoutMs: 5 })).rejects.toMatchObject({ name: 'TransportError', code: 'TIMEOUT' });
  });

  it('abort signal → TransportError ABORTED', async () => {
    const { driver } = await virtualSetup();
    const controller = new AbortController();
    controller.abort();
    await expect(driver.readAuthCertificate({ signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('rules the driver never breaks (every flow, every APDU the card received)', () => {
  async function everyFlow(): Promise<{ card: Awaited<ReturnType<typeof virtualSetup>>['card'] }> {
    const { card, driver } = await virtualSetup();
    await driver.detect();
    await driver.readAuthCertificate();
    await driver.readAuthCaCertificate();
    await driver.authPinStatus();
    await cardError(driver.verifyAuthPin('0000'));
    await driver.verifyAuthPin(TEST_PINS.auth);
    await driver.signWithAuthKey({ data: te.encode('x'), hash: 'SHA-256' });
    await driver.readBasicInfo(TEST_PINS.inputSupport);
    await driver.readFaceImage(card.verificationNumberB);
    const unbuffered = new MyNumberCard(driver.transport, { useExtendedLength: false });
    await unbuffered.readAuthCertificate();
    await unbuffered.readBasicInfo(TEST_PINS.inputSupport);
    await unbuffered.readFaceImage(card.verificationNumberB);
    return { card };
  }

  it('never selects, reads or verifies an individual-number file', async () => {
    const { card } = await everyFlow();
    expect(card.apduLog.length).toBeGreaterThan(30);
    for (const forbidden of FORBIDDEN_FILES) {
      expect(card.touched(forbidden.aid, forbidden.fid), forbidden.what).toBe(false);
    }
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0001)).toBe(false);
    expect(card.touched(CardAid.CARD_FACE, 0x0005)).toBe(false);
    // Also from the raw bytes: no SELECT EF 0001 while the input-support AP is current.
    let current = '';
    for (const entry of card.apduLog) {
      const hex = toHex(entry.command);
      if (hex.startsWith('00A4040C0A')) current = hex.slice(10);
      if (current === CardAid.INPUT_SUPPORT) expect(hex).not.toBe('00A4020C020001');
      if (current === CardAid.CARD_FACE) expect(hex).not.toBe('00A4020C020005');
      expect(hex.startsWith('00B081')).toBe(false); // READ BINARY by SFI 1
    }
  });

  it('sends every VERIFY with data exactly once per call (never retried)', async () => {
    const { card } = await everyFlow();
    const verifies = card.apduLog.filter((e) => e.command[1] === 0x20 && e.command.length > 4);
    // wrong auth, right auth, 2 × input-support PIN, 2 × 照合番号B
    expect(verifies).toHaveLength(6);
  });
});
