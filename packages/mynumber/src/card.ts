/**
 * `MyNumberCard`: the driver over any `Transport` (PC/SC, BLE, phone NFC, the simulator).
 * Every method documents how many APDUs it sends; tests assert those counts.
 * @module
 */
import type { Transport } from '@onshikit/apdu';
import {
  CARD_FACE_AID,
  AUTH_PIN_MAX_TRIES,
  CardFaceFile,
  INPUT_SUPPORT_AID,
  InputSupportFile,
  JPKI_AID,
  JpkiFile,
} from './applications.js';
import { parseBasicInfo, type BasicInfo, type Sex } from './basic-info.js';
import { parseCertificate, type CertificateSummary } from './certificate.js';
import { CardChannel, type OperationOptions } from './channel.js';
import { computeSignature } from './commands.js';
import { digestInfoFor, digestInfoOf, type DigestAlgorithm } from './digest-info.js';
import { CardError } from './errors.js';
import { parseFaceImage, type FaceImage } from './face-image.js';
import {
  FOUR_DIGIT_PIN,
  presentPin,
  queryPinStatus,
  takePin,
  type PinFormat,
  type PinInput,
  type PinRef,
  type PinStatus,
  type VerifyOptions,
} from './pin.js';
import { readTokenLabel, type CardProbe } from './probe.js';
import { readTlvFile, type FileReadSpec, type ReadProgress } from './read-file.js';
import type { CardDetection } from './token.js';

/** Options of a {@link MyNumberCard}. */
export interface MyNumberCardOptions {
  /**
   * What {@link probeCard} found on this transport just before (for example as a reader's
   * `accept`). The driver then starts with the JPKI AP selected and {@link MyNumberCard.detect}
   * answers from it, so nothing is asked twice. A probe of another transport is ignored.
   */
  probed?: CardProbe | undefined;
  /**
   * @deprecated No effect. The driver no longer sends a throwaway command after power-on: it
   * sends the first command again when the card answers it `6F00` (docs/reference/card-protocol.md#reset-behaviour).
   */
  powerOnProbe?: boolean;
  /**
   * Read long files with one extended-Le READ BINARY when the transport says
   * `supportsExtendedLength` (docs/reference/card-protocol.md#apdu-length: the card accepts it; readers vary). Default `true`.
   * With `false`, or on transports without extended length, reads are 256-byte chunks.
   */
  useExtendedLength?: boolean;
  /**
   * Accepted lengths of 照合番号B. Default `[14]`: era-year YYMMDD + expiry YYYY + 4-digit code
   * (docs/reference/card-protocol.md#pins, measured); jpki-rs documents a 16-digit Gregorian form (docs/reference/card-protocol.md#conflicts).
   */
  verificationNumberBLengths?: readonly number[];
  /** Meaning of basic-info sex code `3` (docs/reference/card-protocol.md#conflicts). Default `'other'`. */
  sexCodeThree?: Sex;
}

/** Options for certificate reads. */
export interface ReadCertificateOptions extends OperationOptions {
  /** Called after every READ BINARY with bytes read so far and the total from the DER header. */
  onProgress?: ReadProgress;
}

/** What {@link MyNumberCard.signWithAuthKey} signs. */
export type SignInput =
  /** A complete DER DigestInfo (docs/reference/card-protocol.md#signature), 1–245 bytes. */
  | Uint8Array
  /** Data the driver hashes with WebCrypto and wraps in a DigestInfo. */
  | { readonly data: Uint8Array; readonly hash: DigestAlgorithm }
  /** A digest the caller computed; the driver wraps it in a DigestInfo. */
  | { readonly digest: Uint8Array; readonly hash: DigestAlgorithm };

/** Largest input of `80 2A 00 80` for RSA-2048 with PKCS#1 v1.5 padding (docs/reference/card-protocol.md#signature: 1–245). */
const MAX_SIGN_INPUT = 245;

const AUTH_CERT_NAME = { certificateJa: '利用者証明用電子証明書', certificateEn: 'user-authentication certificate' };
const AUTH_CA_NAME = { certificateJa: '利用者証明用CA証明書', certificateEn: 'user-authentication CA certificate' };

