/**
 * Issue 8 §2 for PostgreSQL: kill -9 terminal processes in the middle of saving. The server
 * rolls back the dead connection's open transaction, so each check is whole or absent, every
 * acknowledged save is there, and the audit trail has exactly one `check` entry per check.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { bundleChild } from './support/child-bundle.js';
import { savedIds, startChild } from './support/child.js';
import { recordFor } from './support/records.js';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');
// 100 kills in CI (ONSHIKIT_SLOW=1), 40 in a developer's quick run: each terminal process needs
// a fresh connection and migration check, so PostgreSQL kills cost ~3x a SQLite one.
const KILLS = process.env.ONSHIKIT_SLOW === '1' ? 100 : 40;
const PARALLEL = 4;
let writer: string;

beforeAll(async () => {
  writer = await bundleChild('pg-writer.ts', ['pg']);
});
afterAll(() => rmSync(writer, { force: true }));

describe('PostgreSQL store under kill -9 of its clients', () => {
  it(`keeps whole checks or none across ${KILLS} killed terminals`, async () => {
    const schema = freshSchema('crash');
    await (await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 })).close();
    const acknowledged = new Set<string>();
    for (let round = 0; round < KILLS / PARALLEL; round++) {
      const children = Array.from({ length: PARALLEL }, (_, p) => startChild(writer, [connectionString, schema, `r${round}p${p}`, '100000']));
      await Promise.all(
        children.map(async (child) => {
          if (Math.random() < 0.9) await child.savedAtLeast(Math.floor(Math.random() * 5));
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
          child.process.kill('SIGKILL');
          const exit = await child.exited;
          expect(exit.signal, exit.stderr).toBe('SIGKILL');
          for (const id of savedIds(child.lines)) acknowledged.add(id);
        }),
      );
    }
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const stored = (await client.query<{ check_id: string }>(`SELECT check_id FROM "${schema}".checks`)).rows.map((r) => r.check_id);
      const audited = (await client.query<{ check_id: string }>(`SELECT check_id FROM "${schema}".audit WHERE action = 'check'`)).rows.map((r) => r.check_id);
      for (const id of stored) expect(await store.getCheck(id)).toEqual(recordFor(id));
      expect([...audited].sort()).toEqual([...stored].sort());
      const storedSet = new Set(stored);
      for (const id of acknowledged) expect(storedSet.has(id)).toBe(true);
      console.log(`postgres crash: ${KILLS} kills, ${stored.length} checks stored, ${acknowledged.size} acknowledged`);
    } finally {
      await client.end();
      await store.close();
    }
  }, 600_000);
});
