/**
 * The narrow card interface the workflow needs. `@onshikit/mynumber`'s `MyNumberCard` fits it
 * as is (structurally); tests may pass any fake. The workflow never asks the card for anything
 * else: no individual number, no basic information.
 * @module
 */

/** Options of one card operation. */
export interface CardOperationOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What the workflow reads of the auth certificate (a `CertificateSummary` of the driver fits). */
export interface AuthCertificateInfo {
  /** DER of the 利用者証明用電子証明書 (sent to the service, never stored). */
  readonly der: Uint8Array;
  /** Serial number as hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Auth PIN state from the empty VERIFY (docs/reference/card-protocol.md#command-table, `63Cx`). */
export interface AuthPinInfo {
  /**
   * `not-set` is a 顔認証マイナンバーカード (docs/reference/portal-rules.md#identity-modes); `blocked` a PIN known to
   * be locked; `unusable` a locked PIN or a card without one (the card does not say which).
   */
  readonly state: 'ok' | 'blocked' | 'not-set' | 'unusable';
  readonly triesLeft: number;
}

/**
 * A My Number Card as the workflow uses it. Failures reject with an error carrying a string
 * `code` (the driver's `CardError`: `CARD_PIN_WRONG` with `triesLeft`, `CARD_PIN_BLOCKED`,
 * `CARD_CERT_MISSING`, `CARD_REMOVED`…; or a `TransportError`).
 */
export interface WorkflowCard {
  /** Identifies the token; the workflow accepts `isMyNumberCard` only. */
  detect(options?: CardOperationOptions): Promise<{ readonly isMyNumberCard: boolean; readonly kind: string }>;
  /** Reads the auth certificate (JPKI EF 000A, no PIN). */
  readAuthCertificate(
    options?: CardOperationOptions & { onProgress?: (bytesRead: number, totalBytes: number) => void },
  ): Promise<AuthCertificateInfo>;
  /** Empty VERIFY on the auth PIN: never consumes a try. */
  authPinStatus(options?: CardOperationOptions): Promise<AuthPinInfo>;
  /** One VERIFY; refuses on the last try unless `allowLastTry`; zeroes `pin`. */
  verifyAuthPin(pin: Uint8Array, options?: CardOperationOptions & { allowLastTry?: boolean }): Promise<void>;
  /** Signs a DER DigestInfo with the user-authentication key (docs/reference/card-protocol.md#signature). */
  signWithAuthKey(digestInfo: Uint8Array, options?: CardOperationOptions): Promise<Uint8Array>;
}

/** A card on the reader and how to let it go. */
export interface PresentedCard {
  readonly card: WorkflowCard;
  /** Releases the card and its transport (the workflow always calls it once). */
  release(): Promise<void>;
}

/** Where cards come from: resolves when a card is presented. */
export interface CardSource {
  waitForCard(options: { signal: AbortSignal }): Promise<PresentedCard>;
}