/** How a certificate EF is read (by short EF id, docs/reference/card-protocol.md#command-table) and which errors it raises. */
function certificateFile(fid: number, names: typeof AUTH_CERT_NAME): FileReadSpec {
  return {
    fid,
    bySfi: true,
    mode: 'der',
    missing: () => new CardError('CARD_CERT_MISSING', { detail: names }),
    invalid: (reason, offset) =>
      new CardError('CARD_CERT_INVALID', {
        detail: { reason: reason.ja, reasonEn: reason.en },
        ...(offset === undefined ? {} : { offset }),
      }),
  };
}
const AUTH_CERT_FILE = certificateFile(JpkiFile.AUTH_CERT, AUTH_CERT_NAME);
const AUTH_CA_CERT_FILE = certificateFile(JpkiFile.AUTH_CA_CERT, AUTH_CA_NAME);

/** A data file of the input-support or card-face AP (selected by FID). */
function dataFile(fid: number, name: string): FileReadSpec {
  return {
    fid,
    mode: 'ber',
    missing: () => new CardError('CARD_FILE_NOT_FOUND', { detail: { file: name } }),
    invalid: (reason, offset) =>
      new CardError('CARD_DATA_INVALID', {
        detail: { reason: reason.ja, reasonEn: reason.en },
        ...(offset === undefined ? {} : { offset }),
      }),
  };
}
/** The user-auth PIN, addressed by short EF id in VERIFY (docs/reference/card-protocol.md#command-table: `00 20 00 98`). */
const AUTH_PIN: PinRef = { aid: JPKI_AID, fid: JpkiFile.AUTH_PIN, maxTries: AUTH_PIN_MAX_TRIES, bySfi: true };
/** The 署名用パスワード: only its tries are ever asked (see `refineAuthPinStatus`). */
const SIGNING_PIN: PinRef = { aid: JPKI_AID, fid: JpkiFile.SIGNING_PIN, maxTries: 0 };
const INPUT_SUPPORT_PIN: PinRef = { aid: INPUT_SUPPORT_AID, fid: InputSupportFile.PIN, maxTries: 3 };
const VERIFICATION_NUMBER_B: PinRef = { aid: CARD_FACE_AID, fid: CardFaceFile.VERIFICATION_NUMBER_B, maxTries: 0 };
/** 照合番号B of the input-support AP (`0015`): opens 基本4情報 like the PIN, never the number EF. */
const INPUT_SUPPORT_VERIFICATION_NUMBER_B: PinRef = {
  aid: INPUT_SUPPORT_AID,
  fid: InputSupportFile.VERIFICATION_NUMBER_B,
  maxTries: 0,
};
const BASIC_INFO_FILE = dataFile(InputSupportFile.BASIC_INFO, '入力補助AP 0002');
const FACE_FILE = dataFile(CardFaceFile.FACE, '券面AP 0002');

/** Only the link options of an operation. */
function linkOf(options: OperationOptions): OperationOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
}

/**
 * The My Number Card driver. One instance per card session; operations are serialised (a
 * second call waits for the first), so two callers never interleave APDUs. The driver remembers
 * which application and EF are current and sends no SELECT that would not change anything.
 *
 * Rules it keeps (tests prove them): it never reads or offers the individual number; it never
 * sends VERIFY on the last try without `allowLastTry`; it never retries VERIFY; it zeroes PIN
 * bytes after building the command.
 *
 * @example
 * ```ts
 * const card = new MyNumberCard(transport);
 * const found = await card.detect();            // { kind: 'mynumber-card', … }
 * const cert = await card.readAuthCertificate(); // serialNumber, notAfter, der …
 * ```
 */
export class MyNumberCard {
  /** The transport the driver talks through (not closed by the driver). */
  readonly transport: Transport;
  private readonly channel: CardChannel;
  private readonly options: MyNumberCardOptions;
  private readonly useExtendedLength: boolean;
  private detection: CardDetection | undefined;
  /** A VERIFY of this session used the auth PIN's last try: it is certainly locked. */
  private authPinLocked = false;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(transport: Transport, options: MyNumberCardOptions = {}) {
    this.transport = transport;
    this.options = options;
    this.useExtendedLength = options.useExtendedLength ?? true;
    const probed = options.probed?.transport === transport ? options.probed : undefined;
    this.channel = new CardChannel(
      transport,
      probed === undefined ? undefined : { aid: JPKI_AID, ef: JpkiFile.TOKEN_INFO },
    );
    if (probed !== undefined) {
      const { kind, label, isMyNumberCard, authCertificateNeedsPin } = probed;
      this.detection = { kind, label, isMyNumberCard, authCertificateNeedsPin };
    }
  }

