/**
 * Applies pending {@link SQLITE_MIGRATIONS}. Safe when several processes open the same file at
 * once: `BEGIN IMMEDIATE` takes the write lock before the version is read.
 * @module
 */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '@onshikit/eligibility';
import { SQLITE_MIGRATIONS } from './migrations.js';
import type { SqliteMigration } from './migrations.js';

/**
 * Brings the schema to the newest version and returns the versions applied now.
 * @throws StoreError `STORE_FAILED` when a migration fails (nothing of it is kept) or the file has a
 *   newer schema than this package knows
 */
export function migrateSqlite(
  db: BetterSqlite3.Database,
  migrations: readonly SqliteMigration[] = SQLITE_MIGRATIONS,
): number[] {
  try {
    return runMigrations(db, migrations);
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    throw new StoreError('STORE_FAILED', { detail: { operation: 'migrate' }, cause });
  }
}

function runMigrations(db: BetterSqlite3.Database, migrations: readonly SqliteMigration[]): number[] {
  return db
    .transaction(() => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
      );
      const current = (
        db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }
      ).v;
      const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
      if (current > newest) {
        throw new StoreError('STORE_FAILED', {
          detail: { operation: 'migrate', reason: `schema version ${current} is newer than this package (${newest})` },
        });
      }
      const applied: number[] = [];
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (migration.version <= current) continue;
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          migration.version,
          migration.name,
          new Date().toISOString(),
        );
        applied.push(migration.version);
      }
      return applied;
    })
    .immediate();
}
