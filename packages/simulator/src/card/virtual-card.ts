import { randomBytes, constants, privateEncrypt } from 'node:crypto';
import { CommandApdu, TransportError } from '@onshikit/apdu';
import type { ApduListener, ApduLogEntry, FileAccess, FileOperation } from './apdu-log.js';
import { CardAid } from './aids.js';
import { buildFileSystem, verificationNumberB, type CardFileSystem } from './build-file-system.js';
import { prepareCardMaterial, type CardMaterial } from './card-material.js';
import { computeCardSignature } from './card-signature.js';
import type { ApplicationDf, ElementaryFile, PinKey } from './file-system.js';
import type { CardFaults, CardProfile } from './profile.js';
import { cardProfiles } from './profiles.js';
import type { SimulatedCard } from './simulated-card.js';
import { respond, Sw, triesSw } from './status-words.js';
import { validateCardProfile } from './validate-profile.js';

/** Contact ATR the card reports through GET DATA `5F51`, without the leading `3B` (memo §1.2). */
const CONTACT_ATR_TAIL = Uint8Array.of(0xc5, 0xff, 0x81, 0x31, 0xfb, 0x45, 0x80, 0x73, 0xc6, 0x01, 0x00, 0x00);

/** A PIN's state as tests see it (never its value). */
export interface PinState {
  /** False for a PIN that was never set (顔認証マイナンバーカード). */
  readonly set: boolean;
  readonly triesLeft: number;
  readonly maxTries: number;
  readonly blocked: boolean;
  /** True while a successful VERIFY is in force (until power-off). */
  readonly verified: boolean;
}

/** The card's named PINs. */
export type CardPinName = 'auth' | 'signing' | 'inputSupport' | 'cardPin';

const PIN_LOCATION: Record<CardPinName, { aid: string; fid: number }> = {
  auth: { aid: CardAid.JPKI, fid: 0x0018 },
  signing: { aid: CardAid.JPKI, fid: 0x001b },
  inputSupport: { aid: CardAid.INPUT_SUPPORT, fid: 0x0011 },
  cardPin: { aid: CardAid.COMMON, fid: 0x001c },
};

interface Outcome {
  sw: number;
  data?: Uint8Array;
  access?: FileAccess;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** INS whose data field is a PIN: VERIFY, CHANGE REFERENCE DATA, CHANGE KEY. */
const SECRET_INS = new Set([0x20, 0x24, 0x32]);

/**
 * A faithful software My Number Card: it answers raw command APDUs with the bytes and status
 * words the real card gives (domain memo §1–§6) — JPKI AP, 券面事項入力補助AP, 券面AP and the
 * common/住基 APs, PIN counters, security status until power-off, PKCS#1 v1.5 signatures with
 * keys certified by a run-time test CA.
 *
 * @example
 * ```ts
 * const card = await VirtualMyNumberCard.create(cardProfiles.standard());
 * const transport = createInProcessTransport(card);
 * ```
 */
export class VirtualMyNumberCard implements SimulatedCard {
  /** The profile the card was built from. */
  readonly profile: CardProfile;
  /** Keys and certificates (the auth certificate's serial, DER, …). */
  readonly material: CardMaterial;
  /** ATR the reader reports (memo §1.2); never needed by a correct driver (§9.1). */
  readonly atr: Uint8Array;
  /** Injected faults; change them at any time. */
  faults: CardFaults;
  /**
   * Most entries {@link apduLog} keeps (oldest dropped first), so a long-running bridge does not
   * grow without bound. {@link touched} remembers every file access regardless. Default 10 000.
   */
  apduLogLimit = 10_000;

  private readonly fs: CardFileSystem;
  private readonly log: ApduLogEntry[] = [];
  private readonly listeners = new Set<ApduListener>();
  private readonly verified = new Set<string>();
  private readonly touchedFiles = new Set<string>();
  private currentDf: ApplicationDf | null = null;
  private currentEf: ElementaryFile | null = null;
  private powered = false;
  private removed = false;
  private firstCommandPending = false;
  private commandCount = 0;
  private sinceInsertion = 0;

