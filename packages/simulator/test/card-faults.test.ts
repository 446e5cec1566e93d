import { fromHex, TransportError } from '@onshikit/apdu';
import { describe, expect, it } from 'vitest';
import { cardProfiles, createInProcessTransport, VirtualMyNumberCard } from '@onshikit/simulator';
import { SELECT_JPKI, selectEf, send, swOf } from './card-helpers.js';

describe('injected faults', () => {
  it('removeAtApdu: the n-th APDU rejects with CARD_REMOVED and the card stays removed until insert()', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { removeAtApdu: 3 } }));
    expect(await swOf(card, SELECT_JPKI)).toBe('90 00');
    expect(await swOf(card, selectEf(0x000a))).toBe('90 00');
    const third = send(card, '00 B0 00 00 04');
    await expect(third).rejects.toBeInstanceOf(TransportError);
    await expect(third).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(card.isRemoved).toBe(true);
    await expect(send(card, SELECT_JPKI)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    card.insert();
    expect(await swOf(card, SELECT_JPKI)).toBe('90 00');
    expect(await swOf(card, selectEf(0x000a))).toBe('90 00');
    expect(await swOf(card, '00 B0 00 00 04')).toBe('90 00');
  });

  it('the removal is logged without a response', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { removeAtApdu: 1 } }));
    await expect(send(card, SELECT_JPKI)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(card.apduLog).toHaveLength(1);
    expect(card.apduLog[0]!.sw).toBeUndefined();
  });

  it('removal through the transport surfaces as TransportError too, and clears PIN status', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    const transport = createInProcessTransport(card);
    await transport.transmit(
      Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x0a, 0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01),
    );
    card.remove();
    await expect(transport.transmit(Uint8Array.of(0x00, 0xb0, 0x8a, 0x00, 0x04))).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    expect(card.pinState('auth')?.verified).toBe(false);
  });

  it('sixF00AfterPowerOn: the first command after each power-on answers 6F00 and is not executed', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { sixF00AfterPowerOn: true } }));
    expect(await swOf(card, SELECT_JPKI)).toBe('6F 00');
    expect(await swOf(card, selectEf(0x000a))).toBe('6A 82'); // the SELECT AP above did nothing
    expect(await swOf(card, SELECT_JPKI)).toBe('90 00');
    card.powerOff();
    card.powerOn();
    expect(await swOf(card, '00 A4 00 00')).toBe('6F 00');
    expect(await swOf(card, SELECT_JPKI)).toBe('90 00');
  });

  it('delayMs: a slow card hits the transport timeout (TIMEOUT), a patient caller gets the answer', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { delayMs: 50 } }));
    const transport = createInProcessTransport(card);
    const select = fromHex(SELECT_JPKI);
    await expect(transport.transmit(select, { timeoutMs: 1 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Array.from(await transport.transmit(select))).toEqual([0x90, 0x00]);
  });

  it('faults can be changed at run time', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    expect(await swOf(card, SELECT_JPKI)).toBe('90 00');
    card.faults.removeAtApdu = 2;
    await expect(send(card, SELECT_JPKI)).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('a powered-off card is mute (CARD_MUTE)', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    card.powerOff();
    await expect(send(card, SELECT_JPKI)).rejects.toMatchObject({ code: 'CARD_MUTE' });
  });
});

describe('signDelayMs', () => {
  it('delays the signature past a shorter transport timeout', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { signDelayMs: 200 } }));
    const transport = createInProcessTransport(card);
    const select = fromHex(SELECT_JPKI);
    expect(Array.from(await transport.transmit(select))).toEqual([0x90, 0x00]);
    const sign = Uint8Array.of(0x80, 0x2a, 0x00, 0x97, 0x01, 0x00, 0x00);
    await expect(transport.transmit(sign, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });
});
