/**
 * The `RececonStore` port (issue 8 §1): where a check lands after the workflow, how staff look
 * back at past checks (事後閲覧), and the append-only audit trail. Adapters (SQLite, PostgreSQL)
 * keep the indexed fields as plain columns and the result as a validated JSON document.
 * @module
 */
import type { CheckOutcome } from '../model/codes.js';
import type { EligibilityResult } from '../model/result.js';

/** How the identity was checked: 目視, 暗証番号, or no card (numbers typed in). */
export type IdentityMode = 'visual' | 'pin' | 'manual';

/** What is kept of the card's auth certificate: its serial and validity, never the DER. */
export interface StoredCertificate {
  /** Serial number, lower-case hex without separators. */
  readonly serial: string;
  /** Validity end, ISO 8601 date-time (UTC). */
  readonly notAfter: string;
}

/**
 * One eligibility check as saved. Indexed columns: `checkId` (unique), `checkedAt`, `patientId`,
 * `insurerNumber`, `outcome`. `result` is the validated JSON document.
 */
export interface CheckRecord {
  /** Chosen by the workflow before querying, so a retried save never makes two rows. 1-64 of `[A-Za-z0-9._:-]`. */
  readonly checkId: string;
  /** When the check completed, ISO 8601 UTC `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  readonly checkedAt: string;
  /** Who ran it: the operator id of the desk session (not a person's name is required). */
  readonly operator: string;
  /** The terminal (desk PC/tablet), when the clinic has several. */
  readonly terminalId?: string;
  readonly mode: IdentityMode;
  readonly outcome: CheckOutcome;
  /** The rececon's own patient id, when the vendor knows it. */
  readonly patientId?: string;
  /** 保険者番号 of the result (indexed for 事後閲覧 by insurer). */
  readonly insurerNumber?: string;
  readonly certificate?: StoredCertificate;
  /** The chosen result; absent for 該当資格なし, errors and cancellations. */
  readonly result?: EligibilityResult;
}

/**
 * What happened, in the audit trail. `register`: the card's basic four items were read for a
 * new patient's registration (which items, never their values).
 */
export type AuditAction =
  | 'check'
  | 'link-patient'
  | 'purge'
  | 'view'
  | 'unlock'
  | 'unlock-failed'
  | 'lock'
  | 'settings'
  | 'register';

/** An audit entry as appended (the store assigns `seq`). */
export interface AuditEntryInput {
  /** ISO 8601 UTC date-time. */
  readonly at: string;
  /** Operator id or system component. */
  readonly actor: string;
  readonly action: AuditAction;
  readonly checkId?: string;
  readonly mode?: IdentityMode;
  /** Outcome code: a {@link CheckOutcome}, an error code, or `ok`. */
  readonly outcome: string;
  /**
   * Small non-secret facts (counts, cutoff, certificate serial). Never a PIN, never an individual
   * number (12-digit runs are refused), never the raw certificate.
   */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** A stored audit entry. */
export interface AuditEntry extends AuditEntryInput {
  /** Position in the trail, strictly increasing from 1. */
  readonly seq: number;
}

/** 事後閲覧 filter. Ranges are on `checkedAt`: `from` inclusive, `to` exclusive. */
export interface CheckQuery {
  readonly from?: string;
  readonly to?: string;
  readonly patientId?: string;
  readonly insurerNumber?: string;
  readonly outcome?: CheckOutcome;
  /** Page size, 1-500 (default 50). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/** One page of checks, newest first (`checkedAt` desc, then `checkId` desc). */
export interface CheckPage {
  readonly items: readonly CheckRecord[];
  /** Present when more items follow. */
  readonly nextCursor?: string;
}

/** Audit trail filter; entries come in `seq` order. */
export interface AuditQuery {
  readonly checkId?: string;
  /** Only entries with `seq` greater than this. */
  readonly afterSeq?: number;
  /** 1-1000 (default 100). */
  readonly limit?: number;
}

/** Result of {@link RececonStore.saveCheck}. */
export interface SaveCheckResult {
  /** False when a record with this `checkId` already existed (the store kept the first one). */
  readonly created: boolean;
}

/** Result of {@link RececonStore.purgeOlderThan}. */
export interface PurgeResult {
  readonly purged: number;
  /** The audit entry recording the purge. */
  readonly audit: AuditEntry;
}

/**
 * Where checks are saved. Every method validates its input first and rejects with a typed
 * `StoreError` (`STORE_INVALID_RECORD`, `STORE_INVALID_QUERY`, `STORE_NOT_FOUND`,
 * `STORE_CLOSED`, `STORE_FAILED`).
 */
export interface RececonStore {
  /**
   * Saves a check and, in the same transaction, its `check` audit entry. Idempotent by
   * `checkId`: a second save of the same id changes nothing and returns `created: false`.
   */
  saveCheck(record: CheckRecord): Promise<SaveCheckResult>;
  /** Links a saved check to the rececon's patient id, with a `link-patient` audit entry. */
  linkPatient(checkId: string, patientId: string, actor: string): Promise<void>;
  /** One check by id, or `undefined`. */
  getCheck(checkId: string): Promise<CheckRecord | undefined>;
  /** Past checks (事後閲覧), newest first, paginated. */
  listChecks(query?: CheckQuery): Promise<CheckPage>;
  /** Appends one audit entry; the trail is append-only (no update, no delete). */
  appendAudit(entry: AuditEntryInput): Promise<AuditEntry>;
  /** Reads the audit trail in order. */
  listAudit(query?: AuditQuery): Promise<readonly AuditEntry[]>;
  /** Deletes checks with `checkedAt` before `cutoff` and appends a `purge` audit entry. */
  purgeOlderThan(cutoff: string, actor: string): Promise<PurgeResult>;
  /** Releases the connection. Idempotent; later calls reject with `STORE_CLOSED`. */
  close(): Promise<void>;
}