  /**
   * Builds a card from a profile and prepared material; {@link VirtualMyNumberCard.create} does both.
   * @throws SimulatorError `CARD_PROFILE_INVALID` when the profile breaks a card format.
   */
  constructor(profile: CardProfile, material: CardMaterial) {
    validateCardProfile(profile);
    this.profile = profile;
    this.material = material;
    this.atr = profile.atr;
    this.faults = { ...profile.faults };
    this.fs = buildFileSystem(profile, material);
    this.powerOn();
  }

  /** Generates (or takes from the process-wide pool) keys and certificates and builds the card. */
  static async create(profile: CardProfile = cardProfiles.standard()): Promise<VirtualMyNumberCard> {
    validateCardProfile(profile);
    return new VirtualMyNumberCard(profile, await prepareCardMaterial(profile));
  }

  /** DER of the user-authentication certificate (EF `000A`), or `undefined` when the card has none. */
  get authCertificateDer(): Uint8Array | undefined {
    return this.material.authCertificate?.der;
  }

  /** Serial of the user-authentication certificate, lower-case hex. */
  get authCertificateSerial(): string | undefined {
    return this.material.authCertificate?.serialNumber;
  }

  /** 照合番号B of this card (test data; the face-image flow needs it). */
  get verificationNumberB(): string {
    return verificationNumberB(this.profile);
  }

  /** True while the card is out of the field (after a removal fault or {@link remove}). */
  get isRemoved(): boolean {
    return this.removed;
  }

  /** True while the card is powered. */
  get isPowered(): boolean {
    return this.powered;
  }

  /**
   * Every command received so far (PIN data zeroed), oldest first, at most {@link apduLogLimit}.
   * The live array: prefer {@link clearApduLog} to emptying it by hand.
   */
  get apduLog(): ApduLogEntry[] {
    return this.log;
  }

  /** Every file access so far, in order. */
  get fileAccesses(): readonly FileAccess[] {
    return this.log.flatMap((entry) => (entry.access ? [entry.access] : []));
  }

  /**
   * True when any command since creation (or {@link clearApduLog}) selected, read or used the
   * file, e.g. `card.touched(CardAid.INPUT_SUPPORT, 0x0001)`; `operations` narrows it.
   */
  touched(aid: string, fid: number, operations?: readonly FileOperation[]): boolean {
    const ops: readonly FileOperation[] = operations ?? ['select', 'read', 'verify', 'change-pin', 'sign', 'internal-authenticate'];
    return ops.some((op) => this.touchedFiles.has(`${aid}/${fid}/${op}`));
  }

  /** Empties the APDU log and the record of touched files. */
  clearApduLog(): void {
    this.log.length = 0;
    this.touchedFiles.clear();
  }

