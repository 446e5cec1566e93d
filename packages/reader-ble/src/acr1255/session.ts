import { TransportError, bytesEqual, concatBytes } from '@onshikit/apdu';
import { randomBytes } from '../aes.js';
import { withDeadline, type WaitOptions } from '../deadline.js';
import { resolveGattLayout, splitForMtu, type GattLayout, type GattPipe } from '../gatt-pipe.js';
import type { ProfileHooks, ProfileOpenOptions, ReaderSession } from '../profile.js';
import {
  AUTO_PPS_SPEEDS,
  CHAIN_FIRST,
  CHAIN_LAST,
  CHAIN_MIDDLE,
  CHAIN_NEXT_REPLY,
  CHAIN_SINGLE,
  CMD_APDU,
  CMD_ESCAPE,
  CMD_POWER_OFF,
  CMD_POWER_ON,
  CMD_SLOT_STATUS,
  COMMAND_BLOCK_SIZE,
  ESCAPE_AUTH_REQUEST,
  ESCAPE_AUTH_REQUEST_REPLY,
  ESCAPE_AUTH_RESPONSE,
  ESCAPE_AUTH_RESPONSE_REPLY_PREFIX,
  ESCAPE_AUTO_PPS_SET_PREFIX,
  ESCAPE_FIRMWARE_VERSION,
  ESCAPE_PICC_PARAMETER_READ,
  ESCAPE_PICC_PARAMETER_SET_PREFIX,
  ESCAPE_POLLING_ON,
  ESCAPE_SLEEP_PREFIX,
  HW_ERROR_AUTH_REQUIRED,
  HW_ERROR_CHECKSUM,
  HW_ERROR_TIMEOUT,
  HW_ERROR_TOO_MANY_AUTH_RETRIES,
  MAX_MESSAGE_DATA,
  MESSAGE_HEADER,
  NOTIFY_CARD_ABSENT,
  NOTIFY_CARD_PRESENT,
  NO_EXTENDED_APDU_MAJOR_REVISIONS,
  PARAM_COMMAND_FAILED,
  PARAM_ICC_MASK,
  PARAM_STATUS_MASK,
  PICC_TYPE_B,
  RSP_DATA_BLOCK,
  RSP_ESCAPE,
  RSP_HARDWARE_ERROR,
  RSP_NOTIFY_CARD,
  RSP_NOTIFY_POWER_SAVING,
  RSP_SLOT_STATUS,
  SLEEP_INTERVAL_CODES,
  SLOT_ABSENT,
  SLOT_INACTIVE,
} from './constants.js';
import { FrameAssembler, encodeFrame, frameError } from './frame.js';
import type { AcrMessage } from './message.js';
import { SecureChannel, deriveSessionKey, hostAnswerChallenge, hostVerifyReader } from './secure-channel.js';

/** Options of the ACR1255U-J1 host session. */
export interface Acr1255SessionOptions {
  masterKey: Uint8Array;
  /** Allow extended-length APDUs when the firmware permits them (major revision not 0, 1 or 3). */
  extendedLength: boolean;
  /** Auto PPS maximum card speed to set at connect (kbit/s); omitted: leave the reader's setting. */
  autoPpsKbps?: 106 | 212 | 424 | 848;
}

/** Largest short APDU command (4 + 1 + 255 + 1) and response (256 + SW). */
const SHORT_COMMAND = 261;
const SHORT_RESPONSE = 258;
/** Largest extended APDU command (4 + 3 + 65535 + 2) and response (65536 + SW). */
const EXTENDED_COMMAND = 65_544;
const EXTENDED_RESPONSE = 65_538;

/** The reply type each command is answered with (§5.6, Tables 6–7), whether it succeeded or failed. */
const REPLY_TYPE: ReadonlyMap<number, number> = new Map([
  [CMD_POWER_ON, RSP_DATA_BLOCK],
  [CMD_POWER_OFF, RSP_SLOT_STATUS],
  [CMD_SLOT_STATUS, RSP_SLOT_STATUS],
  [CMD_APDU, RSP_DATA_BLOCK],
  [CMD_ESCAPE, RSP_ESCAPE],
]);

interface Pending {
  readonly seq: number;
  readonly type: number;
  readonly cardOperation: boolean;
  resolve(message: AcrMessage): void;
  reject(error: unknown): void;
}

