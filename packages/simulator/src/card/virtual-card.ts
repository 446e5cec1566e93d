import { TransportError } from '@onshikit/apdu';
import type { ApduListener, ApduLogEntry, FileAccess, FileOperation } from './apdu-log.js';
import { CardAid } from './aids.js';
import { buildFileSystem, verificationNumberB, type CardFileSystem } from './build-file-system.js';
import { CardInterpreter, type Outcome } from './card-interpreter.js';
import { prepareCardMaterial, type CardMaterial } from './card-material.js';
import type { CardFaults, CardProfile } from './profile.js';
import { cardProfiles } from './profiles.js';
import type { SimulatedCard } from './simulated-card.js';
import { respond, Sw } from './status-words.js';
import { validateCardProfile } from './validate-profile.js';

/** A PIN's state as tests see it (never its value). */
export interface VirtualPinState {
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** INS whose data field is a PIN: VERIFY, CHANGE REFERENCE DATA, CHANGE KEY. */
const SECRET_INS = new Set([0x20, 0x24, 0x32]);

/**
 * A faithful software My Number Card: it answers raw command APDUs with the bytes and status
 * words the real card gives (docs/reference/card-protocol.md#card-basics, docs/reference/card-protocol.md#status-words) — JPKI AP, 券面事項入力補助AP, 券面AP and the
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
  /** ATR the reader reports (docs/reference/card-protocol.md#atr); never needed by a correct driver (§9.1). */
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
  private readonly interpreter: CardInterpreter;
  private readonly touchedFiles = new Set<string>();
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
    this.interpreter = new CardInterpreter(this.fs, profile);
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
    const ops: readonly FileOperation[] = operations ?? [
      'select',
      'read',
      'verify',
      'change-pin',
      'sign',
      'internal-authenticate',
    ];
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
  pinState(name: CardPinName): VirtualPinState | undefined {
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
      verified: this.interpreter.verified.has(`${df.aid}/${location.fid}`),
    };
  }

  /**
   * Power on. When the card is already powered this is a warm reset: the selection is lost and
   * the security status survives when the profile says so (docs/reference/card-protocol.md#reset-behaviour).
   */
  powerOn(): void {
    if (this.removed) return;
    const warm = this.powered;
    if (!warm || !this.profile.behaviour.securityStatusSurvivesWarmReset) this.interpreter.verified.clear();
    this.powered = true;
    this.interpreter.resetSelection();
    this.firstCommandPending = true;
  }

  /** Warm reset (same as {@link powerOn} on a powered card). */
  warmReset(): void {
    if (this.powered) this.powerOn();
  }

  /** Power off: the security status is cleared (docs/reference/card-protocol.md#reset-behaviour). */
  powerOff(): void {
    this.powered = false;
    this.interpreter.verified.clear();
    this.interpreter.resetSelection();
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
      outcome = this.interpreter.answer(bytes);
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
}
