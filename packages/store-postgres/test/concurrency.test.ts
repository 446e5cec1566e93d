/**
 * Issue 8 §2: twenty terminals (separate connections) saving into one PostgreSQL database at
 * once, racing on shared check ids, and twenty terminals running the migrations at once.
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { deterministicCheckRecord } from '@onshikit/eligibility/testing';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');
const TERMINALS = 20;

describe('PostgreSQL store with 20 terminals', () => {
  it('twenty terminals migrating one empty schema at once apply each migration exactly once', async () => {
    const schema = freshSchema('mig');
    const stores = await Promise.all(
      Array.from({ length: TERMINALS }, () =>
        PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 }),
      ),
    );
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const rows = (
        await client.query<{ version: number; n: string }>(
          `SELECT version, COUNT(*) AS n FROM "${schema}".schema_migrations GROUP BY version`,
        )
      ).rows;
      expect(rows.map((r) => [r.version, Number(r.n)])).toEqual([[1, 1]]);
    } finally {
      await client.end();
    }
  });

  it(`${TERMINALS} connections × (40 own + 25 shared) saves: every check once, with one audit entry, none torn`, async () => {
    const schema = freshSchema('conc');
    const OWN = 40;
    const SHARED = 25;
    const stores = await Promise.all(
      Array.from({ length: TERMINALS }, () =>
        PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 }),
      ),
    );
    try {
      const created = await Promise.all(
        stores.map(async (store, t) => {
          let sharedCreated = 0;
          for (let i = 0; i < OWN; i++) {
            expect((await store.saveCheck(deterministicCheckRecord(`t${t}-${i}`))).created).toBe(true);
            if (i < SHARED && (await store.saveCheck(deterministicCheckRecord(`shared-${i}`))).created) sharedCreated++;
          }
          return sharedCreated;
        }),
      );
      expect(created.reduce((a, b) => a + b, 0)).toBe(SHARED); // each shared id created by exactly one terminal

      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        const count = Number(
          (await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${schema}".checks`)).rows[0]?.n,
        );
        const audit = (
          await client.query<{ n: string; d: string }>(
            `SELECT COUNT(*) AS n, COUNT(DISTINCT check_id) AS d FROM "${schema}".audit WHERE action = 'check'`,
          )
        ).rows[0];
        expect(count).toBe(TERMINALS * OWN + SHARED);
        expect({ n: Number(audit?.n), d: Number(audit?.d) }).toEqual({ n: count, d: count });
        const missing = (
          await client.query(
            `SELECT c.check_id FROM "${schema}".checks c LEFT JOIN "${schema}".audit a ON a.check_id = c.check_id AND a.action = 'check' WHERE a.seq IS NULL`,
          )
        ).rowCount;
        expect(missing).toBe(0);
        console.log(`postgres concurrency: ${TERMINALS} connections, ${count} checks, ${audit?.n} check audit entries`);
      } finally {
        await client.end();
      }
      const reader = stores[0];
      if (reader === undefined) throw new Error('no store');
      for (let t = 0; t < TERMINALS; t++)
        for (let i = 0; i < OWN; i++)
          expect(await reader.getCheck(`t${t}-${i}`)).toEqual(deterministicCheckRecord(`t${t}-${i}`));
      for (let i = 0; i < SHARED; i++)
        expect(await reader.getCheck(`shared-${i}`)).toEqual(deterministicCheckRecord(`shared-${i}`));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  }, 120_000);
});
