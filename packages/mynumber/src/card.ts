/**
 * `MyNumberCard`: the driver over any `Transport` (PC/SC, BLE, phone NFC, the simulator).
 * Every method documents how many APDUs it sends; tests assert those counts.
 * @module
 */
import type { Transport } from '@onshikit/apdu';
import { CARD_FACE_AID, AUTH_PIN_MAX_TRIES, CardFaceFile, INPUT_SUPPORT_AID, InputSupportFile, JPKI_AID, JpkiFile } from './applications.js';
import { parseBasicInfo, type BasicInfo, type Sex } from './basic-info.js';
import { certificateFromDer, type CertificateSummary, type parseCertificate } from './certificate.js';
import { CardChannel, type OperationOptions } from './channel.js';
import { computeSignature, readBinary } from './commands.js';
import { digestInfoFor, digestInfoOf, type DigestAlgorithm } from './digest-info.js';
import { CardError } from './errors.js';
import { parseFaceImage, type FaceImage } from './face-image.js';
import { FOUR_DIGIT_PIN, presentPin, queryPinStatus, takePin, wipe, type PinFormat, type PinInput, type PinStatus, type VerifyOptions } from './pin.js';
import { readTlvFile, type FileReadSpec, type ReadProgress } from './read-file.js';
import { classifyTokenLabel, TOKEN_LABEL_LENGTH, type CardDetection } from './token.js';

/** Options of a {@link MyNumberCard}. */
export interface MyNumberCardOptions {
  /**
   * Send one throwaway `00 A4 00 00` before the first command of this instance, because the
   * first command after power-on was answered `6F00` on a measured card (memo §1.4, §9 #4).
   * Default `true`. Call {@link MyNumberCard.reset} (or create a new instance) after a power cycle.
   */
  powerOnProbe?: boolean;
  /**
   * Read long files with one extended-Le READ BINARY when the transport says
   * `supportsExtendedLength` (memo §1.3: the card accepts it; readers vary). Default `true`.
   * With `false`, or on transports without extended length, reads are 256-byte chunks.
   */
  useExtendedLength?: boolean;
  /**
   * Accepted lengths of 照合番号B. Default `[14]`: era-year YYMMDD + expiry YYYY + 4-digit code
   * (memo §3.5, measured); jpki-rs documents a 16-digit Gregorian form (memo §10 conflict 2).
   */
  verificationNumberBLengths?: readonly number[];
  /** Meaning of basic-info sex code `3` (memo §10 conflict 5). Default `'other'`. */
  sexCodeThree?: Sex;
}

/** Options for certificate reads. */
export interface ReadCertificateOptions extends OperationOptions {
  /** Called after every READ BINARY with bytes read so far and the total from the DER header. */
  onProgress?: ReadProgress;
}

/** What {@link MyNumberCard.signWithAuthKey} signs. */
export type SignInput =
  /** A complete DER DigestInfo (memo §4.3), 1–245 bytes. */
  | Uint8Array
  /** Data the driver hashes with WebCrypto and wraps in a DigestInfo. */
  | { readonly data: Uint8Array; readonly hash: DigestAlgorithm }
  /** A digest the caller computed; the driver wraps it in a DigestInfo. */
  | { readonly digest: Uint8Array; readonly hash: DigestAlgorithm };

/** Largest input of `80 2A 00 80` for RSA-2048 with PKCS#1 v1.5 padding (memo §4.3: 1–245). */
const MAX_SIGN_INPUT = 245;

const AUTH_CERT_NAME = { certificateJa: '利用者証明用電子証明書', certificateEn: 'user-authentication certificate' };
const AUTH_CA_NAME = { certificateJa: '利用者証明用CA証明書', certificateEn: 'user-authentication CA certificate' };

/** How a certificate EF is read and which errors it raises (built once, not per read). */
function certificateFile(fid: number, names: typeof AUTH_CERT_NAME): FileReadSpec {
  return {
    fid,
    mode: 'der',
    missing: () => new CardError('CARD_CERT_MISSING', { detail: names }),
    invalid: (reason, offset) => new CardError('CARD_CERT_INVALID', { detail: { reason: reason.ja, reasonEn: reason.en }, ...(offset === undefined ? {} : { offset }) }),
  };
}
const AUTH_CERT_FILE = certificateFile(JpkiFile.AUTH_CERT, AUTH_CERT_NAME);
const AUTH_CA_CERT_FILE = certificateFile(JpkiFile.AUTH_CA_CERT, AUTH_CA_NAME);

