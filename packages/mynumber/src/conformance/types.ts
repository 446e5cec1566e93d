import type { Transport } from '@onshikit/apdu';

/** What the suite needs to know about the card behind the transport under test. */
export interface ConformanceCard {
  /** DER of the user-authentication certificate the card holds (JPKI EF `000A`). */
  readonly authCertificate: Uint8Array;
  /** The card's right user-authentication PIN (4 ASCII digits). */
  readonly authPin: string;
  /** Tries of the auth PIN when the counter is full. Default 3 (docs/reference/card-protocol.md#pins). */
  readonly authPinMaxTries?: number;
}

/** One fresh transport to a fresh card (full PIN counter, no security status). */
export interface ConformanceFixture {
  readonly transport: Transport;
  readonly card: ConformanceCard;
  /** Closes the transport and stops whatever the fixture started. */
  cleanup?(): Promise<void> | void;
}

/** Options of {@link transportConformanceCases}. */
export interface TransportConformanceOptions {
  /** Creates a fixture; called once per case so cases never share card state. */
  makeTransport: () => Promise<ConformanceFixture>;
  /**
   * Skip the close/after-close checks for transports whose `close()` ends something the
   * fixture still needs. Default `false`.
   */
  skipCloseChecks?: boolean;
}

/** One conformance case: `run` resolves when the transport passes and throws when it fails. */
export interface ConformanceCase {
  readonly name: string;
  readonly run: () => Promise<void>;
}
