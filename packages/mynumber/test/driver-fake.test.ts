import { createHash, createPublicKey, verify as rsaVerify } from 'node:crypto';
import { toHex } from '@onshikit/apdu';
import { CountingTransport } from '@onshikit/apdu/testing';
import { CardError, MyNumberCard } from '@onshikit/mynumber';
import { describe, expect, it } from 'vitest';
import { AUTH_PIN, INPUT_PIN, JP2_PHOTO, VERIFICATION_B, makeFakeCard } from './support/fake-fixture.js';

const te = new TextEncoder();

async function rejects(promise: Promise<unknown>): Promise<CardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardError);
  return error as CardError;
}

describe('MyNumberCard over a scripted card', () => {
  it('detects the physical card by its token label: SELECT AP + READ by short EF id, no throwaway command', async () => {
    const { card } = makeFakeCard();
    const counter = new CountingTransport(card);
    const driver = new MyNumberCard(counter);
    const found = await driver.detect();
    expect(found).toMatchObject({ kind: 'mynumber-card', label: 'JPKIAPICCTOKEN2', isMyNumberCard: true });
    expect(card.log.map((c) => toHex(c))).toEqual(['00A4040C0AD392F000260100000001', '00B0860020']);
    counter.clearCounts();
    await driver.detect();
    expect(counter.total).toBe(1); // the JPKI AP is still current
  });

  it('a card without short EF ids: the token EF is selected instead (one APDU more)', async () => {
    const { card } = makeFakeCard();
    card.refuseShortEfId = true;
    const driver = new MyNumberCard(card);
    expect((await driver.detect()).kind).toBe('mynumber-card');
    expect(card.log.map((c) => toHex(c))).toEqual([
      '00A4040C0AD392F000260100000001',
      '00B0860020',
      '00A4020C020006',
      '00B0000020',
    ]);
  });

  it.each([
    ['JPKIAPICCTOKEN', 'juki-card'],
    ['JPKIAPGPSETOKEN', 'smartphone-android'],
    ['JPKIAPIOSTOKEN', 'smartphone-ios'],
    ['SOMETHINGELSE', 'unknown-jpki'],
  ])('tells %s apart', async (label, kind) => {
    const { card } = makeFakeCard({ label });
    expect((await new MyNumberCard(card).detect()).kind).toBe(kind);
  });

  it('absorbs 6F00 on the first command after power-on', async () => {
    const { card } = makeFakeCard();
    card.firstCommand6F00 = true;
    expect((await new MyNumberCard(card).detect()).kind).toBe('mynumber-card');
  });

  it('reports CARD_NOT_MYNUMBER when there is no JPKI AP', async () => {
    const { card } = makeFakeCard();
    card.apps.clear();
    expect((await rejects(new MyNumberCard(card).detect())).code).toBe('CARD_NOT_MYNUMBER');
  });

  it('reads the auth certificate in 256-byte chunks and reports progress', async () => {
    const { card, authCertificate } = makeFakeCard();
    const counter = new CountingTransport(card);
    const driver = new MyNumberCard(counter);
    const progress: [number, number][] = [];
    const cert = await driver.readAuthCertificate({ onProgress: (read, total) => progress.push([read, total]) });
    expect(toHex(cert.der)).toBe(toHex(authCertificate));
    const reads = Math.ceil(authCertificate.length / 256);
    expect(counter.summary()).toEqual({ SELECT: 1, READ_BINARY: reads });
    expect(progress.at(-1)).toEqual([authCertificate.length, authCertificate.length]);
    expect(progress).toHaveLength(reads);
    expect(cert.subjectCommonName).toBe('997794E9AGCIEG13221003A');
    expect(cert.serialNumber).toBe('9A123456');
    expect(cert.keyUsage?.digitalSignature).toBe(true);
    expect(cert.keyUsage?.critical).toBe(true);
    expect(cert.rsaPublicKey?.bits).toBe(2048);
    expect(cert.issuer.toString()).toBe(
      'C=JP, O=JPKI, OU=JPKI for user authentication, OU=Japan Agency for Local Authority Information Systems',
    );
  });

  it('reads the certificate with one extended READ after the first when the transport allows', async () => {
    const { card, authCertificate } = makeFakeCard({ extended: true });
    const counter = new CountingTransport(card);
    const cert = await new MyNumberCard(counter).readAuthCertificate();
    expect(toHex(cert.der)).toBe(toHex(authCertificate));
    expect(counter.summary()).toEqual({ SELECT: 1, READ_BINARY: 2 });
  });

  it('a card without short EF ids: the certificate EF is selected instead (the refused READ and a SELECT EF more)', async () => {
    const { card, authCertificate } = makeFakeCard({ extended: true });
    card.refuseShortEfId = true;
    const counter = new CountingTransport(card);
    const cert = await new MyNumberCard(counter).readAuthCertificate();
    expect(toHex(cert.der)).toBe(toHex(authCertificate));
    expect(counter.summary()).toEqual({ SELECT: 2, READ_BINARY: 3 });
  });

  it('reads the CA certificate', async () => {
    const { card, caCertificate } = makeFakeCard();
    const cert = await new MyNumberCard(card).readAuthCaCertificate();
    expect(toHex(cert.der)).toBe(toHex(caCertificate));
    expect(cert.keyUsage?.keyCertSign).toBe(true);
  });

  it('reports CARD_CERT_MISSING when the card has no auth certificate', async () => {
    const { card } = makeFakeCard({ authCertificate: null });
    expect((await rejects(new MyNumberCard(card).readAuthCertificate())).code).toBe('CARD_CERT_MISSING');
  });

  it('queries PIN status without using a try (empty VERIFY by short EF id; SELECT AP once)', async () => {
    const { card } = makeFakeCard({ authTries: 2 });
    const counter = new CountingTransport(card);
    const driver = new MyNumberCard(counter);
    expect(await driver.authPinStatus()).toEqual({ state: 'ok', triesLeft: 2, verified: false });
    expect(await driver.authPinStatus()).toEqual({ state: 'ok', triesLeft: 2, verified: false });
    expect(card.log.map((c) => toHex(c))).toEqual(['00A4040C0AD392F000260100000001', '00200098', '00200098']);
  });

  it('a card that refuses VERIFY by short EF id is asked by SELECT EF from then on', async () => {
    const { card } = makeFakeCard({ authTries: 2 });
    card.refuseShortEfId = true;
    const driver = new MyNumberCard(card);
    expect(await driver.authPinStatus()).toEqual({ state: 'ok', triesLeft: 2, verified: false });
    await driver.verifyAuthPin(AUTH_PIN);
    expect(card.log.map((c) => toHex(c)).slice(0, 6)).toEqual([
      '00A4040C0AD392F000260100000001',
      '00200098',
      '00A4020C020018',
      '00200080',
      '00200080',
      '002000800431323334',
    ]);
  });

  it('verifies the right PIN in 4 APDUs and signs in 2 more; the signature verifies', async () => {
    const { card, authCertificate } = makeFakeCard();
    const counter = new CountingTransport(card);
    const driver = new MyNumberCard(counter);
    await driver.verifyAuthPin(AUTH_PIN);
    expect(counter.summary()).toEqual({ SELECT: 1, VERIFY: 2 });
    counter.clearCounts();
    const data = te.encode('nonce-from-the-service');
    const signature = await driver.signWithAuthKey({ data, hash: 'SHA-256' });
    expect(counter.summary()).toEqual({ SELECT: 1, PERFORM_SECURITY_OPERATION: 1 });
    expect(signature).toHaveLength(256);
    const spki = (await new MyNumberCard(card).readAuthCertificate()).subjectPublicKeyInfo;
    expect(authCertificate.length).toBeGreaterThan(0);
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    expect(rsaVerify('sha256', data, key, signature)).toBe(true);
  });

  it('sends exactly docs/reference/card-protocol.md#command-table, docs/reference/card-protocol.md#trace bytes for SELECT, VERIFY (by short EF id) and SIGN', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    await driver.verifyAuthPin(AUTH_PIN);
    const digest = createHash('sha256').update('x').digest();
    await driver.signWithAuthKey({ digest: new Uint8Array(digest), hash: 'SHA-256' });
    const hex = card.log.map((c) => toHex(c, { separator: ' ' }));
    expect(hex[0]).toBe('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');
    expect(hex[1]).toBe('00 20 00 98');
    expect(hex[2]).toBe('00 20 00 98 04 31 32 33 34');
    expect(hex[3]).toBe('00 A4 02 0C 02 00 17');
    expect(hex[4]!.startsWith('80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20')).toBe(true);
    expect(hex[4]!.endsWith(' 00')).toBe(true);
  });

  it('wrong PIN: CARD_PIN_WRONG with tries left, one VERIFY, never retried', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    const error = await rejects(driver.verifyAuthPin('9999'));
    expect(error.code).toBe('CARD_PIN_WRONG');
    expect(error.triesLeft).toBe(2);
    expect(error.message).not.toContain('9999');
    expect(card.log.filter((c) => c[1] === 0x20 && c.length > 4)).toHaveLength(1);
  });

  it('refuses the last try unless allowLastTry, then blocks', async () => {
    const { card } = makeFakeCard({ authTries: 1 });
    const driver = new MyNumberCard(card);
    const refused = await rejects(driver.verifyAuthPin('9999'));
    expect(refused.code).toBe('CARD_PIN_LAST_TRY');
    expect(card.log.filter((c) => c[1] === 0x20 && c.length > 4)).toHaveLength(0);
    const blocked = await rejects(driver.verifyAuthPin('9999', { allowLastTry: true }));
    expect(blocked.code).toBe('CARD_PIN_BLOCKED');
    expect(await driver.authPinStatus()).toEqual({ state: 'blocked', triesLeft: 0, verified: false });
    expect((await rejects(driver.verifyAuthPin(AUTH_PIN, { allowLastTry: true }))).code).toBe('CARD_PIN_BLOCKED');
    expect(card.log.filter((c) => c[1] === 0x20 && c.length > 4)).toHaveLength(1);
  });

  it('zeroes the caller PIN buffer and the command buffer', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    const pin = te.encode(AUTH_PIN);
    await driver.verifyAuthPin(pin);
    expect([...pin]).toEqual([0, 0, 0, 0]);
    const verifyBuffer = card.buffers.find((_b, i) => card.log[i]![1] === 0x20 && card.log[i]!.length > 4)!;
    expect([...verifyBuffer].every((b) => b === 0)).toBe(true);
    const wrong = te.encode('12x4');
    expect((await rejects(driver.verifyAuthPin(wrong))).code).toBe('CARD_PIN_FORMAT');
    expect([...wrong]).toEqual([0, 0, 0, 0]);
  });

  it('rejects a malformed PIN before sending anything', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    for (const bad of ['123', '12345', '１２３４', 'abcd', '']) {
      expect((await rejects(driver.verifyAuthPin(bad))).code).toBe('CARD_PIN_FORMAT');
    }
    expect(card.log).toHaveLength(0);
  });

  it('signing without VERIFY is CARD_SECURITY_STATUS', async () => {
    const { card } = makeFakeCard();
    const error = await rejects(new MyNumberCard(card).signWithAuthKey({ data: te.encode('x'), hash: 'SHA-256' }));
    expect(error.code).toBe('CARD_SECURITY_STATUS');
  });

  it('reads the basic four items in 6 APDUs', async () => {
    const { card } = makeFakeCard();
    const counter = new CountingTransport(card);
    const info = await new MyNumberCard(counter).readBasicInfo(INPUT_PIN);
    expect(info).toMatchObject({
      name: '山田\u3000花子',
      familyName: '山田',
      givenName: '花子',
      address: '東京都千代田区霞が関１丁目２番３号',
      birthDate: { year: 1980, month: 2, day: 17, iso: '1980-02-17' },
      sex: 'female',
    });
    expect(counter.total).toBe(6);
    expect(JSON.stringify(info)).not.toContain('000000000000');
  });

  it('reads the face photo after 照合番号B', async () => {
    const { card } = makeFakeCard();
    const counter = new CountingTransport(card);
    const face = await new MyNumberCard(counter).readFaceImage(VERIFICATION_B);
    expect(face.mimeType).toBe('image/jp2');
    expect(toHex(face.image)).toBe(toHex(JP2_PHOTO));
    expect(counter.count(0xb0)).toBe(Math.ceil((JP2_PHOTO.length + 60) / 256));
  });

  it('maps a removed card to CardError CARD_REMOVED', async () => {
    const { card } = makeFakeCard();
    card.removeAt = 3;
    const error = await rejects(new MyNumberCard(card).readAuthCertificate());
    expect(error.code).toBe('CARD_REMOVED');
  });

  it('maps unexpected statuses to CARD_UNEXPECTED_STATUS with the SW', async () => {
    const { card } = makeFakeCard();
    card.override.set(1, 0x6581);
    const error = await rejects(new MyNumberCard(card).readAuthCertificate());
    expect(error.code).toBe('CARD_UNEXPECTED_STATUS');
    expect(error.sw).toBe('6581');
  });

  it('a 6Cxx answer to VERIFY is not followed: the PIN is never sent twice', async () => {
    const { card } = makeFakeCard();
    card.override.set(2, 0x6c04);
    const error = await rejects(new MyNumberCard(card).verifyAuthPin(AUTH_PIN));
    expect(error.code).toBe('CARD_UNEXPECTED_STATUS');
    expect(card.log.filter((c) => c[1] === 0x20 && c.length > 4)).toHaveLength(1);
  });

  it('6Cxx on READ BINARY is followed with the exact Le, 61xx with GET RESPONSE', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    card.override.set(1, 0x6c20);
    expect((await driver.detect()).kind).toBe('mynumber-card');
    expect(card.log[2]![4]).toBe(0x20);
    const inner = card.transmit.bind(card);
    let split = true;
    card.transmit = async (command: Uint8Array) => {
      const response = await inner(command);
      if (split && command[1] === 0xb0 && response.length > 40) {
        split = false;
        // Answer the first 32 bytes with 61xx; the rest comes by GET RESPONSE.
        const rest = response.subarray(32, response.length - 2);
        card.transmit = async (c: Uint8Array) => (c[1] === 0xc0 ? Uint8Array.from([...rest, 0x90, 0x00]) : inner(c));
        return Uint8Array.from([...response.subarray(0, 32), 0x61, rest.length & 0xff]);
      }
      return response;
    };
    const cert = await driver.readAuthCertificate();
    expect(cert.der.length).toBeGreaterThan(256);
  });

  it('serialises concurrent operations', async () => {
    const { card } = makeFakeCard();
    const driver = new MyNumberCard(card);
    const [a, b] = await Promise.all([driver.readAuthCertificate(), driver.authPinStatus()]);
    expect(a.der.length).toBeGreaterThan(0);
    expect(b.state).toBe('ok');
  });
});
