/**
 * One eligibility check: the state machine of issue 7 §1 driven as an async sequence, with
 * explicit states (`states.ts`), typed events (`events.ts`) and the staff's decisions arriving
 * through the {@link CheckHandle}. Rules kept here:
 * - a PIN is asked for (a user action) before every VERIFY and VERIFY is never retried;
 * - with one try left the staff/patient must confirm before the VERIFY (`allowLastTry`);
 * - with none the check stops with `CARD_PIN_BLOCKED` (municipal office advice);
 * - a card without a PIN (顔認証マイナンバーカード) is checked visually only;
 * - the card is released exactly once, whatever happens, before the terminal event;
 * - exactly one terminal event (`done`, `failed`, `cancelled`) per check.
 * @module
 */
import { digestInfoOf } from '@onshikit/mynumber';
import type { LocalizedMessage } from '@onshikit/apdu';
import { EligibilityError, eligibilityErrorMessages } from '../errors.js';
import type { EligibilityErrorCode } from '../errors.js';
import { certificateGraceEnd } from '../model/certificate-grace.js';
import { outcomeOfValidity } from '../model/codes.js';
import type { CheckOutcome } from '../model/codes.js';
import type { EligibilityResponse, EligibilityResult } from '../model/result.js';
import type { PinSource } from '../ports/pin-source.js';
import type { EligibilityQuery, EligibilityService } from '../service/types.js';
import type { StoredCertificate, CheckRecord, IdentityMode, RececonStore } from '../store/types.js';
import type { CardSource, PresentedCard, WorkflowCard } from './card-port.js';
import type { CheckSummary, WorkflowEvent, WorkflowFailure } from './events.js';
import type { ManualEntry } from './manual-entry.js';
import { PROGRESS_MESSAGES, STATE_MESSAGES, TRANSITIONS } from './states.js';
import type { ProgressStep, WorkflowState } from './states.js';

/** The desk's operator session as the workflow sees it (see `OperatorSession`). */
export interface DeskSession {
  /** True while the desk is locked: checks refuse to start. */
  readonly locked: boolean;
  /** The unlocked operator's id, recorded as who ran the check. */
  readonly operatorId?: string | undefined;
  /** Marks activity (resets the auto-lock timer). */
  touch(): void;
}

