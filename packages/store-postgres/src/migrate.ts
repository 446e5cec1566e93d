/**
 * Applies pending {@link POSTGRES_MIGRATIONS} in one transaction that first takes
 * `pg_advisory_xact_lock` on a key derived from the schema name: concurrent starters queue on
 * the lock, and each one re-reads the applied versions after getting it, so every migration
 * runs once even when twenty terminals start together. The lock ends with the transaction.
 * @module
 */
import type pg from 'pg';
import { StoreError } from '@onshikit/eligibility';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import type { PostgresMigration } from './migrations.js';
import { quoteSchema } from './schema-name.js';

/** First key of the two-key advisory lock: "on" in ASCII, our lock class. */
const LOCK_CLASS = 0x6f6e;

/**
 * Brings `schema` to the newest version; returns the versions applied by this call.
 * @throws StoreError `STORE_FAILED` (also when the database has a newer schema than this package)
 */
export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const s = quoteSchema(schema);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    throw new StoreError('STORE_FAILED', { detail: { operation: 'connect' }, cause });
  }
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, schema]);
    // An application role that does not own the schema (README: the trail then survives a
    // compromised application) may not run DDL, not even `IF NOT EXISTS`: skip it when the
    // schema is already there.
    const exists =
      (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`${s}.schema_migrations`])).rows[0]
        ?.t != null;
    if (!exists) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
    }
    const current = Number(
      (await client.query<{ v: number }>(`SELECT COALESCE(MAX(version), 0) AS v FROM ${s}.schema_migrations`)).rows[0]
        ?.v ?? 0,
    );
    const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    if (current > newest) {
      throw new StoreError('STORE_FAILED', {
        detail: { operation: 'migrate', reason: `schema version ${current} is newer than this package (${newest})` },
      });
    }
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.query(migration.sql.replaceAll('{s}', s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (cause) {
    // biome-ignore lint/plugin/no-swallowed-rejection: the migration error is what is thrown; a failed ROLLBACK ends with the connection
    await client.query('ROLLBACK').catch(() => undefined);
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('STORE_FAILED', { detail: { operation: 'migrate' }, cause });
  } finally {
    client.release();
  }
}
