/**
 * What a reader stand-in (in-process transport, vpcd bridge, simulated BLE reader) needs from a
 * simulated card. `VirtualMyNumberCard` implements it; so can any other test card.
 */
export interface SimulatedCard {
  /** The ATR a contactless PC/SC reader reports for this card (docs/reference/card-protocol.md#atr). */
  readonly atr: Uint8Array;
  /** Power on (or warm reset): volatile state is cleared as on the real card (docs/reference/card-protocol.md#reset-behaviour). */
  powerOn(): void;
  /** Power off: the card leaves the field; security status is cleared. */
  powerOff(): void;
  /**
   * Answers one command APDU with response data + SW1 SW2. Rejects with
   * `TransportError('CARD_REMOVED')` from `@onshikit/apdu` when an injected fault removes the
   * card during this command.
   */
  process(command: Uint8Array): Promise<Uint8Array>;
}
