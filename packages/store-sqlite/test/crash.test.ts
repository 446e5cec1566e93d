/**
 * Issue 8 §2: kill -9 a writer in the middle of saving, 200 times, at random points. After each
 * restart the store holds every check whole or not at all, every acknowledged save survived,
 * and the audit trail has exactly one `check` entry per stored check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';
import { SqliteRececonStore } from '@onshikit/store-sqlite';
import { bundleChild } from '../../../test-support/stores/child-bundle.js';
import { killWritersAtRandomPoints, startChild } from '../../../test-support/stores/child.js';

// 200 kills as the issue asks in CI (ONSHIKIT_SLOW=1); 40 in a developer's quick run.
const KILLS = process.env.ONSHIKIT_SLOW === '1' ? 200 : 40;
const PARALLEL = 4;
let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-crash-'));
  writer = await bundleChild(new URL('./support/sqlite-writer.ts', import.meta.url), ['better-sqlite3']);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

describe('SQLite store under kill -9', () => {
  it(`keeps whole checks or none across ${KILLS} kills at random points`, async () => {
    const filename = path.join(dir, 'crash.db');
    const { acknowledged, killedAfterReady } = await killWritersAtRandomPoints(KILLS, PARALLEL, (name) =>
      startChild(writer, [filename, name, '100000']),
    );
    expect(killedAfterReady).toBeGreaterThan(KILLS / 2);

    const store = SqliteRececonStore.open({ filename });
    const db = new Database(filename, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = (db.prepare('SELECT check_id FROM checks').all() as { check_id: string }[]).map((r) => r.check_id);
      const audited = (
        db.prepare("SELECT check_id FROM audit WHERE action = 'check'").all() as { check_id: string }[]
      ).map((r) => r.check_id);
      // No torn row: every stored check equals the record its id stands for, field by field.
      for (const id of stored) expect(await store.getCheck(id)).toEqual(deterministicCheckRecord(id));
      // The trail agrees: one check entry per stored check, none for a check that is not there.
      expect([...audited].sort()).toEqual([...stored].sort());
      expect(new Set(audited).size).toBe(audited.length);
      // Durability of acknowledged commits (synchronous=FULL, and a process kill never loses a WAL commit).
      const storedSet = new Set(stored);
      for (const id of acknowledged) expect(storedSet.has(id)).toBe(true);
      expect(stored.length).toBeGreaterThanOrEqual(acknowledged.size);
      console.log(
        `crash: ${KILLS} kills, ${stored.length} checks stored, ${acknowledged.size} acknowledged, ${stored.length - acknowledged.size} committed but unacknowledged`,
      );
    } finally {
      db.close();
      await store.close();
    }
  }, 600_000);
});
