import { randomBytes } from 'node:crypto';
import { TransportError } from '@onshikit/apdu';
import type { SimulatedCard } from '../card/simulated-card.js';
import { SPEC } from './acr1255-spec.js';
import { FrameCollector, aes128Cbc, messageBytes, readMessage, wrapFrame, type WireMessage } from './acr1255-wire.js';
import { fullUuid, type SimulatedGattCentral, type SimulatedGattCharacteristic } from './gatt-link.js';
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
  /** Answer the next APDU with this reply type and Param (no data) instead of passing it to the card. */
  answerNextApduWith: { type: number; param: number } | undefined;
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
  /** GATT service layout: `'current'` (3C4AFFF0…, default) or `'legacy'` (0000FFF0…). */
  gattLayout?: 'current' | 'legacy';
  /** Firmware version string answered to `E0 00 00 18 00`. Default `'ACR1255U-J1 SWV 3.00.05'`. */
  firmwareVersion?: string;
  /** PICC operating parameter at power-up (bit 0 Type A, bit 1 Type B polled). Default 03h. */
  piccOperatingParameter?: number;
  /** Reply to an APDU in blocks of this many bytes when the response is longer (80h Param 01/03/02). Default: never. */
  replyBlockSize?: number;
  /**
   * Escapes (by their 4th byte, e.g. `0x18` firmware version, `0x20` PICC parameter) this reader
   * lacks: `'error'` answers 51h 03, `'silent'` never answers (a firmware that ignores them).
   */
  lackingEscapes?: { readonly codes: readonly number[]; readonly answer: 'error' | 'silent' };
}

/** One command the reader received (for tests of block splitting and sequence numbers). */
export interface ReceivedCommand {
  readonly type: number;
  readonly seq: number;
  readonly param: number;
  readonly length: number;
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

const sameBytes = (a: Uint8Array, b: readonly number[]): boolean =>
  a.length >= b.length && b.every((v, i) => a[i] === v);
const ref = (service: string, characteristic: string): SimulatedGattCharacteristic => ({ service, characteristic });

/** Most data one encrypted message carries: 65 535 rounded down to 16-byte blocks, minus the header. */
const ONE_MESSAGE_DATA = Math.floor(0xffff / 16) * 16 - SPEC.header;

/** How many wrong authentication answers the simulated reader takes before answering 51h 07. */
const AUTH_ATTEMPTS = 3;

/**
 * A simulated ACS ACR1255U-J1 over an in-memory GATT link, written from the behaviour table
 * in `acr1255-spec.ts` (manual, ACS's SDK, independent clients) with its own codec and
 * node:crypto AES: it shares no protocol code with `acr1255uj1Profile()`, so a misreading on
 * either side fails the tests. Mutual authentication, encrypted CCID-style messages, block
 * chaining, card and power-saving notifications, the setup escapes, battery level, sleep,
 * both GATT layouts, and injectable faults.
 */
export class SimulatedBleReader {
  /** Faults to inject; mutate freely. */
  readonly faults: BleFaults;
  /** Every command the reader decoded on the current and earlier links, oldest first (capped at 1 000). */
  readonly received: ReceivedCommand[] = [];
  readonly #options: SimulatedBleReaderOptions;
  readonly #masterKey: Uint8Array;
  readonly #random: () => number;
  readonly #uuids: { service: string; command: string; response: string };
  #card: SimulatedCard | undefined;
  #powered = false;
  #powerSaving = false;
  #battery: number;
  #link: MemoryGattLink | undefined;
  #session: LinkSession | undefined;
  #asleep = false;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sleep interval code set by the host (§6.6.17; 04h = never). */
  sleepIntervalCode = 0;
  /** PICC operating parameter (bit 0 Type A, bit 1 Type B polled). */
  piccOperatingParameter: number;
  /** Auto PPS maximum speed code (00h 106 … 03h 848 kbit/s). */
  autoPpsMaxSpeed = 0;
  /** Automatic polling on (E0 00 00 40 01). */
  polling = false;
  /** Number of APDUs the reader has forwarded to the card. */
  apduCount = 0;
  /** Wrong authentication answers since the last success or wake (51h 07 after 3). */
  wrongAuthAnswers = 0;