  /** Calls `listener` for each command after it is answered; returns an unsubscribe function. */
  onApdu(listener: ApduListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** State of a PIN (never its value). */
  pinState(name: CardPinName): PinState | undefined {
    const location = PIN_LOCATION[name];
    const df = this.fs.applications.find((a) => a.aid === location.aid);
    const file = df?.files.get(location.fid);
    if (!df || file?.kind !== 'pin') return undefined;
    const pin = file.pin;
    return {
      set: pin.value !== null,
      triesLeft: pin.triesLeft,
      maxTries: pin.maxTries,
      blocked: pin.value === null || pin.triesLeft === 0,
      verified: this.verified.has(`${df.aid}/${location.fid}`),
    };
  }

  /**
   * Power on. When the card is already powered this is a warm reset: the selection is lost and
   * the security status survives when the profile says so (memo §1.4).
   */
  powerOn(): void {
    if (this.removed) return;
    const warm = this.powered;
    if (!warm || !this.profile.behaviour.securityStatusSurvivesWarmReset) this.verified.clear();
    this.powered = true;
    this.currentDf = null;
    this.currentEf = null;
    this.firstCommandPending = true;
  }

  /** Warm reset (same as {@link powerOn} on a powered card). */
  warmReset(): void {
    if (this.powered) this.powerOn();
  }

  /** Power off: the security status is cleared (memo §1.4). */
  powerOff(): void {
    this.powered = false;
    this.verified.clear();
    this.currentDf = null;
    this.currentEf = null;
  }

  /** Takes the card out of the field: commands reject with `CARD_REMOVED` until {@link insert}. */
  remove(): void {
    this.powerOff();
    this.removed = true;
  }

  /** Puts the card back (cold power-on); the APDU count for `removeAtApdu` restarts. */
  insert(): void {
    this.removed = false;
    this.sinceInsertion = 0;
    this.powerOn();
  }

  /** Answers one command APDU (see {@link SimulatedCard.process}). Never throws for any bytes. */
  async process(command: Uint8Array): Promise<Uint8Array> {
    const bytes = command.slice();
    if (this.removed) throw new TransportError('CARD_REMOVED', { detail: { reason: 'card is out of the field' } });
    if (!this.powered) throw new TransportError('CARD_MUTE', { detail: { reason: 'card is powered off' } });
    this.commandCount += 1;
    this.sinceInsertion += 1;
    const index = this.commandCount;
    if (this.faults.removeAtApdu !== undefined && this.sinceInsertion >= this.faults.removeAtApdu) {
      // One-shot: the card stays out until insert(), which does not re-arm the fault.
      delete this.faults.removeAtApdu;
      this.remove();
      this.record({ index, command: this.redact(bytes), response: undefined, sw: undefined, access: undefined });
      throw new TransportError('CARD_REMOVED', { detail: { apdu: index } });
    }
    const delay = (this.faults.delayMs ?? 0) + (bytes[1] === 0x2a ? (this.faults.signDelayMs ?? 0) : 0);
    if (delay > 0) {
      await sleep(delay);
      if (this.removed) throw new TransportError('CARD_REMOVED', { detail: { apdu: index } });
    }
    let outcome: Outcome;
    if (this.firstCommandPending && this.faults.sixF00AfterPowerOn) {
      outcome = { sw: Sw.NO_PRECISE_DIAGNOSIS };
    } else {
      outcome = this.answer(bytes);
    }
    this.firstCommandPending = false;
    const response = respond(outcome.sw, outcome.data);
    this.record({ index, command: this.redact(bytes), response, sw: outcome.sw, access: outcome.access });
    return response;
  }

  private redact(bytes: Uint8Array): Uint8Array {
    if (bytes.length > 5 && SECRET_INS.has(bytes[1]!)) bytes.fill(0, 5);
    return bytes;
  }

  private record(entry: ApduLogEntry): void {
    this.log.push(entry);
    if (this.log.length > this.apduLogLimit) this.log.splice(0, this.log.length - this.apduLogLimit);
    if (entry.access) this.touchedFiles.add(`${entry.access.aid}/${entry.access.fid}/${entry.access.operation}`);
    for (const listener of this.listeners) listener(entry);
  }

  private answer(bytes: Uint8Array): Outcome {
    let apdu: CommandApdu;
    try {
      apdu = CommandApdu.decode(bytes);
    } catch {
      // Not exactly one APDU (bad Lc, truncated, INS 6X/9X): wrong length.
      return { sw: bytes.length >= 2 && ((bytes[1]! & 0xf0) === 0x60 || (bytes[1]! & 0xf0) === 0x90) ? Sw.INS_NOT_SUPPORTED : Sw.WRONG_LENGTH };
    }
    const cla = apdu.cla;
    if (cla === 0xff) return { sw: Sw.CLA_NOT_SUPPORTED };
    if ((cla & 0xe0) === 0x20) return { sw: Sw.CLA_NOT_SUPPORTED };
    // Logical channels are not supported (memo §1.1, §9.6).
    const channel = (cla & 0x40) !== 0 ? 4 + (cla & 0x0f) : cla & 0x03;
    if (channel !== 0) return { sw: Sw.LOGICAL_CHANNEL_NOT_SUPPORTED };
    if ((cla & 0x0c) !== 0) return { sw: Sw.SM_NOT_SUPPORTED }; // SM CLA 08 on JPKI → 69FC (memo §6)
    if ((cla & 0x10) !== 0) return { sw: Sw.CLA_NOT_SUPPORTED }; // command chaining
    const family = cla & 0xe0;
    if (family === 0x00) {
      switch (apdu.ins) {
        case 0xa4:
          return this.select(apdu);
        case 0xb0:
          return this.readBinary(apdu);
        case 0xb2:
          return this.readRecord(apdu);
        case 0x20:
          return this.verify(apdu);
        case 0x24:
          return this.changeReferenceData(apdu, 0x01);
        case 0x84:
          return this.getChallenge(apdu);
        case 0x88:
          return this.internalAuthenticate(apdu);
        case 0xca:
          return this.getData(apdu);
        default:
          return { sw: Sw.INS_NOT_SUPPORTED };
      }
    }
    if (family === 0x80) {
      switch (apdu.ins) {
        case 0x2a:
          return this.computeSignature(apdu);
        case 0x32:
          return this.changeReferenceData(apdu, 0x00);
        case 0xa2:
          return { sw: Sw.WRONG_P1P2 }; // terminal CV certificate: not simulated (memo §6)
        case 0xfc:
          // iPhone-token "last command" indicator; physical cards answer 6700 (memo §9.17).
          return { sw: this.profile.token === 'ios' ? Sw.OK : Sw.WRONG_LENGTH };
        default:
          return { sw: Sw.INS_NOT_SUPPORTED };
      }
    }
    return { sw: Sw.CLA_NOT_SUPPORTED };
  }

  private access(fid: number, operation: FileOperation): FileAccess {
    return { aid: this.currentDf?.aid ?? 'MF', fid, operation };
  }

  private filesHere(): ReadonlyMap<number, ElementaryFile> {
    return this.currentDf ? this.currentDf.files : this.fs.mf;
  }

  /** An EF by short EF identifier (the low 5 bits of the FID, memo §4.1). */
  private bySfi(sfi: number): ElementaryFile | undefined {
    if (sfi === 0 || sfi > 0x1e) return undefined;
    return this.filesHere().get(sfi);
  }

  private isUnlocked(keys: readonly number[]): boolean {
    if (keys.length === 0) return true;
    const aid = this.currentDf?.aid ?? 'MF';
    return keys.some((fid) => this.verified.has(`${aid}/${fid}`));
  }

  private select(apdu: CommandApdu): Outcome {
    if (apdu.p1 === 0x04) {
      if (apdu.p2 !== 0x0c) return { sw: Sw.WRONG_P1P2 };
      if (apdu.data.length === 0) return { sw: Sw.WRONG_LENGTH };
      const wanted = hex(apdu.data);
      if (wanted === CardAid.ISD) {
        this.currentDf = null;
        this.currentEf = null;
        return { sw: Sw.OK };
      }
      const df =
        this.fs.applications.find((a) => a.aid === wanted) ??
        (this.profile.behaviour.aidPrefixSelection ? this.fs.applications.find((a) => a.aid.startsWith(wanted)) : undefined);
      if (!df) return { sw: Sw.FILE_NOT_FOUND };
      this.currentDf = df;
      this.currentEf = null;
      return { sw: Sw.OK };
    }
    if (apdu.p1 === 0x02) {
      if (apdu.p2 !== 0x0c) return { sw: Sw.WRONG_P1P2 };
      if (apdu.data.length !== 2) return { sw: Sw.WRONG_LENGTH };
      const fid = (apdu.data[0]! << 8) | apdu.data[1]!;
      const file = this.filesHere().get(fid);
      if (!file) return { sw: Sw.FILE_NOT_FOUND };
      this.currentEf = file;
      return { sw: Sw.OK, access: this.access(fid, 'select') };
    }
    if (apdu.p1 === 0x00) {
      // Select MF: 6A86 straight after reset, 9000 without changing the DF otherwise; 3F00 → 6A82 (memo §1.4).
      if (apdu.data.length > 0) return { sw: Sw.FILE_NOT_FOUND };
      if (apdu.p2 !== 0x00 && apdu.p2 !== 0x0c) return { sw: Sw.WRONG_P1P2 };
      return { sw: this.currentDf ? Sw.OK : Sw.WRONG_P1P2 };
    }
    return { sw: Sw.WRONG_P1P2 };
  }

  private readBinary(apdu: CommandApdu): Outcome {
    if (apdu.data.length > 0 || apdu.le === undefined) return { sw: Sw.WRONG_LENGTH };
    let file: ElementaryFile | null | undefined;
    let offset: number;
    if ((apdu.p1 & 0x80) !== 0) {
      if ((apdu.p1 & 0x60) !== 0) return { sw: Sw.WRONG_P1P2 };
      file = this.bySfi(apdu.p1 & 0x1f);
      if (!file) return { sw: Sw.FILE_NOT_FOUND };
      this.currentEf = file;
      offset = apdu.p2;
    } else {
      file = this.currentEf;
      if (!file) return { sw: Sw.NO_CURRENT_EF };
      offset = (apdu.p1 << 8) | apdu.p2;
    }
    if (file.kind !== 'binary') return { sw: Sw.INCOMPATIBLE_FILE_STRUCTURE, access: this.access(file.fid, 'read') };
    if (!this.isUnlocked(file.readKeys)) return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access: this.access(file.fid, 'read') };
    const access = this.access(file.fid, 'read');
    // Beyond (or at) the end: 6B00 (JICSAP, memo §1.3).
    if (offset >= file.data.length) return { sw: Sw.WRONG_OFFSET, access };
    const end = Math.min(file.data.length, offset + apdu.le);
    const data = file.data.slice(offset, end);
    const short = end - offset < apdu.le;
    return { sw: short && this.profile.behaviour.endOfFileStatus === '6282' ? Sw.END_OF_FILE : Sw.OK, data, access };
  }

