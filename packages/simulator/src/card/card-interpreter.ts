import { constants, privateEncrypt, randomBytes } from 'node:crypto';
import { CommandApdu } from '@onshikit/apdu';
import type { FileAccess, FileOperation } from './apdu-log.js';
import { CardAid } from './aids.js';
import type { CardFileSystem } from './build-file-system.js';
import { computeCardSignature } from './card-signature.js';
import type { ApplicationDf, ElementaryFile, PinKey } from './file-system.js';
import type { CardProfile } from './profile.js';
import { Sw, triesSw } from './status-words.js';

/** Contact ATR the card reports through GET DATA `5F51`, without the leading `3B` (docs/reference/card-protocol.md#atr). */
const CONTACT_ATR_TAIL = Uint8Array.of(0xc5, 0xff, 0x81, 0x31, 0xfb, 0x45, 0x80, 0x73, 0xc6, 0x01, 0x00, 0x00);

/** What one command did: the status word, response data and the file it touched. */
export interface Outcome {
  sw: number;
  data?: Uint8Array;
  access?: FileAccess;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/**
 * The card's command interpreter: selection state, security status and the answer to every
 * command (docs/reference/card-protocol.md#applications, docs/reference/card-protocol.md#status-words). Power, faults and logging live in `VirtualMyNumberCard`.
 */
export class CardInterpreter {
  /** Verified keys as `<AID>/<FID>`; cleared by power-off only (docs/reference/card-protocol.md#reset-behaviour). */
  readonly verified = new Set<string>();
  private currentDf: ApplicationDf | null = null;
  private currentEf: ElementaryFile | null = null;

  constructor(
    private readonly fs: CardFileSystem,
    private readonly profile: CardProfile,
  ) {}

  /** Back to the MF level with no current EF (power-on, warm reset). */
  resetSelection(): void {
    this.currentDf = null;
    this.currentEf = null;
  }

  /** Interprets one command APDU (any bytes) into a status word, data and the file it touched. */
  answer(bytes: Uint8Array): Outcome {
    let apdu: CommandApdu;
    try {
      apdu = CommandApdu.decode(bytes);
    } catch {
      // Not exactly one APDU (bad Lc, truncated, INS 6X/9X): wrong length.
      return {
        sw:
          bytes.length >= 2 && ((bytes[1]! & 0xf0) === 0x60 || (bytes[1]! & 0xf0) === 0x90)
            ? Sw.INS_NOT_SUPPORTED
            : Sw.WRONG_LENGTH,
      };
    }
    const cla = apdu.cla;
    if (cla === 0xff) return { sw: Sw.CLA_NOT_SUPPORTED };
    if ((cla & 0xe0) === 0x20) return { sw: Sw.CLA_NOT_SUPPORTED };
    // Logical channels are not supported (docs/reference/card-protocol.md#physical, docs/reference/card-protocol.md#pitfalls item 6).
    const channel = (cla & 0x40) !== 0 ? 4 + (cla & 0x0f) : cla & 0x03;
    if (channel !== 0) return { sw: Sw.LOGICAL_CHANNEL_NOT_SUPPORTED };
    if ((cla & 0x0c) !== 0) return { sw: Sw.SM_NOT_SUPPORTED }; // SM CLA 08 on JPKI → 69FC (docs/reference/card-protocol.md#status-words)
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
          return { sw: Sw.WRONG_P1P2 }; // terminal CV certificate: not simulated (docs/reference/card-protocol.md#status-words)
        case 0xfc:
          // iPhone-token "last command" indicator; physical cards answer 6700 (docs/reference/card-protocol.md#pitfalls item 17).
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

  /** An EF by short EF identifier (the low 5 bits of the FID, docs/reference/card-protocol.md#command-table). */
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
        (this.profile.behaviour.aidPrefixSelection
          ? this.fs.applications.find((a) => a.aid.startsWith(wanted))
          : undefined);
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
      // Select MF: 6A86 straight after reset, 9000 without changing the DF otherwise; 3F00 → 6A82 (docs/reference/card-protocol.md#reset-behaviour).
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
    if (!this.isUnlocked(file.readKeys))
      return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access: this.access(file.fid, 'read') };
    const access = this.access(file.fid, 'read');
    // Beyond (or at) the end: 6B00 (JICSAP, docs/reference/card-protocol.md#apdu-length).
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

  /** The key EF a VERIFY / CHANGE addresses: P2 `80` = current EF, `80|SFI` = by short id (docs/reference/card-protocol.md#command-table). */
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
      // Retry query: 63Cx without consuming a try (docs/reference/card-protocol.md#command-table); 63C0 when blocked or never set.
      if (!blocked && this.verified.has(key) && this.profile.behaviour.emptyVerifyWhenVerified === '9000')
        return { sw: Sw.OK, access };
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
    // The attempt that blocks answers 63C0; later ones 6984 (docs/reference/card-protocol.md#status-words).
    return { sw: triesSw(pin.triesLeft), access };
  }

  /** CHANGE REFERENCE DATA `00 24 01 80` (P1 01) and CHANGE KEY `80 32 00 80` (P1 00), docs/reference/card-protocol.md#command-table. */
  private changeReferenceData(apdu: CommandApdu, expectedP1: number): Outcome {
    if (apdu.p1 !== expectedP1) return { sw: Sw.WRONG_P1P2 };
    if (apdu.data.length === 0 || apdu.le !== undefined) return { sw: Sw.WRONG_LENGTH };
    const file = this.keyFile(apdu.p2);
    if (typeof file === 'number') return { sw: file };
    if (file.kind !== 'pin') return { sw: Sw.REFERENCED_DATA_NOT_FOUND };
    const access = this.access(file.fid, 'change-pin');
    if (file.pin.value === null || file.pin.triesLeft === 0) return { sw: Sw.AUTH_METHOD_BLOCKED, access };
    if (!this.verified.has(`${this.currentDf?.aid ?? 'MF'}/${file.fid}`))
      return { sw: Sw.SECURITY_STATUS_NOT_SATISFIED, access };
    file.pin.value = apdu.data.slice();
    file.pin.triesLeft = file.pin.maxTries;
    return { sw: Sw.OK, access };
  }

  private getChallenge(apdu: CommandApdu): Outcome {
    if (apdu.p1 !== 0 || apdu.p2 !== 0) return { sw: Sw.WRONG_P1P2 };
    if (apdu.data.length > 0 || apdu.le === undefined) return { sw: Sw.WRONG_LENGTH };
    if (apdu.extended) return { sw: Sw.CONDITIONS_NOT_SATISFIED }; // docs/reference/card-protocol.md#apdu-length
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
    // Only the common AP's 0019 answers (docs/reference/card-protocol.md#common-aps); other keys → 6985.
    if (file.kind !== 'private-key' || this.currentDf?.aid !== CardAid.COMMON)
      return { sw: Sw.CONDITIONS_NOT_SATISFIED, access };
    if (apdu.data.length > 245) return { sw: Sw.CONDITIONS_NOT_SATISFIED, access };
    const signature = new Uint8Array(
      privateEncrypt({ key: file.key, padding: constants.RSA_PKCS1_PADDING }, apdu.data),
    );
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
