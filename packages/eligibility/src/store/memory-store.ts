/**
 * The in-memory reference `RececonStore`: the behaviour every adapter must match (it passes
 * `receconStoreConformanceCases`). Useful for tests and demos; nothing survives the process.
 * @module
 */
import { StoreError } from '../errors.js';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  CheckPage,
  CheckQuery,
  CheckRecord,
  PurgeResult,
  RececonStore,
  SaveCheckResult,
} from './types.js';
import {
  checkAuditEntry,
  compareChecksNewestFirst,
  encodeCheckCursor,
  isUtcDateTime,
  normalizeUtc,
  validateAuditEntry,
  validateAuditQuery,
  validateCheckId,
  validateCheckQuery,
  validateCheckRecord,
} from './validate.js';

/** Options of {@link MemoryRececonStore}. */
export interface MemoryRececonStoreOptions {
  /** Clock for the audit entries the store writes itself (default `Date.now`). */
  readonly now?: () => Date;
}

/** A {@link RececonStore} kept in memory; records are deep-copied in and out. */
export class MemoryRececonStore implements RececonStore {
  readonly #checks = new Map<string, CheckRecord>();
  readonly #audit: AuditEntry[] = [];
  readonly #now: () => Date;
  #closed = false;

  constructor(options: MemoryRececonStoreOptions = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  async saveCheck(record: CheckRecord): Promise<SaveCheckResult> {
    this.#open();
    const valid = validateCheckRecord(record);
    if (this.#checks.has(valid.checkId)) return { created: false };
    const audit = validateAuditEntry(checkAuditEntry(valid));
    this.#checks.set(valid.checkId, clone(valid));
    this.#push(audit);
    return { created: true };
  }

  async linkPatient(checkId: string, patientId: string, actor: string): Promise<void> {
    this.#open();
    validateCheckId(checkId, 'STORE_INVALID_QUERY');
    const existing = this.#checks.get(checkId);
    if (existing === undefined) throw new StoreError('STORE_NOT_FOUND', { detail: { checkId } });
    const linked = validateCheckRecord({ ...existing, patientId });
    const audit = validateAuditEntry({
      at: this.#now().toISOString(),
      actor,
      action: 'link-patient',
      checkId,
      outcome: 'ok',
    });
    this.#checks.set(checkId, clone(linked));
    this.#push(audit);
  }

  async getCheck(checkId: string): Promise<CheckRecord | undefined> {
    this.#open();
    validateCheckId(checkId, 'STORE_INVALID_QUERY');
    const found = this.#checks.get(checkId);
    return found === undefined ? undefined : clone(found);
  }

  async listChecks(query: CheckQuery = {}): Promise<CheckPage> {
    this.#open();
    const q = validateCheckQuery(query);
    const matching = [...this.#checks.values()]
      .filter(
        (c) =>
          (q.from === undefined || c.checkedAt >= q.from) &&
          (q.to === undefined || c.checkedAt < q.to) &&
          (q.patientId === undefined || c.patientId === q.patientId) &&
          (q.insurerNumber === undefined || c.insurerNumber === q.insurerNumber) &&
          (q.outcome === undefined || c.outcome === q.outcome) &&
          (q.after === undefined || compareChecksNewestFirst(c, q.after) > 0),
      )
      .sort(compareChecksNewestFirst);
    const items = matching.slice(0, q.limit).map(clone);
    const last = items[items.length - 1];
    return matching.length > q.limit && last !== undefined ? { items, nextCursor: encodeCheckCursor(last) } : { items };
  }

  async appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    this.#open();
    return clone(this.#push(validateAuditEntry(entry)));
  }

  async listAudit(query: AuditQuery = {}): Promise<readonly AuditEntry[]> {
    this.#open();
    const q = validateAuditQuery(query);
    return this.#audit
      .filter((a) => a.seq > q.afterSeq && (q.checkId === undefined || a.checkId === q.checkId))
      .slice(0, q.limit)
      .map(clone);
  }

  async purgeOlderThan(cutoff: string, actor: string): Promise<PurgeResult> {
    this.#open();
    if (!isUtcDateTime(cutoff))
      throw new StoreError('STORE_INVALID_QUERY', {
        detail: { field: 'cutoff', reason: 'not an ISO 8601 UTC date-time' },
      });
    const limit = normalizeUtc(cutoff);
    let purged = 0;
    for (const [id, check] of this.#checks) {
      if (check.checkedAt < limit) {
        this.#checks.delete(id);
        purged += 1;
      }
    }
    const audit = this.#push(
      validateAuditEntry({
        at: this.#now().toISOString(),
        actor,
        action: 'purge',
        outcome: 'ok',
        detail: { cutoff: limit, purged },
      }),
    );
    return { purged, audit: clone(audit) };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #push(entry: AuditEntryInput): AuditEntry {
    const stored: AuditEntry = { seq: this.#audit.length + 1, ...entry };
    this.#audit.push(stored);
    return stored;
  }

  #open(): void {
    if (this.#closed) throw new StoreError('STORE_CLOSED');
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
