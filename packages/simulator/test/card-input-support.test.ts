import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CardAid,
  cardProfiles,
  eraYymmdd,
  hasValidIndividualNumberCheckDigit,
  individualNumberCheckDigit,
  JP2_SIGNATURE,
  TEST_INDIVIDUAL_NUMBER,
  TEST_PINS,
  VirtualMyNumberCard,
} from '@onshikit/simulator';
import {
  asciiHex,
  data,
  hex,
  SELECT_CARD_FACE,
  SELECT_INPUT_SUPPORT,
  selectEf,
  send,
  sw,
  swOf,
  verifyApdu,
} from './card-helpers.js';

/** Minimal BER reader for the tests: tag (1–2 bytes), length (short/81/82), value. */
function readTlv(bytes: Uint8Array, at: number): { tag: number; value: Uint8Array; end: number } {
  let tag = bytes[at]!;
  let i = at + 1;
  if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | bytes[i++]!;
  let length = bytes[i++]!;
  if (length === 0x81) length = bytes[i++]!;
  else if (length === 0x82) {
    length = (bytes[i]! << 8) | bytes[i + 1]!;
    i += 2;
  }
  return { tag, value: bytes.subarray(i, i + length), end: i + length };
}

async function unlocked(): Promise<VirtualMyNumberCard> {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());
  await send(card, SELECT_INPUT_SUPPORT);
  await send(card, selectEf(0x0011));
  expect(await swOf(card, verifyApdu(TEST_PINS.inputSupport))).toBe('90 00');
  return card;
}

describe('券面事項入力補助AP (docs/reference/card-protocol.md#input-support-files, docs/reference/card-protocol.md#number-ef, docs/reference/card-protocol.md#basic-four)', () => {
  it('the individual-number EF holds the fixed test value, which fails the check digit', async () => {
    expect(individualNumberCheckDigit('12345678901')).toBe(8);
    expect(hasValidIndividualNumberCheckDigit('123456789018')).toBe(true);
    expect(hasValidIndividualNumberCheckDigit(TEST_INDIVIDUAL_NUMBER)).toBe(false);
    const card = await unlocked();
    await send(card, selectEf(0x0001));
    const response = await send(card, '00 B0 00 00 00');
    // 17 physical bytes: FF 10 0C <12 digits> FF FF (the trace in docs/reference/card-protocol.md#trace).
    expect(hex(response)).toBe(`FF 10 0C ${asciiHex(TEST_INDIVIDUAL_NUMBER)} FF FF 90 00`);
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0001, ['read'])).toBe(true);
  });

  it('without PIN the number EF and the basic-4 EF answer 6982', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, SELECT_INPUT_SUPPORT);
    await send(card, selectEf(0x0001));
    expect(await swOf(card, '00 B0 00 00 11')).toBe('69 82');
    await send(card, selectEf(0x0002));
    expect(await swOf(card, '00 B0 00 00 05')).toBe('69 82');
    expect(card.touched(CardAid.INPUT_SUPPORT, 0x0002, ['read'])).toBe(true);
  });

  it('the basic-4 EF has the FF20 layout with a correct offset table', async () => {
    const card = await unlocked();
    await send(card, selectEf(0x0002));
    const head = await send(card, '00 B0 00 00 03');
    expect(hex(data(head).subarray(0, 2))).toBe('FF 20');
    const whole = data(await send(card, '00 B0 00 00 00 00 00'));
    const outer = readTlv(whole, 0);
    expect(outer.tag).toBe(0xff20);
    expect(outer.end).toBe(whole.length);
    const offsets = readTlv(whole, whole.length - outer.value.length);
    expect(offsets.tag).toBe(0xdf21);
    expect(offsets.value.length).toBe(8);
    const expected: Array<[number, string]> = [
      [0xdf22, '試験　花子'],
      [0xdf23, '東京都千代田区試験町１丁目２番３号'],
      [0xdf24, '19800217'],
      [0xdf25, '2'],
    ];
    expected.forEach(([tag, text], i) => {
      const offset = (offsets.value[i * 2]! << 8) | offsets.value[i * 2 + 1]!;
      const item = readTlv(whole, offset);
      expect(item.tag).toBe(tag);
      expect(new TextDecoder().decode(item.value)).toBe(text);
    });
    expect(new TextDecoder().decode(whole)).toContain('\u3000');
  });

  it('uses the 81/82 BER length form when the address is long', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ holder: { address: '北海道'.repeat(10) } }));
    await send(card, SELECT_INPUT_SUPPORT);
    await send(card, verifyApdu(TEST_PINS.inputSupport, '91'));
    const whole = data(await send(card, '00 B0 82 00 00 00 00'));
    expect(hex(whole.subarray(0, 3))).toBe('FF 20 81');
    expect(readTlv(whole, 0).end).toBe(whole.length);
  });

  it('照合番号B opens the basic-4 EF but not the number EF (docs/reference/card-protocol.md#input-support-files)', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    expect(card.verificationNumberB).toBe(`${eraYymmdd('1980-02-17')}${card.profile.card.expiryDate.slice(0, 4)}2285`);
    expect(card.verificationNumberB.startsWith('550217')).toBe(true);
    await send(card, SELECT_INPUT_SUPPORT);
    await send(card, selectEf(0x0015));
    expect(await swOf(card, verifyApdu(card.verificationNumberB))).toBe('90 00');
    expect(await swOf(card, '00 B0 82 00 03')).toBe('90 00');
    expect(await swOf(card, '00 B0 81 00 03')).toBe('69 82');
  });

  it('the integrity record 0003 carries SHA-256 of the number file and of the basic-4 items', async () => {
    const card = await unlocked();
    const number = data(await send(card, '00 B0 81 00 11'));
    const basic = data(await send(card, '00 B0 82 00 00 00 00'));
    const record = data(await send(card, '00 B0 83 00 00 00 00'));
    expect(record.length).toBe(336);
    expect(hex(record.subarray(0, 5))).toBe('FF 30 82 01 4B');
    const sha = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
    expect(record.subarray(8, 40)).toEqual(sha(number));
    const afterOffsets = readTlv(basic, basic.length - readTlv(basic, 0).value.length).end;
    expect(record.subarray(43, 75)).toEqual(sha(basic.subarray(afterOffsets)));
  });

  it('the CV certificate 0004 has the 568-byte 7F21 layout', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, SELECT_INPUT_SUPPORT);
    const cv = data(await send(card, '00 B0 84 00 00 00 00'));
    expect(cv.length).toBe(568);
    expect(hex(cv.subarray(0, 10))).toBe('7F 21 82 02 33 5F 4E 82 01 29');
  });
});

