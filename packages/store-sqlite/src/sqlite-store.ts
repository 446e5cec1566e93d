/**
 * `RececonStore` on SQLite through better-sqlite3. One `BEGIN IMMEDIATE` transaction per
 * write: the check row and its audit entry commit together or not at all.
 * @module
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '@onshikit/eligibility';
import {
  encodeCheckCursor,
  isUtcDateTime,
  validateAuditEntry,
  validateAuditQuery,
  validateCheckId,
  validateCheckQuery,
  validateCheckRecord,
  checkAuditEntry,
} from '@onshikit/eligibility/store-kit';
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
} from '@onshikit/eligibility';
import { migrateSqlite } from './migrate.js';
import { applyPragmas } from './pragmas.js';
import type { SqliteSynchronous } from './pragmas.js';
import { auditFromRow, checkFromRow, checkToRow } from './rows.js';
import type { AuditRow, CheckRow } from './rows.js';

/** Settings of {@link SqliteRececonStore}. */
export interface SqliteRececonStoreOptions {
  /** Database file; `:memory:` for a throwaway store. */
  readonly filename: string;
  /** Durability, `FULL` by default (see `applyPragmas`). */
  readonly synchronous?: SqliteSynchronous;
  /** Wait for another process's write lock, ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Clock for entries the store writes itself (link, purge). Default: `new Date()`. */
  readonly now?: () => Date;
}

/**
 * The embedded default {@link RececonStore}: a single SQLite file in WAL mode, shared safely
 * by several processes on one PC.
 *
 * @example
 * ```ts
 * const store = SqliteRececonStore.open({ filename: 'C:/ProgramData/Rececon/checks.db' });
 * await store.saveCheck(record);
 * ```
 */
export class SqliteRececonStore implements RececonStore {
  readonly #db: BetterSqlite3.Database;
  readonly #now: () => Date;
  readonly #stmt: ReturnType<typeof prepare>;
  #closed = false;

  private constructor(db: BetterSqlite3.Database, now: () => Date) {
    this.#db = db;
    this.#now = now;
    this.#stmt = prepare(db);
  }

