/**
 * 新患登録 prefill: with the patient's consent, reads the 券面事項入力補助AP's 基本4情報 with its
 * 4-digit PIN (from a {@link PinSource}) or with 照合番号B typed by staff, and returns a
 * {@link PatientDraft}. The rules of the reception check hold: nothing is sent before consent;
 * the last try of that PIN (its own counter) needs the staff's confirmation; one VERIFY per PIN
 * entry, never retried; PIN bytes zeroed; the individual number is never selected or read; every
 * attempt leaves an audit entry (who, when, consent, which items, never a value).
 *
 * @example
 * ```ts
 * const registration = new PatientRegistration({ pinSource, store, operator: 'desk-1', confirmLastTry: async () => confirm('残り 1 回です') });
 * const draft = await registration.readDraft({ card, consent: true, credential: { kind: 'input-support-pin' } });
 * form.fill({ name: draft.name, address: draft.address, birthDate: draft.birthDate.iso });
 * ```
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { PinSource } from '../ports/pin-source.js';
import type { RececonStore } from '../store/types.js';
import {
  buildPatientDraft,
  REGISTRATION_ITEMS,
  type PatientDraft,
  type RegistrationCredential,
} from './patient-draft.js';
import type { CardBasicInfo, RegistrationCard } from './registration-card.js';
import { encodeVerificationNumberB, type VerificationNumberBParts } from './verification-number-b.js';

/** Which credential opens the 基本4情報 this time. */
export type RegistrationCredentialInput =
  /** The holder types the 券面事項入力補助用暗証番号 on the PIN source. */
  | { readonly kind: 'input-support-pin' }
  /** Staff type 照合番号B from the card face (birth date, expiry year, security code). */
  | ({ readonly kind: 'verification-number-b' } & VerificationNumberBParts);

/** Options of a {@link PatientRegistration}. */
export interface PatientRegistrationOptions {
  /** Where the input-support PIN comes from (needed for `input-support-pin`). */
  readonly pinSource?: PinSource;
  /** Where the audit entry goes; without it nothing is recorded. */
  readonly store?: RececonStore;
  /** Who reads the card (operator id). Default `desk`. */
  readonly operator?: string;
  /**
   * Asked when one try is left on the credential about to be presented; `true` sends it. Without
   * this callback the last try is never used (`LAST_TRY_DECLINED`).
   */
  readonly confirmLastTry?: (credential: RegistrationCredential) => Promise<boolean>;
  /** Called after a wrong PIN with the tries left, before the next PIN entry is asked. */
  readonly onPinWrong?: (triesLeft: number) => void;
  /** Clock (default `() => new Date()`). */
  readonly now?: () => Date;
}

/** One read of the card. */
export interface ReadDraftRequest {
  /** The presented card (e.g. a `MyNumberCard`); the caller releases it. */
  readonly card: RegistrationCard;
  /** The patient agreed to have name, address, birth date and sex read from the card. */
  readonly consent: boolean;
  readonly credential: RegistrationCredentialInput;
  readonly signal?: AbortSignal;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function triesOf(error: unknown): number | undefined {
  const tries = (error as { triesLeft?: unknown } | null)?.triesLeft;
  return typeof tries === 'number' ? tries : undefined;
}

/** Card failures in the prefill's words; anything else passes through unchanged. */
function translate(error: unknown): unknown {
  switch (codeOf(error)) {
    case 'CARD_PIN_BLOCKED':
    case 'CARD_PIN_NOT_SET':
      return new EligibilityError('REGISTRATION_PIN_UNUSABLE', { cause: error });
    case 'CARD_NOT_MYNUMBER':
    case 'CARD_FILE_NOT_FOUND':
      return new EligibilityError('REGISTRATION_NOT_AVAILABLE', { cause: error });
    case 'CARD_DATA_INVALID':
    case 'CARD_UNEXPECTED_STATUS':
    case 'CARD_SECURITY_STATUS':
      return new EligibilityError('REGISTRATION_FAILED', { detail: { reason: codeOf(error) }, cause: error });
    default:
      return error;
  }
}

/** The 新患登録 prefill of one desk. Stateless between reads: one instance serves every patient. */
export class PatientRegistration {
  readonly #options: PatientRegistrationOptions;

  constructor(options: PatientRegistrationOptions = {}) {
    this.#options = options;
  }