  private readRecord(apdu: CommandApdu): Outcome {
    if (apdu.data.length > 0 || apdu.le === undefined) return { sw: Sw.WRONG_LENGTH };
    if ((apdu.p2 & 0x07) !== 0x04) return { sw: Sw.FUNCTION_NOT_SUPPORTED };
    if (apdu.p1 === 0) return { sw: Sw.WRONG_P1P2 };
    const sfi = apdu.p2 >> 3;
    let file: ElementaryFile | null | undefined;
    if (sfi === 0) {
      file = this.currentEf;
      if (!file) return { sw: Sw.NO_CURRENT_EF };
    } else {
      file = this.bySfi(sfi);
      if (!file) return { sw: Sw.FILE_NOT_FOUND };
      this.currentEf = file;
    }
    const access = this.access(file.fid, 'read');
    if (file.kind !== 'record') return { sw: Sw.INCOMPATIBLE_FILE_STRUCTURE, access };
    if (!this.isUnlocked(file.readKeys)) return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access };
    const record = file.records[apdu.p1 - 1];
    if (!record) return { sw: Sw.RECORD_NOT_FOUND, access };
    return { sw: Sw.OK, data: record.slice(0, apdu.le), access };
  }

  /** The key EF a VERIFY / CHANGE addresses: P2 `80` = current EF, `80|SFI` = by short id (memo §4.1). */
  private keyFile(p2: number): ElementaryFile | number {
    if ((p2 & 0xe0) !== 0x80) return Sw.WRONG_P1P2;
    const sfi = p2 & 0x1f;
    const file = sfi === 0 ? this.currentEf : this.bySfi(sfi);
    if (!file) return Sw.REFERENCED_DATA_NOT_FOUND;
    return file;
  }

