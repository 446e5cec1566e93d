/**
 * Issue 8 §2: four processes saving into one SQLite file at once, racing on 50 shared check
 * ids: no lost, duplicated or torn records; counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';
import { SQLITE_MIGRATIONS, SqliteRececonStore } from '@onshikit/store-sqlite';
import { bundleChild } from '../../../test-support/stores/child-bundle.js';
import { savedIds, startChild } from '../../../test-support/stores/child.js';

const PROCESSES = 4;
const OWN = 150;
const SHARED = 50;
let dir: string;
let writer: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'onshikit-sqlite-conc-'));
  writer = await bundleChild(new URL('./support/sqlite-writer.ts', import.meta.url), ['better-sqlite3']);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(writer, { force: true });
});

describe('SQLite store with four writer processes', () => {
  it(`${PROCESSES} processes × (${OWN} own + ${SHARED} shared) saves: every check once, with one audit entry`, async () => {
    const filename = path.join(dir, 'shared.db');
    const children = Array.from({ length: PROCESSES }, (_, p) =>
      startChild(writer, [filename, `proc${p}`, String(OWN), 'shared', String(SHARED)]),
    );
    const exits = await Promise.all(children.map((c) => c.exited));
    for (const exit of exits) expect(exit.code, exit.stderr).toBe(0);
    // Each shared id was created by exactly one process; the others were told created: false.
    const created = children.flatMap((c) => c.lines.filter((l) => l.startsWith('saved shared-') && l.endsWith(' 1')));
    expect(created).toHaveLength(SHARED);
    expect(children.every((c) => savedIds(c.lines).length === OWN + SHARED)).toBe(true);

    const db = new Database(filename, { readonly: true });
    const store = SqliteRececonStore.open({ filename });
    try {
      const count = (db.prepare('SELECT COUNT(*) AS n FROM checks').get() as { n: number }).n;
      const checkAudits = db
        .prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT check_id) AS d FROM audit WHERE action = 'check'")
        .get() as { n: number; d: number };
      expect(count).toBe(PROCESSES * OWN + SHARED);
      expect(checkAudits).toEqual({ n: count, d: count });
      const seqs = (db.prepare('SELECT seq FROM audit ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // no gap, no duplicate
      // The four processes also raced to create the schema on the fresh file: applied once.
      expect(db.prepare('SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version').all()).toEqual(
        SQLITE_MIGRATIONS.map((m) => ({ version: m.version, n: 1 })),
      );
      for (const id of [...Array(OWN).keys()].flatMap((i) =>
        [...Array(PROCESSES).keys()].map((p) => `proc${p}-${i}`),
      )) {
        expect(await store.getCheck(id)).toEqual(deterministicCheckRecord(id));
      }
      for (let i = 0; i < SHARED; i++)
        expect(await store.getCheck(`shared-${i}`)).toEqual(deterministicCheckRecord(`shared-${i}`));
      console.log(`sqlite concurrency: ${PROCESSES} processes, ${count} checks, ${checkAudits.n} check audit entries`);
    } finally {
      db.close();
      await store.close();
    }
  }, 120_000);
});
