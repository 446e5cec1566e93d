/**
 * `@onshikit/eligibility/store-kit`: what the source of a `RececonStore` adapter needs at run
 * time (store-sqlite, store-postgres, or a vendor's own database): the shared validation that
 * rejects bad records, queries and audit entries with a typed `StoreError` before they reach a
 * database, the opaque page cursor, the audit entry a saved check implies and the newest-first
 * order every adapter must return.
 *
 * The rule for this entry: a name is here when an adapter's `src/` calls it and an application
 * that only uses a store does not. The store contract itself (`RececonStore`, `CheckRecord`,
 * `AuditEntry`, …), `StoreError` and `MemoryRececonStore` stay in the root entry, because the
 * application holds and calls a store. What an adapter's tests use (the conformance cases, the
 * model driver, sample records) is in `@onshikit/eligibility/testing`.
 * @module
 */
export {
  checkAuditEntry,
  compareChecksNewestFirst,
  decodeCheckCursor,
  encodeCheckCursor,
  isUtcDateTime,
  validateAuditEntry,
  validateAuditQuery,
  validateCheckId,
  validateCheckQuery,
  validateCheckRecord,
} from './store/validate.js';
export type { CheckCursor, NormalizedCheckQuery } from './store/validate.js';