  private verify(apdu: CommandApdu): Outcome {
    if (apdu.p1 !== 0x00) return { sw: Sw.WRONG_P1P2 };
    if (apdu.le !== undefined) return { sw: Sw.WRONG_LENGTH };
    const file = this.keyFile(apdu.p2);
    if (typeof file === 'number') return { sw: file };
    if (file.kind !== 'pin') return { sw: Sw.REFERENCED_DATA_NOT_FOUND };
    const access = this.access(file.fid, 'verify');
    const key = `${this.currentDf?.aid ?? 'MF'}/${file.fid}`;
    const pin = file.pin;
    const blocked = pin.value === null || pin.triesLeft === 0;
    if (apdu.data.length === 0) {
      // Retry query: 63Cx without consuming a try (memo §4.1); 63C0 when blocked or never set.
      if (!blocked && this.verified.has(key) && this.profile.behaviour.emptyVerifyWhenVerified === '9000') return { sw: Sw.OK, access };
      return { sw: triesSw(blocked ? 0 : pin.triesLeft), access };
    }
    if (blocked) return { sw: Sw.AUTH_METHOD_BLOCKED, access };
    if (matches(pin, apdu.data)) {
      pin.triesLeft = pin.maxTries;
      this.verified.add(key);
      return { sw: Sw.OK, access };
    }
    pin.triesLeft -= 1;
    this.verified.delete(key);
    // The attempt that blocks answers 63C0; later ones 6984 (memo §6).
    return { sw: triesSw(pin.triesLeft), access };
  }

