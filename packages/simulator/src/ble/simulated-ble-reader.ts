import { TransportError, bytesEqual, concatBytes } from '@onshikit/apdu';
import {
  ACR1255_DEFAULT_MASTER_KEY, ACR1255_GATT, CMD_APDU, CMD_ESCAPE, CMD_POWER_OFF, CMD_POWER_ON, CMD_SLOT_STATUS,
  ESCAPE_AUTH_REQUEST, ESCAPE_AUTH_REQUEST_REPLY, ESCAPE_AUTH_RESPONSE, ESCAPE_AUTH_RESPONSE_REPLY,
  FrameAssembler, HW_ERROR_CHECKSUM, HW_ERROR_COMMAND, HW_ERROR_UNAUTHORIZED, NOTIFY_CARD_ABSENT, NOTIFY_CARD_PRESENT,
  RSP_DATA_BLOCK, RSP_ESCAPE, RSP_HARDWARE_ERROR, RSP_NOTIFY_CARD, RSP_SLOT_STATUS, SLOT_ABSENT, SLOT_ACTIVE, SLOT_INACTIVE,
  SecureChannel, deriveSessionKey, encodeFrame, randomBytes, readerChallenge, readerVerifyHost, sameCharacteristic,
  type AcrMessage, type GattPipe,
} from '@onshikit/reader-ble';
import type { SimulatedCard } from '../card/simulated-card.js';
import { MemoryGattLink, type MemoryGattLinkStats } from './memory-gatt-link.js';

/** Faults a test can inject; change them at any time through {@link SimulatedBleReader.faults}. */
export interface BleFaults {
  /** Split outgoing notifications at random points (1..MTU bytes) instead of filling each to the MTU. */
  splitNotifications: boolean;
  /** Flip one random byte in each of the next N frames the reader sends. */
  corruptNextFrames: number;
  /** Send each of the next N responses twice (a duplicate the host must reject by sequence). */
  duplicateNextResponses: number;
  /** Drop the link when the Nth APDU (counting from 1 after this is set) arrives, before answering. */
  dropLinkOnApdu: number | undefined;
  /** Remove the card when the Nth APDU (counting from 1 after this is set) arrives, before the card sees it. */
  removeCardOnApdu: number | undefined;
  /** Extra delay before every response, in ms (a slow card or a busy reader). */
  responseDelayMs: number;
}

/** Options for {@link SimulatedBleReader}. */
export interface SimulatedBleReaderOptions {
  /** Card already on the reader. */
  card?: SimulatedCard;
  /** The reader's Customer Master Key (default: the maker's default). Give a different one to simulate a wrong key. */
  masterKey?: Uint8Array;
  /** Negotiated ATT_MTU − 3. Default 20. */
  maxWriteLength?: number;
  /** BLE connection interval in ms (0 = instant). */
  connectionIntervalMs?: number;
  /** Packets per connection event and direction. Default 1. */
  packetsPerInterval?: number;
  /** Battery level in percent. Default 100. */
  battery?: number;
  /** Seed for the fault randomness (split points, corrupted byte), for reproducible tests. */
  seed?: number;
  /** Go to sleep (dropping the link) after this much idle time in ms. Default: never. */
  sleepAfterMs?: number;
  /** Initial faults. */
  faults?: Partial<BleFaults>;
}

/** Mulberry32: tiny seeded PRNG so fault runs replay exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A simulated ACS ACR1255U-J1 over an in-memory GATT link. It speaks the same profile as
 * `acr1255uj1Profile()` from `@onshikit/reader-ble` (the framing and crypto code is shared):
 * mutual authentication with the master key, encrypted CCID-style messages, card
 * insertion/removal notifications, battery level, sleep, and injectable faults.
 */
export class SimulatedBleReader {
  /** Faults to inject; mutate freely. */
  readonly faults: BleFaults;
  readonly #options: SimulatedBleReaderOptions;
  readonly #masterKey: Uint8Array;
  readonly #random: () => number;
  #card: SimulatedCard | undefined;
  #powered = false;
  #battery: number;
  #link: MemoryGattLink | undefined;
  #session: LinkSession | undefined;
  #asleep = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sleep interval code set by the host (§6.6.17). */
  sleepIntervalCode = 0;
  /** Number of APDUs the reader has forwarded to the card. */
  apduCount = 0;

