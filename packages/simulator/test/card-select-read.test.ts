import { describe, expect, it } from 'vitest';
import { cardProfiles, TOKEN_LABELS, VirtualMyNumberCard } from '@onshikit/simulator';
import {
  data,
  hex,
  SELECT_COMMON,
  SELECT_INPUT_SUPPORT,
  SELECT_JPKI,
  selectEf,
  send,
  sw,
  swOf,
} from './card-helpers.js';

const standard = (options = {}) => VirtualMyNumberCard.create(cardProfiles.standard(options));

describe('SELECT (docs/reference/card-protocol.md#select, docs/reference/card-protocol.md#reset-behaviour)', () => {
  it('selects every AP by full AID with 00 A4 04 0C', async () => {
    const card = await standard();
    for (const select of [
      SELECT_JPKI,
      SELECT_INPUT_SUPPORT,
      '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02',
      SELECT_COMMON,
      '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01',
    ]) {
      expect(await swOf(card, select)).toBe('90 00');
    }
  });

  it('answers 6A82 for an unknown AID and for unknown EFs', async () => {
    const card = await standard();
    expect(await swOf(card, '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 09')).toBe('6A 82');
    await send(card, SELECT_JPKI);
    expect(await swOf(card, selectEf(0x0003))).toBe('6A 82');
    expect(await swOf(card, selectEf(0x3f00))).toBe('6A 82');
  });

  it('selects by AID prefix (JICSAP) unless the profile turns it off', async () => {
    const card = await standard();
    expect(await swOf(card, '00 A4 04 0C 06 D3 92 F0 00 26 01')).toBe('90 00');
    expect(await swOf(card, selectEf(0x000a))).toBe('90 00');
    const strict = await standard({ behaviour: { aidPrefixSelection: false } });
    expect(await swOf(strict, '00 A4 04 0C 06 D3 92 F0 00 26 01')).toBe('6A 82');
  });

  it('rejects other SELECT forms: P2 with FCI → 6A86, wrong Lc → 6700, P1 01 → 6A86', async () => {
    const card = await standard();
    expect(await swOf(card, '00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01 00')).toBe('6A 86');
    expect(await swOf(card, '00 A4 04 0C')).toBe('67 00');
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 A4 02 0C 01 0A')).toBe('67 00');
    expect(await swOf(card, '00 A4 01 0C 02 00 0A')).toBe('6A 86');
  });

  it('select MF: 6A86 after reset, 9000 without changing the DF once an AP is selected', async () => {
    const card = await standard();
    expect(await swOf(card, '00 A4 00 00')).toBe('6A 86');
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 A4 00 00')).toBe('90 00');
    // Still in the JPKI AP: its EF is selectable.
    expect(await swOf(card, selectEf(0x000a))).toBe('90 00');
  });

  it('under MF only 001E exists and it cannot be read (6981)', async () => {
    const card = await standard();
    expect(await swOf(card, selectEf(0x2f10))).toBe('6A 82');
    expect(await swOf(card, selectEf(0x001e))).toBe('90 00');
    expect(await swOf(card, '00 B0 00 00 00')).toBe('69 81');
  });

  it('selecting the ISD AID returns to the MF level', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 A4 04 0C 07 A0 00 00 01 51 00 00')).toBe('90 00');
    expect(await swOf(card, selectEf(0x000a))).toBe('6A 82');
  });
});

