import { TransportError, toHex } from '@onshikit/apdu';
import {
  MY_NUMBER_CARD_IOS_AIDS,
  iso7816Transport,
  isoDepTransport,
  mapNativeNfcError,
} from '@onshikit/reader-ble/phone-nfc';
import { EchoCard } from '@onshikit/simulator';
import { describe, expect, it } from 'vitest';

/** A fake of react-native-nfc-manager's `isoDepHandler`: number[] in, number[] out (data + SW). */
function fakeIsoDep(card: EchoCard) {
  const calls: number[][] = [];
  return {
    calls,
    async transceive(bytes: number[]): Promise<number[]> {
      if (!Array.isArray(bytes)) throw new Error('IsoDepHandler.transceive only takes input as a byte array');
      calls.push(bytes);
      return Array.from(await card.process(Uint8Array.from(bytes)));
    },
  };
}

describe('phone NFC transports (react-native-nfc-manager shapes)', () => {
  it('IsoDep (Android) passes number[] and returns bytes with SW', async () => {
    const card = new EchoCard();
    card.powerOn();
    const handler = fakeIsoDep(card);
    let released = 0;
    const t = isoDepTransport(handler, { release: async () => released++ });
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 2, 1, 2])))).toBe('01029000');
    expect(Array.isArray(handler.calls[0])).toBe(true);
    await t.close();
    await t.close();
    expect(released).toBe(1);
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('ISO 7816 (iOS) joins {response, sw1, sw2}', async () => {
    const card = new EchoCard();
    const t = iso7816Transport(async (bytes) => {
      const r = await card.process(Uint8Array.from(bytes));
      return { response: Array.from(r.subarray(0, -2)), sw1: r[r.length - 2]!, sw2: r[r.length - 1]! };
    });
    expect(toHex(await t.transmit(new Uint8Array([0, 0xee, 0, 0, 1, 0x33])))).toBe('339000');
  });

  it('maps native errors: tag lost → CARD_REMOVED, cancel → ABORTED, NFC off → NFC_UNAVAILABLE', async () => {
    expect(mapNativeNfcError('Tag was lost.').code).toBe('CARD_REMOVED');
    expect(mapNativeNfcError(new Error('NfcManager: UserCancel')).code).toBe('ABORTED');
    expect(mapNativeNfcError('NFC not enabled').code).toBe('NFC_UNAVAILABLE');
    expect(mapNativeNfcError('transceive failed').code).toBe('TRANSPORT_FAILED');
    const t = isoDepTransport({ transceive: () => Promise.reject(new Error('Tag was lost.')) });
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'CARD_REMOVED' });
  });

  it('a stuck native call hits the timeout; abort and a bad reply are typed', async () => {
    const t = isoDepTransport({ transceive: () => new Promise(() => undefined) }, { timeoutMs: 10 });
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'TIMEOUT' });
    const controller = new AbortController();
    controller.abort();
    await expect(t.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]), { signal: controller.signal })).rejects.toBeInstanceOf(
      TransportError,
    );
    const bad = isoDepTransport({ transceive: async () => [0x90] });
    await expect(bad.transmit(new Uint8Array([0, 0xa4, 4, 0x0c]))).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
  });

  it('lists the My Number Card AIDs for the iOS Info.plist', () => {
    expect(MY_NUMBER_CARD_IOS_AIDS).toContain('D392F000260100000001');
    for (const aid of MY_NUMBER_CARD_IOS_AIDS) expect(aid).toMatch(/^[0-9A-F]{20}$/);
  });
});
