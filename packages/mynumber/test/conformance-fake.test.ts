import { transportConformanceCases } from '@onshikit/mynumber/conformance';
import { describe, it } from 'vitest';
import { AUTH_PIN, makeFakeCard } from './support/fake-fixture.js';

// The suite over the scripted card, short and extended: keeps the suite honest against a second card.
describe.each([false, true])('transport conformance over the scripted card (extended=%s)', (extended) => {
  for (const c of transportConformanceCases({
    makeTransport: async () => {
      const { card, authCertificate } = makeFakeCard({ extended });
      let closed = false;
      const transport = {
        supportsExtendedLength: extended,
        transmit: async (command: Uint8Array) => {
          if (closed) throw new (await import('@onshikit/apdu')).TransportError('TRANSPORT_CLOSED');
          return card.transmit(command);
        },
        async [Symbol.asyncDispose]() {
          await this.close();
        },
        close: async () => {
          closed = true;
        },
      };
      return { transport, card: { authCertificate, authPin: AUTH_PIN } };
    },
  })) {
    it(c.name, c.run);
  }
});
