/**
 * Issue 14 (stores) on PostgreSQL: the store tests run as an ordinary role, not the superuser
 * that owns the test server, so the triggers are tested as a clinic's application meets them.
 * A superuser can switch triggers off (`session_replication_role = replica`): that bypass is
 * shown here and documented in the README, and the ordinary role cannot use it. With the schema
 * migrated by an owner role and the application holding only DML grants, the application cannot
 * disable or drop the triggers either. Lone surrogates (which the driver would send as U+FFFD, so
 * distinct values collide) and disguised individual numbers never reach the server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { StoreError } from '@onshikit/eligibility';
import type { CheckRecord } from '@onshikit/eligibility';
import { sampleCheckRecord } from '@onshikit/eligibility/testing';
import { PostgresRececonStore } from '@onshikit/store-postgres';
import { freshSchema } from './support/schemas.js';

const connectionString = inject('pgConnectionString');
const superuserConnectionString = inject('pgSuperuserConnectionString');
let app: pg.Client;
let admin: pg.Client;

beforeAll(async () => {
  app = new pg.Client({ connectionString });
  admin = new pg.Client({ connectionString: superuserConnectionString });
  await app.connect();
  await admin.connect();
});
afterAll(async () => {
  await app.end();
  await admin.end();
});

async function sqlError(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

async function storeCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return (error as StoreError).code;
  }
}

describe('PostgreSQL store as an ordinary role (issue 14)', () => {
  it('the store tests connect as a role that is not a superuser', async () => {
    const { rows } = await app.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    expect(await sqlError(app, 'SET session_replication_role = replica')).toMatch(/permission denied/);
  });

  it('a superuser bypasses the append-only triggers with session_replication_role (documented), the app role cannot', async () => {
    const schema = freshSchema('bypass');
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    await store.saveCheck(sampleCheckRecord());
    await store.close();
    expect(await sqlError(app, `DELETE FROM "${schema}".audit`)).toContain('append-only');
    await admin.query('BEGIN');
    await admin.query('SET LOCAL session_replication_role = replica');
    const deleted = await admin.query(`DELETE FROM "${schema}".audit`);
    await admin.query('ROLLBACK');
    expect(deleted.rowCount).toBe(1);
  });

  it('with an owner role migrating and the app role holding DML grants only, the app cannot disable or drop the triggers', async () => {
    const schema = freshSchema('split');
    const owner = `${schema}_owner`;
    await admin.query(`CREATE ROLE ${owner} NOLOGIN`);
    await admin.query(
      `GRANT CREATE ON DATABASE ${(await admin.query<{ d: string }>('SELECT current_database() AS d')).rows[0]?.d} TO ${owner}`,
    );
    await admin.query(`SET ROLE ${owner}`);
    const ownerPool = new pg.Pool({ connectionString: superuserConnectionString, max: 1 });
    ownerPool.on('connect', (c) => void c.query(`SET ROLE ${owner}`));
    await (await PostgresRececonStore.open({ pool: ownerPool, schema })).close();
    await ownerPool.end();
    await admin.query('RESET ROLE');
    const appRole = (await app.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u as string;
    await admin.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${appRole}`);
    await admin.query(`GRANT SELECT ON "${schema}".schema_migrations TO ${appRole}`);
    await admin.query(`GRANT SELECT, INSERT ON "${schema}".audit TO ${appRole}`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE (patient_id), DELETE ON "${schema}".checks TO ${appRole}`);
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    expect(await store.saveCheck(sampleCheckRecord())).toEqual({ created: true });
    await store.linkPatient('chk-0001', 'P-1', 'op-1');
    expect(await store.purgeOlderThan('2020-01-01T00:00:00Z', 'admin')).toMatchObject({ purged: 0 });
    await store.close();
    expect(await sqlError(app, `ALTER TABLE "${schema}".audit DISABLE TRIGGER ALL`)).toMatch(/must be (the )?owner/);
    expect(await sqlError(app, `DROP TRIGGER audit_no_update_delete ON "${schema}".audit`)).toMatch(
      /must be (the )?owner/,
    );
    expect(await sqlError(app, `DELETE FROM "${schema}".audit`)).toMatch(/permission denied|append-only/);
    expect(await sqlError(app, `UPDATE "${schema}".checks SET operator = 'x'`)).toMatch(/permission denied|immutable/);
  });

  it('refuses lone surrogates and disguised individual numbers before anything reaches the server', async () => {
    const schema = freshSchema('hostile');
    const store = await PostgresRececonStore.open({ connectionString, schema, maxConnections: 1 });
    const good = sampleCheckRecord();
    const result = good.result as NonNullable<CheckRecord['result']>;
    // Two patient ids that differ only in a lone surrogate would both arrive as "P-\uFFFD".
    expect(await storeCode(store.saveCheck(sampleCheckRecord({ checkId: 'chk-a', patientId: 'P-\uD800' })))).toBe(
      'STORE_INVALID_RECORD',
    );
    expect(await storeCode(store.saveCheck(sampleCheckRecord({ checkId: 'chk-b', patientId: 'P-\uDC00' })))).toBe(
      'STORE_INVALID_RECORD',
    );
    expect(await storeCode(store.saveCheck({ ...good, result: { ...result, name: `${result.name}\uD83D` } }))).toBe(
      'STORE_INVALID_RECORD',
    );
    expect(await storeCode(store.listChecks({ patientId: 'P-\uD800' }))).toBe('STORE_INVALID_QUERY');
    for (const s of ['１２３４５６７８９０１２', '1234-5678-9012']) {
      expect(await storeCode(store.saveCheck(sampleCheckRecord({ patientId: s })))).toBe('STORE_INVALID_RECORD');
      expect(await storeCode(store.saveCheck(sampleCheckRecord({ operator: s })))).toBe('STORE_INVALID_RECORD');
      expect(
        await storeCode(store.appendAudit({ at: '2026-11-26T00:00:00Z', actor: 'op-1', action: 'view', outcome: s })),
      ).toBe('STORE_INVALID_RECORD');
    }
    const counts = await app.query<{ c: string; a: string }>(
      `SELECT (SELECT count(*) FROM "${schema}".checks) AS c, (SELECT count(*) FROM "${schema}".audit) AS a`,
    );
    expect(counts.rows).toEqual([{ c: '0', a: '0' }]);
    await store.close();
  });
});
