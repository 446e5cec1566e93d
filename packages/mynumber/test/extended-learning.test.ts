// A transport that learns whether extended APDUs pass (a PC/SC reader seen for the first time):
// the driver tries one extended READ, reports what happened, and never fails the read for it.
import { toHex, TransportError, type TransmitOptions, type Transport } from '@onshikit/apdu';
import { MyNumberCard } from '@onshikit/mynumber';
import { describe, expect, it } from 'vitest';
import { makeFakeCard } from './support/fake-fixture.js';

type Reader = 'passes' | 'answers-6700' | 'link-error' | 'cuts-short';

/** The scripted card behind a reader whose extended-length support is unknown at first. */
function learningReader(reader: Reader) {
  const { card, authCertificate } = makeFakeCard({ extended: true });
  const log: string[] = [];
  const learned: boolean[] = [];
  const link: Transport & { learnExtendedLength(passes: boolean): void } = {
    get supportsExtendedLength() {
      return learned.at(-1);
    },
    learnExtendedLength: (passes) => {
      learned.push(passes);
    },
    async transmit(command: Uint8Array, _options?: TransmitOptions) {
      log.push(toHex(command));
      const extended = command.length === 7 && command[4] === 0;
      if (extended && reader === 'answers-6700') return Uint8Array.of(0x67, 0x00);
      if (extended && reader === 'link-error')
        throw new TransportError('TRANSPORT_FAILED', { detail: { reason: 'reader refused the extended APDU' } });
      const response = await card.transmit(command);
      if (extended && reader === 'cuts-short') return Uint8Array.from([...response.subarray(0, 254), 0x90, 0x00]);
      return response;
    },
    async [Symbol.asyncDispose]() {
      await this.close();
    },
    close: async () => undefined,
  };
  return { link, log, learned, authCertificate };
}

describe('extended-length support learned by the first extended READ (docs/reference/card-protocol.md#apdu-length)', () => {
  it('a reader that passes it: 2 READs, learned true, the next read uses it at once', async () => {
    const { link, log, learned, authCertificate } = learningReader('passes');
    const driver = new MyNumberCard(link);
    expect(toHex(await driver.readAuthCertificateDer())).toBe(toHex(authCertificate));
    expect(learned).toEqual([true]);
    expect(log.filter((c) => c.startsWith('00B0'))).toHaveLength(2);
  });

  it.each(['answers-6700', 'link-error', 'cuts-short'] as const)(
    'a reader that %s: the certificate still reads whole in short READs, learned false, once',
    async (reader) => {
      const { link, log, learned, authCertificate } = learningReader(reader);
      const driver = new MyNumberCard(link);
      expect(toHex(await driver.readAuthCertificateDer())).toBe(toHex(authCertificate));
      expect(learned).toEqual([false]);
      const extendedReads = log.filter((c) => c.startsWith('00B0') && c.length === 14);
      expect(extendedReads).toHaveLength(1);
      log.length = 0;
      expect(toHex(await driver.readAuthCertificateDer())).toBe(toHex(authCertificate));
      expect(log.filter((c) => c.startsWith('00B0') && c.length === 14)).toHaveLength(0); // not tried again
      expect(learned).toEqual([false]);
    },
  );

  it('a removed card during the extended READ is CARD_REMOVED, nothing learned', async () => {
    const { card } = makeFakeCard({ extended: true });
    const learned: boolean[] = [];
    const link: Transport & { learnExtendedLength(passes: boolean): void } = {
      supportsExtendedLength: undefined,
      learnExtendedLength: (passes) => learned.push(passes),
      async transmit(command: Uint8Array) {
        if (command.length === 7 && command[4] === 0) throw new TransportError('CARD_REMOVED');
        return card.transmit(command);
      },
      async [Symbol.asyncDispose]() {
        await this.close();
      },
      close: async () => undefined,
    };
    await expect(new MyNumberCard(link).readAuthCertificateDer()).rejects.toMatchObject({ code: 'CARD_REMOVED' });
    expect(learned).toEqual([]);
  });
});