/** One block of a command APDU split for the reader (ACS splits commands over 256 bytes). */
export interface CommandBlock {
  /** The block-chaining Param (01h first, 03h middle, 02h last; 00h for a command in one block). */
  readonly param: number;
  readonly data: Uint8Array;
}

function hardwareError(param: number): TransportError {
  // §5.6.6 "Hardware Error Response" codes; 04h and 07h as ACS's Android SDK names them.
  if (param === HW_ERROR_AUTH_REQUIRED)
    return new TransportError('BLE_AUTH_FAILED', {
      detail: { hardwareError: param, reason: 'authentication-required' },
    });
  if (param === HW_ERROR_TOO_MANY_AUTH_RETRIES)
    return new TransportError('BLE_AUTH_FAILED', { detail: { hardwareError: param, reason: 'too-many-retries' } });
  if (param === HW_ERROR_CHECKSUM) return frameError('frame-checksum', { hardwareError: param, side: 'reader' });
  if (param === HW_ERROR_TIMEOUT) return new TransportError('CARD_MUTE', { detail: { hardwareError: param } });
  return new TransportError('PROTOCOL_ERROR', { detail: { hardwareError: param } });
}

/** Splits command data into the blocks ACS's SDK sends: one 00h block, or 01h, 03h…, 02h blocks of 256 bytes. */
export function commandBlocks(data: Uint8Array): CommandBlock[] {
  if (data.length <= COMMAND_BLOCK_SIZE) return [{ param: CHAIN_SINGLE, data }];
  const blocks: CommandBlock[] = [];
  for (let at = 0; at < data.length; at += COMMAND_BLOCK_SIZE) {
    const first = at === 0;
    const last = at + COMMAND_BLOCK_SIZE >= data.length;
    blocks.push({
      param: first ? CHAIN_FIRST : last ? CHAIN_LAST : CHAIN_MIDDLE,
      data: data.subarray(at, Math.min(at + COMMAND_BLOCK_SIZE, data.length)),
    });
  }
  return blocks;
}

/**
 * Major revision of a firmware version string such as `ACR1255U-J1 SWV 3.00.05` (the first
 * `digits.digits` group), or `undefined` when none is found.
 */
