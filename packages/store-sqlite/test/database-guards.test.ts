/**
 * What the SQLite file itself enforces, beyond the API: PRAGMAs in force, versioned
 * migrations applied once, an append-only audit trail, immutable checks, and bad data
 * rejected before any statement runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';
import { SQLITE_MIGRATIONS, SqliteRececonStore, applyPragmas, migrateSqlite } from '@onshikit/store-sqlite';

const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-guards-'));
let n = 0;
const file = (): string => path.join(dir, `g${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite guards', () => {
  it('runs in WAL with synchronous FULL, busy_timeout, foreign keys and untrusted schema', async () => {
    const filename = file();
    const store = SqliteRececonStore.open({ filename });
    const db = new Database(filename);
    applyPragmas(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    applyPragmas(db, { synchronous: 'NORMAL', busyTimeoutMs: 100 });
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(() => applyPragmas(db, { busyTimeoutMs: -1 })).toThrow(RangeError);
    db.close();
    expect(store.schemaVersion).toBe(SQLITE_MIGRATIONS.length);
    await store.close();
  });

  it('applies each migration once, also when reopened, and refuses a newer schema', async () => {
    const filename = file();
    await SqliteRececonStore.open({ filename }).close();
    const db = new Database(filename);
    expect(migrateSqlite(db)).toEqual([]);
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(
      SQLITE_MIGRATIONS.map((m) => ({ version: m.version })),
    );
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    const error = (() => {
      try {
        SqliteRececonStore.open({ filename });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_FAILED');
  });

  it('a failed migration leaves the previous version intact (one transaction)', () => {
    const db = new Database(file());
    migrateSqlite(db);
    const newest = SQLITE_MIGRATIONS.length;
    const broken = [
      ...SQLITE_MIGRATIONS,
      { version: newest + 1, name: 'broken', sql: 'CREATE TABLE extra (x INTEGER); SELECT no_such_function();' },
    ];
    expect(() => migrateSqlite(db, broken)).toThrow(StoreError);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: newest });
    db.close();
  });

  it('refuses UPDATE and DELETE of the audit trail and of a saved check, except the patient link', async () => {
    const filename = file();
    const store = SqliteRececonStore.open({ filename });
    await store.saveCheck(sampleCheckRecord());
    await store.purgeOlderThan('2030-01-01T00:00:00Z', 'admin');
    await store.saveCheck(sampleCheckRecord({ checkId: 'chk-kept', checkedAt: '2031-01-01T00:00:00.000Z' }));
    const db = new Database(filename);
    expect(() => db.prepare("UPDATE audit SET outcome = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE checks SET operator = 'someone-else'").run()).toThrow(/immutable/);
    expect(db.prepare("UPDATE checks SET patient_id = 'P-1'").run().changes).toBe(1);
    expect(db.prepare('SELECT action FROM audit ORDER BY seq').all()).toEqual([
      { action: 'check' },
      { action: 'purge' },
      { action: 'check' },
    ]);
    db.close();
    await store.close();
  });

  it('stores no PIN, no individual number and no certificate body: only the columns of the schema', () => {
    const db = new Database(':memory:');
    migrateSqlite(db);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('checks')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual([
      'check_id',
      'checked_at',
      'operator',
      'terminal_id',
      'mode',
      'outcome',
      'patient_id',
      'insurer_number',
      'cert_serial',
      'cert_not_after',
      'result_json',
      'saved_at',
    ]);
    db.close();
  });

  it('rejects bad data from a service with STORE_INVALID_RECORD before any statement runs', async () => {
    const filename = file();
    const store = SqliteRececonStore.open({ filename });
    const good = sampleCheckRecord();
    const result = good.result;
    if (result === undefined) throw new Error('fixture without result');
    const bad: unknown[] = [
      { ...good, result: { ...result, name: undefined } },
      { ...good, result: { ...result, name: '寿限無'.repeat(60) } },
      { ...good, result: { ...result, birthDate: '1980-02-30' } },
      { ...good, result: { ...result, birthDate: '19800217' } },
      { ...good, checkedAt: '2026-11-26 10:00' },
      { ...good, operator: 'clerk\u0000' },
      { ...good, patientId: '123456789012' },
    ];
    const db = new Database(filename);
    const changesBefore = db.pragma('data_version', { simple: true });
    for (const record of bad) {
      const error = await store.saveCheck(record as CheckRecord).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('STORE_INVALID_RECORD');
    }
    // data_version changes when another connection commits: nothing was written.
    expect(db.pragma('data_version', { simple: true })).toBe(changesBefore);
    expect(db.prepare('SELECT COUNT(*) AS n FROM audit').get()).toEqual({ n: 0 });
    db.close();
    await store.close();
  });

  it('reports an unopenable file as STORE_FAILED', () => {
    expect(() => SqliteRececonStore.open({ filename: path.join(dir, 'no-such-dir', 'x.db') })).toThrow(StoreError);
  });
});