/**
 * The My Number Card driver. One instance per card session; operations are serialised (a
 * second call waits for the first), so two callers never interleave APDUs.
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
  private readonly options: Required<Pick<MyNumberCardOptions, 'useExtendedLength'>> & MyNumberCardOptions;
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(transport: Transport, options: MyNumberCardOptions = {}) {
    this.transport = transport;
    this.options = { ...options, useExtendedLength: options.useExtendedLength ?? true };
    this.channel = new CardChannel(transport, options.powerOnProbe ?? true);
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
   * APDUs: 3 — SELECT JPKI AP, SELECT `0006`, READ BINARY 32 bytes (plus the one power-on
   * throwaway when this is the instance's first command).
   */
  detect(options: OperationOptions = {}): Promise<CardDetection> {
    return this.run(async () => {
      await this.channel.selectApplication(JPKI_AID, options);
      const selected = await this.channel.selectFile(JpkiFile.TOKEN_INFO, options);
      if (selected.sw === 0x6a82) throw new CardError('CARD_NOT_MYNUMBER', { sw: selected.swHex });
      if (!selected.ok) throw new CardError('CARD_UNEXPECTED_STATUS', { sw: selected.swHex, detail: { sw: selected.swHex, step: 'SELECT token EF' } });
      const response = await this.channel.send(readBinary(0, TOKEN_LABEL_LENGTH), options);
      if (!response.ok && response.sw !== 0x6282) {
        throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'READ token label' } });
      }
      return classifyTokenLabel(response.data);
    });
  }

  /** SELECT JPKI AP and read the certificate EF, in one async step ({@link readTlvFile}). */
  private readCertificate(spec: FileReadSpec, options: ReadCertificateOptions): Promise<Uint8Array> {
    return this.run(() => readTlvFile(this.channel, spec, options, this.options.useExtendedLength, JPKI_AID));
  }

  /** As {@link readCertificate}, the summary built in the same step. */
  private readCertificateSummary(spec: FileReadSpec, options: ReadCertificateOptions): Promise<CertificateSummary> {
    return this.run(() => readTlvFile(this.channel, spec, options, this.options.useExtendedLength, JPKI_AID, certificateFromDer));
  }

  /**
   * Reads and parses the 利用者証明用電子証明書 (JPKI EF `000A`), readable without a PIN on a
   * physical card (memo §3.1). The length comes from the DER header of the first read.
   *
   * APDUs for a certificate of N bytes: 2 + ceil(N / 256) with short APDUs (a typical 1571-byte
   * certificate: 9); 2 + 2 = 4 when the transport passes extended APDUs (N > 256).
   * Throws `CARD_CERT_MISSING` when the card has none, `CARD_CERT_INVALID` when it is malformed.
   *
   * The summary's fields are decoded on first access and cached (`der` needs no decoding): the
   * read checks the certificate's outer structure at once (its three parts and the
   * tbsCertificate's fields tile exactly: truncation, trailing bytes, broken lengths); a defect
   * inside a field (a bad time, OID, string or nested length) throws `CARD_CERT_INVALID` from the
   * first field access, exactly as {@link parseCertificate} would have thrown it.
   */
  readAuthCertificate(options: ReadCertificateOptions = {}): Promise<CertificateSummary> {
    return this.readCertificateSummary(AUTH_CERT_FILE, options);
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
    return this.readCertificateSummary(AUTH_CA_CERT_FILE, options);
  }

  /**
   * Tries left on the user-auth PIN, via the empty VERIFY that never uses a try. `not-set` is a
   * 顔認証マイナンバーカード (no PIN, no signing certificate).
   * APDUs: 3 — SELECT JPKI AP, SELECT `0018`, VERIFY (no data); 4 when the PIN looks blocked
   * (SELECT of the signing-certificate EF, never read, to tell a face-authentication card).
   */
  authPinStatus(options: OperationOptions = {}): Promise<PinStatus> {
    return this.run(async () => {
      await this.channel.selectApplication(JPKI_AID, options);
      return this.refineAuthPinStatus(await queryPinStatus(this.channel, JpkiFile.AUTH_PIN, AUTH_PIN_MAX_TRIES, options), options);
    });
  }

  /**
   * A 顔認証マイナンバーカード has no PINs and no 署名用電子証明書 (eligibility memo §5.1) and
   * answers its unset PIN like a blocked one (`63C0`). When the PIN looks blocked, one SELECT of
   * the signing-certificate EF (never read) tells the two apart: `6A82` → `not-set`. A card of a
   * holder under 15 with a really blocked PIN looks the same and is reported `not-set` too; the
   * desk checks either visually.
   */
  private async refineAuthPinStatus(status: PinStatus, options: OperationOptions): Promise<PinStatus> {
    if (status.state !== 'blocked') return status;
    const selected = await this.channel.selectFile(JpkiFile.SIGNING_CERT, options);
    return selected.sw === 0x6a82 ? { state: 'not-set', triesLeft: 0, verified: false } : status;
  }

  /**
   * Presents the 利用者証明用暗証番号 (4 digits) once. Refuses with `CARD_PIN_LAST_TRY` (sending
   * nothing more) when one try is left unless `allowLastTry`. A `Uint8Array` PIN is zeroed.
   * Throws `CARD_PIN_WRONG` (with `triesLeft`), `CARD_PIN_BLOCKED`, `CARD_PIN_NOT_SET`,
   * `CARD_PIN_FORMAT` (before any APDU).
   *
   * APDUs: 4 — SELECT JPKI AP, SELECT `0018`, empty VERIFY, VERIFY; 3 when refused by the
   * last-try guard; 4 when blocked or not set (SELECT of the signing-certificate EF instead of
   * VERIFY); 0 for a malformed PIN.
   */
  verifyAuthPin(pin: PinInput, options: VerifyOptions = {}): Promise<void> {
    return this.run(async () => {
      const bytes = takePin(pin, FOUR_DIGIT_PIN);
      try {
        await this.channel.selectApplication(JPKI_AID, options);
      } catch (error) {
        wipe(bytes);
        throw error;
      }
      await presentPin(this.channel, JpkiFile.AUTH_PIN, AUTH_PIN_MAX_TRIES, bytes, FOUR_DIGIT_PIN, options, (status) => this.refineAuthPinStatus(status, options));
    });
  }

  /**
   * Signs with the user-authentication key (JPKI EF `0017`, RSA-2048, PKCS#1 v1.5 by the card).
   * Call {@link verifyAuthPin} first in the same card session. Returns the 256-byte signature.
   * Throws `CARD_SECURITY_STATUS` when the PIN is not verified.
   *
   * APDUs: 2 — SELECT `0017`, COMPUTE DIGITAL SIGNATURE — right after `verifyAuthPin` (the JPKI
   * AP is still current, as in the memo §7.1 trace); 3 (SELECT JPKI AP first) otherwise; 4 when
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
      if (selected.sw === 0x6a82) throw new CardError('CARD_CERT_MISSING', { sw: selected.swHex, detail: AUTH_CERT_NAME });
      if (!selected.ok) throw new CardError('CARD_UNEXPECTED_STATUS', { sw: selected.swHex, detail: { sw: selected.swHex, step: 'SELECT key EF' } });
      const response = await this.channel.send(computeSignature(digestInfo), options);
      if (response.ok) {
        if (response.data.length === 0) throw new CardError('CARD_DATA_INVALID', { detail: { reason: '署名が空', reasonEn: 'empty signature' } });
        return response.data;
      }
      if (response.sw === 0x6982) throw new CardError('CARD_SECURITY_STATUS', { sw: response.swHex });
      if (response.sw === 0x6984) throw new CardError('CARD_PIN_BLOCKED', { sw: response.swHex, triesLeft: 0 });
      throw new CardError('CARD_UNEXPECTED_STATUS', { sw: response.swHex, detail: { sw: response.swHex, step: 'COMPUTE DIGITAL SIGNATURE' } });
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
      try {
        await this.channel.selectApplication(INPUT_SUPPORT_AID, options);
      } catch (error) {
        wipe(bytes);
        throw error;
      }
      await presentPin(this.channel, InputSupportFile.PIN, 3, bytes, FOUR_DIGIT_PIN, options);
      const file = await readTlvFile(
        this.channel,
        {
          fid: InputSupportFile.BASIC_INFO,
          mode: 'ber',
          missing: () => new CardError('CARD_FILE_NOT_FOUND', { detail: { file: '入力補助AP 0002' } }),
          invalid: (reason, offset) => new CardError('CARD_DATA_INVALID', { detail: { reason: reason.ja, reasonEn: reason.en }, ...(offset === undefined ? {} : { offset }) }),
        },
        options,
        this.options.useExtendedLength,
      );
      return parseBasicInfo(file, this.options.sexCodeThree === undefined ? {} : { sexCodeThree: this.options.sexCodeThree });
    });
  }

  /**
   * Reads the face photo (JPEG 2000) from the 券面AP after presenting 照合番号B once (照合番号A,
   * the individual number, is never used). The verification number is zeroed like a PIN.
   *
   * APDUs: 5 + the READs of the card-face file — SELECT AP, SELECT `0012`, empty VERIFY,
   * VERIFY, SELECT `0002`, then ceil(N / 256) READ BINARY (2 with extended Le).
   */
  readFaceImage(verificationNumberB: PinInput, options: VerifyOptions & { onProgress?: ReadProgress } = {}): Promise<FaceImage> {
    const format: PinFormat = {
      lengths: this.options.verificationNumberBLengths ?? [14],
      ja: `数字 ${(this.options.verificationNumberBLengths ?? [14]).join(' または ')} 桁`,
      en: `${(this.options.verificationNumberBLengths ?? [14]).join(' or ')} digits`,
    };
    return this.run(async () => {
      const bytes = takePin(verificationNumberB, format);
      try {
        await this.channel.selectApplication(CARD_FACE_AID, options);
      } catch (error) {
        wipe(bytes);
        throw error;
      }
      // Retry limit of 照合番号B is not published (memo §10 #8); the counter from 63Cx is used as is.
      await presentPin(this.channel, CardFaceFile.VERIFICATION_NUMBER_B, 0, bytes, format, options);
      const file = await readTlvFile(
        this.channel,
        {
          fid: CardFaceFile.FACE,
          mode: 'ber',
          missing: () => new CardError('CARD_FILE_NOT_FOUND', { detail: { file: '券面AP 0002' } }),
          invalid: (reason, offset) => new CardError('CARD_DATA_INVALID', { detail: { reason: reason.ja, reasonEn: reason.en }, ...(offset === undefined ? {} : { offset }) }),
        },
        options,
        this.options.useExtendedLength,
      );
      return parseFaceImage(file);
    });
  }

  /**
   * Power-cycles the card through `transport.reset()` when the transport offers it (clearing
   * PIN security status, memo §1.4), and forgets the driver's session state so the power-on
   * throwaway command is sent again. APDUs: 0.
   */
  reset(options: OperationOptions = {}): Promise<void> {
    return this.run(async () => {
      this.channel.invalidate();
      await this.transport.reset?.(options);
    });
  }
}

async function toDigestInfo(input: SignInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) {
    if (input.length === 0 || input.length > MAX_SIGN_INPUT) {
      throw new CardError('CARD_INPUT_INVALID', {
        detail: { reason: `署名対象は 1〜${MAX_SIGN_INPUT} バイト`, reasonEn: `the DigestInfo must be 1-${MAX_SIGN_INPUT} bytes, got ${input.length}` },
      });
    }
    return input;
  }
  if (typeof input === 'object' && input !== null && 'data' in input && input.data instanceof Uint8Array) return digestInfoOf(input.hash, input.data);
  if (typeof input === 'object' && input !== null && 'digest' in input && input.digest instanceof Uint8Array) return digestInfoFor(input.hash, input.digest);
  throw new CardError('CARD_INPUT_INVALID', { detail: { reason: '署名対象の形式が不正', reasonEn: 'sign input must be a DigestInfo or { data | digest, hash }' } });
}