export function firmwareMajorRevision(version: string | undefined): number | undefined {
  const match = version === undefined ? null : /(\d+)\.\d+/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/** Whether ACS's SDK lets extended APDUs through for this firmware (major revision known and not 0, 1, 3). */
export function firmwareAllowsExtendedApdus(version: string | undefined): boolean {
  const major = firmwareMajorRevision(version);
  return major !== undefined && !NO_EXTENDED_APDU_MAJOR_REVISIONS.includes(major);
}

/**
 * Errors an optional setup escape may end with on a reader that lacks it (an error answer, or
 * no answer at all within {@link OPTIONAL_ESCAPE_TIMEOUT_MS}); link loss and aborts stop the setup.
 */
function optionalEscapeFailed(error: unknown): boolean {
  return (
    error instanceof TransportError &&
    (error.code === 'PROTOCOL_ERROR' ||
      error.code === 'BLE_FRAME_INVALID' ||
      error.code === 'CARD_MUTE' ||
      error.code === 'TIMEOUT')
  );
}

/** How long connect waits for an optional setup escape (firmware version, PICC parameter). */
const OPTIONAL_ESCAPE_TIMEOUT_MS = 3000;

/** The host side of one ACR1255U-J1 session: framing, sequence checks, encryption, events. */
export class Acr1255Session implements ReaderSession {
  maxCommandLength = SHORT_COMMAND;
  maxResponseLength = SHORT_RESPONSE;
  supportsExtendedLength = false;
  /** Firmware version string the reader reported at connect (`E0 00 00 18 00`), when it answered. */
  firmwareVersion: string | undefined;
  /** PICC operating parameter after connect (bit 1: ISO 14443 Type B polled), when the reader answered. */
  piccOperatingParameter: number | undefined;

  readonly #pipe: GattPipe;
  readonly #gatt: GattLayout;
  readonly #hooks: ProfileHooks;
  readonly #options: ProfileOpenOptions;
  readonly #session: Acr1255SessionOptions;
  readonly #channel = new SecureChannel();
  #assembler: FrameAssembler;
  readonly #cleanups: (() => void)[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Pending | undefined;
  #seq = 0;
  #gone: TransportError | undefined;

  constructor(
    pipe: GattPipe,
    gatt: GattLayout,
    hooks: ProfileHooks,
    options: ProfileOpenOptions,
    session: Acr1255SessionOptions,
  ) {
    this.#pipe = pipe;
    // The current 3C4Axxxx layout, or the legacy FFF0 one, whichever the reader exposes.
    this.#gatt = resolveGattLayout(pipe, gatt);
    this.#hooks = hooks;
    this.#options = options;
    this.#session = session;
    this.#assembler = this.#makeAssembler();
  }

  /** The GATT layout in use. */
  get gatt(): GattLayout {
    return this.#gatt;
  }

  /** Largest encrypted datablock a reply block can need (header + padding); a longer Len is a corrupted frame. */
  #makeAssembler(): FrameAssembler {
    const largest = Math.min(MAX_MESSAGE_DATA, Math.max(this.maxResponseLength, 64));
    return new FrameAssembler(Math.ceil((MESSAGE_HEADER + largest) / 16) * 16);
  }

  /**
   * Subscribes, authenticates (§5.7.1), turns on automatic polling, reads the firmware version
   * (extended APDUs only when it allows them), makes sure ISO 14443 Type B is polled (the My
   * Number Card is Type B), optionally sets Auto PPS, and reads the slot state.
   */
  async start(masterKey: Uint8Array, options: WaitOptions): Promise<void> {
    this.#cleanups.push(this.#pipe.onDisconnect((reason) => this.#linkLost(reason)));
    if (!this.#pipe.connected) this.#linkLost('not-connected');
    this.#throwIfGone();
    this.#cleanups.push(await this.#pipe.subscribe(this.#gatt.response, (chunk) => this.#onChunk(chunk)));
    await this.#authenticate(masterKey, options);
    await this.escape(ESCAPE_POLLING_ON, options);
    const optional: WaitOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: Math.min(OPTIONAL_ESCAPE_TIMEOUT_MS, this.#options.commandTimeoutMs),
    };
    await this.#readFirmware(optional);
    await this.#ensureTypeBPolled(optional);
    if (this.#session.autoPpsKbps !== undefined) await this.setAutoPps(this.#session.autoPpsKbps, options);
    const battery = this.#gatt.battery;
    if (battery && this.#pipe.has?.(battery) !== false) {
      try {
        this.#cleanups.push(
          await this.#pipe.subscribe(battery, (value) => {
            if (value.length > 0) this.#hooks.battery(value[0]!);
          }),
        );
      } catch {
        // Battery notifications are optional (§5.2: "a standard battery service").
      }
    }
    this.#hooks.cardPresence(await this.cardPresent(options));
  }

  async #readFirmware(options: WaitOptions): Promise<void> {
    let reply: Uint8Array;
    try {
      reply = await this.escape(ESCAPE_FIRMWARE_VERSION, options);
    } catch (error) {
      if (optionalEscapeFailed(error)) return;
      throw error;
    }
    // E1 00 00 00 n + n ASCII bytes.
    if (reply.length < 5 || reply[0] !== 0xe1) return;
    const text = reply.subarray(5, 5 + Math.min(reply[4]!, reply.length - 5));
    this.firmwareVersion = String.fromCharCode(...text.filter((b) => b >= 0x20 && b < 0x7f));
    if (this.#session.extendedLength && firmwareAllowsExtendedApdus(this.firmwareVersion)) {
      this.supportsExtendedLength = true;
      this.maxCommandLength = EXTENDED_COMMAND;
      // Longer than one message (65 513 bytes) only as a chained reply.
      this.maxResponseLength = EXTENDED_RESPONSE;
      this.#assembler = this.#makeAssembler();
    }
  }

  async #ensureTypeBPolled(options: WaitOptions): Promise<void> {
    try {
      const read = await this.escape(ESCAPE_PICC_PARAMETER_READ, options);
      // E1 00 00 00 01 pp.
      if (read.length < 6 || read[0] !== 0xe1) return;
      let parameter = read[5]!;
      if ((parameter & PICC_TYPE_B) === 0) {
        const set = await this.escape(
          concatBytes(ESCAPE_PICC_PARAMETER_SET_PREFIX, new Uint8Array([parameter | PICC_TYPE_B])),
          options,
        );
        if (set.length >= 6 && set[0] === 0xe1) parameter = set[5]!;
      }
      this.piccOperatingParameter = parameter;
    } catch (error) {
      if (!optionalEscapeFailed(error)) throw error;
    }
  }

  /** Sets the Auto PPS maximum card speed (106, 212, 424 or 848 kbit/s). */
  async setAutoPps(kbps: number, options?: WaitOptions): Promise<void> {
    const code = (AUTO_PPS_SPEEDS as Record<number, number>)[kbps];
    if (code === undefined)
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'auto-pps-speed', kbps, allowed: Object.keys(AUTO_PPS_SPEEDS) },
      });
    await this.escape(concatBytes(ESCAPE_AUTO_PPS_SET_PREFIX, new Uint8Array([code])), options);
  }

  async #authenticate(masterKey: Uint8Array, options: WaitOptions): Promise<void> {
    const rndB = randomBytes(16);
    let rndA: Uint8Array | undefined;
    try {
      const first = await this.#request(CMD_ESCAPE, [{ param: 0, data: ESCAPE_AUTH_REQUEST }], options, false);
      if (first.data.length !== 21 || !bytesEqual(first.data.subarray(0, 5), ESCAPE_AUTH_REQUEST_REPLY)) {
        throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'unexpected-challenge', type: first.type } });
      }
      const answer = hostAnswerChallenge(masterKey, first.data.subarray(5), rndB);
      rndA = answer.rndA;
      const second = await this.#request(
        CMD_ESCAPE,
        [{ param: 0, data: concatBytes(ESCAPE_AUTH_RESPONSE, answer.response) }],
        options,
        false,
      );
      // ACS's SDK recognises the answer by E1 00 00 46 alone; a reader that refused the key
      // sends no proof (or one that does not match).
      if (second.data.length < 4 || !bytesEqual(second.data.subarray(0, 4), ESCAPE_AUTH_RESPONSE_REPLY_PREFIX)) {
        throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'unexpected-answer' } });
      }
      if (second.data.length < 21 || !hostVerifyReader(masterKey, second.data.subarray(5, 21), rndB)) {
        throw new TransportError('BLE_AUTH_FAILED', {
          detail: { reason: second.data.length < 21 ? 'reader-refused' : 'reader-proof' },
        });
      }
      this.#channel.setSessionKey(deriveSessionKey(rndA, rndB));
    } catch (error) {
      // A reader that silently ignores a wrong answer looks like a timeout: still a key problem.
      if (
        error instanceof TransportError &&
        (error.code === 'TIMEOUT' || error.code === 'PROTOCOL_ERROR' || error.code === 'BLE_FRAME_INVALID')
      ) {
        throw new TransportError('BLE_AUTH_FAILED', { cause: error, detail: { reason: error.code.toLowerCase() } });
      }
      throw error;
    } finally {
      rndB.fill(0);
      rndA?.fill(0);
    }
  }

  async cardPresent(options?: WaitOptions): Promise<boolean> {
    const reply = await this.#request(CMD_SLOT_STATUS, [{ param: 0, data: new Uint8Array(0) }], options, false);
    return (reply.param & PARAM_ICC_MASK) !== SLOT_ABSENT;
  }

  async powerOn(options?: WaitOptions): Promise<Uint8Array> {
    const reply = await this.#request(CMD_POWER_ON, [{ param: 0, data: new Uint8Array(0) }], options, true);
    this.#throwIfFailed(reply);
    // An empty ATR: `length: 0` (a `reason` here would overwrite the FrameFault).
    if (reply.data.length === 0) throw frameError('unexpected-message', { type: reply.type, length: 0 });
    return reply.data.slice();
  }

  async powerOff(options?: WaitOptions): Promise<void> {
    await this.#request(CMD_POWER_OFF, [{ param: 0, data: new Uint8Array(0) }], options, false);
  }

  async transmit(apdu: Uint8Array, options?: WaitOptions): Promise<Uint8Array> {
    if (apdu.length > this.maxCommandLength)
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'command-too-long', length: apdu.length, maximum: this.maxCommandLength },
      });
    // Commands over 256 bytes go in blocks (Param 01h, 03h…, 02h) under one sequence number.
    let reply = await this.#request(CMD_APDU, commandBlocks(apdu), options, true);
    this.#throwIfFailed(reply);
    if (reply.param === CHAIN_SINGLE) {
      if (reply.data.length < 2)
        throw new TransportError('PROTOCOL_ERROR', { detail: { responseLength: reply.data.length } });
      return reply.data.slice();
    }
    // A reply in blocks: ask for each next block with an empty 6Fh, Param 10h.
    if (reply.param !== CHAIN_FIRST) throw frameError('unexpected-message', { type: reply.type, param: reply.param });
    const parts: Uint8Array[] = [reply.data.slice()];
    let total = reply.data.length;
    for (;;) {
      reply = await this.#request(CMD_APDU, [{ param: CHAIN_NEXT_REPLY, data: new Uint8Array(0) }], options, true);
      this.#throwIfFailed(reply);
      if (reply.param !== CHAIN_MIDDLE && reply.param !== CHAIN_LAST)
        throw frameError('unexpected-message', { type: reply.type, param: reply.param });
      parts.push(reply.data.slice());
      total += reply.data.length;
      if (total > EXTENDED_RESPONSE)
        throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'response-too-long', length: total } });
      if (reply.param === CHAIN_LAST) break;
    }
    if (total < 2) throw new TransportError('PROTOCOL_ERROR', { detail: { responseLength: total } });
    return concatBytes(...parts);
  }

  async escape(command: Uint8Array, options?: WaitOptions): Promise<Uint8Array> {
    const reply = await this.#request(CMD_ESCAPE, [{ param: 0, data: command }], options, false);
    if ((reply.param & PARAM_STATUS_MASK) === PARAM_COMMAND_FAILED)
      throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'escape-failed', param: reply.param } });
    return reply.data.slice();
  }

  async setSleepTimeout(seconds: number, options?: WaitOptions): Promise<void> {
    const code = (SLEEP_INTERVAL_CODES as Record<number, number>)[seconds];
    if (code === undefined)
      throw new TransportError('PROTOCOL_ERROR', {
        detail: { reason: 'sleep-interval', seconds, allowed: Object.keys(SLEEP_INTERVAL_CODES) },
      });
    await this.escape(concatBytes(ESCAPE_SLEEP_PREFIX, new Uint8Array([code])), options);
  }

  async readBattery(options?: WaitOptions): Promise<number | undefined> {
    const battery = this.#gatt.battery;
    if (!battery || !this.#pipe.read || this.#pipe.has?.(battery) === false) return undefined;
    const value = await withDeadline(this.#pipe.read(battery), {
      ...options,
      timeoutMs: options?.timeoutMs ?? this.#options.commandTimeoutMs,
    });
    return value[0];
  }

  async close(): Promise<void> {
    this.#linkLost('closed');
    // biome-ignore lint/plugin/no-swallowed-rejection: closing is best effort; the session is already marked closed
    await this.#pipe.disconnect().catch(() => undefined);
  }

  /**
   * A reply whose Param bits 7-6 are 01 (command failed): bits 1-0 say why. No card →
   * `CARD_REMOVED` (and the reader's state wins over a missed 50h); a card present but not
   * active → `CARD_REMOVED` too (its power session ended); an active card that failed → `CARD_MUTE`.
   */
  #throwIfFailed(reply: AcrMessage): void {
    if ((reply.param & PARAM_STATUS_MASK) !== PARAM_COMMAND_FAILED) return;
    const icc = reply.param & PARAM_ICC_MASK;
    if (icc === SLOT_ABSENT) {
      this.#hooks.cardPresence(false);
      throw new TransportError('CARD_REMOVED', { detail: { param: reply.param } });
    }
    if (icc === SLOT_INACTIVE)
      throw new TransportError('CARD_REMOVED', { detail: { param: reply.param, reason: 'card-inactive' } });
    throw new TransportError('CARD_MUTE', { detail: { param: reply.param } });
  }

  #throwIfGone(): void {
    if (this.#gone) throw new TransportError(this.#gone.code, { detail: this.#gone.detail });
  }

  /** Sequence numbers 01h–FFh: 00h is what notifications carry, so a command never uses it. */
  #nextSeq(): number {
    this.#seq = (this.#seq % 0xff) + 1;
    return this.#seq;
  }

  /** One command/response exchange; exchanges are serialised because the reader handles one at a time. */
  #request(
    type: number,
    blocks: readonly CommandBlock[],
    options: WaitOptions | undefined,
    cardOperation: boolean,
  ): Promise<AcrMessage> {
    const run = async (): Promise<AcrMessage> => {
      this.#throwIfGone();
      const seq = this.#nextSeq();
      const reply = new Promise<AcrMessage>((resolve, reject) => {
        this.#pending = { seq, type, cardOperation, resolve, reject };
      });
      const frames = blocks.map((block) =>
        encodeFrame(this.#channel.seal({ type, slot: 0, seq, param: block.param, data: block.data })),
      );
      const wait = withDeadline(
        reply,
        { signal: options?.signal, timeoutMs: options?.timeoutMs ?? this.#options.commandTimeoutMs },
        () => {
          // Giving up frees the reader slot; a late answer carries this seq and is rejected by
          // sequence. A half-received frame (e.g. a corrupted Len still waiting for bytes) is dropped.
          if (this.#pending?.seq === seq) this.#pending = undefined;
          this.#assembler.reset();
        },
      );
      // The answer (or a frame error) may arrive while later chunks are still being written.
      // biome-ignore lint/plugin/no-swallowed-rejection: only marks it handled; the same promise is returned and awaited below
      wait.catch(() => undefined);
      try {
        for (const frame of frames) {
          for (const chunk of splitForMtu(frame, this.#pipe.maxWriteLength)) {
            await this.#pipe.write(this.#gatt.command, chunk, { withResponse: this.#gatt.writeWithResponse });
          }
        }
      } catch (error) {
        if (this.#pending?.seq === seq) this.#pending = undefined;
        this.#throwIfGone();
        if (!this.#pipe.connected) throw new TransportError('READER_GONE', { cause: error });
        if (error instanceof TransportError) throw error;
        throw new TransportError('TRANSPORT_FAILED', { cause: error });
      }
      return wait;
    };
    const result = this.#queue.then(run, run);
    // biome-ignore lint/plugin/no-swallowed-rejection: the queue only orders exchanges; the caller gets the rejection through `result`
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #onChunk(chunk: Uint8Array): void {
    let datablocks: Uint8Array[];
    try {
      datablocks = this.#assembler.push(chunk);
    } catch (error) {
      this.#fault(error as TransportError);
      return;
    }
    for (const datablock of datablocks) {
      let message: AcrMessage;
      try {
        message = this.#channel.open(datablock);
      } catch (error) {
        this.#fault(error as TransportError);
        continue;
      }
      this.#dispatch(message);
    }
  }

  #fault(error: TransportError): void {
    const pending = this.#pending;
    if (pending) {
      this.#pending = undefined;
      pending.reject(error);
    } else {
      this.#hooks.frameRejected(error);
    }
  }

  #rejectCardOperation(error: TransportError): void {
    const pending = this.#pending;
    if (pending?.cardOperation) {
      this.#pending = undefined;
      pending.reject(error);
    }
  }

  #dispatch(message: AcrMessage): void {
    const pending = this.#pending;
    if (message.type === RSP_NOTIFY_CARD) {
      // 50h, Param as ACS's SDK reads it: 03h present, 02h absent.
      if (message.param === NOTIFY_CARD_ABSENT) {
        this.#hooks.cardPresence(false);
        this.#rejectCardOperation(new TransportError('CARD_REMOVED'));
      } else if (message.param === NOTIFY_CARD_PRESENT) {
        this.#hooks.cardPresence(true);
      } else {
        this.#hooks.frameRejected(frameError('unexpected-message', { type: message.type, param: message.param }));
      }
      return;
    }
    if (message.type === RSP_NOTIFY_POWER_SAVING) {
      // 52h: the reader saves power, the card is powered down; the link stays up.
      this.#hooks.cardPresence(false);
      this.#rejectCardOperation(new TransportError('CARD_REMOVED', { detail: { reason: 'power-saving' } }));
      return;
    }
    if (message.type === RSP_HARDWARE_ERROR && pending) {
      this.#pending = undefined;
      pending.reject(hardwareError(message.param));
      return;
    }
    if (!pending || message.seq !== pending.seq) {
      this.#hooks.frameRejected(
        frameError('sequence', { expected: pending?.seq, received: message.seq, type: message.type }),
      );
      return;
    }
    this.#pending = undefined;
    // Replies are routed by the command they answer: another type is a protocol fault.
    if (REPLY_TYPE.get(pending.type) !== message.type) {
      pending.reject(frameError('unexpected-message', { type: message.type, expected: REPLY_TYPE.get(pending.type) }));
      return;
    }
    pending.resolve(message);
  }

  #linkLost(reason: string): void {
    if (this.#gone) return;
    this.#gone = new TransportError(reason === 'closed' ? 'TRANSPORT_CLOSED' : 'READER_GONE', { detail: { reason } });
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(new TransportError('READER_GONE', { detail: { reason } }));
    this.#channel.clear();
    this.#assembler.reset();
    for (const cleanup of this.#cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // The stack may already have torn the subscription down.
      }
    }
    this.#hooks.linkLost(reason);
  }
}
