import type { TransportError } from '@onshikit/apdu';
import type { WaitOptions } from './deadline.js';
import type { GattLayout, GattPipe } from './gatt-pipe.js';

/** What a profile reports to the reader layer while its session runs. */
export interface ProfileHooks {
  /** The reader saw a card arrive (`true`) or leave (`false`). */
  cardPresence(present: boolean): void;
  /** Battery level in percent (GATT Battery Level, 0–100). */
  battery(level: number): void;
  /** A frame was dropped (bad checksum with nothing pending, wrong sequence, duplicate…). */
  frameRejected(error: TransportError): void;
  /** The GATT link ended (reader switched off, went to sleep, out of range, or closed). */
  linkLost(reason: string): void;
}

/** Options the reader layer passes to {@link ReaderProfile.open}. */
export interface ProfileOpenOptions extends WaitOptions {
  /** Default timeout for each command exchange with the reader. */
  commandTimeoutMs: number;
}

/**
 * One authenticated session with a reader: what the reader layer needs, whatever the model.
 * Every method rejects with `TransportError` (`READER_GONE` after link loss, `CARD_REMOVED`,
 * `TIMEOUT`, `ABORTED`, `BLE_FRAME_INVALID`).
 */
export interface ReaderSession {
  /** Largest command APDU the reader carries. */
  readonly maxCommandLength: number;
  /** Largest response APDU (with SW) the reader carries. */
  readonly maxResponseLength: number;
  /** Whether extended-length APDUs pass through the reader. */
  readonly supportsExtendedLength: boolean;
  /** The reader's firmware version string, when the model reports one. */
  readonly firmwareVersion?: string | undefined;
  /** Asks the reader whether a card is in the field. */
  cardPresent(options?: WaitOptions): Promise<boolean>;
  /** Activates the card; resolves with its ATR. */
  powerOn(options?: WaitOptions): Promise<Uint8Array>;
  /** Deactivates the card (clears its security status, docs/reference/card-protocol.md#reset-behaviour). */
  powerOff(options?: WaitOptions): Promise<void>;
  /** Sends one command APDU; resolves with response data + SW1 SW2. */
  transmit(apdu: Uint8Array, options?: WaitOptions): Promise<Uint8Array>;
  /** Sends a reader escape command, when the model has them. */
  escape?(command: Uint8Array, options?: WaitOptions): Promise<Uint8Array>;
  /** Sets the idle time after which the reader sleeps (0 = never), when the model supports it. */
  setSleepTimeout?(seconds: number, options?: WaitOptions): Promise<void>;
  /** Reads the battery level in percent, when the reader exposes it. */
  readBattery?(options?: WaitOptions): Promise<number | undefined>;
  /** Ends the session and the link. Idempotent. */
  close(): Promise<void>;
}

/**
 * How one reader model works over BLE: its GATT layout, framing, authentication, card and
 * power events. `acr1255uj1Profile()` is the first; another model (for example IODATA
 * BLE-NFC once its protocol is known) is one new file implementing this interface.
 */
export interface ReaderProfile {
  /** Human-readable model name. */
  readonly name: string;
  /** The characteristics the adapters must discover. */
  readonly gatt: GattLayout;
  /** Authenticates and starts a session over a connected pipe. */
  open(pipe: GattPipe, hooks: ProfileHooks, options: ProfileOpenOptions): Promise<ReaderSession>;
}
