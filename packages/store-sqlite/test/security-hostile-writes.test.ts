/**
 * Issue 14 (stores), as attacks on the SQLite file: lone surrogates and disguised individual
 * numbers refused before any statement runs, and `INSERT OR REPLACE` / `REPLACE INTO` by a
 * process with the file open unable to rewrite the audit trail or a saved check (SQLite's
 * REPLACE deletes the conflicting row without firing DELETE triggers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';
import { SqliteRececonStore } from '@onshikit/store-sqlite';

const dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-hostile-'));
let n = 0;
const file = (): string => path.join(dir, `h${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function storeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return (error as StoreError).code;
  }
}

describe('SQLite store against hostile writes (issue 14)', () => {
  it('refuses lone surrogates with a StoreError instead of storing them altered', async () => {
    const filename = file();
    const store = SqliteRececonStore.open({ filename });
    const good = sampleCheckRecord();
    const result = good.result as NonNullable<CheckRecord['result']>;
    expect(await storeCode(store.saveCheck(sampleCheckRecord({ patientId: 'P-\uD800' })))).toBe('STORE_INVALID_RECORD');
    expect(await storeCode(store.saveCheck({ ...good, result: { ...result, name: `${result.name}\uDC00` } }))).toBe(
      'STORE_INVALID_RECORD',
    );
    expect(
      await storeCode(
        store.appendAudit({ at: '2026-11-26T00:00:00Z', actor: 'op-\uDBFF', action: 'view', outcome: 'ok' }),
      ),
    ).toBe('STORE_INVALID_RECORD');
    expect(await storeCode(store.listChecks({ patientId: 'P-\uDFFF' }))).toBe('STORE_INVALID_QUERY');
    await store.saveCheck(good);
    expect(await storeCode(store.linkPatient(good.checkId, 'P-\uD83D', 'op-1'))).toBe('STORE_INVALID_RECORD');
    expect((await store.getCheck(good.checkId))?.patientId).toBeUndefined();
    await store.close();
  });

  it('refuses individual numbers in full width or with separators in every guarded field', async () => {
    const store = SqliteRececonStore.open({ filename: file() });
    for (const s of ['１２３４５６７８９０１２', '1234-5678-9012', '1234 5678 9012']) {
      expect(await storeCode(store.saveCheck(sampleCheckRecord({ patientId: s })))).toBe('STORE_INVALID_RECORD');
      expect(await storeCode(store.saveCheck(sampleCheckRecord({ operator: s })))).toBe('STORE_INVALID_RECORD');
      expect(await storeCode(store.saveCheck(sampleCheckRecord({ terminalId: s })))).toBe('STORE_INVALID_RECORD');
      expect(
        await storeCode(
          store.appendAudit({
            at: '2026-11-26T00:00:00Z',
            actor: 'op-1',
            action: 'view',
            outcome: 'ok',
            detail: { note: s },
          }),
        ),
      ).toBe('STORE_INVALID_RECORD');
    }
    expect(await store.listAudit()).toEqual([]);
    await store.close();
  });

  it('INSERT OR REPLACE and REPLACE INTO cannot rewrite the audit trail or a saved check', async () => {
    const filename = file();
    const store = SqliteRececonStore.open({ filename });
    await store.saveCheck(sampleCheckRecord());
    const auditBefore = await store.listAudit();
    const checkBefore = await store.getCheck('chk-0001');
    const raw = new Database(filename);
    const attacks = [
      "INSERT OR REPLACE INTO audit (seq, at, actor, action, outcome) VALUES (1, '2026-11-26T00:00:00.000Z', 'nobody', 'check', 'forged')",
      "REPLACE INTO audit (seq, at, actor, action, outcome) VALUES (1, '2026-11-26T00:00:00.000Z', 'nobody', 'check', 'forged')",
      "INSERT OR REPLACE INTO checks (check_id, checked_at, operator, mode, outcome, saved_at) VALUES ('chk-0001', '2026-11-26T01:02:03.000Z', 'forger', 'visual', 'invalid', '2026-11-26T01:02:03.000Z')",
      "REPLACE INTO checks (check_id, checked_at, operator, mode, outcome, saved_at) VALUES ('chk-0001', '2026-11-26T01:02:03.000Z', 'forger', 'visual', 'invalid', '2026-11-26T01:02:03.000Z')",
      "INSERT INTO audit (seq, at, actor, action, outcome) VALUES (1, '2026-11-26T00:00:00.000Z', 'nobody', 'check', 'forged') ON CONFLICT (seq) DO UPDATE SET outcome = 'forged'",
      "UPDATE OR REPLACE audit SET outcome = 'forged' WHERE seq = 1",
    ];
    for (const sql of attacks) expect(() => raw.prepare(sql).run(), sql).toThrow(/append-only|immutable/);
    // Also with recursive_triggers off explicitly (a connection's default).
    raw.pragma('recursive_triggers = OFF');
    expect(() => raw.prepare(attacks[0] as string).run()).toThrow(/append-only/);
    raw.close();
    expect(await store.listAudit()).toEqual(auditBefore);
    expect(await store.getCheck('chk-0001')).toEqual(checkBefore);
    // The store's own idempotent save still works: same id, nothing rewritten, no new audit entry.
    expect(await store.saveCheck(sampleCheckRecord({ operator: 'someone-else' }))).toEqual({ created: false });
    expect(await store.getCheck('chk-0001')).toEqual(checkBefore);
    expect(await store.listAudit()).toEqual(auditBefore);
    // New rows still go in.
    expect(await store.saveCheck(sampleCheckRecord({ checkId: 'chk-0002' }))).toEqual({ created: true });
    await store.close();
  });
});
