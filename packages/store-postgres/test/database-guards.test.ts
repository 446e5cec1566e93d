/**
 * What the database itself enforces, beyond the API: the audit trail refuses UPDATE, DELETE and
 * TRUNCATE; a saved check is immutable except its patient link; migrations refuse a newer
 * schema; bad data never reaches the server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';
import type { CheckRecord } from '@onshikit/eligibility';
import { PostgresRececonStore, quoteSchema } from '@onshikit/store-postgres';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

async function sqlError(sql: string): Promise<string> {
  try {
    await client.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('PostgreSQL guards', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of the audit trail, even by the table owner', async () => {
    const schema = freshSchema('guard');
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    await store.saveCheck(sampleCheckRecord());
    await store.close();
    expect(await sqlError(`UPDATE "${schema}".audit SET outcome = 'x'`)).toContain('append-only');
    expect(await sqlError(`DELETE FROM "${schema}".audit`)).toContain('append-only');
    expect(await sqlError(`TRUNCATE "${schema}".audit`)).toContain('append-only');
    expect(await sqlError(`UPDATE "${schema}".checks SET operator = 'someone-else'`)).toContain('immutable');
    expect(await sqlError(`UPDATE "${schema}".checks SET patient_id = 'P-1'`)).toBe('no error');
    expect(Number((await client.query(`SELECT COUNT(*) AS n FROM "${schema}".audit`)).rows[0].n)).toBe(1);
  });

  it('refuses to open a schema migrated by a newer version of the package', async () => {
    const schema = freshSchema('newer');
    await (await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 })).close();
    await client.query(`INSERT INTO "${schema}".schema_migrations (version, name) VALUES (99, 'from the future')`);
    const error = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_FAILED');
  });

  it('rejects bad schema names and a missing connection with typed errors', async () => {
    for (const schema of ['Robert"; DROP TABLE x; --', 'UPPER', '', '1abc', 'a'.repeat(64)]) {
      expect(() => quoteSchema(schema)).toThrow(StoreError);
      expect(
        ((await PostgresRececonStore.open({ connectionString, schema }).catch((e: unknown) => e)) as StoreError).code,
      ).toBe('STORE_INVALID_QUERY');
    }
    expect(((await PostgresRececonStore.open({}).catch((e: unknown) => e)) as StoreError).code).toBe(
      'STORE_INVALID_QUERY',
    );
  });

  it('reports an unreachable server as STORE_FAILED', async () => {
    const error = await PostgresRececonStore.open({ connectionString: 'postgresql://nobody@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect((error as StoreError).code).toBe('STORE_FAILED');
  });

  it('rejects bad data from a service with STORE_INVALID_RECORD before any query is sent', async () => {
    const pool = new pg.Pool({ connectionString, max: 1 });
    const store = await PostgresRececonStore.open({ pool, schema: freshSchema('bad') });
    const sent: string[] = [];
    const original = pool.query.bind(pool);
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      sent.push(String(args[0]));
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    const good = sampleCheckRecord();
    const result = good.result;
    if (result === undefined) throw new Error('fixture without result');
    const bad: unknown[] = [
      { ...good, result: { ...result, name: undefined } }, // missing field
      { ...good, result: { ...result, name: '寿限無'.repeat(60) } }, // over-long name
      { ...good, result: { ...result, birthDate: '1980-02-30' } }, // impossible date
      { ...good, result: { ...result, birthDate: '19800217' } }, // wrong date format
      { ...good, checkedAt: '2026-11-26 10:00' }, // not ISO UTC
      { ...good, operator: 'clerk\u0000' }, // control character
      { ...good, patientId: '123456789012' }, // looks like an individual number
    ];
    for (const record of bad) {
      const error = await store.saveCheck(record as CheckRecord).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('STORE_INVALID_RECORD');
    }
    expect(sent).toEqual([]);
    await store.close();
    await pool.end();
  });
});
