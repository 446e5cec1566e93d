/**
 * Issue 8 §2 for PostgreSQL: kill -9 terminal processes in the middle of saving. The server
 * rolls back the dead connection's open transaction, so each check is whole or absent, every
 * acknowledged save is there, and the audit trail has exactly one `check` entry per check.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';
import { PostgresRececonStore } from '@onshikit/store-postgres';
// The child harness is shared with the SQLite package's crash tests.
import { bundleChild } from '../../../test-support/stores/child-bundle.js';
import { killWritersAtRandomPoints, startChild } from '../../../test-support/stores/child.js';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');
// The 200 kills in CI (ONSHIKIT_SLOW=1, ≈27 s), 40 in a developer's quick run: each
// terminal process needs a fresh connection and migration check, so a PostgreSQL kill costs
// more than a SQLite one.
const KILLS = process.env.ONSHIKIT_SLOW === '1' ? 200 : 40;
const PARALLEL = 4;
let writer: string;

beforeAll(async () => {
  writer = await bundleChild(new URL('./support/pg-writer.ts', import.meta.url), ['pg']);
});
afterAll(() => rmSync(writer, { force: true }));

describe('PostgreSQL store under kill -9 of its clients', () => {
  it(`keeps whole checks or none across ${KILLS} killed terminals`, async () => {
    const schema = freshSchema('crash');
    await (await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 })).close();
    const { acknowledged } = await killWritersAtRandomPoints(KILLS, PARALLEL, (name) =>
      startChild(writer, [connectionString, schema, name, '100000']),
    );
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const stored = (await client.query<{ check_id: string }>(`SELECT check_id FROM "${schema}".checks`)).rows.map(
        (r) => r.check_id,
      );
      const audited = (
        await client.query<{ check_id: string }>(`SELECT check_id FROM "${schema}".audit WHERE action = 'check'`)
      ).rows.map((r) => r.check_id);
      for (const id of stored) expect(await store.getCheck(id)).toEqual(deterministicCheckRecord(id));
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
