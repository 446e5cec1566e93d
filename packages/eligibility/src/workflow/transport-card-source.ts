/**
 * A {@link CardSource} over any `Transport` (PC/SC, BLE, phone NFC, the simulator's in-process
 * transport) using the `@onshikit/mynumber` driver. The transport is closed when the workflow
 * releases the card.
 * @module
 */
import { CommandApdu, transmitApdu } from '@onshikit/apdu';
import type { Transport } from '@onshikit/apdu';
import { JPKI_AID, MyNumberCard } from '@onshikit/mynumber';
import type { MyNumberCardOptions } from '@onshikit/mynumber';
import type { AuthPinInfo, CardOperationOptions, CardSource, PresentedCard, WorkflowCard } from './card-port.js';

/** Opens a transport once a card is on the reader (resolves when it is; honours `signal`). */
export type TransportConnector = (options: { signal: AbortSignal }) => Promise<Transport>;

/** JPKI EF of the 署名用電子証明書 (memo mynumber-card.md §3.1). */
const SIGNING_CERT_EF = Uint8Array.of(0x00, 0x01);

/**
 * The driver seen through the workflow's port. One addition: a 顔認証マイナンバーカード has no
 * usable auth PIN and no 署名用電子証明書 (memo eligibility.md §5.1), and some cards answer its
 * unset PIN like a blocked one (63C0/6984). When the PIN looks blocked and the card has no
 * signing certificate either, the PIN is reported `not-set`, so the workflow offers 目視 instead
 * of stopping with CARD_PIN_BLOCKED. (A holder under 15 also has no signing certificate; with a
 * blocked PIN such a card is likewise checked visually, which is what the desk would do.)
 */
class DriverCard implements WorkflowCard {
  constructor(
    readonly driver: MyNumberCard,
    readonly transport: Transport,
  ) {}

  detect(options?: CardOperationOptions) {
    return this.driver.detect(options);
  }

  readAuthCertificate(options?: CardOperationOptions & { onProgress?: (bytesRead: number, totalBytes: number) => void }) {
    return this.driver.readAuthCertificate(options);
  }

  async authPinStatus(options?: CardOperationOptions): Promise<AuthPinInfo> {
    const status = await this.driver.authPinStatus(options);
    if (status.state !== 'blocked') return status;
    return (await this.#hasSigningCertificate(options)) ? status : { state: 'not-set', triesLeft: 0 };
  }

  verifyAuthPin(pin: Uint8Array, options?: CardOperationOptions & { allowLastTry?: boolean }) {
    return this.driver.verifyAuthPin(pin, options);
  }

  signWithAuthKey(digestInfo: Uint8Array, options?: CardOperationOptions) {
    return this.driver.signWithAuthKey(digestInfo, options);
  }

  async #hasSigningCertificate(options?: CardOperationOptions): Promise<boolean> {
    const link = { ...(options?.signal === undefined ? {} : { signal: options.signal }), ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
    await transmitApdu(this.transport, new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: JPKI_AID }), link);
    const selected = await transmitApdu(this.transport, new CommandApdu({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: SIGNING_CERT_EF }), link);
    return selected.sw !== 0x6a82;
  }
}

/** Builds a card source from a connector: one `MyNumberCard` per presented card. */
export function transportCardSource(connect: TransportConnector, options: MyNumberCardOptions = {}): CardSource {
  return {
    async waitForCard({ signal }): Promise<PresentedCard> {
      const transport = await connect({ signal });
      let released = false;
      return {
        card: new DriverCard(new MyNumberCard(transport, options), transport),
        release: async () => {
          if (released) return;
          released = true;
          await transport.close();
        },
      };
    },
  };
}
