/**
 * The reception workflow: what a desk screen calls. One {@link ReceptionWorkflow} per desk
 * (settings, service, card source, PIN source, store, session); one {@link CheckHandle} per
 * patient.
 *
 * @example
 * ```ts
 * const workflow = new ReceptionWorkflow({ service, cards, pinSource, store, settings: { institutionCode, identityMode: 'visual' }, operator: 'desk-1' });
 * const check = workflow.startCheck({ onEvent: (e) => e.type === 'visual-confirmation-required' && check.confirmVisual() });
 * const summary = await check.done; // { state: 'done', outcome: 'valid', result, … }
 * ```
 * @module
 */
import { EligibilityError } from '../errors.js';
import type { PinSource } from '../ports/pin-source.js';
import type { EligibilityService } from '../service/types.js';
import type { RececonStore } from '../store/types.js';
import type { CardSource } from './card-port.js';
import { CheckRun } from './check-run.js';
import type { CheckRunContext, DeskSession } from './check-run.js';
import type { CheckSummary, WorkflowEvent } from './events.js';
import { validateManualEntry } from './manual-entry.js';
import type { WorkflowState } from './states.js';

/** The part of the app settings the workflow reads (see `AppSettings`). */
export interface WorkflowSettings {
  /** 機関コード from the settings sheet (docs/reference/portal-rules.md#settings-sheet). */
  readonly institutionCode: string;
  /** 目視 (`visual`, the app's "目視確認で本人認証" ON) or 暗証番号 (`pin`) (docs/reference/portal-rules.md#identity-modes). */
  readonly identityMode: 'visual' | 'pin';
}

/** Options of a {@link ReceptionWorkflow}. */
export interface ReceptionWorkflowOptions {
  readonly service: EligibilityService;
  readonly settings: WorkflowSettings;
  /** Where cards come from; needed for card checks. */
  readonly cards?: CardSource;
  /** Where PINs come from; needed in 暗証番号 mode. */
  readonly pinSource?: PinSource;
  /** Where checks are saved; without it nothing is saved. */
  readonly store?: RececonStore;
  /** The operator session: checks refuse to start while it is locked. */
  readonly session?: DeskSession;
  /** Operator id when no session is given (default `desk`). */
  readonly operator?: string;
  readonly terminalId?: string;
  /** Clock (default `() => new Date()`). */
  readonly now?: () => Date;
  /** Check id factory (default a random UUID). */
  readonly newCheckId?: () => string;
  /**
   * Days after the certificate's `notAfter` still accepted. Default: MHLW's grace of three months
   * after expiry (docs/reference/card-protocol.md#certificate-validity): the desk warns with a
   * `certificate-expiring` event carrying `graceUntil` and lets the service decide. `0` refuses
   * any lapsed certificate at the desk.
   */
  readonly certificateGraceDays?: number;
  /** Warn when the certificate expires within this many days (default 90, as the readers do). */
  readonly certificateWarningDays?: number;
}

/** Options of one check. */
export interface StartCheckOptions {
  /** Receives every event; a throwing handler is ignored. */
  readonly onEvent?: (event: WorkflowEvent) => void;
  /** Cancels the check (as {@link CheckHandle.cancel}). */
  readonly signal?: AbortSignal;
  /** The rececon's patient id, when known before the check. */
  readonly patientId?: string;
  /** The patient consented to 限度額 information (OQSCD001). */
  readonly limitConsent?: boolean;
  /** Overrides the settings' identity mode for this check. */
  readonly identityMode?: 'visual' | 'pin';
  /** Uses this check id (e.g. to retry a save idempotently). */
  readonly checkId?: string;
}

/** One running check: its id, state, the staff's actions and the final summary. */
export class CheckHandle {
  readonly #run: CheckRun;
  /** The id the check is saved under (also the query's 任意のファイル識別子). */
  readonly checkId: string;
  /** Resolves with how the check ended; never rejects. */
  readonly done: Promise<CheckSummary>;

  /** @internal */
  constructor(checkId: string, run: CheckRun) {
    this.checkId = checkId;
    this.#run = run;
    this.done = run.done;
  }

  /** The current state. */
  get state(): WorkflowState {
    return this.#run.state;
  }

  /** The decision the check waits for (`visual`, `last-try`, `selection`), if any. */
  get waitingFor(): 'visual' | 'last-try' | 'selection' | undefined {
    return this.#run.waitingFor;
  }

  /** Staff confirm the photo matches the patient (目視). Throws `INVALID_EVENT` when not asked. */
  confirmVisual(): void {
    this.#run.decide('visual', true);
  }

  /** Staff reject the visual check; the check fails with `VISUAL_REJECTED`. */
  rejectVisual(): void {
    this.#run.decide('visual', false);
  }

  /** The patient/staff accept to type the PIN on the last try. */
  confirmLastTry(): void {
    this.#run.decide('last-try', true);
  }

  /** Declines the last try; the check fails with `LAST_TRY_DECLINED` (the card stays usable). */
  declineLastTry(): void {
    this.#run.decide('last-try', false);
  }

  /** Picks one of several results (複数該当) by index. */
  selectResult(index: number): void {
    this.#run.decide('selection', index);
  }

  /** Cancels the check at any point; the card is released and the state becomes `cancelled`. */
  cancel(reason?: unknown): void {
    this.#run.cancel(reason);
  }
}

/** The reception workflow of one desk. */
export class ReceptionWorkflow {
  readonly #options: ReceptionWorkflowOptions;

  constructor(options: ReceptionWorkflowOptions) {
    if (options.settings.identityMode !== 'visual' && options.settings.identityMode !== 'pin') {
      throw new EligibilityError('SETTINGS_INVALID', { detail: { field: 'identityMode' } });
    }
    this.#options = options;
  }

  /** Starts a check with the My Number Card. */
  startCheck(options: StartCheckOptions = {}): CheckHandle {
    const ctx = this.#context(options);
    return new CheckHandle(ctx.checkId, new CheckRun(ctx, 'card'));
  }

  /**
   * Starts a check by numbers (照会区分 2) when the card cannot be used. Throws
   * `INVALID_MANUAL_ENTRY` synchronously for bad input (nothing is queried).
   */
  startManualCheck(entry: unknown, options: Omit<StartCheckOptions, 'identityMode'> = {}): CheckHandle {
    const manual = validateManualEntry(entry);
    const ctx = this.#context(options);
    return new CheckHandle(ctx.checkId, new CheckRun(ctx, { manual }));
  }

  #context(options: StartCheckOptions): CheckRunContext {
    const o = this.#options;
    const checkId = options.checkId ?? (o.newCheckId ?? (() => globalThis.crypto.randomUUID()))();
    return {
      checkId,
      service: o.service,
      cards: o.cards,
      pinSource: o.pinSource,
      store: o.store,
      session: o.session,
      operator: o.session?.operatorId ?? o.operator ?? 'desk',
      terminalId: o.terminalId,
      institutionCode: o.settings.institutionCode,
      identityMode: options.identityMode ?? o.settings.identityMode,
      limitConsent: options.limitConsent ?? false,
      patientId: options.patientId,
      now: o.now ?? (() => new Date()),
      certificateGraceDays: o.certificateGraceDays,
      certificateWarningDays: o.certificateWarningDays ?? 90,
      onEvent: options.onEvent,
      signal: options.signal,
    };
  }
}
