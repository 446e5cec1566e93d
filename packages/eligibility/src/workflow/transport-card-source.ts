/**
 * A {@link CardSource} over any `Transport` (PC/SC, BLE, phone NFC, the simulator's in-process
 * transport) using the `@onshikit/mynumber` driver. The transport is closed when the workflow
 * releases the card.
 * @module
 */
import type { Transport } from '@onshikit/apdu';
import { MyNumberCard } from '@onshikit/mynumber';
import type { MyNumberCardOptions } from '@onshikit/mynumber';
import type { CardSource, PresentedCard } from './card-port.js';

/** Opens a transport once a card is on the reader (resolves when it is; honours `signal`). */
export type TransportConnector = (options: { signal: AbortSignal }) => Promise<Transport>;

/** Builds a card source from a connector: one `MyNumberCard` per presented card. */
export function transportCardSource(connect: TransportConnector, options: MyNumberCardOptions = {}): CardSource {
  return {
    async waitForCard({ signal }): Promise<PresentedCard> {
      const transport = await connect({ signal });
      let released = false;
      return {
        card: new MyNumberCard(transport, options),
        release: async () => {
          if (released) return;
          released = true;
          await transport.close();
        },
      };
    },
  };
}
