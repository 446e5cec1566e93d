/**
 * A {@link CardSource} over any `Transport` (PC/SC, BLE, phone NFC, the simulator's in-process
 * transport) using the `@onshikit/mynumber` driver. Every card fact (what a My Number Card is,
 * which kind, how a PIN-less card answers) lives in the driver: this file sends no APDU itself.
 * The transport is closed when the workflow releases the card.
 * @module
 */
import type { Transport } from '@onshikit/apdu';
import { MyNumberCard, probeCard } from '@onshikit/mynumber';
import type { CardProbe, MyNumberCardOptions } from '@onshikit/mynumber';
import type { CardSource, PresentedCard } from './card-port.js';

/** What a connector is given: the wait's signal and the card probe to use as the reader's `accept`. */
export interface ConnectOptions {
  readonly signal: AbortSignal;
  /**
   * Pass it to the reader as its card filter (e.g. `waitForCard({ accept })` of
   * `@onshikit/reader-pcsc`): it answers whether the card is a JPKI card, and the driver then
   * starts from what it found instead of asking the card again. Connectors that ignore it
   * still work: the driver asks the card itself (the same APDUs, later).
   */
  readonly accept: (transport: Transport) => Promise<boolean>;
}

/** Opens a transport once a card is on the reader (resolves when it is; honours `signal`). */
export type TransportConnector = (options: ConnectOptions) => Promise<Transport>;

/** Builds a card source from a connector: one `MyNumberCard` per presented card. */
export function transportCardSource(connect: TransportConnector, options: MyNumberCardOptions = {}): CardSource {
  return {
    async waitForCard({ signal }): Promise<PresentedCard> {
      let probed: CardProbe | undefined;
      const accept = async (transport: Transport): Promise<boolean> => {
        const found = await probeCard(transport, { signal });
        if (found !== undefined) probed = found;
        return found !== undefined;
      };
      const transport = await connect({ signal, accept });
      let released = false;
      return {
        card: new MyNumberCard(transport, { ...options, probed: probed?.transport === transport ? probed : undefined }),
        release: async () => {
          if (released) return;
          released = true;
          await transport.close();
        },
      };
    },
  };
}