/** Everything a run needs (assembled by `ReceptionWorkflow`). */
export interface CheckRunContext {
  readonly checkId: string;
  readonly service: EligibilityService;
  readonly cards?: CardSource | undefined;
  readonly pinSource?: PinSource | undefined;
  readonly store?: RececonStore | undefined;
  readonly session?: DeskSession | undefined;
  readonly operator: string;
  readonly terminalId?: string | undefined;
  readonly institutionCode: string;
  readonly identityMode: 'visual' | 'pin';
  readonly limitConsent: boolean;
  readonly patientId?: string | undefined;
  readonly now: () => Date;
  /** Days after `notAfter` still accepted; `undefined` = MHLW's three-month grace ({@link certificateGraceEnd}). */
  readonly certificateGraceDays: number | undefined;
  readonly certificateWarningDays: number;
  readonly onEvent?: ((event: WorkflowEvent) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
}

type DecisionKind = 'visual' | 'last-try' | 'selection';

interface Pending {
  readonly kind: DecisionKind;
  resolve(value: number | boolean): void;
}

const DAY = 86_400_000;

/** The JST calendar date of an instant (資格確認日 is a Japanese date). */
export function jstDate(at: Date): string {
  return new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** A running check. Use through its {@link CheckHandle}. */
export class CheckRun {
  readonly #ctx: CheckRunContext;
  readonly #abort = new AbortController();
  #state: WorkflowState = 'idle';
  #pending: Pending | undefined;
  #presented: PresentedCard | undefined;
  /** The card source's pending answer, so a card arriving after a cancel is still released. */
  #arrival: Promise<unknown> | undefined;
  #released = false;
  #releaseDone = false;
  #mode: IdentityMode;
  #certificate: StoredCertificate | undefined;
  #response: EligibilityResponse | undefined;
  #result: EligibilityResult | undefined;
  #outcome: CheckOutcome = 'error';
  #saved = false;
  readonly done: Promise<CheckSummary>;

  constructor(ctx: CheckRunContext, body: 'card' | { manual: ManualEntry }) {
    this.#ctx = ctx;
    this.#mode = body === 'card' ? ctx.identityMode : 'manual';
    const external = ctx.signal;
    if (external !== undefined) {
      if (external.aborted) this.#abort.abort(external.reason);
      else external.addEventListener('abort', () => this.#abort.abort(external.reason), { once: true });
    }
    this.done = this.#run(body);
  }

  get state(): WorkflowState {
    return this.#state;
  }

  /** Resolves a pending decision; throws `INVALID_EVENT` when none of that kind is pending. */
  decide(kind: DecisionKind, value: number | boolean): void {
    const pending = this.#pending;
    if (pending === undefined || pending.kind !== kind)
      throw new EligibilityError('INVALID_EVENT', { detail: { action: kind, state: this.#state } });
    this.#pending = undefined;
    pending.resolve(value);
  }

  /** The decision the check waits for, if any. */
  get waitingFor(): DecisionKind | undefined {
    return this.#pending?.kind;
  }

  cancel(reason?: unknown): void {
    this.#abort.abort(reason ?? new EligibilityError('CHECK_CANCELLED'));
  }

  async #run(body: 'card' | { manual: ManualEntry }): Promise<CheckSummary> {
    let failure: WorkflowFailure | undefined;
    try {
      if (this.#ctx.session?.locked === true) throw new EligibilityError('SESSION_LOCKED');
      this.#ctx.session?.touch();
      const query = body === 'card' ? await this.#cardPath() : this.#manualQuery(body.manual);
      await this.#query(query);
      await this.#choose();
      await this.#save();
    } catch (error) {
      failure = this.#abort.signal.aborted ? undefined : toFailure(error);
      if (failure === undefined) this.#outcome = 'cancelled';
      else if (this.#response === undefined) this.#outcome = 'error';
    } finally {
      await this.#release();
    }
    return this.#finish(failure);
  }

  // ---- card path ---------------------------------------------------------------------

  async #cardPath(): Promise<EligibilityQuery> {
    const cards = this.#ctx.cards;
    if (cards === undefined)
      throw new EligibilityError('CHECK_FAILED', { detail: { reason: 'no card source configured' } });
    this.#enter('waiting-for-card');
    this.#progress('waiting-for-card', 0);
    const arrival = cards.waitForCard({ signal: this.#abort.signal });
    // biome-ignore lint/plugin/no-swallowed-rejection: only tracks a late arrival; a failed wait rejects through #guard below
    this.#arrival = arrival.then(
      (card) => {
        // biome-ignore lint/plugin/no-swallowed-rejection: best-effort release of a card that arrived after the check ended
        if (this.#releaseDone) return card.release().catch(() => undefined);
        this.#presented = card;
        return undefined;
      },
      () => undefined,
    );
    const presented = await this.#guard(arrival);
    this.#presented = presented;
    const card = presented.card;
    this.#enter('card-detected');
    const detection = await this.#guard(card.detect({ signal: this.#abort.signal }));
    if (!detection.isMyNumberCard)
      throw new EligibilityError('CARD_NOT_MYNUMBER', { detail: { kind: detection.kind } });
    // PIN mode: the service's challenge travels while the certificate is read and the PIN typed.
    const challenge = this.#mode === 'pin' ? this.#fetchChallenge() : undefined;
    this.#progress('reading-certificate', 10);
    const cert = await this.#guard(
      card.readAuthCertificate({
        signal: this.#abort.signal,
        onProgress: (read, total) =>
          this.#progress('reading-certificate', 10 + Math.floor((40 * Math.min(read, total)) / Math.max(total, 1))),
      }),
    );
    const now = this.#ctx.now();
    const notAfter = cert.notAfter.getTime();
    this.#certificate = {
      serial: cert.serialNumber.toLowerCase().replace(/[^0-9a-f]/g, ''),
      notAfter: new Date(notAfter).toISOString(),
    };
    // MHLW lets a lapsed certificate be used for three months (docs/reference/card-protocol.md#certificate-validity):
    // within that grace the desk warns and the service decides; after it the check stops here.
    const graceDays = this.#ctx.certificateGraceDays;
    const graceEnd =
      graceDays === undefined ? certificateGraceEnd(cert.notAfter).getTime() : notAfter + graceDays * DAY;
    if (now.getTime() > graceEnd) throw new EligibilityError('CERTIFICATE_EXPIRED');
    if (now.getTime() < cert.notBefore.getTime())
      throw new EligibilityError('CERTIFICATE_MISSING', { detail: { reason: 'not yet valid' } });
    if (now.getTime() > notAfter) {
      this.#emit({
        type: 'certificate-expiring',
        notAfter: this.#certificate.notAfter,
        graceUntil: new Date(graceEnd).toISOString(),
        message: {
          ja: '利用者証明用電子証明書の有効期限が切れています。期限切れから3か月間は資格確認に使えますが、市区町村の窓口で早めに更新してください。',
          en: 'The user-authentication certificate has expired. For three months after expiry it can still be used for the eligibility check; renew it at the municipal office soon.',
        },
      });
    } else if (notAfter - now.getTime() < this.#ctx.certificateWarningDays * DAY) {
      this.#emit({
        type: 'certificate-expiring',
        notAfter: this.#certificate.notAfter,
        message: {
          ja: '利用者証明用電子証明書の有効期限が近づいています。市区町村の窓口で更新してください。',
          en: 'The user-authentication certificate expires soon. Renew it at the municipal office.',
        },
      });
    }
    this.#enter('identity-check');
    let signature: { challenge: Uint8Array; value: Uint8Array } | undefined;
    const header = this.#header();
    if (this.#mode === 'pin') {
      const status = await this.#guard(card.authPinStatus({ signal: this.#abort.signal }));
      if (status.state === 'not-set') {
        this.#emit({ type: 'face-card-detected', message: eligibilityErrorMessages.PIN_MODE_UNAVAILABLE });
        this.#mode = 'visual';
      } else if (status.state === 'unusable') {
        // Locked, or a card without a PIN: the card does not say which, so no office advice here.
        this.#emit({ type: 'pin-unusable', message: PIN_UNUSABLE_MESSAGE });
        this.#mode = 'visual';
      } else {
        signature = await this.#pinIdentity(card, status.state === 'blocked' ? 0 : status.triesLeft, challenge);
      }
    }
    // The last APDU is done: let the patient take the card back now, before the staff's
    // confirmation and the service's answer.
    await this.#release();
    if (this.#mode === 'visual') {
      const confirmed = await this.#wait('visual', () =>
        this.#emit({
          type: 'visual-confirmation-required',
          certificate: this.#certificate as StoredCertificate,
          message: VISUAL_MESSAGE,
        }),
      );
      if (confirmed !== true) throw new EligibilityError('VISUAL_REJECTED');
    }
    const certificate = cert.der;
    return {
      kind: 'card',
      ...header,
      certificate,
      identity: this.#mode === 'pin' ? 'pin' : 'visual',
      ...(signature === undefined ? {} : { signature }),
    };
  }

  /**
   * Starts fetching the challenge the card will sign (or derives one when the service has no
   * challenge endpoint). A failure surfaces where the challenge is used, never unhandled.
   */
  #fetchChallenge(): Promise<Uint8Array> {
    const service = this.#ctx.service;
    const pending =
      service.challenge !== undefined
        ? service.challenge({ signal: this.#abort.signal })
        : Promise.resolve(this.#derivedChallenge());
    // biome-ignore lint/plugin/no-swallowed-rejection: only marks the rejection handled; #pinIdentity awaits `pending` itself (through #guard), where it fails the check.
    pending.catch(() => undefined);
    return pending;
  }

  async #pinIdentity(
    card: WorkflowCard,
    initialTries: number,
    challenge: Promise<Uint8Array> | undefined,
  ): Promise<{ challenge: Uint8Array; value: Uint8Array }> {
    const pinSource = this.#ctx.pinSource;
    if (pinSource === undefined)
      throw new EligibilityError('CHECK_FAILED', { detail: { reason: 'no PIN source configured' } });
    let triesLeft = initialTries;
    for (;;) {
      if (triesLeft <= 0) throw new EligibilityError('CARD_PIN_BLOCKED');
      let allowLastTry = false;
      if (triesLeft === 1) {
        const go = await this.#wait('last-try', () =>
          this.#emit({ type: 'last-try-confirmation-required', message: LAST_TRY_MESSAGE }),
        );
        if (go !== true) throw new EligibilityError('LAST_TRY_DECLINED');
        allowLastTry = true;
      }
      this.#emit({ type: 'pin-required', triesLeft, message: PIN_MESSAGE });
      const pin = await this.#guard(
        pinSource.requestPin({ digits: 4, triesLeft, signal: this.#abort.signal }),
        (late) => late.fill(0),
      );
      this.#progress('checking-pin', 55);
      try {
        await this.#guard(card.verifyAuthPin(pin, { allowLastTry, signal: this.#abort.signal }));
        break;
      } catch (error) {
        const code = codeOf(error);
        if (code !== 'CARD_PIN_WRONG') throw error;
        const reported = (error as { triesLeft?: unknown }).triesLeft;
        triesLeft =
          typeof reported === 'number'
            ? reported
            : (await this.#guard(card.authPinStatus({ signal: this.#abort.signal }))).triesLeft;
        if (triesLeft <= 0) throw new EligibilityError('CARD_PIN_BLOCKED');
        this.#emit({ type: 'pin-wrong', triesLeft, message: pinWrongMessage(triesLeft) });
      } finally {
        pin.fill(0);
      }
    }
    this.#progress('signing', 60);
    const nonce = await this.#guard(challenge ?? this.#fetchChallenge());
    const digestInfo = await digestInfoOf('SHA-256', nonce);
    const value = await this.#guard(card.signWithAuthKey(digestInfo, { signal: this.#abort.signal }));
    return { challenge: nonce, value };
  }

  #derivedChallenge(): Uint8Array {
    const h = this.#header();
    return new TextEncoder().encode(`onshikit-challenge|${h.institutionCode}|${h.checkDate}|${h.fileId}`);
  }

  // ---- manual path -------------------------------------------------------------------

  #manualQuery(entry: ManualEntry): EligibilityQuery {
    return { kind: 'numbers', ...this.#header(), ...entry };
  }

  #header(): { checkDate: string; institutionCode: string; fileId: string; limitConsent: boolean } {
    return {
      checkDate: jstDate(this.#ctx.now()),
      institutionCode: this.#ctx.institutionCode,
      fileId: this.#ctx.checkId,
      limitConsent: this.#ctx.limitConsent,
    };
  }

  // ---- query, result, save -----------------------------------------------------------

  async #query(query: EligibilityQuery): Promise<void> {
    this.#enter('querying');
    this.#progress('querying', 70);
    const response = await this.#guard(this.#ctx.service.query(query, { signal: this.#abort.signal }));
    this.#response = response;
    this.#enter('result');
    if (response.status === 2 || response.header.segmentOfResult === 9 || response.validity === undefined) {
      this.#outcome = 'error';
      throw new EligibilityError('SERVICE_PROCESSING_ERROR', {
        detail: {
          code: response.processingResultCode ?? response.header.errorCode,
          message: response.processingResultMessage ?? response.header.errorMessage,
        },
      });
    }
    this.#outcome = outcomeOfValidity(response.validity);
  }

  async #choose(): Promise<void> {
    const response = this.#response as EligibilityResponse;
    let selected: EligibilityResult | undefined = response.results[0];
    if (response.results.length > 1) {
      const index = await this.#wait('selection', () =>
        this.#emit({
          type: 'selection-required',
          results: response.results,
          message: {
            ja: '複数の資格が該当しました。該当する資格を選んでください。',
            en: 'Several qualifications match. Choose one.',
          },
        }),
      );
      const chosen = typeof index === 'number' ? response.results[index] : undefined;
      if (chosen === undefined)
        throw new EligibilityError('INVALID_EVENT', { detail: { action: 'selection', index: String(index) } });
      selected = chosen;
    }
    this.#result = selected;
    this.#emit({
      type: 'result',
      response,
      ...(selected === undefined ? {} : { selected }),
      message: STATE_MESSAGES.result,
    });
  }

  async #save(): Promise<void> {
    const store = this.#ctx.store;
    if (store !== undefined) {
      this.#enter('saving');
      this.#progress('saving', 90);
      const record: CheckRecord = {
        checkId: this.#ctx.checkId,
        checkedAt: this.#ctx.now().toISOString(),
        operator: this.#ctx.operator,
        mode: this.#mode,
        outcome: this.#outcome,
        ...(this.#ctx.terminalId === undefined ? {} : { terminalId: this.#ctx.terminalId }),
        ...(this.#ctx.patientId === undefined ? {} : { patientId: this.#ctx.patientId }),
        ...(this.#certificate === undefined ? {} : { certificate: this.#certificate }),
        ...(this.#result === undefined ? {} : { result: this.#result, insurerNumber: this.#result.insurerNumber }),
      };
      const saved = await this.#guard(store.saveCheck(record));
      this.#saved = saved.created;
      this.#emit({ type: 'saved', checkId: record.checkId, created: saved.created, message: STATE_MESSAGES.saving });
    }
    this.#enter('done');
  }

  // ---- plumbing ----------------------------------------------------------------------

  async #release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    // Cancelled while waiting for a card: wait briefly for a card still on its way, so the
    // terminal event comes after its release; one arriving later still is released on arrival.
    if (this.#presented === undefined && this.#arrival !== undefined)
      await Promise.race([this.#arrival, new Promise((resolve) => setTimeout(resolve, 1000))]);
    this.#releaseDone = true;
    const presented = this.#presented;
    if (presented === undefined) return;
    try {
      await presented.release();
    } catch {
      // Releasing a card that is already gone is not a failure of the check.
    }
    this.#emit({ type: 'card-released', message: CARD_RELEASED_MESSAGE });
  }

  async #finish(failure: WorkflowFailure | undefined): Promise<CheckSummary> {
    const state = failure !== undefined ? 'failed' : this.#outcome === 'cancelled' ? 'cancelled' : 'done';
    if (state !== 'done') this.#state = state; // every state may fail or be cancelled
    const summary: CheckSummary = {
      checkId: this.#ctx.checkId,
      state,
      mode: this.#mode,
      outcome: state === 'done' ? this.#outcome : state === 'cancelled' ? 'cancelled' : this.#outcome,
      saved: this.#saved,
      ...(this.#response === undefined ? {} : { response: this.#response }),
      ...(this.#result === undefined ? {} : { result: this.#result }),
      ...(this.#certificate === undefined ? {} : { certificate: this.#certificate }),
      ...(failure === undefined ? {} : { error: failure }),
    };
    if (state !== 'done') await this.#auditUnsaved(summary);
    if (state !== 'done') this.#emit({ type: 'state', state, message: STATE_MESSAGES[state] });
    if (state === 'done') {
      this.#progress('done', 100);
      this.#emit({ type: 'done', summary, message: STATE_MESSAGES.done });
    } else if (state === 'failed')
      this.#emit({
        type: 'failed',
        error: failure as WorkflowFailure,
        summary,
        message: (failure as WorkflowFailure).messages,
      });
    else this.#emit({ type: 'cancelled', summary, message: STATE_MESSAGES.cancelled });
    return summary;
  }

  /** A check that ended without a saved record still leaves an audit entry (who, when, mode, code). */
  async #auditUnsaved(summary: CheckSummary): Promise<void> {
    const store = this.#ctx.store;
    if (store === undefined) return;
    try {
      await store.appendAudit({
        at: this.#ctx.now().toISOString(),
        actor: this.#ctx.operator,
        action: 'check',
        checkId: this.#ctx.checkId,
        mode: this.#mode,
        outcome: summary.error?.code ?? summary.outcome,
      });
    } catch {
      // The audit of a failed check is best effort; the failure itself is reported.
    }
  }

  #enter(next: WorkflowState): void {
    if (!TRANSITIONS[this.#state].includes(next))
      throw new EligibilityError('INVALID_EVENT', { detail: { from: this.#state, to: next } });
    this.#state = next;
    this.#emit({ type: 'state', state: next, message: STATE_MESSAGES[next] });
  }

  #progress(step: ProgressStep, percent: number): void {
    this.#emit({ type: 'progress', step, percent, message: PROGRESS_MESSAGES[step] });
  }

  #emit(event: WorkflowEvent): void {
    try {
      this.#ctx.onEvent?.(event);
    } catch {
      // A throwing screen handler must not break the check.
    }
  }

  /** Waits for a staff decision; rejects when the check is cancelled. */
  #wait(kind: DecisionKind, announce: () => void): Promise<number | boolean> {
    return this.#guard(
      new Promise<number | boolean>((resolve) => {
        this.#pending = { kind, resolve };
        announce();
      }),
    ).finally(() => {
      if (this.#pending?.kind === kind) this.#pending = undefined;
    });
  }

  /**
   * Races an operation against cancellation, so a component that ignores the signal cannot
   * hang the check. `late` disposes of a value that arrives after the cancel.
   */
  #guard<T>(operation: Promise<T>, late?: (value: T) => void): Promise<T> {
    const signal = this.#abort.signal;
    if (signal.aborted) {
      // biome-ignore lint/plugin/no-swallowed-rejection: the check is already cancelled; only a late value needs disposing of
      operation.then(
        (v) => late?.(v),
        () => undefined,
      );
      return Promise.reject(new EligibilityError('CHECK_CANCELLED'));
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        reject(new EligibilityError('CHECK_CANCELLED'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      operation.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (settled) late?.(value);
          else {
            settled = true;
            resolve(value);
          }
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (!settled) {
            settled = true;
            reject(error);
          }
        },
      );
    });
  }
}

const VISUAL_MESSAGE: LocalizedMessage = {
  ja: 'カードの顔写真とご本人を目視で確認し、「確認」または「本人ではない」を押してください。',
  en: 'Compare the photo on the card with the patient, then confirm or reject.',
};
const LAST_TRY_MESSAGE: LocalizedMessage = {
  ja: '暗証番号の残り回数が 1 回です。間違えるとロックされ、市区町村の窓口での再設定が必要になります。入力しますか?',
  en: 'Only one PIN try is left; a wrong PIN locks the card until the municipal office resets it. Continue?',
};
const PIN_UNUSABLE_MESSAGE: LocalizedMessage = {
  ja: 'このカードでは暗証番号を使えません(暗証番号がロックされているか、暗証番号のない顔認証マイナンバーカードです)。目視で本人確認します。',
  en: 'No PIN can be used with this card (the PIN is locked, or it is a face-authentication card without one). Identity is checked visually.',
};
const CARD_RELEASED_MESSAGE: LocalizedMessage = {
  ja: 'カードをお返しください。',
  en: 'Hand the card back to the patient.',
};
const PIN_MESSAGE: LocalizedMessage = { ja: '暗証番号(数字 4 桁)を入力してください。', en: 'Enter the 4-digit PIN.' };

function pinWrongMessage(triesLeft: number): LocalizedMessage {
  return { ja: `暗証番号が違います。残り ${triesLeft} 回です。`, en: `Wrong PIN. ${triesLeft} tries left.` };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

// Driver codes the workflow restates in its own words (renewal / municipal-office advice).
const RESTATED: Readonly<Record<string, EligibilityErrorCode>> = {
  CARD_PIN_BLOCKED: 'CARD_PIN_BLOCKED',
  CARD_CERT_MISSING: 'CERTIFICATE_MISSING',
  CARD_CERT_INVALID: 'CERTIFICATE_MISSING',
  CARD_PIN_NOT_SET: 'PIN_MODE_UNAVAILABLE',
  CARD_NOT_MYNUMBER: 'CARD_NOT_MYNUMBER',
};

/** The screen's view of any error: a stable code and both languages, never a secret. */
export function toFailure(error: unknown): WorkflowFailure {
  const code = codeOf(error);
  if (code !== undefined) {
    const restated = RESTATED[code];
    if (restated !== undefined) return { code: restated, messages: eligibilityErrorMessages[restated] };
    const messages = (error as { messages?: unknown }).messages as LocalizedMessage | undefined;
    if (messages !== undefined && typeof messages.ja === 'string' && typeof messages.en === 'string')
      return { code, messages };
  }
  return { code: 'CHECK_FAILED', messages: eligibilityErrorMessages.CHECK_FAILED };
}
