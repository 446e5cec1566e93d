/**
 * Typed events of one check. A desk screen switches over `type`; every event that the screen
 * shows carries its Japanese/English `message`.
 * @module
 */
import type { LocalizedMessage } from '@onshikit/apdu';
import type { EligibilityResponse, EligibilityResult } from '../model/result.js';
import type { CheckOutcome } from '../model/codes.js';
import type { StoredCertificate, IdentityMode } from '../store/types.js';
import type { ProgressStep, WorkflowState } from './states.js';

/** An error as the screen sees it: stable code and both languages. */
export interface WorkflowFailure {
  readonly code: string;
  readonly messages: LocalizedMessage;
}

/** Every event of a check. */
export type WorkflowEvent =
  | { readonly type: 'state'; readonly state: WorkflowState; readonly message: LocalizedMessage }
  | {
      readonly type: 'progress';
      readonly step: ProgressStep;
      readonly percent: number;
      readonly message: LocalizedMessage;
    }
  | { readonly type: 'face-card-detected'; readonly message: LocalizedMessage }
  /** The card's PIN cannot be used (locked, or a card without one: the card does not say which); 目視 follows. */
  | { readonly type: 'pin-unusable'; readonly message: LocalizedMessage }
  /** The last APDU of the check is done and the card released: the patient may take it back. */
  | { readonly type: 'card-released'; readonly message: LocalizedMessage }
  | {
      readonly type: 'certificate-expiring';
      readonly notAfter: string;
      /** Set when the certificate has already lapsed: the end of the grace in which the service still accepts it. */
      readonly graceUntil?: string;
      readonly message: LocalizedMessage;
    }
  | {
      readonly type: 'visual-confirmation-required';
      readonly certificate: StoredCertificate;
      readonly message: LocalizedMessage;
    }
  | { readonly type: 'pin-required'; readonly triesLeft: number; readonly message: LocalizedMessage }
  | { readonly type: 'pin-wrong'; readonly triesLeft: number; readonly message: LocalizedMessage }
  | { readonly type: 'last-try-confirmation-required'; readonly message: LocalizedMessage }
  | {
      readonly type: 'selection-required';
      readonly results: readonly EligibilityResult[];
      readonly message: LocalizedMessage;
    }
  | {
      readonly type: 'result';
      readonly response: EligibilityResponse;
      readonly selected?: EligibilityResult;
      readonly message: LocalizedMessage;
    }
  | { readonly type: 'saved'; readonly checkId: string; readonly created: boolean; readonly message: LocalizedMessage }
  | { readonly type: 'done'; readonly summary: CheckSummary; readonly message: LocalizedMessage }
  | {
      readonly type: 'failed';
      readonly error: WorkflowFailure;
      readonly summary: CheckSummary;
      readonly message: LocalizedMessage;
    }
  | { readonly type: 'cancelled'; readonly summary: CheckSummary; readonly message: LocalizedMessage };

/** How a check ended (the `done` promise of a handle resolves with it; it never rejects). */
export interface CheckSummary {
  readonly checkId: string;
  readonly state: 'done' | 'failed' | 'cancelled';
  readonly mode: IdentityMode;
  readonly outcome: CheckOutcome;
  readonly response?: EligibilityResponse;
  /** The result chosen (the only one, or the staff's pick among several). */
  readonly result?: EligibilityResult;
  readonly certificate?: StoredCertificate;
  readonly error?: WorkflowFailure;
  /** True when a record was written to the store by this check. */
  readonly saved: boolean;
}