  /** Runs operations one at a time (an idle driver starts at once, without a queue hop). */
  private run<T>(operation: () => Promise<T>): Promise<T> {
    const started = this.pending === 0 ? operation() : this.tail.then(operation, operation);
    this.pending++;
    const settle = (): void => {
      this.pending--;
    };
    this.tail = started.then(settle, settle);
    return started;
  }

  /**
   * Identifies the token by the JPKI token label (EF `0006`); never looks at the ATR.
   * Throws `CARD_NOT_MYNUMBER` when there is no JPKI AP.
   *
   * APDUs: 0 when the driver was given the transport's {@link probeCard} result; otherwise 2 —
   * SELECT JPKI AP (unless current), READ BINARY of `0006` by short EF id (1 more, SELECT
   * `0006`, on a card that refuses the short id).
   */
  detect(options: OperationOptions = {}): Promise<CardDetection> {
    return this.run(async () => {
      if (this.detection !== undefined) return this.detection;
      const assumed = this.channel.selectedAid === JPKI_AID;
      await this.channel.ensureApplication(JPKI_AID, options);
      try {
        return await readTokenLabel(this.channel, options);
      } catch (error) {
        // No token EF where the driver believed the JPKI AP current: select it after all.
        if (!assumed || !(error instanceof CardError) || error.code !== 'CARD_NOT_MYNUMBER') throw error;
        await this.channel.selectApplication(JPKI_AID, options);
        return readTokenLabel(this.channel, options);
      }
    });
  }

  /** Reads a certificate EF of the JPKI AP ({@link readTlvFile}). */
  private readCertificate(file: FileReadSpec, options: ReadCertificateOptions): Promise<Uint8Array> {
    return this.run(() =>
      readTlvFile(this.channel, {
        ...linkOf(options),
        application: JPKI_AID,
        file,
        useExtendedLength: this.useExtendedLength,
        onProgress: options.onProgress,
      }),
    );
  }

  /**
   * Reads and parses the 利用者証明用電子証明書 (JPKI EF `000A`), readable without a PIN on a
   * physical card (docs/reference/card-protocol.md#jpki-files). The length comes from the DER header of the first read, which
   * addresses the EF by short id (docs/reference/card-protocol.md#command-table), so no SELECT EF is sent.
   *
   * APDUs for a certificate of N bytes: ⌈N / 256⌉ READ BINARY with short APDUs (a typical
   * 1,588-byte certificate: 7); 2 when the transport passes extended APDUs (N > 256); plus
   * SELECT JPKI AP unless it is current (after {@link detect} or a probe it is).
   * Throws `CARD_CERT_MISSING` when the card has none, `CARD_CERT_INVALID` when it is malformed.
   * The summary is parsed completely before it is returned ({@link parseCertificate}).
   */
  readAuthCertificate(options: ReadCertificateOptions = {}): Promise<CertificateSummary> {
    return this.readCertificate(AUTH_CERT_FILE, options).then(parseCertificate);
  }

  /**
   * The user-auth certificate's DER bytes only, without parsing: for callers that forward the
   * certificate as is. Only the DER header is checked. APDUs: as {@link readAuthCertificate}.
   */
  readAuthCertificateDer(options: ReadCertificateOptions = {}): Promise<Uint8Array> {
    return this.readCertificate(AUTH_CERT_FILE, options);
  }

  /** Reads the 利用者証明用CA証明書 (JPKI EF `000B`). APDUs: as {@link readAuthCertificate}. */
  readAuthCaCertificate(options: ReadCertificateOptions = {}): Promise<CertificateSummary> {
    return this.readCertificate(AUTH_CA_CERT_FILE, options).then(parseCertificate);
  }

