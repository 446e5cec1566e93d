import { cardProfiles, createInProcessTransport, TEST_PINS, VirtualMyNumberCard } from '@onshikit/simulator';
import { ConformanceFailure, transportConformanceCases } from '@onshikit/mynumber/conformance';
import { describe, expect, it } from 'vitest';

describe.each([
  ['extended APDUs', true],
  ['short APDUs only', false],
])('transport conformance: in-process virtual card (%s)', (_label, supportsExtendedLength) => {
  const cases = transportConformanceCases({
    makeTransport: async () => {
      const card = await VirtualMyNumberCard.create(cardProfiles.standard());
      const transport = createInProcessTransport(card, { supportsExtendedLength });
      return {
        transport,
        card: { authCertificate: card.authCertificateDer!, authPin: TEST_PINS.auth, authPinMaxTries: 3 },
        cleanup: () => transport.close(),
      };
    },
  });
  for (const c of cases) it(c.name, c.run);
});

describe('the conformance suite fails a faulty transport', () => {
  it('a transport that corrupts one byte of READ BINARY data fails the certificate case', async () => {
    const cases = transportConformanceCases({
      makeTransport: async () => {
        const card = await VirtualMyNumberCard.create(cardProfiles.standard());
        const inner = createInProcessTransport(card, { supportsExtendedLength: false });
        const transport = {
          supportsExtendedLength: false,
          async [Symbol.asyncDispose]() {
            await this.close();
          },
          close: () => inner.close(),
          transmit: async (command: Uint8Array) => {
            const response = await inner.transmit(command);
            if (command[1] === 0xb0 && command[2] === 0x02 && response.length > 10) response[5]! ^= 0x01;
            return response;
          },
        };
        return {
          transport,
          card: { authCertificate: card.authCertificateDer!, authPin: TEST_PINS.auth },
          cleanup: () => inner.close(),
        };
      },
    });
    const certificateCase = cases.find((c) => c.name.startsWith('readAuthCertificate(): the bytes'))!;
    await expect(certificateCase.run()).rejects.toThrow(ConformanceFailure);
  });

  it('a transport that swallows error statuses fails the status-word case', async () => {
    const cases = transportConformanceCases({
      makeTransport: async () => {
        const card = await VirtualMyNumberCard.create(cardProfiles.standard());
        const inner = createInProcessTransport(card);
        const transport = {
          async [Symbol.asyncDispose]() {
            await this.close();
          },
          close: () => inner.close(),
          transmit: async (command: Uint8Array) => {
            const response = await inner.transmit(command);
            return response[response.length - 2] === 0x6a ? Uint8Array.of(0x90, 0x00) : response;
          },
        };
        return { transport, card: { authCertificate: card.authCertificateDer!, authPin: TEST_PINS.auth } };
      },
    });
    await expect(cases[0]!.run()).rejects.toThrow(ConformanceFailure);
  });
});
