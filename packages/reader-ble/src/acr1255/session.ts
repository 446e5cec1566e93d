import { TransportError, bytesEqual, concatBytes } from '@onshikit/apdu';
import { randomBytes } from '../aes.js';
import { withDeadline, type WaitOptions } from '../deadline.js';
import { splitForMtu, type GattLayout, type GattPipe } from '../gatt-pipe.js';
import type { ProfileHooks, ProfileOpenOptions, ReaderSession } from '../profile.js';
import {
  CMD_APDU, CMD_ESCAPE, CMD_POWER_OFF, CMD_POWER_ON, CMD_SLOT_STATUS,
  ESCAPE_AUTH_REQUEST, ESCAPE_AUTH_REQUEST_REPLY, ESCAPE_AUTH_RESPONSE, ESCAPE_AUTH_RESPONSE_REPLY,
  ESCAPE_POLLING_ON, ESCAPE_SLEEP_PREFIX, HW_ERROR_CHECKSUM, HW_ERROR_TIMEOUT, HW_ERROR_UNAUTHORIZED,
  MAX_MESSAGE_DATA, MESSAGE_HEADER, NOTIFY_CARD_ABSENT, NOTIFY_CARD_PRESENT, RSP_DATA_BLOCK, RSP_ESCAPE,
  RSP_HARDWARE_ERROR, RSP_NOTIFY_CARD, RSP_SLOT_STATUS, SLEEP_INTERVAL_CODES, SLOT_ABSENT,
} from './constants.js';
import { FrameAssembler, encodeFrame, frameError } from './frame.js';
import type { AcrMessage } from './message.js';
import { SecureChannel, deriveSessionKey, hostAnswerChallenge, hostVerifyReader } from './secure-channel.js';

/** Options of the ACR1255U-J1 host session. */
export interface Acr1255SessionOptions {
  masterKey: Uint8Array;
  /** Let extended-length APDUs through (the reader firmware must support them). */
  extendedLength: boolean;
}

interface Pending {
  readonly seq: number;
  readonly cardOperation: boolean;
  resolve(message: AcrMessage): void;
  reject(error: unknown): void;
}

function hardwareError(param: number): TransportError {
  // §5.6.6 "Hardware Error Response" codes.
  if (param === HW_ERROR_UNAUTHORIZED) return new TransportError('BLE_AUTH_FAILED', { detail: { hardwareError: param } });
  if (param === HW_ERROR_CHECKSUM) return frameError('frame-checksum', { hardwareError: param, side: 'reader' });
  if (param === HW_ERROR_TIMEOUT) return new TransportError('CARD_MUTE', { detail: { hardwareError: param } });
  return new TransportError('PROTOCOL_ERROR', { detail: { hardwareError: param } });
}

/** The host side of one ACR1255U-J1 session: framing, sequence checks, encryption, events. */
export class Acr1255Session implements ReaderSession {
  readonly maxCommandLength: number;
  readonly maxResponseLength: number;
  readonly supportsExtendedLength: boolean;

  readonly #pipe: GattPipe;
  readonly #gatt: GattLayout;
  readonly #hooks: ProfileHooks;
  readonly #options: ProfileOpenOptions;
  readonly #channel = new SecureChannel();
  readonly #assembler: FrameAssembler;
  readonly #cleanups: (() => void)[] = [];
  #queue: Promise<unknown> = Promise.resolve();
  #pending: Pending | undefined;
  #seq = 0;
  #gone: TransportError | undefined;

  constructor(pipe: GattPipe, gatt: GattLayout, hooks: ProfileHooks, options: ProfileOpenOptions, session: Acr1255SessionOptions) {
    this.#pipe = pipe;
    this.#gatt = gatt;
    this.#hooks = hooks;
    this.#options = options;
    this.supportsExtendedLength = session.extendedLength;
    this.maxCommandLength = session.extendedLength ? MAX_MESSAGE_DATA : 261;
    this.maxResponseLength = session.extendedLength ? MAX_MESSAGE_DATA : 258;
    // Largest encrypted datablock a response of maxResponseLength can need (header + padding).
    this.#assembler = new FrameAssembler(Math.ceil((MESSAGE_HEADER + this.maxResponseLength) / 16) * 16);
  }