  constructor(options: SimulatedBleReaderOptions = {}) {
    this.#options = options;
    this.#masterKey = (options.masterKey ?? ACR1255_DEFAULT_MASTER_KEY).slice();
    this.#random = prng(options.seed ?? 0x5eed);
    this.#card = options.card;
    this.#battery = options.battery ?? 100;
    this.faults = { splitNotifications: false, corruptNextFrames: 0, duplicateNextResponses: 0, dropLinkOnApdu: undefined, removeCardOnApdu: undefined, responseDelayMs: 0, ...options.faults };
  }

  /** The current link (after {@link SimulatedBleReader.connect}). */
  get link(): MemoryGattLink | undefined {
    return this.#link;
  }

  /** Counters of the current link. */
  get stats(): MemoryGattLinkStats | undefined {
    return this.#link?.stats;
  }

  /** True after {@link SimulatedBleReader.sleep} until {@link SimulatedBleReader.wake}. */
  get asleep(): boolean {
    return this.#asleep;
  }

  /** True while a card is on the reader. */
  get cardPresent(): boolean {
    return this.#card !== undefined;
  }

  /** Connects a new central and returns its {@link GattPipe}; an old link is dropped. */
  connect(): GattPipe {
    if (this.#asleep) throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'reader-asleep' } });
    this.#link?.drop('replaced');
    const link = new MemoryGattLink({
      maxWriteLength: this.#options.maxWriteLength ?? 20,
      connectionIntervalMs: this.#options.connectionIntervalMs ?? 0,
      packetsPerInterval: this.#options.packetsPerInterval ?? 1,
      characteristics: [ACR1255_GATT.command, ACR1255_GATT.response, ACR1255_GATT.battery!],
    });
    const session = new LinkSession(this, link);
    this.#link = link;
    this.#session = session;
    link.onWrite((target, chunk) => {
      if (sameCharacteristic(target, ACR1255_GATT.command)) session.receive(chunk);
    });
    link.onRead((target) => (sameCharacteristic(target, ACR1255_GATT.battery!) ? new Uint8Array([this.#battery]) : undefined));
    link.central.onDisconnect(() => {
      if (this.#session === session) this.#session = undefined;
      this.#powerOffCard();
    });
    this.touch();
    return link.central;
  }

  /** Places a card on the reader (notifies the host when authenticated). */
  insertCard(card: SimulatedCard): void {
    this.#powerOffCard();
    this.#card = card;
    this.#session?.notifyCard(true);
  }

  /** Takes the card away (notifies the host). */
  removeCard(): void {
    if (!this.#card) return;
    this.#powerOffCard();
    this.#card = undefined;
    this.#session?.notifyCard(false);
  }

  /** Changes the battery level and notifies subscribers (GATT Battery Level 0x2A19). */
  setBattery(level: number): void {
    this.#battery = Math.max(0, Math.min(100, Math.round(level)));
    const link = this.#link;
    if (link?.subscribed(ACR1255_GATT.battery!)) link.notify(ACR1255_GATT.battery!, new Uint8Array([this.#battery]));
  }

  /** Drops the BLE link (out of range, switched off). */
  dropLink(reason = 'link-lost'): void {
    this.#link?.drop(reason);
  }

  /** Enters sleep: the link drops and the reader stops advertising until {@link SimulatedBleReader.wake}. */
  sleep(): void {
    this.#asleep = true;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.dropLink('sleep');
  }

  /** Wakes the reader (the user pressed its button); `connect()` works again. */
  wake(): void {
    this.#asleep = false;
  }

  /** @internal Restarts the idle timer. */
  touch(): void {
    const after = this.#options.sleepAfterMs;
    if (after === undefined) return;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.sleep(), after);
  }

  /** @internal */
  get masterKey(): Uint8Array {
    return this.#masterKey;
  }

  /** @internal */
  random(): number {
    return this.#random();
  }

  /** @internal */
  get card(): SimulatedCard | undefined {
    return this.#card;
  }

  /** @internal */
  get powered(): boolean {
    return this.#powered;
  }

  /** @internal */
  powerOnCard(): Uint8Array | undefined {
    const card = this.#card;
    if (!card) return undefined;
    card.powerOn();
    this.#powered = true;
    return card.atr;
  }

  /** @internal */
  powerOffCardPublic(): void {
    this.#powerOffCard();
  }

  #powerOffCard(): void {
    if (this.#powered) this.#card?.powerOff();
    this.#powered = false;
  }
}

/** Reader-side state of one GATT connection: reassembly, authentication, command handling. */
class LinkSession {
  readonly #reader: SimulatedBleReader;
  readonly #link: MemoryGattLink;
  readonly #assembler = new FrameAssembler();
  readonly #channel = new SecureChannel();
  #rndA: Uint8Array | undefined;
  #work: Promise<void> = Promise.resolve();
  #outgoing: Uint8Array[] = [];
  #flushScheduled = false;

  constructor(reader: SimulatedBleReader, link: MemoryGattLink) {
    this.#reader = reader;
    this.#link = link;
  }

  receive(chunk: Uint8Array): void {
    this.#reader.touch();
    let datablocks: Uint8Array[];
    try {
      datablocks = this.#assembler.push(chunk);
    } catch {
      this.#send({ type: RSP_HARDWARE_ERROR, slot: 0, seq: 0, param: HW_ERROR_CHECKSUM, data: new Uint8Array(0) });
      return;
    }
    for (const datablock of datablocks) {
      let message: AcrMessage;
      try {
        message = this.#channel.open(datablock);
      } catch {
        this.#send({ type: RSP_HARDWARE_ERROR, slot: 0, seq: 0, param: HW_ERROR_CHECKSUM, data: new Uint8Array(0) });
        continue;
      }
      // The reader handles one command at a time, in arrival order.
      this.#work = this.#work.then(() => this.#handle(message)).catch(() => undefined);
    }
  }

  notifyCard(present: boolean): void {
    if (!this.#channel.encrypted) return;
    this.#send({ type: RSP_NOTIFY_CARD, slot: 0, seq: 0, param: present ? NOTIFY_CARD_PRESENT : NOTIFY_CARD_ABSENT, data: new Uint8Array(0) });
  }

  async #handle(message: AcrMessage): Promise<void> {
    const reply = (type: number, param: number, data: Uint8Array = new Uint8Array(0)): void => this.#respond({ type, slot: 0, seq: message.seq, param, data });
    if (!this.#channel.encrypted) {
      this.#authenticate(message, reply);
      return;
    }
    const reader = this.#reader;
    switch (message.type) {
      case CMD_ESCAPE:
        this.#escape(message.data, reply);
        return;
      case CMD_SLOT_STATUS:
        reply(RSP_SLOT_STATUS, reader.card ? (reader.powered ? SLOT_ACTIVE : SLOT_INACTIVE) : SLOT_ABSENT);
        return;
      case CMD_POWER_ON: {
        const atr = reader.powerOnCard();
        if (atr) reply(RSP_DATA_BLOCK, 0, atr);
        else reply(RSP_SLOT_STATUS, SLOT_ABSENT);
        return;
      }
      case CMD_POWER_OFF:
        reader.powerOffCardPublic();
        reply(RSP_SLOT_STATUS, reader.card ? SLOT_INACTIVE : SLOT_ABSENT);
        return;
      case CMD_APDU: {
        const card = reader.card;
        if (!card || !reader.powered) {
          reply(RSP_SLOT_STATUS, card ? SLOT_INACTIVE : SLOT_ABSENT);
          return;
        }
        const n = ++reader.apduCount;
        const faults = reader.faults;
        if (faults.dropLinkOnApdu !== undefined && --faults.dropLinkOnApdu <= 0) {
          faults.dropLinkOnApdu = undefined;
          this.#link.drop('link-lost');
          return;
        }
        if (faults.removeCardOnApdu !== undefined && --faults.removeCardOnApdu <= 0) {
          faults.removeCardOnApdu = undefined;
          reader.removeCard();
          return;
        }
        let response: Uint8Array;
        try {
          response = await card.process(message.data);
        } catch (error) {
          if (error instanceof TransportError && error.code === 'CARD_REMOVED') {
            reader.removeCard();
            return;
          }
          reply(RSP_HARDWARE_ERROR, 0x05);
          return;
        }
        void n;
        if (faults.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.responseDelayMs));
        if (reader.card !== card) return; // removed while the card was working
        reply(RSP_DATA_BLOCK, 0, response);
        return;
      }
      default:
        reply(RSP_HARDWARE_ERROR, HW_ERROR_COMMAND);
    }
  }

  #authenticate(message: AcrMessage, reply: (type: number, param: number, data?: Uint8Array) => void): void {
    const reader = this.#reader;
    if (message.type === CMD_ESCAPE && bytesEqual(message.data, ESCAPE_AUTH_REQUEST)) {
      this.#rndA = randomBytes(16);
      reply(RSP_ESCAPE, 0, concatBytes(ESCAPE_AUTH_REQUEST_REPLY, readerChallenge(reader.masterKey, this.#rndA)));
      return;
    }
    if (message.type === CMD_ESCAPE && this.#rndA && message.data.length === 37 && bytesEqual(message.data.subarray(0, 5), ESCAPE_AUTH_RESPONSE)) {
      const rndA = this.#rndA;
      this.#rndA = undefined;
      const verified = readerVerifyHost(reader.masterKey, rndA, message.data.subarray(5));
      if (!verified) {
        reply(RSP_HARDWARE_ERROR, HW_ERROR_UNAUTHORIZED);
        return;
      }
      reply(RSP_ESCAPE, 0, concatBytes(ESCAPE_AUTH_RESPONSE_REPLY, verified.proof));
      this.#channel.setSessionKey(deriveSessionKey(rndA, verified.rndB));
      return;
    }
    reply(RSP_HARDWARE_ERROR, HW_ERROR_UNAUTHORIZED);
  }

  #escape(command: Uint8Array, reply: (type: number, param: number, data?: Uint8Array) => void): void {
    // §5.6.7.2 automatic polling E0 00 00 40 xx → E1 00 00 40 xx (V1.07 example).
    if (command.length === 5 && command[0] === 0xe0 && command[3] === 0x40) {
      reply(RSP_ESCAPE, 0, new Uint8Array([0xe1, 0x00, 0x00, 0x40, command[4]!]));
      return;
    }
    // §6.6.17 Sleep Mode Option E0 00 00 48 tt → E1 00 00 00 01 tt.
    if (command.length === 5 && command[0] === 0xe0 && command[3] === 0x48 && command[4]! <= 0x04) {
      this.#reader.sleepIntervalCode = command[4]!;
      reply(RSP_ESCAPE, 0, new Uint8Array([0xe1, 0x00, 0x00, 0x00, 0x01, command[4]!]));
      return;
    }
    reply(RSP_HARDWARE_ERROR, HW_ERROR_COMMAND);
  }

  #respond(message: AcrMessage): void {
    const faults = this.#reader.faults;
    this.#send(message);
    if (faults.duplicateNextResponses > 0) {
      faults.duplicateNextResponses--;
      this.#send(message);
    }
  }

  #send(message: AcrMessage): void {
    if (!this.#link.connected) return;
    const frame = encodeFrame(this.#channel.seal(message));
    const faults = this.#reader.faults;
    if (faults.corruptNextFrames > 0) {
      faults.corruptNextFrames--;
      const at = Math.floor(this.#reader.random() * frame.length);
      frame[at]! ^= 1 + Math.floor(this.#reader.random() * 255);
    }
    this.#outgoing.push(frame);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      // Frames queued in the same tick share notifications (merged at arbitrary points).
      queueMicrotask(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    const bytes = concatBytes(...this.#outgoing);
    this.#outgoing = [];
    const max = this.#link.maxWriteLength;
    const split = this.#reader.faults.splitNotifications;
    for (let at = 0; at < bytes.length; ) {
      const size = split ? 1 + Math.floor(this.#reader.random() * max) : max;
      const end = Math.min(at + size, bytes.length);
      this.#link.notify(ACR1255_GATT.response, bytes.subarray(at, end));
      at = end;
    }
    this.#reader.touch();
  }
}