  /**
   * Tries left on the user-auth PIN, via the empty VERIFY that never uses a try. `not-set` is a
   * 顔認証マイナンバーカード (no PIN, no signing certificate); `unusable` is a locked PIN or
   * such a card, the card does not say which.
   * APDUs: 2 — SELECT `0018`, VERIFY (no data) — plus SELECT JPKI AP unless current; 1 when the
   * PIN EF is current already; 1–3 more when the PIN looks locked (SELECT of the
   * signing-certificate EF, never read; SELECT `001B` + empty VERIFY of the signing password).
   */
  authPinStatus(options: OperationOptions = {}): Promise<PinStatus> {
    return this.run(async () =>
      this.refineAuthPinStatus(await queryPinStatus(this.channel, AUTH_PIN, options), options),
    );
  }

  /**
   * A 顔認証マイナンバーカード has no PINs at all and no 署名用電子証明書 (docs/reference/portal-rules.md#identity-modes). How its unset PIN answers is not published: no PIN EF (`6A82`) or `6A88` is `not-set`
   * at once. An answer like a locked PIN (`63C0`/`6984`) is refined, never by reading anything:
   * 1. SELECT of the signing-certificate EF: `6A82` → `not-set` (no signing certificate);
   * 2. otherwise (the EF is there, perhaps empty) the empty VERIFY of the 署名用パスワード: tries
   *    left → `blocked` (a card with PINs whose auth PIN is locked); anything else → `unusable`
   *    (a face-authentication card, or both locked: the card does not say which).
   * A holder under 15 with a locked PIN has no signing certificate either and is reported
   * `not-set`; the desk checks either visually.
   */
  private async refineAuthPinStatus(status: PinStatus, options: OperationOptions): Promise<PinStatus> {
    if (status.state !== 'blocked' || this.authPinLocked) return status;
    const certificate = await this.channel.selectFile(JpkiFile.SIGNING_CERT, options);
    if (certificate.sw === 0x6a82) return { state: 'not-set', triesLeft: 0, verified: false };
    const signingPassword = await queryPinStatus(this.channel, SIGNING_PIN, options).catch((error: unknown) => {
      if (error instanceof CardError && error.code === 'CARD_UNEXPECTED_STATUS') return undefined;
      throw error;
    });
    const hasPins = signingPassword?.state === 'ok' && (signingPassword.triesLeft > 0 || signingPassword.verified);
    return hasPins ? status : { state: 'unusable', triesLeft: 0, verified: false };
  }

  /**
   * Presents the 利用者証明用暗証番号 (4 digits) once. The last-try guard rests on an empty
   * VERIFY sent right before (never on a remembered count). Refuses with `CARD_PIN_LAST_TRY`
   * (sending nothing more) when one try is left unless `allowLastTry`. A `Uint8Array` PIN is
   * zeroed. Throws `CARD_PIN_WRONG` (with `triesLeft`), `CARD_PIN_BLOCKED`, `CARD_PIN_NOT_SET`,
   * `CARD_PIN_FORMAT` (before any APDU).
   *
   * APDUs: 2 — empty VERIFY, VERIFY — right after {@link authPinStatus} (the PIN EF is current);
   * otherwise 3 (SELECT `0018` first) plus SELECT JPKI AP unless current; one fewer when refused
   * by the last-try guard; 1 more when blocked or not set (SELECT of the signing-certificate EF
   * instead of VERIFY); 0 for a malformed PIN.
   */
  verifyAuthPin(pin: PinInput, options: VerifyOptions = {}): Promise<void> {
    return this.run(async () => {
      const bytes = takePin(pin, FOUR_DIGIT_PIN);
      try {
        await presentPin(this.channel, AUTH_PIN, bytes, FOUR_DIGIT_PIN, options, (status) =>
          this.refineAuthPinStatus(status, options),
        );
      } catch (error) {
        if (error instanceof CardError && error.hasCode('CARD_PIN_BLOCKED') && error.detail.locked === true)
          this.authPinLocked = true;
        throw error;
      }
    });
  }

