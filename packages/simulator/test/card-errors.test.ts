import { describe, expect, it } from 'vitest';
import { cardProfiles, VirtualMyNumberCard } from '@onshikit/simulator';
import { hex, SELECT_COMMON, SELECT_JPKI, send, swOf } from './card-helpers.js';

describe('status words for wrong commands (docs/reference/card-protocol.md#status-words)', async () => {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());

  it('logical channels → 6881', async () => {
    expect(await swOf(card, '01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01')).toBe('68 81');
    expect(await swOf(card, '43 B0 00 00 00')).toBe('68 81');
    expect(await swOf(card, '81 2A 00 80 01 00 00')).toBe('68 81');
  });

  it('secure-messaging CLA 08 → 69FC', async () => {
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '08 B0 8A 00 00')).toBe('69 FC');
  });

  it('unknown CLA → 6E00, unknown INS → 6D00', async () => {
    expect(await swOf(card, 'A0 A4 00 00')).toBe('6E 00');
    expect(await swOf(card, 'FF CA 00 00 00')).toBe('6E 00');
    expect(await swOf(card, '00 10 00 00')).toBe('6D 00');
    expect(await swOf(card, '80 B0 00 00 00')).toBe('6D 00');
  });

  it('malformed APDUs → 6700, never a throw', async () => {
    expect(await swOf(card, '00 A4')).toBe('67 00');
    expect(await swOf(card, '00 A4 04 0C 0A D3 92')).toBe('67 00');
    expect(await swOf(card, '00 B0 00 00 00 00')).toBe('67 00');
    expect(hex(await card.process(new Uint8Array(0)))).toBe('67 00');
  });

  it('80 FC 00 00 (iPhone-token last-command indicator) → 6700 on a physical card', async () => {
    expect(await swOf(card, '80 FC 00 00')).toBe('67 00');
  });

  it('80 A2 (terminal CV certificate) → 6A86', async () => {
    expect(await swOf(card, '80 A2 00 00 01 00')).toBe('6A 86');
  });

  it('GET CHALLENGE: short Le answers random bytes, extended Le → 6985', async () => {
    const challenge = await send(card, '00 84 00 00 08');
    expect(challenge.length).toBe(10);
    expect(hex(challenge.subarray(8))).toBe('90 00');
    expect(await swOf(card, '00 84 00 00 00 01 00')).toBe('69 85');
  });

  it('GET DATA 5F51 gives the contact ATR without 3B; other tags → 6A88', async () => {
    expect(hex(await send(card, '00 CA 5F 51 00'))).toBe('C5 FF 81 31 FB 45 80 73 C6 01 00 00 90 00');
    expect(await swOf(card, '00 CA 00 42 00')).toBe('6A 88');
  });

  it('INTERNAL AUTHENTICATE: the common AP 0019 answers without PIN, JPKI keys → 6985', async () => {
    await send(card, SELECT_COMMON);
    const response = await send(card, '00 88 00 99 08 01 02 03 04 05 06 07 08 00');
    expect(response.length).toBe(258);
    await send(card, SELECT_JPKI);
    expect(await swOf(card, '00 88 00 97 08 01 02 03 04 05 06 07 08 00')).toBe('69 85');
  });
});
