/**
 * The slice of `@pokusew/pcsclite` (the native binding under nfc-pcsc) this package uses.
 * Declared here so the public types never depend on the binding's own typings.
 */
export interface PcscLiteReader {
  readonly name: string;
  readonly connected: boolean;
  state: number;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_SHARE_EXCLUSIVE: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_STATE_EMPTY: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_STATE_EXCLUSIVE: number;
  readonly SCARD_STATE_UNAVAILABLE: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_UNPOWER_CARD: number;
  on(event: 'status', listener: (status: { state: number; atr?: Buffer }) => void): this;
  on(event: 'end', listener: () => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(event?: string): this;
  connect(
    options: { share_mode: number; protocol?: number },
    callback: (error: Error | null | undefined, protocol: number) => void,
  ): void;
  disconnect(disposition: number, callback: (error: Error | null | undefined) => void): void;
  transmit(
    data: Buffer,
    responseMaxLength: number,
    protocol: number,
    callback: (error: Error | null | undefined, response: Buffer) => void,
  ): void;
  close(): void;
}

/** The PC/SC context: emits `reader` for every reader (present at start and hot-plugged). */
export interface PcscLiteContext {
  on(event: 'reader', listener: (reader: PcscLiteReader) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  removeAllListeners(event?: string): this;
  close(): void;
}

/** The binding's factory. */
export type PcscLiteFactory = () => PcscLiteContext;
