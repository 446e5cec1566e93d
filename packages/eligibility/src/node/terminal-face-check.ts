/**
 * The desk flow for a clinic with a real 資格確認端末 (docs/reference/oqs-messages.md#file-link):
 * the patient presents the card at the terminal's own reader, the terminal checks identity there
 * and writes the result into the face folder, and the desk waits for the face result of the
 * patient in front of it, matched by 照会番号 when one was registered, otherwise by name + birth
 * date + today (never "the next face file"). Several matching files are shown to staff to choose.
 * The chosen result is saved like the card workflow saves it (same {@link CheckRecord}, the
 * result and burden ratio exactly as decoded, the store's `check` audit entry) and the call
 * returns the workflow's {@link CheckSummary}. The face file is read where it is, never moved:
 * the rececon and other tools read the same folder.
 * @module
 */
import type { LocalizedMessage } from '@onshikit/apdu';
import { EligibilityError } from '../errors.js';
import { outcomeOfValidity, type CheckOutcome } from '../model/codes.js';
import type { EligibilityResponse, EligibilityResult, IsoDate } from '../model/result.js';
import type { CheckRecord, RececonStore } from '../store/types.js';
import { jstDate, toFailure } from '../workflow/check-run.js';
import type { CheckSummary, WorkflowFailure } from '../workflow/events.js';
import type { FaceCandidate, FaceMatchKey } from './file-link/face-match.js';
import type { OqsFileLinkService } from './file-link-service.js';

/** What the desk knows about the patient it waits for. */
export interface FaceCheckPatient {
  /** 照会番号 registered for the patient beforehand; when given, only it is matched. */
  readonly referenceNumber?: string;
  /** Name as registered at the desk (needed with {@link birthDate} when no 照会番号 is given). */
  readonly name?: string;
  readonly birthDate?: IsoDate;
  /** The rececon's own patient id, saved with the record. */
  readonly patientId?: string;
}

/** Events of one face check, for the desk screen; each carries its Japanese/English message. */
export type TerminalFaceCheckEvent =
  | { readonly type: 'waiting-for-face-result'; readonly message: LocalizedMessage }
  /** Several face files match the patient: staff choose one (`chooseFaceResult`). */
  | {
      readonly type: 'face-match-ambiguous';
      readonly candidates: readonly FaceCandidate[];
      readonly message: LocalizedMessage;
    }
  | {
      readonly type: 'selection-required';
      readonly results: readonly EligibilityResult[];
      readonly message: LocalizedMessage;
    }
  | {
      readonly type: 'result';
      readonly file: string;
      readonly response: EligibilityResponse;
      readonly selected?: EligibilityResult;
      readonly message: LocalizedMessage;
    }
  | { readonly type: 'saved'; readonly checkId: string; readonly created: boolean; readonly message: LocalizedMessage };

/** Options of a {@link TerminalFaceCheck}. */
export interface TerminalFaceCheckOptions {
  /** The file link whose face folder the terminal writes. */
  readonly service: Pick<OqsFileLinkService, 'awaitFaceResult' | 'claimFaceResult'>;
  /** Where checks are saved (with their `check` audit entry); none: nothing is saved. */
  readonly store?: RececonStore;
  /** Operator id recorded as who ran the check. */
  readonly operator: string;
  readonly terminalId?: string;
  /**
   * How the terminal checks identity at its reader (its configuration: 顔認証 or 暗証番号 as
   * `pin`, 目視 as `visual`). A face file does not say it, so the desk records this.
   */
  readonly identityMode: 'visual' | 'pin';
  /** How long to wait for the face result, ms (default: the service's timeout). */
  readonly timeoutMs?: number;
  /** Clock for today's 資格確認日 and `checkedAt` (tests). */
  readonly now?: () => Date;
}

/** One call of {@link TerminalFaceCheck.run}. */
export interface FaceCheckRequest {
  /** The record's id (1-64 of `[A-Za-z0-9._:-]`), chosen by the desk. */
  readonly checkId: string;
  readonly patient: FaceCheckPatient;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly onEvent?: (event: TerminalFaceCheckEvent) => void;
  /**
   * Staff choose among face files that all match the patient (the same name and birth date):
   * the chosen file name, or `undefined` when none is this patient (the check is cancelled).
   */
  readonly chooseFaceResult: (candidates: readonly FaceCandidate[]) => Promise<string | undefined> | string | undefined;
  /** Staff choose among several qualifications in one result (複数該当); index into `results`. */
  readonly chooseResult?: (results: readonly EligibilityResult[]) => Promise<number> | number;
}