  /**
   * Signs with the user-authentication key (JPKI EF `0017`, RSA-2048, PKCS#1 v1.5 by the card).
   * Call {@link verifyAuthPin} first in the same card session. Returns the 256-byte signature.
   * Throws `CARD_SECURITY_STATUS` when the PIN is not verified.
   *
   * APDUs: 2 — SELECT `0017`, COMPUTE DIGITAL SIGNATURE — when the JPKI AP is current (after
   * `verifyAuthPin`, as in the docs/reference/card-protocol.md#trace trace); 3 (SELECT JPKI AP first) otherwise; 4 when
   * the card was reset behind the driver (SELECT EF fails, the AP is selected and the EF again).
   */
  signWithAuthKey(input: SignInput, options: OperationOptions = {}): Promise<Uint8Array> {
    return this.run(async () => {
      const digestInfo = await toDigestInfo(input);
      const assumedCurrent = this.channel.selectedAid === JPKI_AID;
      if (!assumedCurrent) await this.channel.selectApplication(JPKI_AID, options);
      let selected = await this.channel.selectFile(JpkiFile.AUTH_KEY, options);
      if (assumedCurrent && !selected.ok) {
        // The card was reset behind the driver's back (no DF current): select the AP after all.
        await this.channel.selectApplication(JPKI_AID, options);
        selected = await this.channel.selectFile(JpkiFile.AUTH_KEY, options);
      }
      if (selected.sw === 0x6a82)
        throw new CardError('CARD_CERT_MISSING', { sw: selected.swHex, detail: AUTH_CERT_NAME });
      if (!selected.ok)
        throw new CardError('CARD_UNEXPECTED_STATUS', {
          sw: selected.swHex,
          detail: { sw: selected.swHex, step: 'SELECT key EF' },
        });
      const response = await this.channel.send(computeSignature(digestInfo), options);
      if (response.ok) {
        if (response.data.length === 0)
          throw new CardError('CARD_DATA_INVALID', { detail: { reason: '署名が空', reasonEn: 'empty signature' } });
        return response.data;
      }
      if (response.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: response.swHex });
      if (response.sw === 0x6984) throw new CardError('CARD_PIN_BLOCKED', { sw: response.swHex, triesLeft: 0 });
      throw new CardError('CARD_UNEXPECTED_STATUS', {
        sw: response.swHex,
        detail: { sw: response.swHex, step: 'COMPUTE DIGITAL SIGNATURE' },
      });
    });
  }

  /**
   * Reads the 基本4情報 (name, address, birth date, sex) from the 券面事項入力補助AP after
   * presenting its 4-digit PIN once (same last-try rule as {@link verifyAuthPin}). Never reads
   * the individual-number EF.
   *
   * APDUs: 6 for a file of ≤ 256 bytes (SELECT AP, SELECT `0011`, empty VERIFY, VERIFY,
   * SELECT `0002`, READ BINARY), plus one READ per further 256 bytes.
   */
  readBasicInfo(inputSupportPin: PinInput, options: VerifyOptions = {}): Promise<BasicInfo> {
    return this.run(async () => {
      const bytes = takePin(inputSupportPin, FOUR_DIGIT_PIN);
      await presentPin(this.channel, INPUT_SUPPORT_PIN, bytes, FOUR_DIGIT_PIN, options);
      const file = await readTlvFile(this.channel, {
        ...linkOf(options),
        application: INPUT_SUPPORT_AID,
        file: BASIC_INFO_FILE,
        useExtendedLength: this.useExtendedLength,
      });
      return parseBasicInfo(
        file,
        this.options.sexCodeThree === undefined ? {} : { sexCodeThree: this.options.sexCodeThree },
      );
    });
  }

  /**
   * Tries left on the 券面事項入力補助用暗証番号 (its counter is separate from the auth PIN's), via
   * the empty VERIFY that never uses a try. A card without the PIN (顔認証マイナンバーカード)
   * answers like a locked one (`blocked`).
   *
   * APDUs: 3 — SELECT input-support AP, SELECT `0011`, empty VERIFY; 1 when `0011` is current.
   */
  inputSupportPinStatus(options: OperationOptions = {}): Promise<PinStatus> {
    return this.run(() => queryPinStatus(this.channel, INPUT_SUPPORT_PIN, options));
  }

  /**
   * Reads the 基本4情報 from the 券面事項入力補助AP after presenting its 照合番号B (EF `0015`) once:
   * for staff who type birth date, expiry year and security code instead of the holder's PIN
   * (docs/reference/card-protocol.md#input-support-files). Same rules as {@link readBasicInfo}:
   * the number is zeroed, never retried, refused on the last try unless `allowLastTry`; the
   * individual-number EF is never selected (照合番号B does not open it anyway).
   *
   * APDUs: 6 for a file of ≤ 256 bytes (SELECT AP, SELECT `0015`, empty VERIFY, VERIFY,
   * SELECT `0002`, READ BINARY), plus one READ per further 256 bytes.
   */
  readBasicInfoWithVerificationNumber(verificationNumberB: PinInput, options: VerifyOptions = {}): Promise<BasicInfo> {
    const format = this.verificationNumberBFormat();
    return this.run(async () => {
      const bytes = takePin(verificationNumberB, format);
      await presentPin(this.channel, INPUT_SUPPORT_VERIFICATION_NUMBER_B, bytes, format, options);
      const file = await readTlvFile(this.channel, {
        ...linkOf(options),
        application: INPUT_SUPPORT_AID,
        file: BASIC_INFO_FILE,
        useExtendedLength: this.useExtendedLength,
      });
      return parseBasicInfo(
        file,
        this.options.sexCodeThree === undefined ? {} : { sexCodeThree: this.options.sexCodeThree },
      );
    });
  }

  /** The accepted form of 照合番号B ({@link MyNumberCardOptions.verificationNumberBLengths}). */
  private verificationNumberBFormat(): PinFormat {
    const lengths = this.options.verificationNumberBLengths ?? [14];
    return { lengths, ja: `数字 ${lengths.join(' または ')} 桁`, en: `${lengths.join(' or ')} digits` };
  }

  /**
   * Reads the face photo (JPEG 2000) from the 券面AP after presenting 照合番号B once (照合番号A,
   * the individual number, is never used). The verification number is zeroed like a PIN.
   *
   * APDUs: 5 + the READs of the card-face file — SELECT AP, SELECT `0012`, empty VERIFY,
   * VERIFY, SELECT `0002`, then ceil(N / 256) READ BINARY (2 with extended Le).
   */
  readFaceImage(
    verificationNumberB: PinInput,
    options: VerifyOptions & { onProgress?: ReadProgress } = {},
  ): Promise<FaceImage> {
    const format = this.verificationNumberBFormat();
    return this.run(async () => {
      const bytes = takePin(verificationNumberB, format);
      // Retry limit of 照合番号B is not published (docs/reference/card-protocol.md#conflicts); the counter from 63Cx is used as is.
      await presentPin(this.channel, VERIFICATION_NUMBER_B, bytes, format, options);
      const file = await readTlvFile(this.channel, {
        ...linkOf(options),
        application: CARD_FACE_AID,
        file: FACE_FILE,
        useExtendedLength: this.useExtendedLength,
        onProgress: options.onProgress,
      });
      return parseFaceImage(file);
    });
  }

  /**
   * Forgets which application and EF the driver believes current, so the next operation selects
   * them again. The driver owns the card: call this only after sending APDUs on its transport
   * yourself (nothing else should). APDUs: 0.
   */
  forgetSelection(): Promise<void> {
    return this.run(async () => {
      this.channel.forgetSelection();
    });
  }

  /**
   * Power-cycles the card through `transport.reset()` when the transport offers it (clearing
   * PIN security status, docs/reference/card-protocol.md#reset-behaviour), and forgets the driver's session state (what is selected,
   * the probe's answer). APDUs: 0.
   */
  reset(options: OperationOptions = {}): Promise<void> {
    return this.run(async () => {
      this.channel.invalidate();
      this.detection = undefined;
      this.authPinLocked = false;
      await this.transport.reset?.(options);
    });
  }
}

async function toDigestInfo(input: SignInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) {
    if (input.length === 0 || input.length > MAX_SIGN_INPUT) {
      throw new CardError('CARD_INPUT_INVALID', {
        detail: {
          reason: `署名対象は 1〜${MAX_SIGN_INPUT} バイト`,
          reasonEn: `the DigestInfo must be 1-${MAX_SIGN_INPUT} bytes, got ${input.length}`,
        },
      });
    }
    return input;
  }
  if (typeof input === 'object' && input !== null && 'data' in input && input.data instanceof Uint8Array)
    return digestInfoOf(input.hash, input.data);
  if (typeof input === 'object' && input !== null && 'digest' in input && input.digest instanceof Uint8Array)
    return digestInfoFor(input.hash, input.digest);
  throw new CardError('CARD_INPUT_INVALID', {
    detail: { reason: '署名対象の形式が不正', reasonEn: 'sign input must be a DigestInfo or { data | digest, hash }' },
  });
}
