/**
 * `RececonStore` on PostgreSQL through node-postgres, for clinics whose terminals (up to 20
 * devices per clinic) share one database. Every write is one transaction: the save is a single
 * statement (`INSERT … ON CONFLICT DO NOTHING` feeding the audit insert through a CTE), linking
 * and purging are explicit `BEGIN … COMMIT` blocks.
 * @module
 */
import pg from 'pg';
import { StoreError } from '@onshikit/eligibility';
import {
  checkAuditEntry,
  encodeCheckCursor,
  isUtcDateTime,
  validateAuditEntry,
  validateAuditQuery,
  validateCheckId,
  validateCheckQuery,
  validateCheckRecord,
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
import { migratePostgres } from './migrate.js';
import { CHECK_COLUMNS, auditFromRow, auditParams, checkFromRow, checkParams } from './rows.js';
import type { AuditRow, CheckRow } from './rows.js';
import { quoteSchema } from './schema-name.js';

/** Settings of {@link PostgresRececonStore.open}. */
export interface PostgresRececonStoreOptions {
  /** An existing pool (the store does not end it on close), or … */
  readonly pool?: pg.Pool;
  /** … a connection string / config for a pool the store owns. */
  readonly connectionString?: string;
  /** Pool size when the store makes the pool (default 4). */
  readonly maxConnections?: number;
  /** Schema holding the tables (default `onshikit`); created by the first migration. */
  readonly schema?: string;
  /** Clock for entries the store writes itself (link, purge). */
  readonly now?: () => Date;
}

const AUDIT_COLUMNS = 'at, actor, action, check_id, mode, outcome, detail';

/**
 * {@link RececonStore} on PostgreSQL.
 *
 * @example
 * ```ts
 * const store = await PostgresRececonStore.open({ connectionString: process.env.DATABASE_URL });
 * await store.saveCheck(record);
 * ```
 */
export class PostgresRececonStore implements RececonStore {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #s: string;
  readonly #now: () => Date;
  #closed = false;

  private constructor(pool: pg.Pool, ownsPool: boolean, schema: string, now: () => Date) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#s = quoteSchema(schema);
    this.#now = now;
  }

  /**
   * Connects and applies pending migrations (safe with many terminals starting at once).
   * @throws StoreError `STORE_FAILED` when the server is unreachable or migration fails
   */
  static async open(options: PostgresRececonStoreOptions): Promise<PostgresRececonStore> {
    const schema = options.schema ?? 'onshikit';
    quoteSchema(schema);
    if (options.pool === undefined && options.connectionString === undefined) {
      throw new StoreError('STORE_INVALID_QUERY', {
        detail: { field: 'connection', reason: 'pool or connectionString required' },
      });
    }
    const ownsPool = options.pool === undefined;
    const pool =
      options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4 });
    if (ownsPool) pool.on('error', () => undefined); // an idle client's connection dropped: the next query reconnects
    try {
      await migratePostgres(pool, schema);
    } catch (error) {
      // biome-ignore lint/plugin/no-swallowed-rejection: the connection error is what is thrown
      if (ownsPool) await pool.end().catch(() => undefined);
      throw error;
    }
    return new PostgresRececonStore(pool, ownsPool, schema, options.now ?? (() => new Date()));
  }

  async saveCheck(record: CheckRecord): Promise<SaveCheckResult> {
    this.#open();
    const valid = validateCheckRecord(record);
    const audit = validateAuditEntry(checkAuditEntry(valid));
    // One statement, hence one transaction: the audit row is inserted only when the check row
    // was. A concurrent save of the same id waits on the unique index, then does nothing.
    const sql = `WITH saved AS (
        INSERT INTO ${this.#s}.checks (${CHECK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
        ON CONFLICT (check_id) DO NOTHING RETURNING check_id)
      INSERT INTO ${this.#s}.audit (${AUDIT_COLUMNS})
        SELECT $12, $13, $14, $15, $16, $17, $18 FROM saved RETURNING seq`;
    const result = await this.#query('saveCheck', sql, [...checkParams(valid), ...auditParams(audit)]);
    return { created: result.rowCount === 1 };
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
    await this.#transaction('linkPatient', async (client) => {
      const found = await client.query<CheckRow>(`SELECT * FROM ${this.#s}.checks WHERE check_id = $1 FOR UPDATE`, [
        checkId,
      ]);
      const row = found.rows[0];
      if (row === undefined) throw new StoreError('STORE_NOT_FOUND', { detail: { checkId } });
      const linked = validateCheckRecord({ ...checkFromRow(row), patientId });
      await client.query(`UPDATE ${this.#s}.checks SET patient_id = $1 WHERE check_id = $2`, [
        linked.patientId ?? null,
        checkId,
      ]);
      await client.query(
        `INSERT INTO ${this.#s}.audit (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        auditParams(audit),
      );
    });
  }

  async getCheck(checkId: string): Promise<CheckRecord | undefined> {
    this.#open();
    validateCheckId(checkId, 'STORE_INVALID_QUERY');
    const result = await this.#query<CheckRow>('getCheck', `SELECT * FROM ${this.#s}.checks WHERE check_id = $1`, [
      checkId,
    ]);
    const row = result.rows[0];
    return row === undefined ? undefined : checkFromRow(row);
  }

  async listChecks(query: CheckQuery = {}): Promise<CheckPage> {
    this.#open();
    const q = validateCheckQuery(query);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (q.from !== undefined) where.push(`checked_at >= ${param(q.from)}`);
    if (q.to !== undefined) where.push(`checked_at < ${param(q.to)}`);
    if (q.patientId !== undefined) where.push(`patient_id = ${param(q.patientId)}`);
    if (q.insurerNumber !== undefined) where.push(`insurer_number = ${param(q.insurerNumber)}`);
    if (q.outcome !== undefined) where.push(`outcome = ${param(q.outcome)}`);
    // Keyset pagination: strictly after the previous page's last item in (time, id) desc order.
    if (q.after !== undefined)
      where.push(`(checked_at, check_id) < (${param(q.after.checkedAt)}::timestamptz, ${param(q.after.checkId)})`);
    const sql = `SELECT * FROM ${this.#s}.checks ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY checked_at DESC, check_id DESC LIMIT ${param(q.limit + 1)}`;
    const rows = (await this.#query<CheckRow>('listChecks', sql, params)).rows;
    const items = rows.slice(0, q.limit).map(checkFromRow);
    const last = items[items.length - 1];
    return rows.length > q.limit && last !== undefined ? { items, nextCursor: encodeCheckCursor(last) } : { items };
  }

  async appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    this.#open();
    const valid = validateAuditEntry(entry);
    const result = await this.#query<{ seq: string }>(
      'appendAudit',
      `INSERT INTO ${this.#s}.audit (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
      auditParams(valid),
    );
    return { seq: Number(result.rows[0]?.seq), ...valid };
  }

  async listAudit(query: AuditQuery = {}): Promise<readonly AuditEntry[]> {
    this.#open();
    // validateAuditQuery (eligibility) reads properties of null: refuse non-objects here first.
    if (typeof query !== 'object' || query === null)
      throw new StoreError('STORE_INVALID_QUERY', { detail: { field: 'query', reason: 'not an object' } });
    const q = validateAuditQuery(query);
    const result =
      q.checkId === undefined
        ? await this.#query<AuditRow>(
            'listAudit',
            `SELECT * FROM ${this.#s}.audit WHERE seq > $1 ORDER BY seq LIMIT $2`,
            [q.afterSeq, q.limit],
          )
        : await this.#query<AuditRow>(
            'listAudit',
            `SELECT * FROM ${this.#s}.audit WHERE check_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
            [q.checkId, q.afterSeq, q.limit],
          );
    return result.rows.map(auditFromRow);
  }

  async purgeOlderThan(cutoff: string, actor: string): Promise<PurgeResult> {
    this.#open();
    if (!isUtcDateTime(cutoff))
      throw new StoreError('STORE_INVALID_QUERY', {
        detail: { field: 'cutoff', reason: 'not an ISO 8601 UTC date-time' },
      });
    const limit = new Date(cutoff).toISOString();
    validateAuditEntry({
      at: this.#now().toISOString(),
      actor,
      action: 'purge',
      outcome: 'ok',
      detail: { cutoff: limit, purged: 0 },
    });
    return this.#transaction('purgeOlderThan', async (client) => {
      const purged = (await client.query(`DELETE FROM ${this.#s}.checks WHERE checked_at < $1`, [limit])).rowCount ?? 0;
      const audit = validateAuditEntry({
        at: this.#now().toISOString(),
        actor,
        action: 'purge',
        outcome: 'ok',
        detail: { cutoff: limit, purged },
      });
      const inserted = await client.query<{ seq: string }>(
        `INSERT INTO ${this.#s}.audit (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq`,
        auditParams(audit),
      );
      return { purged, audit: { seq: Number(inserted.rows[0]?.seq), ...audit } };
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  #open(): void {
    if (this.#closed) throw new StoreError('STORE_CLOSED');
  }

  async #query<R extends pg.QueryResultRow>(
    operation: string,
    sql: string,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    try {
      return await this.#pool.query<R>(sql, params);
    } catch (cause) {
      throw new StoreError('STORE_FAILED', { detail: { operation }, cause });
    }
  }

  async #transaction<T>(operation: string, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (cause) {
      throw new StoreError('STORE_FAILED', { detail: { operation }, cause });
    }
    try {
      await client.query('BEGIN');
      const value = await body(client);
      await client.query('COMMIT');
      return value;
    } catch (cause) {
      // biome-ignore lint/plugin/no-swallowed-rejection: the transaction error is what is thrown; a failed ROLLBACK ends with the connection
      await client.query('ROLLBACK').catch(() => undefined);
      if (cause instanceof StoreError) throw cause;
      throw new StoreError('STORE_FAILED', { detail: { operation }, cause });
    } finally {
      client.release();
    }
  }
}