  /**
   * Reads the card and returns the draft. Rejects with `REGISTRATION_CONSENT_REQUIRED` (no APDU
   * sent), `REGISTRATION_INPUT_INVALID` (照合番号B malformed, no APDU sent), `CARD_PIN_WRONG`
   * (with `triesLeft`; 照合番号B only: a wrong PIN asks the PIN source again),
   * `LAST_TRY_DECLINED`, `REGISTRATION_PIN_UNUSABLE`, `REGISTRATION_NOT_AVAILABLE`,
   * `REGISTRATION_FAILED`, or the card's link error (`CARD_REMOVED`, `ABORTED`, …).
   */
  async readDraft(request: ReadDraftRequest): Promise<PatientDraft> {
    const credential: RegistrationCredential =
      request.credential?.kind === 'verification-number-b' ? 'verification-number-b' : 'input-support-pin';
    const consent = request.consent === true;
    try {
      if (!consent) throw new EligibilityError('REGISTRATION_CONSENT_REQUIRED');
      const info =
        credential === 'input-support-pin'
          ? await this.#withPin(request)
          : await this.#withVerificationNumber(request, request.credential as VerificationNumberBParts);
      const draft = buildPatientDraft(info, credential, this.#now());
      await this.#audit(consent, credential, 'ok', REGISTRATION_ITEMS.join(','));
      return draft;
    } catch (error) {
      const failure = translate(error);
      await this.#audit(consent, credential, codeOf(failure) ?? 'REGISTRATION_FAILED', 'none');
      throw failure;
    }
  }

  #now(): Date {
    return (this.#options.now ?? (() => new Date()))();
  }

  async #confirmLastTry(credential: RegistrationCredential): Promise<void> {
    const confirm = this.#options.confirmLastTry;
    if (confirm === undefined || (await confirm(credential)) !== true) throw new EligibilityError('LAST_TRY_DECLINED');
  }

  /** PIN entries until one opens the file: each entry is presented once, then zeroed. */
  async #withPin(request: ReadDraftRequest): Promise<CardBasicInfo> {
    const pinSource = this.#options.pinSource;
    if (pinSource === undefined)
      throw new EligibilityError('REGISTRATION_FAILED', { detail: { reason: 'no PIN source configured' } });
    const link = request.signal === undefined ? {} : { signal: request.signal };
    const status = await request.card.inputSupportPinStatus(link);
    if (status.state !== 'ok') throw new EligibilityError('REGISTRATION_PIN_UNUSABLE');
    let triesLeft = status.triesLeft;
    for (;;) {
      if (triesLeft <= 0) throw new EligibilityError('REGISTRATION_PIN_UNUSABLE');
      const allowLastTry = triesLeft === 1;
      if (allowLastTry) await this.#confirmLastTry('input-support-pin');
      const pin = await pinSource.requestPin({ digits: 4, triesLeft, ...link });
      try {
        return await request.card.readBasicInfo(pin, { ...link, allowLastTry });
      } catch (error) {
        if (codeOf(error) !== 'CARD_PIN_WRONG') throw error;
        triesLeft = triesOf(error) ?? (await request.card.inputSupportPinStatus(link)).triesLeft;
        if (triesLeft <= 0) throw new EligibilityError('REGISTRATION_PIN_UNUSABLE', { cause: error });
        this.#options.onPinWrong?.(triesLeft);
      } finally {
        pin.fill(0);
      }
    }
  }

  /** 照合番号B as typed: presented once; on the last try only after the staff confirmed. */
  async #withVerificationNumber(request: ReadDraftRequest, parts: VerificationNumberBParts): Promise<CardBasicInfo> {
    const link = request.signal === undefined ? {} : { signal: request.signal };
    let number = encodeVerificationNumberB(parts);
    try {
      return await request.card.readBasicInfoWithVerificationNumber(number, link);
    } catch (error) {
      // The driver refused before any VERIFY (and zeroed the buffer): ask, then build it again.
      if (codeOf(error) !== 'CARD_PIN_LAST_TRY') throw error;
    } finally {
      number.fill(0);
    }
    await this.#confirmLastTry('verification-number-b');
    number = encodeVerificationNumberB(parts);
    try {
      return await request.card.readBasicInfoWithVerificationNumber(number, { ...link, allowLastTry: true });
    } finally {
      number.fill(0);
    }
  }

  async #audit(consent: boolean, credential: RegistrationCredential, outcome: string, items: string): Promise<void> {
    const store = this.#options.store;
    if (store === undefined) return;
    await store.appendAudit({
      at: this.#now().toISOString(),
      actor: this.#options.operator ?? 'desk',
      action: 'register',
      outcome,
      detail: { consent, credential, items },
    });
  }
}