  /** CHANGE REFERENCE DATA `00 24 01 80` (P1 01) and CHANGE KEY `80 32 00 80` (P1 00), memo §4.1. */
  private changeReferenceData(apdu: CommandApdu, expectedP1: number): Outcome {
    if (apdu.p1 !== expectedP1) return { sw: Sw.WRONG_P1P2 };
    if (apdu.data.length === 0 || apdu.le !== undefined) return { sw: Sw.WRONG_LENGTH };
    const file = this.keyFile(apdu.p2);
    if (typeof file === 'number') return { sw: file };
    if (file.kind !== 'pin') return { sw: Sw.REFERENCED_DATA_NOT_FOUND };
    const access = this.access(file.fid, 'change-pin');
    if (file.pin.value === null || file.pin.triesLeft === 0) return { sw: Sw.AUTH_METHOD_BLOCKED, access };
    if (!this.verified.has(`${this.currentDf?.aid ?? 'MF'}/${file.fid}`)) return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access };
    file.pin.value = apdu.data.slice();
    file.pin.triesLeft = file.pin.maxTries;
    return { sw: Sw.OK, access };
  }

  private getChallenge(apdu: CommandApdu): Outcome {
    if (apdu.p1 !== 0 || apdu.p2 !== 0) return { sw: Sw.WRONG_P1P2 };
    if (apdu.data.length > 0 || apdu.le === undefined) return { sw: Sw.WRONG_LENGTH };
    if (apdu.extended) return { sw: Sw.CONDITIONS_NOT_SATISFIED }; // memo §1.3
    return { sw: Sw.OK, data: new Uint8Array(randomBytes(apdu.le)) };
  }

  private signingKey(p2: number): ElementaryFile | number {
    if ((p2 & 0xe0) !== 0x80) return Sw.WRONG_P1P2;
    const sfi = p2 & 0x1f;
    if (sfi === 0) return this.currentEf ?? Sw.NO_CURRENT_EF;
    return this.bySfi(sfi) ?? Sw.FILE_NOT_FOUND;
  }

  private internalAuthenticate(apdu: CommandApdu): Outcome {
    if (apdu.p1 !== 0x00) return { sw: Sw.WRONG_P1P2 };
    if (apdu.data.length === 0) return { sw: Sw.WRONG_LENGTH };
    const file = this.signingKey(apdu.p2);
    if (typeof file === 'number') return { sw: file };
    const access = this.access(file.fid, 'internal-authenticate');
    // Only the common AP's 0019 answers (memo §3.4); other keys → 6985.
    if (file.kind !== 'private-key' || this.currentDf?.aid !== CardAid.COMMON) return { sw: Sw.CONDITIONS_NOT_SATISFIED, access };
    if (apdu.data.length > 245) return { sw: Sw.CONDITIONS_NOT_SATISFIED, access };
    const signature = new Uint8Array(privateEncrypt({ key: file.key, padding: constants.RSA_PKCS1_PADDING }, apdu.data));
    return { sw: Sw.OK, data: signature, access };
  }

  private getData(apdu: CommandApdu): Outcome {
    if (apdu.data.length > 0 || apdu.le === undefined) return { sw: Sw.WRONG_LENGTH };
    const tag = (apdu.p1 << 8) | apdu.p2;
    if (tag === 0x5f51) return { sw: Sw.OK, data: CONTACT_ATR_TAIL.slice(0, apdu.le) };
    return { sw: Sw.REFERENCED_DATA_NOT_FOUND };
  }

  private computeSignature(apdu: CommandApdu): Outcome {
    const file = this.signingKey(apdu.p2);
    if (typeof file === 'number') return { sw: file };
    const access = this.access(file.fid, 'sign');
    if (file.kind !== 'private-key') return { sw: Sw.INCOMPATIBLE_FILE_STRUCTURE, access };
    if (file.useKeys.length === 0) return { sw: Sw.CONDITIONS_NOT_SATISFIED, access };
    if (apdu.p1 > 0x05) return { sw: Sw.WRONG_P1P2, access };
    if (!this.isUnlocked(file.useKeys)) return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access };
    if (apdu.data.length === 0) return { sw: Sw.WRONG_LENGTH, access };
    const result = computeCardSignature(file.key, apdu.p1, apdu.data);
    if (typeof result === 'number') return { sw: result, access };
    return { sw: Sw.OK, data: result, access };
  }
}

function matches(pin: PinKey, attempt: Uint8Array): boolean {
  const value = pin.value;
  if (!value || value.length !== attempt.length) return false;
  let diff = 0;
  for (let i = 0; i < value.length; i++) diff |= value[i]! ^ attempt[i]!;
  return diff === 0;
}