  /** Subscribes, authenticates (§5.7.1), turns on automatic polling and reads the slot state. */
  async start(masterKey: Uint8Array, options: WaitOptions): Promise<void> {
    this.#cleanups.push(this.#pipe.onDisconnect((reason) => this.#linkLost(reason)));
    if (!this.#pipe.connected) this.#linkLost('not-connected');
    this.#throwIfGone();
    this.#cleanups.push(await this.#pipe.subscribe(this.#gatt.response, (chunk) => this.#onChunk(chunk)));
    await this.#authenticate(masterKey, options);
    await this.escape(ESCAPE_POLLING_ON, options);
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

  async #authenticate(masterKey: Uint8Array, options: WaitOptions): Promise<void> {
    const rndB = randomBytes(16);
    let rndA: Uint8Array | undefined;
    try {
      const first = await this.#request(CMD_ESCAPE, ESCAPE_AUTH_REQUEST, options, false);
      if (first.type !== RSP_ESCAPE || first.data.length !== 21 || !bytesEqual(first.data.subarray(0, 5), ESCAPE_AUTH_REQUEST_REPLY)) {
        throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'unexpected-challenge', type: first.type } });
      }
      const answer = hostAnswerChallenge(masterKey, first.data.subarray(5), rndB);
      rndA = answer.rndA;
      const second = await this.#request(CMD_ESCAPE, concatBytes(ESCAPE_AUTH_RESPONSE, answer.response), options, false);
      if (second.type !== RSP_ESCAPE || second.data.length !== 21 || !bytesEqual(second.data.subarray(0, 5), ESCAPE_AUTH_RESPONSE_REPLY) || !hostVerifyReader(masterKey, second.data.subarray(5), rndB)) {
        throw new TransportError('BLE_AUTH_FAILED', { detail: { reason: 'reader-proof' } });
      }
      this.#channel.setSessionKey(deriveSessionKey(rndA, rndB));
    } catch (error) {
      // A reader that silently ignores a wrong answer looks like a timeout: still a key problem.
      if (error instanceof TransportError && (error.code === 'TIMEOUT' || error.code === 'PROTOCOL_ERROR')) {
        throw new TransportError('BLE_AUTH_FAILED', { cause: error, detail: { reason: error.code.toLowerCase() } });
      }
      throw error;
    } finally {
      rndB.fill(0);
      rndA?.fill(0);
    }
  }

  cardPresent(options?: WaitOptions): Promise<boolean> {
    return this.#request(CMD_SLOT_STATUS, new Uint8Array(0), options, false).then((m) => m.type === RSP_SLOT_STATUS && m.param !== SLOT_ABSENT);
  }

  async powerOn(options?: WaitOptions): Promise<Uint8Array> {
    const reply = await this.#request(CMD_POWER_ON, new Uint8Array(0), options, true);
    if (reply.type === RSP_SLOT_STATUS) throw this.#cardGone(reply);
    if (reply.type !== RSP_DATA_BLOCK || reply.data.length === 0) throw frameError('unexpected-message', { type: reply.type });
    return reply.data.slice();
  }

  async powerOff(options?: WaitOptions): Promise<void> {
    await this.#request(CMD_POWER_OFF, new Uint8Array(0), options, false);
  }

  async transmit(apdu: Uint8Array, options?: WaitOptions): Promise<Uint8Array> {
    if (apdu.length > this.maxCommandLength) throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'command-too-long', length: apdu.length, max: this.maxCommandLength } });
    const reply = await this.#request(CMD_APDU, apdu, options, true);
    // Inferred (README): a reader with no card answers a data command with a slot status.
    if (reply.type === RSP_SLOT_STATUS) throw this.#cardGone(reply);
    if (reply.type !== RSP_DATA_BLOCK) throw frameError('unexpected-message', { type: reply.type });
    if (reply.data.length < 2) throw new TransportError('PROTOCOL_ERROR', { detail: { responseLength: reply.data.length } });
    return reply.data.slice();
  }

  async escape(command: Uint8Array, options?: WaitOptions): Promise<Uint8Array> {
    const reply = await this.#request(CMD_ESCAPE, command, options, false);
    if (reply.type !== RSP_ESCAPE) throw frameError('unexpected-message', { type: reply.type });
    return reply.data.slice();
  }

  async setSleepTimeout(seconds: number, options?: WaitOptions): Promise<void> {
    const code = (SLEEP_INTERVAL_CODES as Record<number, number>)[seconds];
    if (code === undefined) throw new TransportError('PROTOCOL_ERROR', { detail: { reason: 'sleep-interval', seconds, allowed: Object.keys(SLEEP_INTERVAL_CODES) } });
    await this.escape(concatBytes(ESCAPE_SLEEP_PREFIX, new Uint8Array([code])), options);
  }

  async readBattery(options?: WaitOptions): Promise<number | undefined> {
    const battery = this.#gatt.battery;
    if (!battery || !this.#pipe.read || this.#pipe.has?.(battery) === false) return undefined;
    const value = await withDeadline(this.#pipe.read(battery), { ...options, timeoutMs: options?.timeoutMs ?? this.#options.commandTimeoutMs });
    return value[0];
  }

  async close(): Promise<void> {
    this.#linkLost('closed');
    await this.#pipe.disconnect().catch(() => undefined);
  }

  /** A slot-status answer to a card command: the card is absent (or was never activated). */
  #cardGone(reply: AcrMessage): TransportError {
    // Also covers a missed 50h notification (lost frame): the reader's state wins.
    if (reply.param === SLOT_ABSENT) this.#hooks.cardPresence(false);
    return new TransportError('CARD_REMOVED', { detail: { param: reply.param } });
  }

  #throwIfGone(): void {
    if (this.#gone) throw new TransportError(this.#gone.code, { detail: this.#gone.detail });
  }

  /** One command/response exchange; exchanges are serialised because the reader handles one at a time. */
  #request(type: number, data: Uint8Array, options: WaitOptions | undefined, cardOperation: boolean): Promise<AcrMessage> {
    const run = async (): Promise<AcrMessage> => {
      this.#throwIfGone();
      const seq = (this.#seq = (this.#seq + 1) & 0xff);
      const reply = new Promise<AcrMessage>((resolve, reject) => {
        this.#pending = { seq, cardOperation, resolve, reject };
      });
      const frame = encodeFrame(this.#channel.seal({ type, slot: 0, seq, param: 0, data }));
      const wait = withDeadline(reply, { signal: options?.signal, timeoutMs: options?.timeoutMs ?? this.#options.commandTimeoutMs }, () => {
        // Giving up frees the reader slot; a late answer carries this seq and is rejected by
        // sequence. A half-received frame (e.g. a corrupted Len still waiting for bytes) is dropped.
        if (this.#pending?.seq === seq) this.#pending = undefined;
        this.#assembler.reset();
      });
      // The answer (or a frame error) may arrive while later chunks are still being written.
      wait.catch(() => undefined);
      try {
        for (const chunk of splitForMtu(frame, this.#pipe.maxWriteLength)) {
          await this.#pipe.write(this.#gatt.command, chunk, { withResponse: this.#gatt.writeWithResponse });
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

  #dispatch(message: AcrMessage): void {
    const pending = this.#pending;
    if (message.type === RSP_NOTIFY_CARD) {
      // §5.6.5 "Notify Card Status": 02h present, 03h absent.
      if (message.param === NOTIFY_CARD_ABSENT) {
        this.#hooks.cardPresence(false);
        if (pending?.cardOperation) {
          this.#pending = undefined;
          pending.reject(new TransportError('CARD_REMOVED'));
        }
      } else if (message.param === NOTIFY_CARD_PRESENT) {
        this.#hooks.cardPresence(true);
      }
      return;
    }
    if (message.type === RSP_HARDWARE_ERROR && pending) {
      this.#pending = undefined;
      pending.reject(hardwareError(message.param));
      return;
    }
    if (!pending || message.seq !== pending.seq) {
      this.#hooks.frameRejected(frameError('sequence', { expected: pending?.seq, received: message.seq, type: message.type }));
      return;
    }
    this.#pending = undefined;
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
