import { CommandApdu, TransportError } from '@onshikit/apdu';
import { describe, expect, it } from 'vitest';
import {
  CardAid,
  cardProfiles,
  createInProcessTransport,
  VirtualCardTransport,
  VirtualMyNumberCard,
} from '@onshikit/simulator';
import { hex, SELECT_JPKI } from './card-helpers.js';
import { fromHex } from '@onshikit/apdu';

describe('VirtualCardTransport (in-process)', async () => {
  const card = await VirtualMyNumberCard.create(cardProfiles.standard());

  it('implements Transport with extended length by default', async () => {
    const transport = createInProcessTransport(card);
    expect(transport).toBeInstanceOf(VirtualCardTransport);
    expect(transport.supportsExtendedLength).toBe(true);
    expect(transport.maxResponseLength).toBe(65538);
    await transport.transmit(fromHex(SELECT_JPKI));
    const whole = await transport.transmit(fromHex('00 B0 8A 00 00 00 00'));
    expect(whole.subarray(0, whole.length - 2)).toEqual(card.authCertificateDer);
    expect(transport.transmitCount).toBe(2);
  });

  it('without extended length the reader answers 6700 and the card never sees the command', async () => {
    const transport = createInProcessTransport(card, { supportsExtendedLength: false });
    expect(transport.maxResponseLength).toBe(258);
    expect(transport.maxCommandLength).toBe(261);
    card.clearApduLog();
    expect(hex(await transport.transmit(fromHex('00 B0 8A 00 00 06 1F')))).toBe('67 00');
    expect(card.apduLog).toHaveLength(0);
    await transport.transmit(fromHex(SELECT_JPKI));
    expect((await transport.transmit(fromHex('00 B0 8A 00 00'))).length).toBe(258);
  });

  it('a response longer than maxResponseLength is a PROTOCOL_ERROR', async () => {
    const transport = createInProcessTransport(card, { maxResponseLength: 100 });
    await transport.transmit(fromHex(SELECT_JPKI));
    await expect(transport.transmit(fromHex('00 B0 8A 00 00'))).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
  });

  it('close() is idempotent and later transmits reject with TRANSPORT_CLOSED', async () => {
    const transport = createInProcessTransport(card);
    await transport.close();
    await transport.close();
    await expect(transport.transmit(fromHex(SELECT_JPKI))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    await expect(transport.reset()).rejects.toBeInstanceOf(TransportError);
  });

  it('an aborted signal rejects with ABORTED', async () => {
    const transport = createInProcessTransport(card);
    const controller = new AbortController();
    controller.abort();
    await expect(transport.transmit(fromHex(SELECT_JPKI), { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('the APDU log and onApdu hook show every command (proof that nothing read the number EF)', async () => {
    const fresh = await VirtualMyNumberCard.create(cardProfiles.standard());
    const seen: string[] = [];
    const stop = fresh.onApdu((entry) => seen.push(hex(entry.command)));
    const transport = createInProcessTransport(fresh);
    await transport.transmit(fromHex(SELECT_JPKI));
    await transport.transmit(new CommandApdu({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 4 }).encode());
    stop();
    await transport.transmit(fromHex(SELECT_JPKI));
    expect(seen).toEqual([SELECT_JPKI, '00 B0 8A 00 04']);
    expect(fresh.apduLog).toHaveLength(3);
    expect(fresh.touched(CardAid.JPKI, 0x000a, ['read'])).toBe(true);
    expect(fresh.touched(CardAid.INPUT_SUPPORT, 0x0001)).toBe(false);
    expect(fresh.fileAccesses).toEqual([{ aid: CardAid.JPKI, fid: 0x000a, operation: 'read' }]);
  });
});

describe('APDU log bounds', () => {
  it('keeps at most apduLogLimit entries but remembers every touched file', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard());
    card.apduLogLimit = 3;
    await card.process(fromHex(SELECT_JPKI));
    await card.process(fromHex('00 B0 8A 00 04'));
    for (let i = 0; i < 5; i++) await card.process(fromHex('00 84 00 00 08'));
    expect(card.apduLog).toHaveLength(3);
    expect(card.apduLog[0]!.index).toBe(5);
    expect(card.touched(CardAid.JPKI, 0x000a, ['read'])).toBe(true);
    expect(card.touched(CardAid.JPKI, 0x000a, ['sign'])).toBe(false);
    card.clearApduLog();
    expect(card.touched(CardAid.JPKI, 0x000a)).toBe(false);
  });
});

describe('concurrent transmits', () => {
  it('are serialised in call order, as a reader does', async () => {
    const card = await VirtualMyNumberCard.create(cardProfiles.standard({ faults: { delayMs: 5 } }));
    const transport = createInProcessTransport(card);
    const [a, b, c] = await Promise.all([
      transport.transmit(fromHex(SELECT_JPKI)),
      transport.transmit(fromHex('00 A4 02 0C 02 00 0A')),
      transport.transmit(fromHex('00 B0 00 00 04')),
    ]);
    expect(hex(a)).toBe('90 00');
    expect(hex(b)).toBe('90 00');
    expect(c.subarray(0, 4)).toEqual(card.authCertificateDer!.subarray(0, 4));
  });
});