/** The workflow's summary plus the face file the result came from. */
export interface TerminalFaceCheckSummary extends CheckSummary {
  /** The face file's name (left in the face folder). */
  readonly faceFile?: string;
}

const WAITING: LocalizedMessage = {
  ja: '資格確認端末のカードリーダーにマイナンバーカードを置いてもらってください。結果を待っています。',
  en: 'Ask the patient to place the card on the terminal’s reader. Waiting for its result.',
};
const AMBIGUOUS: LocalizedMessage = {
  ja: '同じ氏名・生年月日の資格確認結果が複数あります。受付中の患者の結果を選んでください。',
  en: 'Several results match this name and birth date. Choose the one of the patient at the desk.',
};
const SELECTION: LocalizedMessage = {
  ja: '複数の資格が該当しました。該当する資格を選んでください。',
  en: 'Several qualifications match. Choose one.',
};
const RESULT: LocalizedMessage = { ja: '資格確認結果を受け取りました。', en: 'The eligibility result arrived.' };
const SAVED: LocalizedMessage = { ja: '資格確認結果を保存しました。', en: 'The eligibility result was saved.' };

/** Rejects with `CHECK_CANCELLED` when `signal` aborts first. */
function abortable<T>(value: Promise<T> | T, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return Promise.resolve(value);
  if (signal.aborted) {
    // biome-ignore lint/plugin/no-swallowed-rejection: the check is already cancelled; the operation's own failure adds nothing
    Promise.resolve(value).catch(() => undefined);
    return Promise.reject(new EligibilityError('CHECK_CANCELLED'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new EligibilityError('CHECK_CANCELLED'));
    signal.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(value).then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The desk's side of card checks done at a real 資格確認端末 (Node only). */
export class TerminalFaceCheck {
  readonly #options: TerminalFaceCheckOptions;

  constructor(options: TerminalFaceCheckOptions) {
    this.#options = options;
  }

  /**
   * Waits for the patient's face result and saves it. Never rejects for the check's own
   * failures: the summary says `failed` (typed code: `SERVICE_TIMEOUT`, `SERVICE_PROCESSING_ERROR`,
   * `INVALID_EVENT`, store errors…) or `cancelled` (aborted, or staff chose none of the files),
   * and a check that saved nothing still leaves an audit entry. Rejects `CHECK_FAILED` only for
   * a patient without 照会番号 and without both name and birth date.
   */
  async run(request: FaceCheckRequest): Promise<TerminalFaceCheckSummary> {
    const patient = request.patient;
    const hasName = patient.name !== undefined && patient.name.trim() !== '' && patient.birthDate !== undefined;
    if (patient.referenceNumber === undefined && !hasName)
      throw new EligibilityError('CHECK_FAILED', {
        detail: { reason: 'a face result is matched by 照会番号, or by name and birth date' },
      });
    const now = this.#options.now ?? (() => new Date());
    const key: FaceMatchKey = {
      checkDate: jstDate(now()),
      ...(patient.referenceNumber === undefined ? {} : { referenceNumber: patient.referenceNumber }),
      ...(patient.name === undefined ? {} : { name: patient.name }),
      ...(patient.birthDate === undefined ? {} : { birthDate: patient.birthDate }),
    };
    const signal = request.signal;
    const mode = this.#options.identityMode;
    let response: EligibilityResponse | undefined;
    let result: EligibilityResult | undefined;
    let faceFile: string | undefined;
    let outcome: CheckOutcome = 'error';
    let saved = false;
    let failure: WorkflowFailure | undefined;
    let cancelled = false;
    try {
      this.#emit(request, { type: 'waiting-for-face-result', message: WAITING });
      const timeoutMs = request.timeoutMs ?? this.#options.timeoutMs;
      const match = await abortable(
        this.#options.service.awaitFaceResult(key, {
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...(signal === undefined ? {} : { signal }),
        }),
        signal,
      );
      let candidate: FaceCandidate;
      if (match.status === 'matched') candidate = match.candidate;
      else {
        this.#emit(request, { type: 'face-match-ambiguous', candidates: match.candidates, message: AMBIGUOUS });
        const chosen = await abortable(request.chooseFaceResult(match.candidates), signal);
        if (chosen === undefined) throw new EligibilityError('CHECK_CANCELLED');
        const found = match.candidates.find((c) => c.file === chosen);
        if (found === undefined)
          throw new EligibilityError('INVALID_EVENT', { detail: { action: 'choose face result' } });
        await this.#options.service.claimFaceResult(found.file);
        candidate = found;
      }
      faceFile = candidate.file;
      response = candidate.response;
      if (response.status === 2 || response.header.segmentOfResult === 9 || response.validity === undefined)
        throw new EligibilityError('SERVICE_PROCESSING_ERROR', {
          detail: {
            code: response.processingResultCode ?? response.header.errorCode,
            message: response.processingResultMessage ?? response.header.errorMessage,
          },
        });
      outcome = outcomeOfValidity(response.validity);
      result = await this.#select(request, response);
      this.#emit(request, {
        type: 'result',
        file: candidate.file,
        response,
        ...(result === undefined ? {} : { selected: result }),
        message: RESULT,
      });
      const store = this.#options.store;
      if (store !== undefined) {
        const record: CheckRecord = {
          checkId: request.checkId,
          checkedAt: now().toISOString(),
          operator: this.#options.operator,
          mode,
          outcome,
          ...(this.#options.terminalId === undefined ? {} : { terminalId: this.#options.terminalId }),
          ...(patient.patientId === undefined ? {} : { patientId: patient.patientId }),
          ...(result === undefined ? {} : { result, insurerNumber: result.insurerNumber }),
        };
        saved = (await store.saveCheck(record)).created;
        this.#emit(request, { type: 'saved', checkId: record.checkId, created: saved, message: SAVED });
      }
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      cancelled = signal?.aborted === true || code === 'CHECK_CANCELLED' || code === 'SERVICE_ABORTED';
      if (!cancelled) failure = toFailure(error);
      outcome = cancelled ? 'cancelled' : 'error';
    }
    const state = failure !== undefined ? 'failed' : cancelled ? 'cancelled' : 'done';
    const summary: TerminalFaceCheckSummary = {
      checkId: request.checkId,
      state,
      mode,
      outcome,
      saved,
      ...(response === undefined ? {} : { response }),
      ...(result === undefined ? {} : { result }),
      ...(failure === undefined ? {} : { error: failure }),
      ...(faceFile === undefined ? {} : { faceFile }),
    };
    if (state !== 'done') await this.#auditUnsaved(summary, now);
    return summary;
  }

  async #select(request: FaceCheckRequest, response: EligibilityResponse): Promise<EligibilityResult | undefined> {
    if (response.results.length <= 1) return response.results[0];
    this.#emit(request, { type: 'selection-required', results: response.results, message: SELECTION });
    const choose = request.chooseResult;
    if (choose === undefined)
      throw new EligibilityError('INVALID_EVENT', { detail: { action: 'selection', reason: 'no chooser' } });
    const index = await abortable(choose(response.results), request.signal);
    const chosen = Number.isInteger(index) ? response.results[index] : undefined;
    if (chosen === undefined)
      throw new EligibilityError('INVALID_EVENT', { detail: { action: 'selection', index: String(index) } });
    return chosen;
  }

  /** Like the workflow: a check that saved nothing still leaves an audit entry (who, when, mode, code). */
  async #auditUnsaved(summary: TerminalFaceCheckSummary, now: () => Date): Promise<void> {
    const store = this.#options.store;
    if (store === undefined) return;
    try {
      await store.appendAudit({
        at: now().toISOString(),
        actor: this.#options.operator,
        action: 'check',
        checkId: summary.checkId,
        mode: summary.mode,
        outcome: summary.error?.code ?? summary.outcome,
      });
    } catch {
      // Best effort, as in the workflow; the failure itself is in the summary.
    }
  }

  #emit(request: FaceCheckRequest, event: TerminalFaceCheckEvent): void {
    try {
      request.onEvent?.(event);
    } catch {
      // A throwing screen handler must not break the check.
    }
  }
}