describe('READ BINARY (docs/reference/card-protocol.md#apdu-length, docs/reference/card-protocol.md#command-table)', () => {
  it('reads the token label EF 0006: JPKIAPICCTOKEN2 space padded, 160 bytes', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0006));
    const twenty = await send(card, '00 B0 00 00 14');
    expect(new TextDecoder().decode(data(twenty))).toBe('JPKIAPICCTOKEN2     ');
    const all = await send(card, '00 B0 00 00 00');
    expect(sw(all)).toBe('90 00');
    expect(data(all).length).toBe(160);
    expect(new TextDecoder().decode(data(all).subarray(0, 32)).trimEnd()).toBe(TOKEN_LABELS.card);
  });

  it('returns the remaining bytes at end of file, then 6B00 at and beyond the end', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0008));
    const all = await send(card, '00 B0 00 00 00');
    expect(hex(all)).toBe('8F 8F 00 90 00');
    expect(hex(await send(card, '00 B0 00 02 10'))).toBe('00 90 00');
    expect(await swOf(card, '00 B0 00 03 01')).toBe('6B 00');
    expect(await swOf(card, '00 B0 7F FF 01')).toBe('6B 00');
  });

  it('can answer 6282 for a short read when the profile says so', async () => {
    const card = await standard({ behaviour: { endOfFileStatus: '6282' } });
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x0008));
    expect(hex(await send(card, '00 B0 00 01 10'))).toBe('8F 00 62 82');
    expect(hex(await send(card, '00 B0 00 00 03'))).toBe('8F 8F 00 90 00');
  });

  it('reads by SFI (00 B0 8A 00 00) and the SFI read makes the EF current', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    const first = await send(card, '00 B0 8A 00 00');
    expect(sw(first)).toBe('90 00');
    expect(data(first)).toEqual(card.authCertificateDer!.subarray(0, 256));
    const next = await send(card, '00 B0 01 00 00');
    expect(data(next)).toEqual(card.authCertificateDer!.subarray(256, 512));
    expect(await swOf(card, '00 B0 83 00 01')).toBe('6A 82');
    expect(await swOf(card, '00 B0 A0 00 01')).toBe('6A 86');
  });

  it('reads a whole certificate with extended Le 65536 (00 B0 8A 00 00 00 00)', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    const whole = await send(card, '00 B0 8A 00 00 00 00');
    expect(sw(whole)).toBe('90 00');
    expect(data(whole)).toEqual(card.authCertificateDer);
  });

  it('reads the certificate in 256-byte chunks by offset like jpki/myna', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    await send(card, selectEf(0x000a));
    const chunks: Uint8Array[] = [];
    for (let offset = 0; ; offset += 256) {
      const response = await send(card, `00 B0 ${hex(Uint8Array.of(offset >> 8, offset & 0xff))} 00`);
      if (sw(response) !== '90 00') break;
      chunks.push(data(response));
      if (data(response).length < 256) break;
    }
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(card.authCertificateDer!));
  });

  it('rejects READ BINARY without Le (6700), with data (6700), with no current EF (6986), on a PIN EF (6981)', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 B0 00 00 00')).toBe('69 86');
    await send(card, selectEf(0x000a));
    expect(await swOf(card, '00 B0 00 00')).toBe('67 00');
    expect(await swOf(card, '00 B0 00 00 01 00 00')).toBe('67 00');
    await send(card, selectEf(0x0018));
    expect(await swOf(card, '00 B0 00 00 00')).toBe('69 81');
  });

  it('reads the CA certificates 000B and 0002 without PIN', async () => {
    const card = await standard();
    await send(card, SELECT_JPKI);
    expect(data(await send(card, '00 B0 8B 00 00 00 00'))).toEqual(card.material.ca.auth.der);
    expect(data(await send(card, '00 B0 82 00 00 00 00'))).toEqual(card.material.ca.sign.der);
  });

  it('reads the common AP record with READ RECORD by SFI (00 B2 01 0C 00)', async () => {
    const card = await standard();
    await send(card, SELECT_COMMON);
    const record = await send(card, '00 B2 01 0C 00');
    expect(sw(record)).toBe('90 00');
    const text = new TextDecoder().decode(data(record).subarray(2));
    expect(hex(data(record).subarray(0, 2))).toBe('01 1C');
    expect(text).toBe(
      `400000012345678${card.profile.card.municipalityCode}${card.profile.card.expiryDate.replaceAll('-', '')}`,
    );
    expect(await swOf(card, '00 B2 02 0C 00')).toBe('6A 83');
    expect(await swOf(card, '00 B2 01 0D 00')).toBe('6A 81');
  });
});
