import { describe, expect, it } from 'vitest';
import { cardProfiles, createInProcessTransport, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import { data, SELECT_JPKI, selectEf, send, sw, swOf, verifyApdu } from './card-helpers.js';

const standard = (options = {}) => VirtualMyNumberCard.create(cardProfiles.standard(options));

describe('VERIFY and PIN counters (docs/reference/card-protocol.md#pins, docs/reference/card-protocol.md#command-table, docs/reference/card-protocol.md#status-words)', () => {
  it('empty VERIFY reports tries without consuming one', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0018));
    expect(await swOf(card, '00 20 00 80')).toBe('63 C3');
    expect(await swOf(card, '00 20 00 80')).toBe('63 C3');
    await send(card, selectEf(0x001b));
    expect(await swOf(card, '00 20 00 80')).toBe('63 C5');
  });

  it('counts down, answers 63C0 on the blocking attempt and 6984 afterwards', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0018));
    expect(await swOf(card, verifyApdu('0000'))).toBe('63 C2');
    expect(await swOf(card, verifyApdu('0000'))).toBe('63 C1');
    expect(await swOf(card, verifyApdu('0000'))).toBe('63 C0');
    expect(await swOf(card, verifyApdu(TEST_PINS.auth))).toBe('69 84');
    expect(await swOf(card, '00 20 00 80')).toBe('63 C0');
    expect(card.pinState('auth')).toMatchObject({ set: true, triesLeft: 0, blocked: true, verified: false });
  });

  it('a correct PIN resets the counter', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0018));
    expect(await swOf(card, verifyApdu('9999'))).toBe('63 C2');
    expect(await swOf(card, verifyApdu(TEST_PINS.auth))).toBe('90 00');
    expect(await swOf(card, '00 20 00 80')).toBe('63 C3');
  });

  it('VERIFY by short EF id without SELECT (00 20 00 98 …)', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 20 00 98')).toBe('63 C3');
    expect(await swOf(card, verifyApdu(TEST_PINS.auth, '98'))).toBe('90 00');
    expect(card.pinState('auth')?.verified).toBe(true);
  });

  it('rejects VERIFY forms the card does not know', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 20 00 80')).toBe('6A 88'); // no current EF
    await send(card, selectEf(0x000a));
    expect(await swOf(card, '00 20 00 80')).toBe('6A 88'); // not a key
    expect(await swOf(card, '00 20 00 00')).toBe('6A 86');
    expect(await swOf(card, '00 20 01 98')).toBe('6A 86');
    expect(await swOf(card, '00 20 00 93')).toBe('6A 88'); // no EF with SFI 13
  });

  it('the signing certificate 0001 needs the signing password (6982 before, data after)', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0001));
    expect(await swOf(card, '00 B0 00 00 04')).toBe('69 82');
    await send(card, selectEf(0x001b));
    expect(await swOf(card, verifyApdu(TEST_PINS.signing))).toBe('90 00');
    await send(card, selectEf(0x0001));
    const header = await send(card, '00 B0 00 00 04');
    expect(sw(header)).toBe('90 00');
    expect(data(header)).toEqual(card.material.signingCertificate!.der.subarray(0, 4));
  });

  it('security status survives SELECT of other APs and warm reset, not power-off', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x001b));
    await send(card, verifyApdu(TEST_PINS.signing));
    await send(card, '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08');
    card.warmReset();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 B0 81 00 04')).toBe('90 00');
    card.powerOff();
    card.powerOn();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 B0 81 00 04')).toBe('69 82');
  });

  it('with securityStatusSurvivesWarmReset=false a warm reset clears it', async () => {
    const card = await standard({ behaviour: { securityStatusSurvivesWarmReset: false } });
    await send(card, SELECT_JPKI);
    await send(card, verifyApdu(TEST_PINS.signing, '9B'));
    card.warmReset();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 B0 81 00 04')).toBe('69 82');
  });

  it('transport reset() power-cycles and clears the status', async () => {
    const card = await standard();
    const transport = createInProcessTransport(card);
    await send(card, SELECT_JPKI);
    await send(card, verifyApdu(TEST_PINS.auth, '98'));
    expect(card.pinState('auth')?.verified).toBe(true);
    await transport.reset();
    expect(card.pinState('auth')?.verified).toBe(false);
  });

  it('empty VERIFY on a verified key: 63Cx by default, 9000 when configured', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, verifyApdu(TEST_PINS.auth, '98'));
    expect(await swOf(card, '00 20 00 98')).toBe('63 C3');
    const iso = await standard({ behaviour: { emptyVerifyWhenVerified: '9000' } });
    await send(iso, SELECT_JPKI);
    await send(iso, verifyApdu(TEST_PINS.auth, '98'));
    expect(await swOf(iso, '00 20 00 98')).toBe('90 00');
  });

  it('a wrong VERIFY withdraws a previous success', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, verifyApdu(TEST_PINS.auth, '98'));
    await send(card, verifyApdu('0000', '98'));
    expect(card.pinState('auth')?.verified).toBe(false);
  });

  it('CHANGE REFERENCE DATA needs a verified PIN, then the new PIN works', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0018));
    expect(await swOf(card, '00 24 01 80 04 35 36 37 38')).toBe('69 82');
    await send(card, verifyApdu(TEST_PINS.auth));
    expect(await swOf(card, '00 24 01 80 04 35 36 37 38')).toBe('90 00');
    card.powerOff();
    card.powerOn();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, verifyApdu('5678', '98'))).toBe('90 00');
  });

  it('the input-support AP key 0012 is blocked from issuance (63C0, 6984)', async () => {
    const card = await standard();
    await send(card, '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08');
    await send(card, selectEf(0x0012));
    expect(await swOf(card, '00 20 00 80')).toBe('63 C0');
    expect(await swOf(card, verifyApdu('1234'))).toBe('69 84');
  });

  it('never keeps PIN bytes in the APDU log', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, verifyApdu(TEST_PINS.auth, '98'));
    await send(card, selectEf(0x0018));
    await send(card, '00 24 01 80 04 35 36 37 38');
    const logged = card.apduLog.map((e) => Buffer.from(e.command).toString('latin1')).join('|');
    expect(logged).not.toContain(TEST_PINS.auth);
    expect(logged).not.toContain('5678');
    expect(card.apduLog[1]!.command).toEqual(Uint8Array.of(0x00, 0x20, 0x00, 0x98, 0x04, 0, 0, 0, 0));
  });
});