  /**
   * Opens (creating if needed) the database, applies the PRAGMAs and any pending migration.
   * @throws StoreError `STORE_FAILED` when the file cannot be opened or migrated
   */
  static open(options: SqliteRececonStoreOptions): SqliteRececonStore {
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new Database(options.filename);
      applyPragmas(db, {
        ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
        ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      });
      migrateSqlite(db);
      return new SqliteRececonStore(db, options.now ?? (() => new Date()));
    } catch (cause) {
      db?.close();
      if (cause instanceof StoreError) throw cause;
      throw new StoreError('STORE_FAILED', { detail: { operation: 'open' }, cause });
    }
  }

  /** The schema version after migrations (for diagnostics). */
  get schemaVersion(): number {
    this.#open();
    return (this.#db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v;
  }

  async saveCheck(record: CheckRecord): Promise<SaveCheckResult> {
    this.#open();
    const valid = validateCheckRecord(record);
    const audit = validateAuditEntry(checkAuditEntry(valid));
    const row = checkToRow(valid, this.#now().toISOString());
    return this.#write('saveCheck', () => {
      // Looked up under the write lock (BEGIN IMMEDIATE): the checks_no_replace trigger refuses
      // any insert of an existing id, so a repeated save must not reach the INSERT.
      if (this.#stmt.getCheck.get(row.check_id) !== undefined) return { created: false };
      const inserted = this.#stmt.insertCheck.run(row);
      if (inserted.changes === 0) return { created: false };
      this.#stmt.insertAudit.run(auditParams(audit));
      return { created: true };
    });
  }

  async linkPatient(checkId: string, patientId: string, actor: string): Promise<void> {
    this.#open();
    validateCheckId(checkId, 'STORE_INVALID_QUERY');
    const audit = validateAuditEntry({
      at: this.#now().toISOString(),
      actor,
      action: 'link-patient',
      checkId,
      outcome: 'ok',
    });
    this.#write('linkPatient', () => {
      const row = this.#stmt.getCheck.get(checkId) as CheckRow | undefined;
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', { detail: { checkId } });
      const linked = validateCheckRecord({ ...checkFromRow(row), patientId });
      this.#stmt.linkPatient.run(linked.patientId ?? null, checkId);
      this.#stmt.insertAudit.run(auditParams(audit));
    });
  }

  async getCheck(checkId: string): Promise<CheckRecord | undefined> {
    this.#open();
    validateCheckId(checkId, 'STORE_INVALID_QUERY');
    const row = this.#read('getCheck', () => this.#stmt.getCheck.get(checkId) as CheckRow | undefined);
    return row === undefined ? undefined : checkFromRow(row);
  }

  async listChecks(query: CheckQuery = {}): Promise<CheckPage> {
    this.#open();
    const q = validateCheckQuery(query);
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit + 1 };
    if (q.from !== undefined) {
      where.push('checked_at >= @from');
      params.from = q.from;
    }
    if (q.to !== undefined) {
      where.push('checked_at < @to');
      params.to = q.to;
    }
    if (q.patientId !== undefined) {
      where.push('patient_id = @patientId');
      params.patientId = q.patientId;
    }
    if (q.insurerNumber !== undefined) {
      where.push('insurer_number = @insurer');
      params.insurer = q.insurerNumber;
    }
    if (q.outcome !== undefined) {
      where.push('outcome = @outcome');
      params.outcome = q.outcome;
    }
    if (q.after !== undefined) {
      // Keyset pagination: strictly after the last item of the previous page in (time, id) desc order.
      where.push('(checked_at < @afterAt OR (checked_at = @afterAt AND check_id < @afterId))');
      params.afterAt = q.after.checkedAt;
      params.afterId = q.after.checkId;
    }
    const sql = `SELECT * FROM checks ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY checked_at DESC, check_id DESC LIMIT @limit`;
    const rows = this.#read('listChecks', () => this.#db.prepare(sql).all(params) as CheckRow[]);
    const items = rows.slice(0, q.limit).map(checkFromRow);
    const last = items[items.length - 1];
    return rows.length > q.limit && last !== undefined ? { items, nextCursor: encodeCheckCursor(last) } : { items };
  }

  async appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    this.#open();
    const valid = validateAuditEntry(entry);
    return this.#write('appendAudit', () => ({
      seq: Number(this.#stmt.insertAudit.run(auditParams(valid)).lastInsertRowid),
      ...valid,
    }));
  }

  async listAudit(query: AuditQuery = {}): Promise<readonly AuditEntry[]> {
    this.#open();
    // validateAuditQuery (eligibility) reads properties of null: refuse non-objects here first.
    if (typeof query !== 'object' || query === null)
      throw new StoreError('STORE_INVALID_QUERY', { detail: { field: 'query', reason: 'not an object' } });
    const q = validateAuditQuery(query);
    const rows = this.#read('listAudit', () =>
      q.checkId === undefined
        ? (this.#stmt.listAudit.all(q.afterSeq, q.limit) as AuditRow[])
        : (this.#stmt.listAuditByCheck.all(q.checkId, q.afterSeq, q.limit) as AuditRow[]),
    );
    return rows.map(auditFromRow);
  }

  async purgeOlderThan(cutoff: string, actor: string): Promise<PurgeResult> {
    this.#open();
    if (!isUtcDateTime(cutoff))
      throw new StoreError('STORE_INVALID_QUERY', {
        detail: { field: 'cutoff', reason: 'not an ISO 8601 UTC date-time' },
      });
    const limit = new Date(cutoff).toISOString();
    // Validate the audit entry before the transaction (actor checked) with a placeholder count.
    validateAuditEntry({
      at: this.#now().toISOString(),
      actor,
      action: 'purge',
      outcome: 'ok',
      detail: { cutoff: limit, purged: 0 },
    });
    return this.#write('purgeOlderThan', () => {
      const purged = this.#stmt.purge.run(limit).changes;
      const audit = validateAuditEntry({
        at: this.#now().toISOString(),
        actor,
        action: 'purge',
        outcome: 'ok',
        detail: { cutoff: limit, purged },
      });
      const seq = Number(this.#stmt.insertAudit.run(auditParams(audit)).lastInsertRowid);
      return { purged, audit: { seq, ...audit } };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  #open(): void {
    if (this.#closed) throw new StoreError('STORE_CLOSED');
  }

  #write<T>(operation: string, body: () => T): T {
    try {
      return this.#db.transaction(body).immediate();
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      throw new StoreError('STORE_FAILED', { detail: { operation }, cause });
    }
  }

  #read<T>(operation: string, body: () => T): T {
    try {
      return body();
    } catch (cause) {
      throw new StoreError('STORE_FAILED', { detail: { operation }, cause });
    }
  }
}

function auditParams(entry: AuditEntryInput): Record<string, string | null> {
  return {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    checkId: entry.checkId ?? null,
    mode: entry.mode ?? null,
    outcome: entry.outcome,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
}

function prepare(db: BetterSqlite3.Database) {
  return {
    insertCheck: db.prepare(
      `INSERT INTO checks (check_id, checked_at, operator, terminal_id, mode, outcome, patient_id, insurer_number, cert_serial, cert_not_after, result_json, saved_at)
       VALUES (@check_id, @checked_at, @operator, @terminal_id, @mode, @outcome, @patient_id, @insurer_number, @cert_serial, @cert_not_after, @result_json, @saved_at)
       ON CONFLICT (check_id) DO NOTHING`,
    ),
    insertAudit: db.prepare(
      'INSERT INTO audit (at, actor, action, check_id, mode, outcome, detail_json) VALUES (@at, @actor, @action, @checkId, @mode, @outcome, @detail)',
    ),
    getCheck: db.prepare('SELECT * FROM checks WHERE check_id = ?'),
    linkPatient: db.prepare('UPDATE checks SET patient_id = ? WHERE check_id = ?'),
    listAudit: db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?'),
    listAuditByCheck: db.prepare('SELECT * FROM audit WHERE check_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    purge: db.prepare('DELETE FROM checks WHERE checked_at < ?'),
  };
}
