/** What the workflow asks a {@link PinSource} for. */
export interface PinRequest {
  /** Number of digits to collect: 4 for the JPKI user-auth PIN (docs/reference/card-protocol.md#pins). */
  readonly digits: number;
  /** Tries left on the card when known (the empty VERIFY's 63Cx), so the UI can warn. */
  readonly triesLeft?: number;
  /** Cancels the entry; the source rejects and zeroes what it collected. */
  readonly signal?: AbortSignal;
}

/**
 * Where the PIN comes from: an on-screen keypad (callback adapter) or a USB numeric keypad
 * (`@onshikit/keypad-hid`). Resolves with the PIN as ASCII digit bytes; the caller owns the
 * array and zeroes it after building the VERIFY command. A source never logs or keeps a PIN.
 */
export interface PinSource {
  requestPin(request: PinRequest): Promise<Uint8Array>;
}