  constructor(options: SimulatedBleReaderOptions = {}) {
    this.#options = options;
    this.#masterKey = (options.masterKey ?? SPEC.defaultMasterKey).slice();
    this.#random = prng(options.seed ?? 0x5eed);
    this.#card = options.card;
    this.#battery = options.battery ?? 100;
    this.#uuids = SPEC.gatt[options.gattLayout ?? 'current'];
    this.piccOperatingParameter = options.piccOperatingParameter ?? 0x03;
    this.faults = {
      splitNotifications: false,
      corruptNextFrames: 0,
      duplicateNextResponses: 0,
      dropLinkOnApdu: undefined,
      removeCardOnApdu: undefined,
      responseDelayMs: 0,
      answerNextApduWith: undefined,
      ...options.faults,
    };
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

  /** True while a card is on the reader (whether or not its type is polled). */
  get cardPresent(): boolean {
    return this.#card !== undefined;
  }

  /** The GATT characteristics this reader exposes: command, response, battery. */
  get gatt(): {
    command: SimulatedGattCharacteristic;
    response: SimulatedGattCharacteristic;
    battery: SimulatedGattCharacteristic;
  } {
    const u = this.#uuids;
    return {
      command: ref(u.service, u.command),
      response: ref(u.service, u.response),
      battery: ref(SPEC.gatt.battery.service, SPEC.gatt.battery.characteristic),
    };
  }

  /** Connects a new central and returns its end of the link (a reader-ble `GattPipe`); an old link is dropped. */
  connect(): SimulatedGattCentral {
    if (this.#asleep) throw new TransportError('BLE_UNAVAILABLE', { detail: { reason: 'reader-asleep' } });
    this.#link?.drop('replaced');
    const gatt = this.gatt;
    const link = new MemoryGattLink({
      maxWriteLength: this.#options.maxWriteLength ?? 20,
      connectionIntervalMs: this.#options.connectionIntervalMs ?? 0,
      packetsPerInterval: this.#options.packetsPerInterval ?? 1,
      characteristics: [gatt.command, gatt.response, gatt.battery],
    });
    const session = new LinkSession(this, link);
    this.#link = link;
    this.#session = session;
    link.onWrite((target, chunk) => {
      if (fullUuid(target.characteristic) === this.#uuids.command) session.receive(chunk);
    });
    link.onRead((target) =>
      fullUuid(target.characteristic) === SPEC.gatt.battery.characteristic
        ? new Uint8Array([this.#battery])
        : undefined,
    );
    link.central.onDisconnect(() => {
      if (this.#session === session) this.#session = undefined;
      this.#powerOffCard();
    });
    this.touch();
    return link.central;
  }

  /** Places a card on the reader (50h 03h to an authenticated host, when its type is polled). */
  insertCard(card: SimulatedCard): void {
    this.#powerOffCard();
    this.#card = card;
    if (this.cardVisible) this.#session?.notifyCard(true);
  }

  /** Takes the card away (50h 02h). */
  removeCard(): void {
    if (!this.#card) return;
    const wasVisible = this.cardVisible;
    this.#powerOffCard();
    this.#card = undefined;
    if (wasVisible) this.#session?.notifyCard(false);
  }

  /** Power saving (52h): the card is powered down, the link stays up. */
  enterPowerSaving(): void {
    this.#powerOffCard();
    this.#powerSaving = true;
    this.#session?.notifyPowerSaving();
  }

  /** Leaves power saving: the card (if any) is seen again and announced with 50h 03h. */
  leavePowerSaving(): void {
    this.#powerSaving = false;
    if (this.cardVisible) this.#session?.notifyCard(true);
  }

  /** Changes the battery level and notifies subscribers (GATT Battery Level 0x2A19). */
  setBattery(level: number): void {
    this.#battery = Math.max(0, Math.min(100, Math.round(level)));
    const link = this.#link;
    const battery = this.gatt.battery;
    if (link?.subscribed(battery)) link.notify(battery, new Uint8Array([this.#battery]));
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
    this.wrongAuthAnswers = 0;
  }

  /** @internal Restarts the idle timer (never with sleep interval 04h). */
  touch(): void {
    const after = this.#options.sleepAfterMs;
    if (after === undefined) return;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    if (this.sleepIntervalCode === 0x04) return;
    this.#idleTimer = setTimeout(() => this.sleep(), after);
  }

  /** @internal */
  get masterKey(): Uint8Array {
    return this.#masterKey;
  }

  /** @internal */
  get firmwareVersion(): string {
    return this.#options.firmwareVersion ?? 'ACR1255U-J1 SWV 3.00.05';
  }

  /** @internal */
  get lackingEscapes(): { readonly codes: readonly number[]; readonly answer: 'error' | 'silent' } | undefined {
    return this.#options.lackingEscapes;
  }

  /** @internal */
  get replyBlockSize(): number | undefined {
    return this.#options.replyBlockSize;
  }

  /** @internal */
  random(): number {
    return this.#random();
  }

  /** The card the reader can see: present, reader not power-saving, and Type B polled (the My Number Card is Type B). */
  get cardVisible(): boolean {
    return this.#card !== undefined && !this.#powerSaving && (this.piccOperatingParameter & 0x02) !== 0;
  }

  /** @internal */
  get card(): SimulatedCard | undefined {
    return this.cardVisible ? this.#card : undefined;
  }

  /** @internal */
  get powered(): boolean {
    return this.#powered;
  }

  /** @internal */
  powerOnCard(): Uint8Array | undefined {
    const card = this.card;
    if (!card) return undefined;
    card.powerOn();
    this.#powered = true;
    return card.atr;
  }

  /** @internal */
  powerOffCardPublic(): void {
    this.#powerOffCard();
  }

  /** @internal Sets the PICC operating parameter; announces a card that becomes visible. */
  setPiccOperatingParameter(value: number): void {
    const before = this.cardVisible;
    this.piccOperatingParameter = value;
    if (!before && this.cardVisible) this.#session?.notifyCard(true);
    if (before && !this.cardVisible) {
      this.#powerOffCard();
      this.#session?.notifyCard(false);
    }
  }

  /** @internal */
  record(command: ReceivedCommand): void {
    if (this.received.length >= 1000) this.received.shift();
    this.received.push(command);
  }

  #powerOffCard(): void {
    if (this.#powered) this.#card?.powerOff();
    this.#powered = false;
  }
}

type Reply = (type: number, param: number, data?: Uint8Array) => void;

/** Reader-side state of one GATT connection: reassembly, authentication, command handling. */
class LinkSession {
  readonly #reader: SimulatedBleReader;
  readonly #link: MemoryGattLink;
  readonly #frames = new FrameCollector();
  #sessionKey: Uint8Array | undefined;
  #rndA: Uint8Array | undefined;
  #work: Promise<void> = Promise.resolve();
  #outgoing: Uint8Array[] = [];
  #flushScheduled = false;
  /** Blocks of a chained command (6Fh Param 01h/03h) waiting for the last one. */
  #commandBlocks: Uint8Array[] = [];
  /** The rest of a chained reply, handed out on 6Fh Param 10h. */
  #replyRest: Uint8Array | undefined;

  constructor(reader: SimulatedBleReader, link: MemoryGattLink) {
    this.#reader = reader;
    this.#link = link;
  }

  receive(chunk: Uint8Array): void {
    this.#reader.touch();
    const datablocks = this.#frames.add(chunk);
    if (datablocks === 'bad-frame') {
      this.#send({
        type: SPEC.reply.hardwareError,
        seq: 0,
        param: SPEC.hardwareError.checksum,
        data: new Uint8Array(0),
      });
      return;
    }
    for (const datablock of datablocks) {
      const key = this.#sessionKey;
      if (key && (datablock.length === 0 || datablock.length % 16 !== 0)) {
        this.#send({
          type: SPEC.reply.hardwareError,
          seq: 0,
          param: SPEC.hardwareError.receive,
          data: new Uint8Array(0),
        });
        continue;
      }
      const message = readMessage(key ? aes128Cbc('decrypt', key, datablock) : datablock);
      if (!message) {
        this.#send({
          type: SPEC.reply.hardwareError,
          seq: 0,
          param: SPEC.hardwareError.checksum,
          data: new Uint8Array(0),
        });
        continue;
      }
      this.#reader.record({ type: message.type, seq: message.seq, param: message.param, length: message.data.length });
      // The reader handles one command at a time, in arrival order.
      // biome-ignore lint/plugin/no-swallowed-rejection: #handle answers every failure itself; a rejection here must not stop the queue
      this.#work = this.#work.then(() => this.#handle(message)).catch(() => undefined);
    }
  }

  notifyCard(present: boolean): void {
    if (!this.#sessionKey) return;
    this.#send({
      type: SPEC.reply.cardNotification,
      seq: 0,
      param: present ? SPEC.notify.present : SPEC.notify.absent,
      data: new Uint8Array(0),
    });
  }

  notifyPowerSaving(): void {
    if (!this.#sessionKey) return;
    this.#send({ type: SPEC.reply.powerSaving, seq: 0, param: 0, data: new Uint8Array(0) });
  }

  #icc(): number {
    const reader = this.#reader;
    return reader.card ? (reader.powered ? SPEC.param.active : SPEC.param.inactive) : SPEC.param.absent;
  }

  async #handle(message: WireMessage): Promise<void> {
    // Replies echo the command's Seq; a hardware error (51h) carries 00h, as the manual prints it.
    const reply: Reply = (type, param, data = new Uint8Array(0)) =>
      this.#respond({ type, seq: type === SPEC.reply.hardwareError ? 0 : message.seq, param, data });
    if (!this.#sessionKey) {
      this.#authenticate(message, reply);
      return;
    }
    const reader = this.#reader;
    const { command } = SPEC;
    switch (message.type) {
      case command.escape:
        this.#escape(message.data, reply);
        return;
      case command.slotStatus:
        reply(SPEC.reply.slotStatus, this.#icc());
        return;
      case command.powerOn: {
        const atr = reader.powerOnCard();
        if (atr) reply(SPEC.reply.dataBlock, SPEC.param.active, atr);
        else reply(SPEC.reply.dataBlock, SPEC.param.failed | SPEC.param.absent);
        return;
      }
      case command.powerOff:
        reader.powerOffCardPublic();
        reply(SPEC.reply.slotStatus, this.#icc());
        return;
      case command.apdu:
        await this.#apdu(message, reply);
        return;
      default:
        reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
    }
  }

  async #apdu(message: WireMessage, reply: Reply): Promise<void> {
    const { chain } = SPEC;
    if (message.param === chain.nextReply) {
      const rest = this.#replyRest;
      if (!rest) {
        reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
        return;
      }
      this.#sendReplyBlock(rest, false, reply);
      return;
    }
    if (message.param === chain.first || message.param === chain.middle) {
      if ((message.param === chain.first) !== (this.#commandBlocks.length === 0)) {
        this.#commandBlocks = [];
        reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
        return;
      }
      this.#commandBlocks.push(message.data);
      return; // one reply, after the last block
    }
    let apdu = message.data;
    if (message.param === chain.last) {
      if (this.#commandBlocks.length === 0) {
        reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
        return;
      }
      const blocks = [...this.#commandBlocks.splice(0), message.data];
      apdu = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of blocks) {
        apdu.set(b, at);
        at += b.length;
      }
    } else if (message.param !== chain.single) {
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
      return;
    }
    this.#replyRest = undefined;
    const reader = this.#reader;
    const card = reader.card;
    if (!card || !reader.powered) {
      reply(SPEC.reply.dataBlock, SPEC.param.failed | this.#icc());
      return;
    }
    reader.apduCount++;
    const faults = reader.faults;
    const forced = faults.answerNextApduWith;
    if (forced) {
      faults.answerNextApduWith = undefined;
      reply(forced.type, forced.param);
      return;
    }
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
      response = await card.process(apdu);
    } catch (error) {
      if (error instanceof TransportError && error.code === 'CARD_REMOVED') {
        reader.removeCard();
        return;
      }
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.undefined);
      return;
    }
    if (faults.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.responseDelayMs));
    if (reader.card !== card) return; // removed while the card was working
    this.#sendReplyBlock(response, true, reply);
  }

  /** Sends a response whole, or its next block when the reader chains replies. */
  #sendReplyBlock(bytes: Uint8Array, first: boolean, reply: Reply): void {
    // Without replyBlockSize, only a response that cannot fit one encrypted message (2-byte Length,
    // 16-byte blocks: 65 513 data bytes) is chained (simulator's choice).
    const size = this.#reader.replyBlockSize ?? ONE_MESSAGE_DATA;
    const { chain } = SPEC;
    if (bytes.length <= size) {
      this.#replyRest = undefined;
      reply(SPEC.reply.dataBlock, first ? chain.single : chain.last, bytes);
      return;
    }
    this.#replyRest = bytes.slice(size);
    reply(SPEC.reply.dataBlock, first ? chain.first : chain.middle, bytes.subarray(0, size));
  }

  #authenticate(message: WireMessage, reply: Reply): void {
    const reader = this.#reader;
    const isAuth =
      message.type === SPEC.command.escape &&
      (sameBytes(message.data, [0xe0, 0x00, 0x00, 0x45, 0x00]) ||
        sameBytes(message.data, [0xe0, 0x00, 0x00, 0x46, 0x00]));
    if (!isAuth) {
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.authenticationRequired);
      return;
    }
    if (reader.wrongAuthAnswers >= AUTH_ATTEMPTS) {
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.tooManyAuthRetries);
      return;
    }
    if (message.data[3] === 0x45 && message.data.length === 5) {
      const rndA = new Uint8Array(randomBytes(16));
      this.#rndA = rndA;
      reply(SPEC.reply.escape, 0, concat([0xe1, 0x00, 0x00, 0x45, 0x00], aes128Cbc('encrypt', reader.masterKey, rndA)));
      return;
    }
    const rndA = this.#rndA;
    if (message.data[3] !== 0x46 || message.data.length !== 37 || !rndA) {
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
      return;
    }
    this.#rndA = undefined;
    // The host sent Dec(MK, RND_B ‖ RND_A): encrypting it gives back RND_B ‖ RND_A.
    const plain = aes128Cbc('encrypt', reader.masterKey, message.data.subarray(5));
    if (!plain.subarray(16).every((b, i) => b === rndA[i])) {
      reader.wrongAuthAnswers++;
      reply(SPEC.reply.escape, 0, new Uint8Array([0xe1, 0x00, 0x00, 0x46]));
      return;
    }
    const rndB = plain.subarray(0, 16);
    reader.wrongAuthAnswers = 0;
    reply(SPEC.reply.escape, 0, concat([0xe1, 0x00, 0x00, 0x46, 0x00], aes128Cbc('encrypt', reader.masterKey, rndB)));
    this.#sessionKey = concat([...rndA.subarray(0, 8)], rndB.subarray(0, 8));
  }

  #escape(command: Uint8Array, reply: Reply): void {
    const reader = this.#reader;
    const ok = (data: readonly number[]): void => reply(SPEC.reply.escape, 0, Uint8Array.from(data));
    const is = (...prefix: number[]): boolean => command.length === prefix.length + 1 && sameBytes(command, prefix);
    const lacking = reader.lackingEscapes;
    if (lacking && command[0] === 0xe0 && lacking.codes.includes(command[3]!)) {
      if (lacking.answer === 'error') reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
      return;
    }
    if (is(0xe0, 0x00, 0x00, 0x40) && command[4]! <= 1) {
      reader.polling = command[4] === 1;
      ok([0xe1, 0x00, 0x00, 0x00, command[4]!]);
    } else if (is(0xe0, 0x00, 0x00, 0x48) && command[4]! <= 0x04) {
      reader.sleepIntervalCode = command[4]!;
      reader.touch();
      ok([0xe1, 0x00, 0x00, 0x00, 0x01, command[4]!]);
    } else if (is(0xe0, 0x00, 0x00, 0x18) && command[4] === 0x00) {
      const text = [...reader.firmwareVersion].map((c) => c.charCodeAt(0) & 0x7f);
      ok([0xe1, 0x00, 0x00, 0x00, text.length, ...text]);
    } else if (is(0xe0, 0x00, 0x00, 0x20) && command[4] === 0x00) {
      ok([0xe1, 0x00, 0x00, 0x00, 0x01, reader.piccOperatingParameter]);
    } else if (command.length === 6 && sameBytes(command, [0xe0, 0x00, 0x00, 0x20, 0x01])) {
      // Answer first, then announce a card that became visible.
      ok([0xe1, 0x00, 0x00, 0x00, 0x01, command[5]!]);
      reader.setPiccOperatingParameter(command[5]!);
    } else if (is(0xe0, 0x00, 0x00, 0x24) && command[4] === 0x00) {
      ok([0xe1, 0x00, 0x00, 0x00, 0x02, reader.autoPpsMaxSpeed, reader.autoPpsMaxSpeed]);
    } else if (command.length === 6 && sameBytes(command, [0xe0, 0x00, 0x00, 0x24, 0x01]) && command[5]! <= 0x03) {
      reader.autoPpsMaxSpeed = command[5]!;
      ok([0xe1, 0x00, 0x00, 0x00, 0x02, command[5]!, command[5]!]);
    } else {
      reply(SPEC.reply.hardwareError, SPEC.hardwareError.command);
    }
  }

  #respond(message: WireMessage): void {
    const faults = this.#reader.faults;
    this.#send(message);
    if (faults.duplicateNextResponses > 0) {
      faults.duplicateNextResponses--;
      this.#send(message);
    }
  }

  #send(message: WireMessage): void {
    if (!this.#link.connected) return;
    const key = this.#sessionKey;
    const plain = messageBytes(message, key !== undefined);
    const frame = wrapFrame(key ? aes128Cbc('encrypt', key, plain) : plain);
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
    const bytes = concat([], ...this.#outgoing);
    this.#outgoing = [];
    const max = this.#link.maxWriteLength;
    const split = this.#reader.faults.splitNotifications;
    const response = this.#reader.gatt.response;
    for (let at = 0; at < bytes.length; ) {
      const size = split ? 1 + Math.floor(this.#reader.random() * max) : max;
      const end = Math.min(at + size, bytes.length);
      this.#link.notify(response, bytes.subarray(at, end));
      at = end;
    }
    this.#reader.touch();
  }
}

function concat(head: readonly number[], ...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(head.length + parts.reduce((n, p) => n + p.length, 0));
  out.set(head);
  let at = head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