describe('券面AP face image (docs/reference/card-protocol.md#card-face-files, docs/reference/card-protocol.md#card-face)', () => {
  it('the face EF needs 照合番号B (or A); it is an FF20 wrapper with a JP2 photo', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, SELECT_CARD_FACE);
    await send(card, selectEf(0x0002));
    expect(await swOf(card, '00 B0 00 00 07')).toBe('69 82');
    await send(card, selectEf(0x0012));
    expect(await swOf(card, verifyApdu(card.verificationNumberB))).toBe('90 00');
    await send(card, selectEf(0x0002));
    const face = data(await send(card, '00 B0 00 00 00 00 00'));
    const outer = readTlv(face, 0);
    expect(outer.tag).toBe(0xff20);
    const offsets = readTlv(face, face.length - outer.value.length);
    expect(offsets.tag).toBe(0xdf21);
    const tags = [];
    for (let i = 0; i < offsets.value.length; i += 2) {
      const item = readTlv(face, (offsets.value[i]! << 8) | offsets.value[i + 1]!);
      tags.push(item.tag);
      if (item.tag === 0xdf27) expect(item.value.subarray(0, 12)).toEqual(JP2_SIGNATURE);
      if (item.tag === 0xdf22) expect(new TextDecoder().decode(item.value)).toBe('19800217');
      if (item.tag === 0xdf25) expect(hex(item.value.subarray(1, 4))).toBe('50 4E 47');
    }
    expect(tags).toEqual([0xdf22, 0xdf23, 0xdf24, 0xdf25, 0xdf26, 0xdf27, 0xdf28, 0xdf29, 0xdf2a]);
  });

  it('a profile photo is carried as given; 照合番号B does not open the number image 0005', async () => {
    const photo = new Uint8Array([...JP2_SIGNATURE, 1, 2, 3, 4]);
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ card: { facePhoto: photo } }));
    await send(card, SELECT_CARD_FACE);
    await send(card, verifyApdu(card.verificationNumberB, '92'));
    const face = data(await send(card, '00 B0 82 00 00 00 00'));
    expect(Buffer.from(face).includes(Buffer.from(photo))).toBe(true);
    expect(await swOf(card, '00 B0 85 00 01')).toBe('69 82');
  });

  it('the birth-date key 0011 (era YYMMDD) opens the age record 0001', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    await send(card, SELECT_CARD_FACE);
    expect(await swOf(card, '00 B0 81 00 05')).toBe('69 82');
    expect(await swOf(card, verifyApdu('550217', '91'))).toBe('90 00');
    const head = await send(card, '00 B0 81 00 05');
    expect(sw(head)).toBe('90 00');
    expect(hex(data(head))).toBe('FF 10 82 02 1E');
  });

  it('the 16-digit 照合番号B variant (docs/reference/card-protocol.md#conflicts item 2) is configurable', async () => {
    const card = await VirtualMyNumberCard.create(
      cardProfiles.standard({ behaviour: { verificationNumberB: 'gregorian-yyyymmdd' } }),
    );
    expect(card.verificationNumberB).toMatch(/^19800217\d{4}2285$/);
  });
});
